import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';

/** One request a local HTTP server took: what a provider (Notify, Teams, a council) would have received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent: signatures are over these bytes. */
  body: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (the client's timeout must fire). */
  hang?: boolean;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Changes how the server answers from now on. */
  answer(respond: (request: ReceivedRequest) => Reply): void;
  close(): Promise<void>;
}

/** A local HTTP server on a free port that records every request and answers as told (201 {} by default). */
export async function startHttpReceiver(
  respond: (request: ReceivedRequest) => Reply = () => ({ status: 201, body: {} }),
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const hanging: ServerResponse[] = [];
  let responder = respond;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      const reply = responder(received);
      if (reply.hang === true) {
        hanging.push(res);
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    requests,
    answer: (next) => {
      responder = next;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}

/** One email an SMTP server took, as it arrived on the wire. */
export interface CapturedMail {
  from: string;
  to: string[];
  raw: string;
}

/** An SMTP reply code and text a test server answers a step with: 4xx temporary, 5xx permanent. */
export interface SmtpRefusal {
  code: number;
  text: string;
}

export interface SmtpCapture {
  url: string;
  mails: CapturedMail[];
  /** Refuse at RCPT TO (a mailbox) or after DATA (the message), until told otherwise (undefined). */
  refuse(step: 'rcpt' | 'data', refusal: SmtpRefusal | undefined): void;
  close(): Promise<void>;
}

function smtpError(refusal: SmtpRefusal): Error {
  return Object.assign(new Error(refusal.text), { responseCode: refusal.code });
}

/** A real SMTP server (smtp-server) on a free port, without TLS or authentication, keeping every mail it takes. */
export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const refusals: { rcpt?: SmtpRefusal; data?: SmtpRefusal } = {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      callback(refusals.rcpt === undefined ? null : smtpError(refusals.rcpt));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.data !== undefined) {
          callback(smtpError(refusals.data));
          return;
        }
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
        callback(null);
      });
    },
  });
  // A client that goes away mid-connection resets it: the server carries on, as a real one does.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${String(port)}`,
    mails,
    refuse: (step, refusal) => {
      refusals[step] = refusal;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** A captured mail's headers (unfolded, names lower-cased) and its text body, decoded from its transfer encoding. */
export function readMail(raw: string): { headers: Map<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = raw.slice(split + 4);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? Buffer.from(
          body
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { headers, text: text.replace(/\r\n/g, '\n') };
}
