// Database access for the suggestion box: items, their events, votes and watchers, for the public and for staff.
import {
  sql,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { CrmFeedbackTable, Database, FeedbackEventType, FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { isUniqueViolation } from '../surveys/surveys.queries.ts';
import { formatTrackingCode, newTrackingCode } from './code.ts';
import { isSpent, spendProof, type CheckedProof } from './pow.ts';
import {
  CLOSED_STATUSES,
  CONSENT_VERSION,
  FEEDBACK_STATUSES,
  VOTABLE_KINDS,
  type BoardQuery,
  type StaffListQuery,
  type SubmissionInput,
} from './feedback.schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;
/** An item with its vote count, which is counted from its vote rows (a vote writes its row and nothing else). */
export type FeedbackRow = Selectable<CrmFeedbackTable> & { votes: number };

/** crm_feedback rows with their vote counts: every read of items goes through here. */
function selectItems(db: Db) {
  return db
    .selectFrom('crm_feedback')
    .selectAll('crm_feedback')
    .select((eb) =>
      eb
        .selectFrom('crm_feedback_vote')
        .select((v) => v.fn.countAll<number>().as('n'))
        .whereRef('crm_feedback_vote.feedback_id', '=', 'crm_feedback.id')
        .as('votes'),
    )
    .$narrowType<{ votes: number }>();
}

export interface Reply {
  text: string;
  at: string;
}

export interface PurchaseView {
  title: string;
  author: string | null;
  isbn: string | null;
}

/** What the submitter (or whoever holds the tracking code) sees: never contact data or staff names. */
export interface OwnItem {
  code: string;
  kind: FeedbackKind;
  text: string;
  purchase: PurchaseView | null;
  status: FeedbackStatus;
  published: boolean;
  votes: number;
  createdAt: string;
  updatedAt: string;
  publicReply: Reply | null;
  /** Private replies, oldest first. */
  replies: Reply[];
  /** Status changes, oldest first. */
  history: Array<{ status: FeedbackStatus; at: string }>;
}

/** An item on the public board; `voted` is the asking member's or device's own vote. */
export interface BoardItem {
  id: number;
  kind: FeedbackKind;
  text: string;
  purchase: PurchaseView | null;
  status: FeedbackStatus;
  votes: number;
  votable: boolean;
  voted: boolean;
  createdAt: string;
  publicReply: Reply | null;
  /** Sent under a membership; the name is never shown. */
  fromMember: boolean;
}

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

function purchaseOf(row: FeedbackRow): PurchaseView | null {
  return row.purchase_title === null
    ? null
    : { title: row.purchase_title, author: row.purchase_author, isbn: row.purchase_isbn };
}

function publicReplyOf(row: FeedbackRow): Reply | null {
  return row.public_reply === null || row.public_reply_at === null
    ? null
    : { text: row.public_reply, at: fromDbTime(row.public_reply_at) };
}

export function isVotable(kind: FeedbackKind): boolean {
  return VOTABLE_KINDS.includes(kind);
}

export async function findFeedback(
  db: Db,
  by: { id: number } | { code: string } | { idempotencyKey: string },
): Promise<FeedbackRow | null> {
  let query = selectItems(db);
  if ('id' in by) query = query.where('id', '=', by.id);
  else if ('code' in by) query = query.where('code', '=', by.code);
  else query = query.where('idempotency_key', '=', by.idempotencyKey);
  return (await query.executeTakeFirst()) ?? null;
}

export interface NewFeedback {
  input: SubmissionInput;
  /** Set whenever a member token came, also for an anonymous item, so the member finds it among their own. */
  memberId: string | null;
  anonymous: boolean;
  submitterKey: string;
  lang: string;
  network: string | null;
  idempotencyKey: string;
}

/**
 * Stores a submission with its `created` event and, with an e-mail and consent, its submitter as a watcher,
 * in one transaction. 'duplicate' when the idempotency key is already taken (a retry racing the first try).
 */
/**
 * Stores a submission, spending its proof of work (if any) in the same transaction: a proof used before, or a
 * retry racing its first try, fails on a unique key and nothing is stored. 'duplicate' means this idempotency
 * key's submission is stored (by the first try); 'proof_spent' that the proof was used by something else.
 */
export async function insertFeedback(
  db: Kysely<Database>,
  item: NewFeedback,
  proof: CheckedProof | null,
  now: Date,
): Promise<FeedbackRow | 'duplicate' | 'proof_spent'> {
  const at = toDbTime(now);
  const { input } = item;
  // A fresh code collides about once in 2^50 tries; the unique key catches it and the loop draws again.
  for (let attempt = 0; ; attempt++) {
    const code = newTrackingCode();
    try {
      const id = await db.transaction().execute(async (trx) => {
        if (proof !== null) await spendProof(trx, proof);
        const inserted = await trx
          .insertInto('crm_feedback')
          .values({
            code,
            kind: input.kind,
            body: input.text,
            purchase_title: input.purchase?.title ?? null,
            purchase_author: input.purchase?.author ?? null,
            purchase_isbn: input.purchase?.isbn ?? null,
            member_id: item.memberId,
            submitter_key: item.submitterKey,
            anonymous: item.anonymous ? 1 : 0,
            contact_email: input.contact?.email ?? null,
            contact_phone: input.contact?.phone ?? null,
            consent_at: input.contact === null ? null : at,
            consent_version: input.contact === null ? null : CONSENT_VERSION,
            lang: item.lang,
            network: item.network,
            idempotency_key: item.idempotencyKey,
            created_at: at,
            updated_at: at,
          })
          .executeTakeFirstOrThrow();
        const feedbackId = Number(inserted.insertId);
        await trx
          .insertInto('crm_feedback_event')
          .values({ feedback_id: feedbackId, type: 'created', created_at: at })
          .execute();
        if (input.contact?.email) {
          await trx
            .insertInto('crm_feedback_watcher')
            .values({
              feedback_id: feedbackId,
              email: input.contact.email.toLowerCase(),
              lang: item.lang,
              consent_at: at,
              created_at: at,
            })
            .execute();
        }
        return feedbackId;
      });
      const row = await findFeedback(db, { id });
      if (row === null) throw new Error(`feedback ${id} vanished after insert`);
      return row;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if ((await findFeedback(db, { idempotencyKey: item.idempotencyKey })) !== null) return 'duplicate';
      if (proof !== null && (await isSpent(db, proof))) return 'proof_spent';
      if (attempt >= 4) throw error;
    }
  }
}

/**
 * Items as their submitters see them, with private replies and status history, in the order given. A duplicate
 * merged into another item shows that item's status and public answer: its submitter follows the kept item.
 */
export async function ownItems(db: Db, rows: FeedbackRow[]): Promise<OwnItem[]> {
  const keptIds = [...new Set(rows.flatMap((r) => (r.merged_into === null ? [] : [Number(r.merged_into)])))];
  const kept = new Map(
    keptIds.length === 0
      ? []
      : (await selectItems(db).where('id', 'in', keptIds).execute()).map((k) => [Number(k.id), k] as const),
  );
  const events =
    rows.length === 0
      ? []
      : await db
          .selectFrom('crm_feedback_event')
          .select(['feedback_id', 'type', 'to_value', 'text', 'created_at'])
          .where(
            'feedback_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('type', 'in', ['status', 'reply_private'])
          .orderBy('id')
          .execute();
  return rows.map((row) => {
    const own = events.filter((e) => Number(e.feedback_id) === Number(row.id));
    const followed = row.merged_into === null ? row : (kept.get(Number(row.merged_into)) ?? row);
    return {
      code: formatTrackingCode(row.code),
      kind: row.kind,
      text: row.body,
      purchase: purchaseOf(row),
      status: followed.status,
      published: Number(row.published) === 1,
      votes: Number(row.votes),
      createdAt: fromDbTime(row.created_at),
      updatedAt: fromDbTime(row.updated_at),
      publicReply: publicReplyOf(followed),
      replies: own
        .filter((e) => e.type === 'reply_private')
        .map((e) => ({ text: e.text ?? '', at: fromDbTime(e.created_at) })),
      history: own
        .filter((e) => e.type === 'status')
        .map((e) => ({ status: e.to_value as FeedbackStatus, at: fromDbTime(e.created_at) })),
    };
  });
}

export async function ownItem(db: Db, row: FeedbackRow): Promise<OwnItem> {
  const [item] = await ownItems(db, [row]);
  return item!;
}

/** A member's own items (sent as a member or anonymously while signed in), newest first. */
export async function listOwnItems(db: Db, submitterKey: string, limit = 100): Promise<OwnItem[]> {
  const rows = await selectItems(db)
    .where('submitter_key', '=', submitterKey)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return ownItems(db, rows);
}

/** The public board: published, not merged, filtered and paged; `voterKey` marks the caller's own votes. */
export async function listBoard(
  db: Db,
  query: BoardQuery,
  voterKey: string | null,
): Promise<{ items: BoardItem[]; total: number }> {
  const onBoard = (eb: ExpressionBuilder<Database, 'crm_feedback'>) => {
    const conditions = [eb('published', '=', 1), eb('merged_into', 'is', null)];
    if (query.kind !== undefined) conditions.push(eb('kind', '=', query.kind));
    if (query.status !== undefined) conditions.push(eb('status', '=', query.status));
    return eb.and(conditions);
  };
  const counted = await db
    .selectFrom('crm_feedback')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(onBoard)
    .executeTakeFirst();
  let page = selectItems(db).where(onBoard);
  if (query.sort === 'votes') page = page.orderBy('votes', 'desc').orderBy('created_at', 'desc');
  else if (query.sort === 'answered') {
    page = page.orderBy(sql`case when public_reply_at is null then 1 else 0 end`).orderBy('public_reply_at', 'desc');
  } else page = page.orderBy('created_at', 'desc');
  const rows = await page
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const voted = new Set<number>();
  if (voterKey !== null && rows.length > 0) {
    const votes = await db
      .selectFrom('crm_feedback_vote')
      .select('feedback_id')
      .where('voter_key', '=', voterKey)
      .where(
        'feedback_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    for (const vote of votes) voted.add(Number(vote.feedback_id));
  }
  return {
    total: Number(counted?.n ?? 0),
    items: rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      text: row.body,
      purchase: purchaseOf(row),
      status: row.status,
      votes: Number(row.votes),
      votable: isVotable(row.kind),
      voted: voted.has(Number(row.id)),
      createdAt: fromDbTime(row.created_at),
      publicReply: publicReplyOf(row),
      fromMember: Number(row.anonymous) === 0,
    })),
  };
}

/** Reads rows for writing: on MySQL they stay locked until the transaction ends (SQLite writes one at a time). */
function lockFeedback(
  trx: Transaction<Database>,
  dialect: Dialect,
  ids: number[],
): Promise<Selectable<CrmFeedbackTable>[]> {
  return trx
    .selectFrom('crm_feedback')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('id')
    .$if(dialect === 'mysql', (q) => q.modifyEnd(sql`for update`))
    .execute();
}

/** The item's vote count when this voter has voted on it, else null (a repeat is answered without a new row). */
export async function existingVote(db: Kysely<Database>, feedbackId: number, voterKey: string): Promise<number | null> {
  const mine = await db
    .selectFrom('crm_feedback_vote')
    .select('id')
    .where('feedback_id', '=', feedbackId)
    .where('voter_key', '=', voterKey)
    .executeTakeFirst();
  if (mine === undefined) return null;
  const row = await db
    .selectFrom('crm_feedback_vote')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type VoteOutcome = { voted: 'new' | 'already'; votes: number } | 'not_found' | 'closed';

/**
 * One vote per voter on a board item: one INSERT … SELECT that writes the vote only while the item is on the
 * board and votable (checked in the same statement, so a merge or a hide in between wins), and the unique key
 * (item, voter) refuses a second. Nothing else is written: the count is read from the rows, so votes on a
 * popular item do not queue behind one another on a counter.
 */
export async function castVote(
  db: Kysely<Database>,
  feedbackId: number,
  voter: { key: string; memberId: string | null },
  now: Date,
): Promise<VoteOutcome> {
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('crm_feedback_vote')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('feedback_id', '=', feedbackId)
          .executeTakeFirst()
      )?.n ?? 0,
    );
  let inserted: bigint | undefined;
  try {
    inserted = (
      await db
        .insertInto('crm_feedback_vote')
        .columns(['feedback_id', 'voter_key', 'member_id', 'created_at'])
        .expression(
          db
            .selectFrom('crm_feedback')
            .select([
              'id',
              sql<string>`${voter.key}`.as('voter_key'),
              sql<string | null>`${voter.memberId}`.as('member_id'),
              sql<string>`${toDbTime(now)}`.as('created_at'),
            ])
            .where('id', '=', feedbackId)
            .where('published', '=', 1)
            .where('merged_into', 'is', null)
            .where('kind', 'in', VOTABLE_KINDS),
        )
        .executeTakeFirst()
    ).numInsertedOrUpdatedRows;
  } catch (error) {
    if (isUniqueViolation(error)) return { voted: 'already', votes: await count() };
    throw error;
  }
  if (Number(inserted ?? 0) > 0) return { voted: 'new', votes: await count() };
  const row = await findFeedback(db, { id: feedbackId });
  if (row === null || Number(row.published) !== 1 || row.merged_into !== null) return 'not_found';
  return 'closed';
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
  dialect: Dialect,
  id: number,
  changes: FeedbackChanges,
  staff: StaffRef,
  now: Date,
): Promise<{ statusEventId: number | null } | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, dialect, [id]);
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
  dialect: Dialect,
  id: number,
  text: string,
  staff: StaffRef,
  now: Date,
): Promise<number | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, dialect, [id]);
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
  dialect: Dialect,
  id: number,
  reply: { text: string; visibility: 'public' | 'private' },
  staff: StaffRef,
  now: Date,
): Promise<number | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const [row] = await lockFeedback(trx, dialect, [id]);
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
  dialect: Dialect,
  duplicateId: number,
  keptId: number,
  staff: StaffRef,
  now: Date,
): Promise<'merged' | 'not_found' | 'invalid'> {
  return db.transaction().execute(async (trx) => {
    const rows = await lockFeedback(trx, dialect, [duplicateId, keptId]);
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
