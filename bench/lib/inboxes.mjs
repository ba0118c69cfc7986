// The receiving ends of the notifications bench, in the bench process: an SMTP server and a webhook receiver,
// each noting when it accepted each message (by Message-ID, by X-Muster-Delivery) and counting repeats.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';

/** Accepted ids with their acceptance time; a second acceptance of an id is a repeat, not a new entry. */
function acceptanceLog() {
  const accepted = new Map();
  let repeats = 0;
  return {
    accepted,
    note(id) {
      if (accepted.has(id)) repeats += 1;
      else accepted.set(id, Date.now());
    },
    repeats: () => repeats,
    reset() {
      accepted.clear();
      repeats = 0;
    },
  };
}

/** An SMTP server that accepts everything and notes when each Message-ID was accepted (its 250). */
export async function startSmtpInbox() {
  const log = acceptanceLog();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
        log.note(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '');
        callback(null);
      });
    },
  });
  // A sender that goes away mid-connection resets it: the server carries on, as a real one does.
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...log,
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * A council's system subscribed to Muster's webhooks: recomputes each delivery's HMAC-SHA256 over
 * `<t>.<raw body>` with the shared secret (as docs/contract.md tells a subscriber to) and answers 401 to a bad
 * one (or one whose header and body name different deliveries), so a delivery counts as accepted only when its signature holds; notes the 204's time per X-Muster-Delivery.
 */
export async function startWebhookInbox(secret) {
  const log = acceptanceLog();
  let refused = 0;
  const verified = (header, body) => {
    const parts = Object.fromEntries(
      String(header ?? '')
        .split(',')
        .map((p) => p.split('=', 2)),
    );
    const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
    const given = Buffer.from(String(parts.v1 ?? ''), 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const delivery = String(request.headers['x-muster-delivery'] ?? '');
      // The delivery id is in the signed body too: a header that disagrees with it is not to be trusted.
      if (!verified(request.headers['x-muster-signature'], body) || JSON.parse(body).id !== delivery) {
        refused += 1;
        response.writeHead(401).end();
        return;
      }
      log.note(delivery);
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    ...log,
    refused: () => refused,
    url: `http://127.0.0.1:${server.address().port}/muster`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** Runs `fn` over `items`, `concurrency` at a time. */
export async function inPool(items, concurrency, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
