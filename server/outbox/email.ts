// The e-mail channel: sends outbox rows through the SMTP server in CRM_SMTP_URL, each with its stable Message-ID.
import { createTransport } from 'nodemailer';
import type { OutboxRow } from './outbox.queries.ts';

export interface EmailSettings {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465, as validated by env.ts. */
  smtpUrl: string;
  /** The From header. */
  from: string;
  /** Per-connection timeouts, so a mail server that hangs cannot hold a lease until it runs out. */
  timeoutMs?: number;
}

export interface EmailChannel {
  send(message: OutboxRow): Promise<void>;
  close(): void;
}

export function createEmailChannel({ smtpUrl, from, timeoutMs = 30_000 }: EmailSettings): EmailChannel {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const transporter = createTransport({
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    auth:
      url.username === ''
        ? undefined
        : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.recipient,
        subject: message.subject,
        text: message.body_text,
        html: message.body_html ?? undefined,
        messageId: message.message_id,
      });
    },
    close() {
      transporter.close();
    },
  };
}
