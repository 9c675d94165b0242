// Database access for the suggestion box as staff use it: the inbox and its filters, an item with its events and
// contact, the staff who can be assigned, and the changes staff make (status, category, assignment, publishing,
// notes, replies, merges), each written with its event in one transaction.
import {
  sql,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Transaction,
  type Updateable,
} from 'kysely';
import { forUpdate } from '../db/dialect.ts';
import type { CrmFeedbackTable, Database, FeedbackEventType, FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { formatTrackingCode } from './code.ts';
import {
  findFeedback,
  publicReplyOf,
  purchaseOf,
  selectItems,
  type Db,
  type FeedbackRow,
  type PurchaseView,
  type Reply,
} from './feedback.queries.ts';
import { CLOSED_STATUSES, type StaffListQuery } from './feedback.schemas.ts';
import { FEEDBACK_STATUSES } from './words.ts';

export interface StaffRef {
  uid: number;
  name: string;
}

export interface StaffSummary {
  id: number;
  code: string;
  kind: FeedbackKind;
  /** The first 200 characters; the full text is in StaffItem. */
  text: string;
  purchase: PurchaseView | null;
  category: string | null;
  status: FeedbackStatus;
  published: boolean;
  votes: number;
  assigned: StaffRef | null;
  fromMember: boolean;
  hasContact: boolean;
  createdAt: string;
  updatedAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  mergedInto: number | null;
}

export interface FeedbackEventView {
  id: number;
  type: FeedbackEventType;
  from: string | null;
  to: string | null;
  text: string | null;
  staff: StaffRef | null;
  at: string;
}

export interface StaffItem extends StaffSummary {
  /** Null when the item was sent anonymously, even by a signed-in member. */
  memberId: string | null;
  contact: { email: string | null; phone: string | null; consentAt: string | null } | null;
  publicReply: Reply | null;
  /** Oldest first, notes and private replies included. */
  events: FeedbackEventView[];
  watchers: number;
  merged: Array<{ id: number; code: string }>;
}

const SUMMARY_LENGTH = 200;

/** Reads rows for writing: on MySQL they stay locked until the transaction ends (SQLite writes one at a time). */
function lockFeedback(trx: Transaction<Database>, ids: number[]): Promise<Selectable<CrmFeedbackTable>[]> {
  return forUpdate(trx, trx.selectFrom('crm_feedback').selectAll().where('id', 'in', ids).orderBy('id')).execute();
}

function summaryOf(row: FeedbackRow): StaffSummary {
  return {
    id: Number(row.id),
    code: formatTrackingCode(row.code),
    kind: row.kind,
    text: [...row.body].slice(0, SUMMARY_LENGTH).join(''),
    purchase: purchaseOf(row),
    category: row.category,
    status: row.status,
    published: Number(row.published) === 1,
    votes: Number(row.votes),
    assigned: row.assigned_uid === null ? null : { uid: Number(row.assigned_uid), name: row.assigned_name ?? '' },
    fromMember: Number(row.anonymous) === 0,
    hasContact: row.contact_email !== null || row.contact_phone !== null,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    firstResponseAt: fromDbTime(row.first_response_at),
    closedAt: fromDbTime(row.closed_at),
    mergedInto: row.merged_into === null ? null : Number(row.merged_into),
  };
}

/** `%`, `_` and the escape character itself match only themselves; '!' because MySQL and SQLite read a backslash differently. */
function likePattern(value: string): string {
  return `%${value.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The inbox filters; the status filter is left out for the per-status counts. */
function inboxFilter(query: StaffListQuery, withStatus: boolean) {
  return (eb: ExpressionBuilder<Database, 'crm_feedback'>) => {
    const conditions = [];
    if (!query.merged) conditions.push(eb('merged_into', 'is', null));
    if (withStatus && query.status !== undefined) conditions.push(eb('status', '=', query.status));
    if (query.kind !== undefined) conditions.push(eb('kind', '=', query.kind));
    if (query.category !== undefined) conditions.push(eb('category', '=', query.category));
    if (query.assigned === 'none') conditions.push(eb('assigned_uid', 'is', null));
    else if (query.assigned !== undefined) conditions.push(eb('assigned_uid', '=', query.assigned));
    if (query.published !== undefined) conditions.push(eb('published', '=', query.published ? 1 : 0));
    if (query.q !== undefined) {
      const pattern = likePattern(query.q);
      const like = (column: 'body' | 'purchase_title' | 'purchase_author' | 'code', value: string) =>
        sql<SqlBool>`${eb.ref(column)} like ${value} escape '!'`;
      const searches = [like('body', pattern), like('purchase_title', pattern), like('purchase_author', pattern)];
      const code = query.q.replace(/[\s-]/g, '').toUpperCase();
      if (code !== '') searches.push(like('code', likePattern(code)));
      conditions.push(eb.or(searches));
    }
    return eb.and(conditions);
  };
}

export async function listStaffItems(
  db: Db,
  query: StaffListQuery,
): Promise<{ items: StaffSummary[]; total: number; counts: Record<FeedbackStatus, number> }> {
  const counted = await db
    .selectFrom('crm_feedback')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inboxFilter(query, false))
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(FEEDBACK_STATUSES.map((s) => [s, 0])) as Record<FeedbackStatus, number>;
  for (const row of counted) if (row.status in counts) counts[row.status] = Number(row.n);
  const totalRow = await db
    .selectFrom('crm_feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(inboxFilter(query, true))
    .executeTakeFirst();
  let page = selectItems(db).where(inboxFilter(query, true));
  if (query.sort === 'oldest') page = page.orderBy('created_at', 'asc').orderBy('id', 'asc');
  else if (query.sort === 'votes') page = page.orderBy('votes', 'desc').orderBy('id', 'desc');
  else if (query.sort === 'updated') page = page.orderBy('updated_at', 'desc').orderBy('id', 'desc');
  else page = page.orderBy('created_at', 'desc').orderBy('id', 'desc');
  const rows = await page
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { items: rows.map(summaryOf), total: Number(totalRow?.n ?? 0), counts };
}

export async function getStaffItem(db: Db, id: number): Promise<StaffItem | null> {
  const row = await findFeedback(db, { id });
  if (row === null) return null;
  const events = await db
    .selectFrom('crm_feedback_event')
    .selectAll()
    .where('feedback_id', '=', id)
    .orderBy('id')
    .execute();
  // Its own watchers and those of the duplicates merged into it, once per address.
  const watchers = await db
    .selectFrom('crm_feedback_watcher')
    .select((eb) => eb.fn.count<number>('email').distinct().as('n'))
    .where((eb) =>
      eb.or([
        eb('feedback_id', '=', id),
        eb('feedback_id', 'in', eb.selectFrom('crm_feedback').select('id').where('merged_into', '=', id)),
      ]),
    )
    .executeTakeFirst();
  const merged = await db
    .selectFrom('crm_feedback')
    .select(['id', 'code'])
    .where('merged_into', '=', id)
    .orderBy('id')
    .execute();
  const anonymous = Number(row.anonymous) === 1;
  return {
    ...summaryOf(row),
    text: row.body,
    memberId: anonymous ? null : row.member_id,
    contact:
      row.contact_email === null && row.contact_phone === null
        ? null
        : { email: row.contact_email, phone: row.contact_phone, consentAt: fromDbTime(row.consent_at) },
    publicReply: publicReplyOf(row),
    events: events.map((e) => ({
      id: Number(e.id),
      type: e.type,
      from: e.from_value,
      to: e.to_value,
      text: e.text,
      staff: e.staff_uid === null ? null : { uid: Number(e.staff_uid), name: e.staff_name ?? '' },
      at: fromDbTime(e.created_at),
    })),
    watchers: Number(watchers?.n ?? 0),
    merged: merged.map((m) => ({ id: Number(m.id), code: formatTrackingCode(m.code) })),
  };
}

const staffName = (row: { realname: string | null; username: string }) =>
  row.realname?.trim() ? row.realname.trim() : row.username;

/** A SLiMS staff account (read only), named by its real name, else its user name. */
export async function findStaffMember(db: Db, uid: number): Promise<StaffRef | null> {
  const row = await db
    .selectFrom('user')
    .select(['user_id', 'username', 'realname'])
    .where('user_id', '=', uid)
    .executeTakeFirst();
  return row === undefined ? null : { uid: Number(row.user_id), name: staffName(row) };
}

export async function listStaffMembers(db: Db): Promise<StaffRef[]> {
  const rows = await db
    .selectFrom('user')
    .select(['user_id', 'username', 'realname'])
    .orderBy('realname')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => ({ uid: Number(row.user_id), name: staffName(row) }));
}

export const DEFAULT_CATEGORIES = [
  'Koleksi',
  'Layanan',
  'Fasilitas',
  'Jam layanan',
  'Website & OPAC',
  'Petugas',
  'Lainnya',
];

export async function listCategories(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('crm_feedback')
    .select('category')
    .distinct()
    .where('category', 'is not', null)
    .execute();
  const all = new Set([...DEFAULT_CATEGORIES, ...rows.map((r) => r.category!)]);
  return [...all].sort((a, b) => a.localeCompare(b, 'id'));
}

interface EventInput {
  type: FeedbackEventType;
  from?: string | null;
  to?: string | null;
  text?: string | null;
}

async function addEvent(
  trx: Db,
  feedbackId: number,
  event: EventInput,
  staff: StaffRef | null,
  now: Date,
): Promise<number> {
  const inserted = await trx
    .insertInto('crm_feedback_event')
    .values({
      feedback_id: feedbackId,
      type: event.type,
      from_value: event.from ?? null,
      to_value: event.to ?? null,
      text: event.text ?? null,
      staff_uid: staff?.uid ?? null,
      staff_name: staff?.name ?? null,
      created_at: toDbTime(now),
    })
    .executeTakeFirstOrThrow();
  return Number(inserted.insertId);
}

export interface FeedbackChanges {
  status?: FeedbackStatus;
  category?: string | null;
  /** Resolved against SLiMS's user table by the caller. */
  assigned?: StaffRef | null;
  published?: boolean;
}

/**
 * Applies each change that differs from what is stored, one event each, under the item's row lock. The first
 * status change away from `new` is the first response; done or declined closes the item (the first close
 * is kept when it moves between the two), anything else reopens it. Returns the status event's id, if any.
 */
export async function updateFeedback(
  db: Kysely<Database>,
  id: number,
  changes: FeedbackChanges,
  staff: StaffRef,
  now: Date,
): Promise<{ statusEventId: number | null } | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, [id]);
    if (row === undefined) return 'not_found';
    const at = toDbTime(now);
    const set: Updateable<CrmFeedbackTable> = {};
    let statusEventId: number | null = null;
    if (changes.status !== undefined && changes.status !== row.status) {
      set.status = changes.status;
      if (row.status === 'new' && row.first_response_at === null) set.first_response_at = at;
      const closing = CLOSED_STATUSES.includes(changes.status);
      if (closing && !CLOSED_STATUSES.includes(row.status)) set.closed_at = at;
      if (!closing) set.closed_at = null;
      statusEventId = await addEvent(trx, id, { type: 'status', from: row.status, to: changes.status }, staff, now);
    }
    if (changes.category !== undefined && changes.category !== row.category) {
      set.category = changes.category;
      await addEvent(trx, id, { type: 'category', from: row.category, to: changes.category }, staff, now);
    }
    if (
      changes.assigned !== undefined &&
      (changes.assigned?.uid ?? null) !== (row.assigned_uid === null ? null : Number(row.assigned_uid))
    ) {
      set.assigned_uid = changes.assigned?.uid ?? null;
      set.assigned_name = changes.assigned?.name ?? null;
      await addEvent(
        trx,
        id,
        { type: 'assign', from: row.assigned_name, to: changes.assigned?.name ?? null },
        staff,
        now,
      );
    }
    if (changes.published !== undefined && changes.published !== (Number(row.published) === 1)) {
      set.published = changes.published ? 1 : 0;
      await addEvent(trx, id, { type: changes.published ? 'publish' : 'hide' }, staff, now);
    }
    if (Object.keys(set).length > 0) {
      await trx
        .updateTable('crm_feedback')
        .set({ ...set, updated_at: at })
        .where('id', '=', id)
        .execute();
    }
    return { statusEventId };
  });
}

/** An internal note: staff only, never shown to the submitter. */
export async function addNote(
  db: Kysely<Database>,
  id: number,
  text: string,
  staff: StaffRef,
  now: Date,
): Promise<number | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, [id]);
    if (row === undefined) return 'not_found';
    const eventId = await addEvent(trx, id, { type: 'note', text }, staff, now);
    await trx
      .updateTable('crm_feedback')
      .set({ updated_at: toDbTime(now) })
      .where('id', '=', id)
      .execute();
    return eventId;
  });
}

/**
 * A public reply (shown on the board, replacing an earlier one; the events keep every version) or a private
 * one (for the submitter only). Either is a first response. Returns the reply event's id.
 */
export async function addReply(
  db: Kysely<Database>,
  id: number,
  reply: { text: string; visibility: 'public' | 'private' },
  staff: StaffRef,
  now: Date,
): Promise<number | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, [id]);
    if (row === undefined) return 'not_found';
    const at = toDbTime(now);
    const eventId = await addEvent(
      trx,
      id,
      { type: reply.visibility === 'public' ? 'reply_public' : 'reply_private', text: reply.text },
      staff,
      now,
    );
    await trx
      .updateTable('crm_feedback')
      .set({
        updated_at: at,
        ...(row.first_response_at === null ? { first_response_at: at } : {}),
        ...(reply.visibility === 'public' ? { public_reply: reply.text, public_reply_at: at } : {}),
      })
      .where('id', '=', id)
      .execute();
    return eventId;
  });
}

/**
 * Merges a duplicate into the item kept: its votes move (a voter who voted on both counts once), items merged
 * into it follow, and it leaves the board. Its watchers stay on their own item and follow the kept one through
 * merged_into (see notifyWatchers: they hear of its status and public answers, quoted against their own item,
 * never its private replies). Both rows are locked in id order, so two merges at once cannot cross.
 */
export async function mergeFeedback(
  db: Kysely<Database>,
  duplicateId: number,
  keptId: number,
  staff: StaffRef,
  now: Date,
): Promise<'merged' | 'not_found' | 'invalid'> {
  return db.transaction().execute(async (trx) => {
    const rows = await lockFeedback(trx, [duplicateId, keptId]);
    const duplicate = rows.find((r) => Number(r.id) === duplicateId);
    const kept = rows.find((r) => Number(r.id) === keptId);
    if (duplicate === undefined) return 'not_found';
    if (kept === undefined || duplicateId === keptId || duplicate.merged_into !== null || kept.merged_into !== null)
      return 'invalid';
    const at = toDbTime(now);

    const keptVoters = new Set(
      (await trx.selectFrom('crm_feedback_vote').select('voter_key').where('feedback_id', '=', keptId).execute()).map(
        (v) => v.voter_key,
      ),
    );
    const moving = await trx
      .selectFrom('crm_feedback_vote')
      .select(['voter_key', 'member_id', 'created_at'])
      .where('feedback_id', '=', duplicateId)
      .execute();
    const newVotes = moving.filter((v) => !keptVoters.has(v.voter_key)).map((v) => ({ ...v, feedback_id: keptId }));
    if (newVotes.length > 0) await trx.insertInto('crm_feedback_vote').values(newVotes).execute();
    await trx.deleteFrom('crm_feedback_vote').where('feedback_id', '=', duplicateId).execute();

    await trx
      .updateTable('crm_feedback')
      .set({ merged_into: keptId, updated_at: at })
      .where('merged_into', '=', duplicateId)
      .execute();
    await trx
      .updateTable('crm_feedback')
      .set({ merged_into: keptId, published: 0, updated_at: at })
      .where('id', '=', duplicateId)
      .execute();
    await trx.updateTable('crm_feedback').set({ updated_at: at }).where('id', '=', keptId).execute();
    await addEvent(trx, duplicateId, { type: 'merged_into', to: String(keptId) }, staff, now);
    await addEvent(trx, keptId, { type: 'merged_from', from: String(duplicateId) }, staff, now);
    return 'merged';
  });
}
