// Database access for member profiles as staff see them: finding members in SLiMS's member table, one member's
// SLiMS data, loans and visits, the CRM's own rows about them (interactions, note, labels, answers, suggestions),
// and the staff's writes. SLiMS's tables are only read; its member table is searched on the keys SLiMS has.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { CrmMemberInteractionTable, Database, InteractionChannel } from '../db/database.ts';
import { slimsCanHold } from '../db/dialect.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { tiersOf } from '../tiers/tiers.queries.ts';
import { EXPIRING_DAYS, type MemberListQuery, type MemberTier } from './staff-members.schemas.ts';

export interface StaffRef {
  uid: number;
  name: string;
}

export interface MemberType {
  id: number;
  name: string;
}

/** One row of the member search. `tier` and `score` are null for a member the tier job has not scored yet. */
export interface MemberSummary {
  id: string;
  name: string;
  type: MemberType | null;
  institution: string | null;
  expireDate: string;
  expired: boolean;
  pending: boolean;
  tier: MemberTier | null;
  score: number | null;
}

/** `%`, `_` and the escape character itself match only themselves; '!' because MySQL and SQLite read a backslash differently. */
export function likePattern(value: string): string {
  return `%${value.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** 'YYYY-MM-DD' plus `days`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export type MemberEb = ExpressionBuilder<Database, 'member'>;
/** A condition on SLiMS's member row (a segment's definition, server/segments/), added to the search's own. */
export type MemberCondition = (eb: MemberEb) => Expression<SqlBool>;
type SearchColumn = 'member_name' | 'member_id' | 'member_email' | 'member_phone' | 'inst_name';

/**
 * The columns a search text could match: an e-mail address is searched among e-mail addresses, a number
 * (digits, spaces, +, -, dots, brackets) among card numbers and phones, words among names, card numbers,
 * e-mail addresses and institutions. Each column left out is one fewer substring test per member on a search
 * that reads the whole member table (SLiMS has no index that serves `LIKE '%…%'`).
 */
export function searchColumns(q: string): SearchColumn[] {
  if (q.includes('@')) return ['member_email'];
  if (/^[+\d][\d\s().+-]*$/.test(q)) return ['member_id', 'member_phone'];
  return ['member_name', 'member_id', 'member_email', 'inst_name'];
}

function memberFilter(query: MemberListQuery, today: string, within?: MemberCondition) {
  return (eb: MemberEb) => {
    const conditions = within === undefined ? [] : [within(eb)];
    if (query.type !== undefined) conditions.push(eb('member_type_id', '=', query.type));
    if (query.expiry === 'expired') conditions.push(eb('expire_date', '<', today));
    else if (query.expiry === 'active') conditions.push(eb('expire_date', '>=', today));
    else if (query.expiry === 'expiring') {
      conditions.push(eb('expire_date', '>=', today));
      conditions.push(eb('expire_date', '<=', addDays(today, EXPIRING_DAYS)));
    }
    if (query.tier !== undefined) {
      const tier = query.tier;
      conditions.push(
        eb('member_id', 'in', (sub) =>
          sub
            .selectFrom('crm_member_score')
            .select('crm_member_score.member_id')
            .where('crm_member_score.tier', '=', tier),
        ),
      );
    }
    if (query.q !== undefined) {
      const pattern = likePattern(query.q);
      conditions.push(
        eb.or(searchColumns(query.q).map((column) => sql<SqlBool>`${eb.ref(column)} like ${pattern} escape '!'`)),
      );
    }
    return eb.and(conditions);
  };
}

const summaryColumns = [
  'member_id',
  'member_name',
  'member_type_id',
  'inst_name',
  'expire_date',
  'is_pending',
] as const;

/** Up to this many matches of a search text are ordered here; beyond it the page comes from the name index. */
const SORTED_HERE = 5_000;

/** Names as a librarian reads an index: letter case and accents aside (the member table's collation does too). */
const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });

/**
 * One page of members matching the search, by name (equal names by card number), the member whose card number
 * is exactly the search text first.
 *
 * A search text is a substring test no index SLiMS has can serve, so it reads the member table once (about
 * 0.3 s for 200,000 members on MariaDB) and takes the card numbers and names of up to SORTED_HERE matches: their
 * count is the total, and the page is cut from them here. A text that matches more (a single letter) falls back
 * to walking the member_name index, which finds the page quickly because matches are dense, and counts apart.
 * Without a text the name index gives the page at once; the type filter counts on its index. `within` keeps the
 * search to the members a condition holds for (a segment's).
 */
export async function searchMembers(
  db: Kysely<Database>,
  query: MemberListQuery,
  today: string,
  types: readonly MemberType[],
  within?: MemberCondition,
): Promise<{ items: MemberSummary[]; total: number }> {
  // A text SLiMS's utf8 columns cannot hold (an emoji) is in no member's row, and MySQL refuses the comparison.
  if (query.q && !slimsCanHold(query.q)) return { items: [], total: 0 };
  const filter = memberFilter(query, today, within);
  const skip = (query.page - 1) * query.pageSize;
  let total: number | null = null;
  let ids: string[] | null = null;
  if (query.q !== undefined) {
    const matches = await db
      .selectFrom('member')
      .select(['member_id', 'member_name'])
      .where(filter)
      .limit(SORTED_HERE + 1)
      .execute();
    if (matches.length <= SORTED_HERE) {
      const exact = query.q.toUpperCase();
      const first = (m: { member_id: string }) => (m.member_id.toUpperCase() === exact ? 0 : 1);
      matches.sort(
        (a, b) =>
          first(a) - first(b) ||
          byName.compare(a.member_name, b.member_name) ||
          (a.member_id < b.member_id ? -1 : a.member_id > b.member_id ? 1 : 0),
      );
      total = matches.length;
      ids = matches.slice(skip, skip + query.pageSize).map((m) => m.member_id);
    }
  }
  if (total === null) {
    const counted = await db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(filter)
      .executeTakeFirst();
    total = Number(counted?.n ?? 0);
  }
  // Ordering by name alone lets MariaDB walk SLiMS's member_name index and stop once the page is full (a MyISAM
  // secondary index does not hold the primary key, so "name, then card number" would sort every member first).
  const rows =
    ids === null
      ? await db
          .selectFrom('member')
          .select(summaryColumns)
          .where(filter)
          .orderBy('member_name')
          .limit(query.pageSize)
          .offset(skip)
          .execute()
      : ids.length === 0
        ? []
        : await db.selectFrom('member').select(summaryColumns).where('member_id', 'in', ids).execute();
  const order = ids === null ? null : new Map(ids.map((id, i) => [id, i]));
  if (order !== null) rows.sort((a, b) => (order.get(a.member_id) ?? 0) - (order.get(b.member_id) ?? 0));
  const typeName = new Map(types.map((type) => [type.id, type.name]));
  const tiers = await tiersOf(
    db,
    rows.map((row) => row.member_id),
  );
  return {
    items: rows.map((row) => {
      const typeId = row.member_type_id === null ? null : Number(row.member_type_id);
      return {
        id: row.member_id,
        name: row.member_name,
        type: typeId === null ? null : { id: typeId, name: typeName.get(typeId) ?? String(typeId) },
        institution: row.inst_name || null,
        expireDate: row.expire_date,
        expired: row.expire_date < today,
        pending: Number(row.is_pending) === 1,
        tier: tiers.get(row.member_id)?.tier ?? null,
        score: tiers.get(row.member_id)?.score ?? null,
      };
    }),
    total,
  };
}

export async function listMemberTypes(db: Kysely<Database>): Promise<MemberType[]> {
  const rows = await db
    .selectFrom('mst_member_type')
    .select(['member_type_id', 'member_type_name'])
    .orderBy('member_type_name')
    .execute();
  return rows.map((row) => ({ id: Number(row.member_type_id), name: row.member_type_name }));
}

/** The member's row in SLiMS, with its type's name; null when SLiMS has no such card number. */
export async function findSlimsMember(db: Kysely<Database>, memberId: string) {
  if (!slimsCanHold(memberId)) return null;
  const row = await db
    .selectFrom('member')
    .leftJoin('mst_member_type', 'mst_member_type.member_type_id', 'member.member_type_id')
    .select([
      'member.member_id',
      'member.member_name',
      'member.gender',
      'member.birth_date',
      'member.member_type_id',
      'mst_member_type.member_type_name',
      'member.member_address',
      'member.member_mail_address',
      'member.postal_code',
      'member.member_phone',
      'member.member_email',
      'member.inst_name',
      'member.member_image',
      'member.member_since_date',
      'member.register_date',
      'member.expire_date',
      'member.is_pending',
    ])
    .where('member.member_id', '=', memberId)
    .executeTakeFirst();
  return row ?? null;
}

export type SlimsMemberRow = NonNullable<Awaited<ReturnType<typeof findSlimsMember>>>;

/** Whether SLiMS knows the card number (the staff's writes are about members SLiMS has). */
export async function memberExists(db: Kysely<Database>, memberId: string): Promise<boolean> {
  if (!slimsCanHold(memberId)) return false;
  const row = await db.selectFrom('member').select('member_id').where('member_id', '=', memberId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Every loan of the member with its title and GMD. SLiMS's tables have no foreign keys (and MyISAM keeps none),
 * so an item or biblio may be gone: the loan stays, without a title.
 */
export async function memberLoans(db: Kysely<Database>, memberId: string) {
  return db
    .selectFrom('loan')
    .leftJoin('item', 'item.item_code', 'loan.item_code')
    .leftJoin('biblio', 'biblio.biblio_id', 'item.biblio_id')
    .leftJoin('mst_gmd', 'mst_gmd.gmd_id', 'biblio.gmd_id')
    .select([
      'loan.loan_id',
      'loan.item_code',
      'loan.loan_date',
      'loan.due_date',
      'loan.is_lent',
      'loan.is_return',
      'loan.return_date',
      'loan.input_date',
      'loan.last_update',
      'item.biblio_id',
      'biblio.title',
      'biblio.gmd_id',
      'mst_gmd.gmd_name',
    ])
    .where('loan.member_id', '=', memberId)
    .orderBy('loan.loan_id', 'desc')
    .execute();
}

export type LoanRow = Awaited<ReturnType<typeof memberLoans>>[number];

/** The topics of these biblios (SLiMS's biblio_topic), read in slices so the IN list stays short. */
export async function biblioTopics(
  db: Kysely<Database>,
  biblioIds: number[],
): Promise<Array<{ biblio_id: number; topic_id: number; topic: string }>> {
  const rows: Array<{ biblio_id: number; topic_id: number; topic: string }> = [];
  for (let at = 0; at < biblioIds.length; at += 500) {
    const slice = biblioIds.slice(at, at + 500);
    const found = await db
      .selectFrom('biblio_topic')
      .innerJoin('mst_topic', 'mst_topic.topic_id', 'biblio_topic.topic_id')
      .select(['biblio_topic.biblio_id', 'biblio_topic.topic_id', 'mst_topic.topic'])
      .where('biblio_topic.biblio_id', 'in', slice)
      .execute();
    for (const row of found)
      rows.push({ biblio_id: Number(row.biblio_id), topic_id: Number(row.topic_id), topic: row.topic });
  }
  return rows;
}

/**
 * The member's check-ins at SLiMS's visitor counter (and the one a loan adds per day), newest first. selectAll:
 * room_code exists from SLiMS 9.6 on only (its upgrade adds it), and naming it fails the query on 9.4 and 9.5.
 */
export async function memberVisits(db: Kysely<Database>, memberId: string) {
  return db
    .selectFrom('visitor_count')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('checkin_date', 'desc')
    .orderBy('visitor_id', 'desc')
    .execute();
}

export type VisitRow = Awaited<ReturnType<typeof memberVisits>>[number];

export interface InteractionView {
  id: number;
  channel: InteractionChannel;
  note: string;
  outcome: string | null;
  staff: StaffRef;
  at: string;
  createdAt: string;
}

/** The newest `limit` interactions staff logged with the member. */
export async function memberInteractions(
  db: Kysely<Database>,
  memberId: string,
  limit: number,
): Promise<InteractionView[]> {
  const rows = await db
    .selectFrom('crm_member_interaction')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(interactionView);
}

function interactionView(row: Omit<Selectable<CrmMemberInteractionTable>, 'member_id'>): InteractionView {
  return {
    id: Number(row.id),
    channel: row.channel,
    note: row.note,
    outcome: row.outcome,
    staff: { uid: Number(row.staff_uid), name: row.staff_name },
    at: fromDbTime(row.occurred_at),
    createdAt: fromDbTime(row.created_at),
  };
}

/** The member's newest `limit` answers to polls and surveys (which ones and when; never what they answered). */
export async function memberResponses(db: Kysely<Database>, memberId: string, limit: number) {
  const rows = await db
    .selectFrom('crm_survey_response')
    .innerJoin('crm_survey', 'crm_survey.id', 'crm_survey_response.survey_id')
    .select([
      'crm_survey_response.id',
      'crm_survey_response.created_at',
      'crm_survey.id as survey_id',
      'crm_survey.kind',
      'crm_survey.title',
    ])
    .where('crm_survey_response.member_id', '=', memberId)
    .orderBy('crm_survey_response.created_at', 'desc')
    .orderBy('crm_survey_response.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    responseId: Number(row.id),
    surveyId: Number(row.survey_id),
    surveyKind: row.kind,
    title: row.title,
    at: fromDbTime(row.created_at),
  }));
}

/**
 * The member's newest `limit` suggestion-box items that they sent under their membership. An item a signed-in
 * member chose to send anonymously is not theirs here: the inbox does not show staff its member id either.
 */
export async function memberFeedback(db: Kysely<Database>, memberId: string, limit: number) {
  const rows = await db
    .selectFrom('crm_feedback')
    .select(['id', 'kind', 'status', 'body', 'created_at'])
    .where('member_id', '=', memberId)
    .where('anonymous', '=', 0)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    feedbackId: Number(row.id),
    feedbackKind: row.kind,
    status: row.status,
    text: [...row.body].slice(0, 200).join(''),
    at: fromDbTime(row.created_at),
  }));
}

export interface StaffNote {
  text: string;
  updatedAt: string;
  updatedBy: StaffRef;
}

export async function memberNote(db: Kysely<Database>, memberId: string): Promise<StaffNote | null> {
  const row = await db.selectFrom('crm_member_note').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return row === undefined
    ? null
    : {
        text: row.note,
        updatedAt: fromDbTime(row.updated_at),
        updatedBy: { uid: Number(row.updated_uid), name: row.updated_name },
      };
}

/** The member's labels, in the order they were given. */
export async function memberLabels(db: Kysely<Database>, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('crm_member_label')
    .select('label')
    .where('member_id', '=', memberId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.label);
}

export interface NewInteraction {
  channel: InteractionChannel;
  note: string;
  outcome: string | null;
  at: Date;
}

export async function addInteraction(
  db: Kysely<Database>,
  memberId: string,
  input: NewInteraction,
  staff: StaffRef,
  now: Date,
): Promise<InteractionView> {
  const values = {
    member_id: memberId,
    channel: input.channel,
    note: input.note,
    outcome: input.outcome,
    staff_uid: staff.uid,
    staff_name: staff.name.slice(0, 100),
    occurred_at: toDbTime(input.at),
    created_at: toDbTime(now),
  };
  const inserted = await db.insertInto('crm_member_interaction').values(values).executeTakeFirstOrThrow();
  return interactionView({ ...values, id: Number(inserted.insertId) });
}

/** Replaces the member's staff note; blank text removes it. */
export async function setMemberNote(
  db: Kysely<Database>,
  memberId: string,
  text: string,
  staff: StaffRef,
  now: Date,
): Promise<StaffNote | null> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('crm_member_note').where('member_id', '=', memberId).execute();
    if (text === '') return;
    await trx
      .insertInto('crm_member_note')
      .values({
        member_id: memberId,
        note: text,
        updated_uid: staff.uid,
        updated_name: staff.name.slice(0, 100),
        updated_at: toDbTime(now),
      })
      .execute();
  });
  return memberNote(db, memberId);
}

/**
 * Makes the member's labels exactly `labels` (already one per sameLabel): labels kept keep their row
 * (and when they were given), gone ones are deleted, new ones added, in one transaction.
 */
export async function setMemberLabels(
  db: Kysely<Database>,
  memberId: string,
  labels: string[],
  staff: StaffRef,
  now: Date,
): Promise<string[]> {
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('crm_member_label')
      .select(['id', 'label'])
      .where('member_id', '=', memberId)
      .execute();
    // A label spelled anew ("Guru" for "guru") is a new row: the old one goes first, so the unique key holds.
    const gone = existing.filter((row) => !labels.includes(row.label)).map((row) => Number(row.id));
    if (gone.length > 0) await trx.deleteFrom('crm_member_label').where('id', 'in', gone).execute();
    const kept = new Set(existing.map((row) => row.label));
    const added = labels.filter((label) => !kept.has(label));
    if (added.length > 0) {
      await trx
        .insertInto('crm_member_label')
        .values(
          added.map((label) => ({ member_id: memberId, label, created_uid: staff.uid, created_at: toDbTime(now) })),
        )
        .execute();
    }
  });
  return memberLabels(db, memberId);
}
