// A real SMTP server for tests (smtp-server) on a random local port that keeps what it receives.
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  to: string[];
  messageId: string;
  subject: string;
  /** The decoded plain-text body. */
  text: string;
}

export interface MailboxOptions {
  /** Holds every message this long before accepting it, so a test can kill a sender mid-send. */
  delayMs?: number;
}

/** An SMTP server on a random local port that keeps what it receives; listed recipients get a 451 on their first try. */
export async function startMailbox({ delayMs = 0 }: MailboxOptions = {}) {
  const received: Received[] = [];
  const failFirst = new Set<string>();
  const refused = new Set<string>();
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (failFirst.has(address.address) && !refused.has(address.address)) {
        refused.add(address.address);
        callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const to = session.envelope.rcptTo.map((r) => r.address);
        setTimeout(() => {
          simpleParser(raw).then(
            (mail) => {
              received.push({
                to,
                messageId: mail.messageId ?? '',
                subject: mail.subject ?? '',
                text: mail.text ?? '',
              });
              callback();
            },
            (error: Error) => callback(error),
          );
        }, delayMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failFirst,
    reset() {
      received.length = 0;
      failFirst.clear();
      refused.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
