// The development inbox `npm start` runs: a local SMTP server (smtp-server) that keeps every email Muster sends
// under .data/inbox/ as .eml files, says one line per email, and lists them on a page for the browser.
// Development only: no TLS, no authentication, listening on the loopback interface.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** A header of a raw message, unfolded; enough for the plain messages Muster writes. */
function header(raw, name) {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The text part, decoded from quoted-printable when it is. */
function textOf(raw) {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  if (!/quoted-printable/i.test(header(raw, 'Content-Transfer-Encoding'))) return body;
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const tryPort = (p) => {
      server.once('error', (error) => (error.code === 'EADDRINUSE' && p !== 0 ? tryPort(0) : reject(error)));
      server.listen(p, '127.0.0.1', () => resolve(server.address().port));
    };
    tryPort(port);
  });
}

/** Starts the inbox; gives the SMTP URL for the worker's SMTP_URL and the page's URL for people. */
export async function startDevInbox({ root, smtpPort = 0, webPort = 3025, say = console.log }) {
  const dir = path.join(root, '.data', 'inbox');
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        count += 1;
        const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${count}.eml`;
        writeFileSync(path.join(dir, file), raw);
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        say(`[inbox] to ${to}: ${header(raw, 'Subject')}`);
        callback(null);
      });
    },
  });
  // A sender that goes away mid-connection resets it; the inbox says so and serves the next one.
  smtp.on('error', (error) => say(`[inbox] a connection ended: ${error.message}`));
  const actualSmtpPort = await listen(smtp.server, smtpPort);

  const web = createServer((req, res) => {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .reverse();
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    if (name !== '' && files.includes(name)) {
      const raw = readFileSync(path.join(dir, name), 'utf8');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>${escape(header(raw, 'Subject'))}</title><p><a href="/">Inbox</a></p>` +
          `<dl><dt>To</dt><dd>${escape(header(raw, 'To'))}</dd><dt>Subject</dt><dd>${escape(header(raw, 'Subject'))}</dd>` +
          `<dt>Message-ID</dt><dd>${escape(header(raw, 'Message-ID'))}</dd></dl><pre>${escape(textOf(raw))}</pre>`,
      );
      return;
    }
    const rows = files
      .map((f) => {
        const raw = readFileSync(path.join(dir, f), 'utf8');
        return `<tr><td>${escape(header(raw, 'Date'))}</td><td>${escape(header(raw, 'To'))}</td><td><a href="/${encodeURIComponent(f)}">${escape(header(raw, 'Subject'))}</a></td></tr>`;
      })
      .join('');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><title>Muster development inbox</title><h1>Development inbox</h1>` +
        `<p>${files.length} emails, newest first (files in .data/inbox/)</p>` +
        `<table><tr><th>Date</th><th>To</th><th>Subject</th></tr>${rows}</table>`,
    );
  });
  const actualWebPort = await listen(web, webPort);
  return {
    smtpUrl: `smtp://127.0.0.1:${actualSmtpPort}`,
    webUrl: `http://127.0.0.1:${actualWebPort}/`,
    dir,
    // Bounded: a browser's keep-alive or a half-open SMTP session must not hold `npm start` open at Ctrl-C.
    close: () => {
      web.closeAllConnections();
      const closed = Promise.all([new Promise((r) => smtp.close(r)), new Promise((r) => web.close(r))]);
      return Promise.race([closed, new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
}
