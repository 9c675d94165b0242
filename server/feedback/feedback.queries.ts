// Database access for the suggestion box as the public uses it: sending an item, following it by its code, the
// board and its votes. What staff do with items (the inbox, an item's page, changes, notes, replies, merges) is in
// staff-feedback.queries.ts.
import { sql, type ExpressionBuilder, type Kysely, type Selectable, type Transaction } from 'kysely';
import { isUniqueViolation } from '../db/dialect.ts';
import type { CrmFeedbackTable, Database, FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { formatTrackingCode, newTrackingCode } from './code.ts';
import { isSpent, spendProof, type CheckedProof } from './pow.ts';
import { CONSENT_VERSION, VOTABLE_KINDS, type BoardQuery, type SubmissionInput } from './feedback.schemas.ts';

/** The database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;
/** An item with its vote count, which is counted from its vote rows (a vote writes its row and nothing else). */
export type FeedbackRow = Selectable<CrmFeedbackTable> & { votes: number };

/** crm_feedback rows with their vote counts: every read of items goes through here. */
export function selectItems(db: Db) {
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

export function purchaseOf(row: FeedbackRow): PurchaseView | null {
  return row.purchase_title === null
    ? null
    : { title: row.purchase_title, author: row.purchase_author, isbn: row.purchase_isbn };
}

export function publicReplyOf(row: FeedbackRow): Reply | null {
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
 * Stores a submission with its `created` event and, with an e-mail and consent, its submitter as a watcher, and
 * spends its proof of work (if any), all in one transaction: a proof used before, or a retry racing its first try,
 * fails on a unique key and nothing is stored. 'duplicate' means this idempotency key's submission is stored (by
 * the first try); 'proof_spent' that the proof was used by something else.
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
