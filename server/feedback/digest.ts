// The daily digest of new suggestion-box items for staff (CRM_DIGEST_TO), queued once per local day and address.
// Every sidecar may try: the outbox's dedupe key keeps one message per day and address.
import type { Kysely } from 'kysely';
import type { Database, FeedbackKind } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import type { Config } from '../env.ts';
import { enqueue } from '../outbox/outbox.queries.ts';
import { formatTrackingCode } from './code.ts';
import { addressKey, libraryName } from './notices.ts';
import { FEEDBACK_WORDS } from './words.ts';

export type DigestOutcome = 'off' | 'not_due' | 'already_queued' | 'nothing_new' | 'queued';

const DAY_MS = 24 * 3600_000;

/** The local day before `now` (the one the digest reports), as UTC bounds and its YYYY-MM-DD name. */
export function digestDay(now: Date, utcOffsetMinutes: number) {
  const offsetMs = utcOffsetMinutes * 60_000;
  const local = new Date(now.getTime() + offsetMs);
  const todayStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offsetMs;
  const from = new Date(todayStart - DAY_MS);
  return {
    from,
    to: new Date(todayStart),
    name: new Date(from.getTime() + offsetMs).toISOString().slice(0, 10),
    localHour: local.getUTCHours(),
  };
}

interface DigestItem {
  code: string;
  kind: FeedbackKind;
  body: string;
  purchase_title: string | null;
}

export function renderDigest(
  lang: 'id' | 'en',
  {
    day,
    items,
    open,
    library,
    adminUrl,
  }: { day: string; items: DigestItem[]; open: number; library: string | null; adminUrl: string },
): { subject: string; text: string } {
  const en = lang === 'en';
  const date = new Intl.DateTimeFormat(en ? 'en-GB' : 'id-ID', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
  const subject = en
    ? `Suggestion box: ${items.length} new on ${date}`
    : `Kotak saran: ${items.length} masukan baru pada ${date}`;
  const counts = new Map<FeedbackKind, number>();
  for (const item of items) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  const lines = [
    en ? `New in the suggestion box on ${date}:` : `Masukan baru di kotak saran pada ${date}:`,
    [...counts].map(([kind, n]) => `${FEEDBACK_WORDS[lang].kinds[kind]}: ${n}`).join(' · '),
    '',
    ...items.map((item) => {
      const what =
        item.kind === 'purchase' && item.purchase_title ? `${item.purchase_title} (${item.body})` : item.body;
      const oneLine = what.replace(/\s+/g, ' ');
      return `- ${formatTrackingCode(item.code)} [${FEEDBACK_WORDS[lang].kinds[item.kind]}] ${oneLine.length > 160 ? `${oneLine.slice(0, 159)}…` : oneLine}`;
    }),
    '',
    en ? `Open items in all: ${open}.` : `Seluruh masukan yang belum selesai: ${open}.`,
    en ? `Answer them in the staff app: ${adminUrl}` : `Tanggapi di aplikasi staf: ${adminUrl}`,
    '',
    library ?? 'slims-crm',
  ];
  return { subject, text: lines.join('\n') };
}

/** Queues the digest of yesterday's new items once the local digest hour has passed. */
export async function queueDailyDigest(db: Kysely<Database>, config: Config, now: Date): Promise<DigestOutcome> {
  if (config.smtpUrl === null || config.digestTo.length === 0) return 'off';
  const day = digestDay(now, config.utcOffsetMinutes);
  if (day.localHour < config.digestHour) return 'not_due';
  const keys = config.digestTo.map((email) => `feedback-digest:${day.name}:${addressKey(email)}`);
  const queued = await db.selectFrom('crm_outbox').select('dedupe_key').where('dedupe_key', 'in', keys).execute();
  if (queued.length === keys.length) return 'already_queued';

  const items = await db
    .selectFrom('crm_feedback')
    .select(['code', 'kind', 'body', 'purchase_title'])
    .where('created_at', '>=', toDbTime(day.from))
    .where('created_at', '<', toDbTime(day.to))
    .orderBy('id')
    .execute();
  if (items.length === 0) return 'nothing_new';
  const open = await db
    .selectFrom('crm_feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['new', 'in_review', 'planned'])
    .where('merged_into', 'is', null)
    .executeTakeFirstOrThrow();
  const digest = renderDigest(config.digestLang, {
    day: day.name,
    items,
    open: Number(open.n),
    library: await libraryName(db),
    adminUrl: `${config.publicUrl}/admin`,
  });
  for (const [index, email] of config.digestTo.entries()) {
    await enqueue(db, { dedupeKey: keys[index]!, recipient: email, subject: digest.subject, text: digest.text }, now, {
      publicUrl: config.publicUrl,
    });
  }
  return 'queued';
}
