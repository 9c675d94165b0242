// E-mail notices about suggestion-box items: to the people watching an item when staff answer it or change
// its status, in each watcher's language. Messages go through the outbox, one per event and watcher.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, FeedbackKind, FeedbackStatus } from '../db/database.ts';
import type { Config } from '../env.ts';
import type { Lang } from '../errors.ts';
import { enqueue } from '../outbox/outbox.queries.ts';
import { formatTrackingCode } from './code.ts';
import { unsubscribeUrl } from './unsubscribe.routes.ts';
import { FEEDBACK_WORDS } from './words.ts';

/** A short, stable name for an e-mail address inside a dedupe key (keys have a length limit; addresses do not). */
export const addressKey = (email: string) =>
  createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);

/** The library's name as SLiMS keeps it (setting 'library_name', a PHP-serialized string), or null. */
export async function libraryName(db: Kysely<Database>): Promise<string | null> {
  try {
    const row = await db
      .selectFrom('setting')
      .select('setting_value')
      .where('setting_name', '=', 'library_name')
      .executeTakeFirst();
    const match = /^s:\d+:"([^]*)";$/.exec(row?.setting_value ?? '');
    return match?.[1]?.trim() || null;
  } catch {
    return null;
  }
}

export interface NoticeInput {
  lang: Lang;
  library: string | null;
  code: string;
  kind: FeedbackKind;
  body: string;
  /** The signed link that stops all notices to this address (unsubscribe.routes.ts). */
  unsubscribe: string;
  event:
    | { type: 'status'; status: FeedbackStatus }
    | { type: 'reply_public' | 'reply_private'; text: string; status: FeedbackStatus };
}

const excerpt = (text: string, max = 280) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** Subject and plain text of one notice. Plain text only: nothing a member wrote can become markup in a mail client. */
export function renderNotice({ lang, library, code, kind, body, unsubscribe, event }: NoticeInput): {
  subject: string;
  text: string;
} {
  const en = lang === 'en';
  const from = library ?? (en ? 'The library' : 'Perpustakaan');
  const shown = formatTrackingCode(code);
  const words = FEEDBACK_WORDS[lang];
  const status = words.statuses[event.status];
  const kindWord = words.kinds[kind];
  const subject =
    event.type === 'status'
      ? en
        ? `Your ${kindWord.toLowerCase()} ${shown}: ${status}`
        : `${kindWord} Anda ${shown}: ${status}`
      : en
        ? `The library answered your ${kindWord.toLowerCase()} ${shown}`
        : `Perpustakaan menjawab ${kindWord.toLowerCase()} Anda ${shown}`;
  const lines = [en ? 'Hello,' : 'Halo,', ''];
  if (event.type === 'status') {
    lines.push(
      en ? `The status of what you sent us is now: ${status}.` : `Status masukan yang Anda kirim kini: ${status}.`,
    );
  } else {
    lines.push(
      event.type === 'reply_public'
        ? en
          ? 'We answered what you sent us. The answer is also shown on our "You said, we did" board:'
          : 'Kami telah menjawab masukan Anda. Jawaban ini juga tampil di papan "Anda berkata, kami lakukan":'
        : en
          ? 'We answered what you sent us:'
          : 'Kami telah menjawab masukan Anda:',
      '',
      event.text,
      '',
      en ? `Status: ${status}.` : `Status: ${status}.`,
    );
  }
  lines.push(
    '',
    en
      ? `You wrote (${kindWord.toLowerCase()}, tracking code ${shown}):`
      : `Anda menulis (${kindWord.toLowerCase()}, kode pelacakan ${shown}):`,
    excerpt(body),
    '',
    en
      ? `You can follow it with the tracking code ${shown} in the suggestion box on our website.`
      : `Anda dapat memantaunya dengan kode pelacakan ${shown} di kotak saran pada situs kami.`,
    en
      ? 'You receive this because you gave this address and agreed to be contacted about it. To stop these notices at once:'
      : 'Anda menerima e-mail ini karena memberikan alamat ini dan setuju dihubungi tentang masukan tersebut. Untuk berhenti menerimanya:',
    unsubscribe,
    '',
    from,
  );
  return { subject, text: lines.join('\n') };
}

/**
 * Queues a notice to each watcher of an item for one of its events (status, reply_public, reply_private).
 * Call after the change has committed. Watchers of duplicates merged into the item hear of its status and
 * public answers, quoted against their own item (their own tracking code and words: the kept item's code would
 * open its private replies); private replies go to the item's own watchers only. Idempotent: a message's dedupe
 * key is the event and the address. Without an e-mail channel (no CRM_SMTP_URL) nothing is queued, so no stale
 * notices wait for a mail server. Returns how many notices stand queued for this event.
 */
export async function notifyWatchers(
  db: Kysely<Database>,
  config: Config,
  /** The shared secret now, which signs the unsubscribe link. */
  secret: string,
  { feedbackId, eventId }: { feedbackId: number; eventId: number },
  now: Date,
): Promise<number> {
  if (config.smtpUrl === null) return 0;
  const event = await db
    .selectFrom('crm_feedback_event')
    .selectAll()
    .where('id', '=', eventId)
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
  if (
    event === undefined ||
    (event.type !== 'status' && event.type !== 'reply_public' && event.type !== 'reply_private')
  )
    return 0;
  const item = await db.selectFrom('crm_feedback').select(['status']).where('id', '=', feedbackId).executeTakeFirst();
  if (item === undefined) return 0;
  const watchers = await db
    .selectFrom('crm_feedback_watcher as w')
    .innerJoin('crm_feedback as f', 'f.id', 'w.feedback_id')
    .select(['w.email', 'w.lang', 'f.id', 'f.code', 'f.kind', 'f.body'])
    .where((eb) =>
      event.type === 'reply_private'
        ? eb('f.id', '=', feedbackId)
        : eb.or([eb('f.id', '=', feedbackId), eb('f.merged_into', '=', feedbackId)]),
    )
    .orderBy('w.id')
    .execute();
  // One notice per address: about their own item when it is this one, else about the first duplicate they sent.
  const byAddress = new Map<string, (typeof watchers)[number]>();
  for (const watcher of watchers) {
    const address = watcher.email.trim().toLowerCase();
    const known = byAddress.get(address);
    if (known === undefined || (Number(known.id) !== feedbackId && Number(watcher.id) === feedbackId))
      byAddress.set(address, watcher);
  }
  if (byAddress.size === 0) return 0;
  const library = await libraryName(db);
  for (const watcher of byAddress.values()) {
    const lang: Lang = watcher.lang === 'en' ? 'en' : 'id';
    const notice = renderNotice({
      lang,
      library,
      code: watcher.code,
      kind: watcher.kind,
      body: watcher.body,
      unsubscribe: unsubscribeUrl(config.publicUrl, secret, watcher.email, lang),
      event:
        event.type === 'status'
          ? { type: 'status', status: (event.to_value ?? item.status) as FeedbackStatus }
          : { type: event.type, text: event.text ?? '', status: item.status },
    });
    await enqueue(
      db,
      {
        dedupeKey: `feedback-event:${event.id}:${addressKey(watcher.email)}`,
        recipient: watcher.email,
        subject: notice.subject,
        text: notice.text,
      },
      now,
      { publicUrl: config.publicUrl },
    );
  }
  return byAddress.size;
}
