// What a member says about themselves, as the CRM keeps it: stated interests, media, the preferred channel and
// contact, consents (appended, never changed: the newest row of a pair is the current consent) and erasure requests.
import { sql, type Kysely } from 'kysely';
import type {
  ConsentChannel,
  ConsentPurpose,
  ConsentSource,
  CrmErasureRequestTable,
  Database,
  ErasureStatus,
  PreferredChannel,
} from '../db/database.ts';
import { forUpdate, isUniqueViolation, slimsCanHold } from '../db/dialect.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { MEDIA_KINDS, type MediaKind } from './codes.ts';
import { likePattern } from './staff-members.queries.ts';

/** UU PDP 27/2022 gives the library 3 x 24 hours to act on a request to erase. */
export const ERASURE_DUE_HOURS = 72;
/** Topics one search answers: enough to choose from on a phone, few enough to read. */
export const TOPIC_RESULTS = 20;

export interface ConsentState {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
  /** When this consent was given or withdrawn. */
  at: string;
  wordingVersion: string;
  source: ConsentSource;
}

export interface StatedPreferences {
  /** A topic SLiMS no longer has keeps its id, with `topic` null. */
  interests: { topics: Array<{ id: number; topic: string | null }>; tags: string[] };
  media: MediaKind[];
  gmds: Array<{ id: number; name: string | null }>;
  channel: PreferredChannel | null;
  contact: { email: string | null; whatsapp: string | null };
  /** The current consent of each channel and purpose the member ever answered; a pair not listed was never given. */
  consents: ConsentState[];
}

export interface ErasureRequest {
  id: number;
  status: ErasureStatus;
  requestedAt: string;
  dueAt: string;
}

const GMD_PREFIX = 'gmd:';

export async function statedPreferences(db: Kysely<Database>, memberId: string): Promise<StatedPreferences> {
  const [preference, interests, media, consents] = await Promise.all([
    db.selectFrom('crm_member_preference').selectAll().where('member_id', '=', memberId).executeTakeFirst(),
    db
      .selectFrom('crm_member_interest')
      .leftJoin('mst_topic', 'mst_topic.topic_id', 'crm_member_interest.topic_id')
      .select(['crm_member_interest.topic_id', 'crm_member_interest.tag', 'mst_topic.topic'])
      .where('crm_member_interest.member_id', '=', memberId)
      .orderBy('crm_member_interest.id')
      .execute(),
    db.selectFrom('crm_member_media').select('media').where('member_id', '=', memberId).execute(),
    consentHistory(db, memberId),
  ]);
  const kinds = new Set(media.map((row) => row.media));
  const gmdIds = [...kinds].filter((m) => m.startsWith(GMD_PREFIX)).map((m) => Number(m.slice(GMD_PREFIX.length)));
  const names = new Map(
    gmdIds.length === 0
      ? []
      : (await db.selectFrom('mst_gmd').select(['gmd_id', 'gmd_name']).where('gmd_id', 'in', gmdIds).execute()).map(
          (row) => [Number(row.gmd_id), row.gmd_name],
        ),
  );
  return {
    interests: {
      topics: interests.flatMap((row) =>
        row.topic_id === null ? [] : [{ id: Number(row.topic_id), topic: row.topic ?? null }],
      ),
      tags: interests.flatMap((row) => (row.tag === null ? [] : [row.tag])),
    },
    media: MEDIA_KINDS.filter((kind) => kinds.has(kind)),
    gmds: gmdIds.sort((a, b) => a - b).map((id) => ({ id, name: names.get(id) ?? null })),
    channel: preference?.channel ?? null,
    contact: { email: preference?.contact_email ?? null, whatsapp: preference?.contact_whatsapp ?? null },
    consents: currentConsents(consents),
  };
}

/** Every consent change of the member, oldest first. */
export async function consentHistory(db: Kysely<Database>, memberId: string): Promise<ConsentState[]> {
  const rows = await db
    .selectFrom('crm_member_consent')
    .select(['channel', 'purpose', 'granted', 'wording_version', 'source', 'created_at'])
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    channel: row.channel,
    purpose: row.purpose,
    granted: Number(row.granted) === 1,
    at: fromDbTime(row.created_at),
    wordingVersion: row.wording_version,
    source: row.source,
  }));
}

/** The newest change of each pair in a history read oldest first. */
export function currentConsents(history: ConsentState[]): ConsentState[] {
  const current = new Map<string, ConsentState>();
  for (const change of history) current.set(`${change.channel}:${change.purpose}`, change);
  return [...current.values()];
}

export interface ConsentChange {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  granted: boolean;
}

/**
 * Appends a row for each change that differs from the pair's current consent (no row counts as not given), so
 * sending the same switches again records nothing. Returns how many rows it appended.
 */
export async function appendConsents(
  trx: Kysely<Database>,
  memberId: string,
  changes: ConsentChange[],
  how: { source: ConsentSource; wordingVersion: string; staffUid?: number },
  now: Date,
): Promise<number> {
  if (changes.length === 0) return 0;
  // Locked, so two changes at once each see the other's row and neither is lost or doubled.
  const history = await forUpdate(
    trx,
    trx
      .selectFrom('crm_member_consent')
      .select(['channel', 'purpose', 'granted'])
      .where('member_id', '=', memberId)
      .orderBy('id'),
  ).execute();
  const current = new Map(history.map((row) => [`${row.channel}:${row.purpose}`, Number(row.granted) === 1]));
  const fresh = new Map<string, ConsentChange>();
  for (const change of changes) fresh.set(`${change.channel}:${change.purpose}`, change);
  const rows = [...fresh.entries()]
    .filter(([pair, change]) => (current.get(pair) ?? false) !== change.granted)
    .map(([, change]) => ({
      member_id: memberId,
      channel: change.channel,
      purpose: change.purpose,
      granted: change.granted ? 1 : 0,
      wording_version: how.wordingVersion,
      source: how.source,
      staff_uid: how.staffUid ?? null,
      created_at: toDbTime(now),
    }));
  if (rows.length > 0) await trx.insertInto('crm_member_consent').values(rows).execute();
  return rows.length;
}

/** What a member's PUT changes; a field left undefined stays as it is. */
export interface PreferenceChanges {
  topics?: number[];
  tags?: string[];
  media?: MediaKind[];
  gmds?: number[];
  channel?: PreferredChannel | null;
  email?: string | null;
  whatsapp?: string | null;
}

/** Writes the member's changes (and appends their consent changes) in one transaction. */
export async function saveStatedPreferences(
  db: Kysely<Database>,
  memberId: string,
  changes: PreferenceChanges,
  consents: { changes: ConsentChange[]; wordingVersion: string },
  now: Date,
): Promise<void> {
  const at = toDbTime(now);
  await db.transaction().execute(async (trx) => {
    if (changes.channel !== undefined || changes.email !== undefined || changes.whatsapp !== undefined) {
      const set = {
        ...(changes.channel === undefined ? {} : { channel: changes.channel }),
        ...(changes.email === undefined ? {} : { contact_email: changes.email }),
        ...(changes.whatsapp === undefined ? {} : { contact_whatsapp: changes.whatsapp }),
        updated_at: at,
      };
      const updated = await trx
        .updateTable('crm_member_preference')
        .set(set)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        const row = { member_id: memberId, channel: null, contact_email: null, contact_whatsapp: null, ...set };
        try {
          await trx.insertInto('crm_member_preference').values(row).execute();
        } catch (error) {
          // Another request made the row first: ours is the later change.
          if (!isUniqueViolation(error)) throw error;
          await trx.updateTable('crm_member_preference').set(set).where('member_id', '=', memberId).execute();
        }
      }
    }
    if (changes.topics !== undefined) await replaceInterests(trx, memberId, 'topic_id', changes.topics, at);
    if (changes.tags !== undefined) await replaceInterests(trx, memberId, 'tag', changes.tags, at);
    if (changes.media !== undefined)
      await replaceMedia(trx, memberId, (m) => !m.startsWith(GMD_PREFIX), changes.media, at);
    if (changes.gmds !== undefined)
      await replaceMedia(
        trx,
        memberId,
        (m) => m.startsWith(GMD_PREFIX),
        changes.gmds.map((id) => `${GMD_PREFIX}${id}`),
        at,
      );
    await appendConsents(
      trx,
      memberId,
      consents.changes,
      { source: 'member', wordingVersion: consents.wordingVersion },
      now,
    );
  });
}

/** Makes the member's topics (or tags) exactly `values`, keeping the rows (and their dates) of those that stay. */
async function replaceInterests<C extends 'topic_id' | 'tag'>(
  trx: Kysely<Database>,
  memberId: string,
  column: C,
  values: Array<C extends 'topic_id' ? number : string>,
  at: string,
): Promise<void> {
  const rows = await trx
    .selectFrom('crm_member_interest')
    .select(['id', 'topic_id', 'tag'])
    .where('member_id', '=', memberId)
    .where(column, 'is not', null)
    .execute();
  // Exact: a tag spelt anew ("sejarah" for "Sejarah") replaces the old row, deleted before the unique key sees both.
  const same = (a: unknown, b: unknown) => (column === 'tag' ? a === b : Number(a) === b);
  const gone = rows.filter((row) => !values.some((v) => same(row[column], v)));
  if (gone.length > 0)
    await trx
      .deleteFrom('crm_member_interest')
      .where(
        'id',
        'in',
        gone.map((row) => row.id),
      )
      .execute();
  const kept = rows.filter((row) => !gone.includes(row));
  const added = values.filter((v) => !kept.some((row) => same(row[column], v)));
  if (added.length > 0)
    await trx
      .insertInto('crm_member_interest')
      .values(
        added.map((v) => ({
          member_id: memberId,
          topic_id: column === 'topic_id' ? (v as number) : null,
          tag: column === 'tag' ? (v as string) : null,
          created_at: at,
        })),
      )
      .execute();
}

async function replaceMedia(
  trx: Kysely<Database>,
  memberId: string,
  ofKind: (media: string) => boolean,
  values: string[],
  at: string,
): Promise<void> {
  const rows = await trx.selectFrom('crm_member_media').select('media').where('member_id', '=', memberId).execute();
  const old = rows.map((row) => row.media).filter(ofKind);
  const gone = old.filter((m) => !values.includes(m));
  if (gone.length > 0)
    await trx.deleteFrom('crm_member_media').where('member_id', '=', memberId).where('media', 'in', gone).execute();
  const added = values.filter((m) => !old.includes(m));
  if (added.length > 0)
    await trx
      .insertInto('crm_member_media')
      .values(added.map((media) => ({ member_id: memberId, media, created_at: at })))
      .execute();
}

/** Which of these topic ids SLiMS has. */
export async function knownTopics(db: Kysely<Database>, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('mst_topic').select('topic_id').where('topic_id', 'in', ids).execute();
  return new Set(rows.map((row) => Number(row.topic_id)));
}

/** SLiMS's GMDs (a few dozen), for the member to choose from. */
export async function listGmds(db: Kysely<Database>): Promise<Array<{ id: number; name: string }>> {
  const rows = await db.selectFrom('mst_gmd').select(['gmd_id', 'gmd_name']).orderBy('gmd_name').execute();
  return rows.map((row) => ({ id: Number(row.gmd_id), name: row.gmd_name }));
}

/** Topics whose name holds `q`, those starting with it first; the first ones alphabetically when `q` is absent. */
export async function searchTopics(
  db: Kysely<Database>,
  q: string | undefined,
): Promise<Array<{ id: number; topic: string }>> {
  if (q !== undefined && !slimsCanHold(q)) return [];
  let query = db.selectFrom('mst_topic').select(['topic_id', 'topic']);
  if (q !== undefined) {
    const starts = likePattern(q).slice(1);
    query = query
      .where(sql<boolean>`topic like ${likePattern(q)} escape '!'`)
      .orderBy(sql`case when topic like ${starts} escape '!' then 0 else 1 end`);
  }
  const rows = await query.orderBy('topic').orderBy('topic_id').limit(TOPIC_RESULTS).execute();
  return rows.map((row) => ({ id: Number(row.topic_id), topic: row.topic }));
}

const erasureView = (row: Pick<CrmErasureRequestTable, 'status' | 'requested_at' | 'due_at'> & { id: number }) => ({
  id: Number(row.id),
  status: row.status,
  requestedAt: fromDbTime(row.requested_at),
  dueAt: fromDbTime(row.due_at),
});

export async function erasureRequests(db: Kysely<Database>, memberId: string): Promise<ErasureRequest[]> {
  const rows = await db
    .selectFrom('crm_erasure_request')
    .select(['id', 'status', 'requested_at', 'due_at'])
    .where('member_id', '=', memberId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(erasureView);
}

/**
 * Queues the member's request to be erased, due ERASURE_DUE_HOURS later; a member who already waits for one
 * gets that one back (created false), so asking twice queues nothing more.
 */
export async function requestErasure(
  db: Kysely<Database>,
  memberId: string,
  now: Date,
): Promise<{ request: ErasureRequest; created: boolean }> {
  return db.transaction().execute(async (trx) => {
    const pending = await forUpdate(
      trx,
      trx
        .selectFrom('crm_erasure_request')
        .select(['id', 'status', 'requested_at', 'due_at'])
        .where('member_id', '=', memberId)
        .where('status', '=', 'pending'),
    ).executeTakeFirst();
    if (pending !== undefined) return { request: erasureView(pending), created: false };
    const row = {
      member_id: memberId,
      source: 'member' as const,
      status: 'pending' as const,
      requested_at: toDbTime(now),
      due_at: toDbTime(new Date(now.getTime() + ERASURE_DUE_HOURS * 3_600_000)),
      decided_uid: null,
      decided_at: null,
    };
    const result = await trx.insertInto('crm_erasure_request').values(row).executeTakeFirstOrThrow();
    return { request: erasureView({ ...row, id: Number(result.insertId) }), created: true };
  });
}

/**
 * The members an e-mail address reaches: its owner in SLiMS and anyone who gave it to the CRM as their contact.
 * Compared in lower case, as the unsubscribe link carries it.
 */
export async function membersByEmail(db: Kysely<Database>, email: string): Promise<string[]> {
  const [slims, given] = await Promise.all([
    slimsCanHold(email)
      ? db
          .selectFrom('member')
          .select('member_id')
          .where(sql<string>`lower(member_email)`, '=', email)
          .execute()
      : [],
    db
      .selectFrom('crm_member_preference')
      .select('member_id')
      .where(sql<string>`lower(contact_email)`, '=', email)
      .execute(),
  ]);
  return [...new Set([...slims, ...given].map((row) => row.member_id))];
}
