import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail the server accepted (answered DATA with 250): what "sent once" is judged by. */
export interface AcceptedMail {
  messageId: string;
  to: string[];
  raw: string;
}

export interface SmtpInbox {
  url: string;
  /** Mails accepted, in order. */
  accepted: AcceptedMail[];
  /** Every DATA received, accepted or not, by Message-ID: attempts as the server saw them. */
  attempts: string[];
  /** Connections that ended in an error (a sender killed mid-send resets its connection). */
  connectionErrors: string[];
  /** Refuse the next `count` messages at DATA with a temporary 451 (the sender must retry). */
  refuseNext(count: number): void;
  /** Refuse every message with 451 until `refuseAll(false)`. */
  refuseAll(on: boolean): void;
  /**
   * Hold the reply to the next DATA: the message is received but neither accepted nor refused. Resolves with
   * its Message-ID once it is held; `dropHeld()` then answers 451 (to a sender that is gone by then).
   */
  holdNext(): Promise<string>;
  /** Holds the replies to the next `count` DATAs; resolves with their Message-IDs once all are held. */
  holdNextMany(count: number): Promise<string[]>;
  /** Answers every held DATA with 451. */
  dropHeld(): void;
  /** Accepted mails with this Message-ID. */
  acceptedWith(messageId: string): AcceptedMail[];
  close(): Promise<void>;
}

const temporary = (): Error => Object.assign(new Error('4.3.0 Try again later'), { responseCode: 451 });

export function messageIdOf(raw: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  return /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? '';
}

/** A real SMTP server (smtp-server) on a free port that can refuse and hold replies, as a real one might. */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const accepted: AcceptedMail[] = [];
  const attempts: string[] = [];
  let refusing = 0;
  let refuseAll = false;
  let holding: { remaining: number; ids: string[]; resolve: (ids: string[]) => void } | undefined;
  const held: Array<(error: Error) => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const messageId = messageIdOf(raw);
        attempts.push(messageId);
        if (holding !== undefined) {
          const batch = holding;
          held.push((error) => {
            callback(error);
          });
          batch.ids.push(messageId);
          batch.remaining -= 1;
          if (batch.remaining === 0) {
            holding = undefined;
            batch.resolve(batch.ids);
          }
          return;
        }
        if (refuseAll || refusing > 0) {
          refusing = Math.max(0, refusing - 1);
          callback(temporary());
          return;
        }
        accepted.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback(null);
      });
    },
  });
  const holdNextMany = (count: number) =>
    new Promise<string[]>((resolve) => {
      holding = { remaining: count, ids: [], resolve };
    });
  // A sender killed mid-connection resets it (ECONNRESET): a real server notes that and serves the next one.
  const connectionErrors: string[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error.message));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${String(port)}`,
    accepted,
    attempts,
    connectionErrors,
    refuseNext: (count) => {
      refusing = count;
    },
    refuseAll: (on) => {
      refuseAll = on;
    },
    holdNext: async () => (await holdNextMany(1))[0] ?? '',
    holdNextMany,
    dropHeld: () => {
      for (const answer of held.splice(0)) answer(temporary());
    },
    acceptedWith: (messageId) => accepted.filter((mail) => mail.messageId === messageId),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
