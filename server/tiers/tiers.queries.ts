// Database access for the member tiers: the library's thresholds, the job's state, what members did (counted
// from SLiMS's loan and visitor_count and the CRM's answers and suggestions, a batch of members per query) and
// the scores and tier changes the job writes. SLiMS's tables are only read.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CrmMemberScoreTable, CrmTierRunTable, Database, TierCode, TierRunKind } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { toDbTime } from '../db/time.ts';
import { TIER_DEFAULTS, type MemberFacts, type Scored, type TierSettings } from './score.ts';

export type ScoreRow = Selectable<CrmMemberScoreTable>;
export type RunState = Selectable<CrmTierRunTable>;

export interface StoredSettings {
  settings: TierSettings;
  /** Who changed them last and when; null while the defaults hold. */
  updated: { uid: number; name: string; at: string } | null;
}

const COLUMNS: Record<keyof TierSettings, keyof Database['crm_tier_settings'] & string> = {
  windowDays: 'window_days',
  newDays: 'new_days',
  newMaxLoans: 'new_max_loans',
  activeScore: 'active_score',
  loyalScore: 'loyal_score',
  atRiskDays: 'at_risk_days',
  lapsedDays: 'lapsed_days',
  loansTarget: 'loans_target',
  visitsTarget: 'visits_target',
  topicsTarget: 'topics_target',
  engagementTarget: 'engagement_target',
};

export async function readSettings(db: Kysely<Database>): Promise<StoredSettings> {
  const row = await db.selectFrom('crm_tier_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (row === undefined) return { settings: { ...TIER_DEFAULTS }, updated: null };
  const settings = { ...TIER_DEFAULTS };
  for (const key of Object.keys(COLUMNS) as Array<keyof TierSettings>) settings[key] = Number(row[COLUMNS[key]]);
  return { settings, updated: { uid: Number(row.updated_uid), name: row.updated_name, at: row.updated_at } };
}

export async function saveSettings(
  db: Kysely<Database>,
  settings: TierSettings,
  staff: { uid: number; name: string },
  now: Date,
): Promise<void> {
  const values = {
    id: 1,
    ...Object.fromEntries((Object.keys(COLUMNS) as Array<keyof TierSettings>).map((k) => [COLUMNS[k], settings[k]])),
    updated_uid: staff.uid,
    updated_name: staff.name.slice(0, 100),
    updated_at: toDbTime(now),
  } as Database['crm_tier_settings'];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('crm_tier_settings').where('id', '=', 1).execute();
    await trx.insertInto('crm_tier_settings').values(values).execute();
  });
}

/** The job's one state row, made on first use. */
export async function readRunState(db: Kysely<Database>): Promise<RunState> {
  const found = await db.selectFrom('crm_tier_run').selectAll().where('id', '=', 1).executeTakeFirst();
  if (found !== undefined) return found;
  const row = { id: 1 };
  await (dialectOf(db) === 'mysql'
    ? db.insertInto('crm_tier_run').ignore().values(row).execute()
    : db
        .insertInto('crm_tier_run')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute());
  return db.selectFrom('crm_tier_run').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function updateRunState(db: Kysely<Database>, values: Partial<Omit<RunState, 'id'>>): Promise<void> {
  await db.updateTable('crm_tier_run').set(values).where('id', '=', 1).execute();
}

/** Staff asked for a run: the next tick of any sidecar (or this one at once) runs it. */
export async function requestRun(db: Kysely<Database>, kind: TierRunKind, now: Date): Promise<void> {
  await readRunState(db);
  await updateRunState(db, { requested_kind: kind, requested_at: toDbTime(now) });
}

/**
 * SLiMS told us of a loan, a return or a member changed (the plugin's webhook): an incremental run at the next
 * look, sooner than the next scheduled one. A run staff asked for already stands.
 */
export async function nudgeIncremental(db: Kysely<Database>, now: Date): Promise<void> {
  await readRunState(db);
  await db
    .updateTable('crm_tier_run')
    .set({ requested_kind: 'incremental', requested_at: toDbTime(now) })
    .where('id', '=', 1)
    .where('requested_kind', 'is', null)
    .execute();
}

/** The highest ids of the rows an incremental run reads after. */
export async function currentMarks(db: Kysely<Database>) {
  const [loan, visit, response, feedback] = await Promise.all([
    db
      .selectFrom('loan')
      .select((eb) => eb.fn.max('loan_id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('visitor_count')
      .select((eb) => eb.fn.max('visitor_id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('crm_survey_response')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('crm_feedback')
      .select((eb) => eb.fn.max('id').as('n'))
      .executeTakeFirst(),
  ]);
  return {
    loan: Number(loan?.n ?? 0),
    visit: Number(visit?.n ?? 0),
    response: Number(response?.n ?? 0),
    feedback: Number(feedback?.n ?? 0),
  };
}

export type Marks = Awaited<ReturnType<typeof currentMarks>>;

/** Members whose loans, visits, answers or suggestions arrived after `from` and up to `to`. */
export async function membersTouched(db: Kysely<Database>, from: Marks, to: Marks): Promise<string[]> {
  const [loans, visits, responses, feedback] = await Promise.all([
    db
      .selectFrom('loan')
      .select('member_id')
      .distinct()
      .where('loan_id', '>', from.loan)
      .where('loan_id', '<=', to.loan)
      .execute(),
    db
      .selectFrom('visitor_count')
      .select('member_id')
      .distinct()
      .where('visitor_id', '>', from.visit)
      .where('visitor_id', '<=', to.visit)
      .execute(),
    db
      .selectFrom('crm_survey_response')
      .select('member_id')
      .distinct()
      .where('id', '>', from.response)
      .where('id', '<=', to.response)
      .execute(),
    db
      .selectFrom('crm_feedback')
      .select('member_id')
      .distinct()
      .where('id', '>', from.feedback)
      .where('id', '<=', to.feedback)
      .where('anonymous', '=', 0)
      .execute(),
  ]);
  const ids = new Set<string>();
  for (const row of [...loans, ...visits, ...responses, ...feedback]) if (row.member_id) ids.add(row.member_id);
  return [...ids];
}

/** Members SLiMS has that have no score yet (joined since the last full run); quick when the counts agree. */
export async function membersUnscored(db: Kysely<Database>): Promise<string[]> {
  const [members, scores] = await Promise.all([
    db
      .selectFrom('member')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('crm_member_score')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  if (Number(members.n) <= Number(scores.n)) return [];
  const rows = await db
    .selectFrom('member')
    .leftJoin('crm_member_score', 'crm_member_score.member_id', 'member.member_id')
    .select('member.member_id')
    .where('crm_member_score.member_id', 'is', null)
    .execute();
  return rows.map((row) => row.member_id);
}

/** Every member's card number and join date, in the database's own order of card numbers. */
export async function allMembers(db: Kysely<Database>) {
  return db
    .selectFrom('member')
    .select(['member_id', 'member_since_date', 'register_date'])
    .orderBy('member_id')
    .execute();
}

export async function membersByIds(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('member')
    .select(['member_id', 'member_since_date', 'register_date'])
    .where('member_id', 'in', ids)
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof allMembers>>[number];

/** A batch of members an incremental run counts through the member_id indexes. */
export interface Batch {
  ids: readonly string[];
}

function inBatch<T extends 'loan' | 'visitor_count' | 'crm_survey_response' | 'crm_feedback'>(batch: Batch) {
  return (eb: import('kysely').ExpressionBuilder<Database, T>) => {
    return eb(eb.ref('member_id' as never), 'in', batch.ids as never);
  };
}

/** The library date window the facts count over: from `start` (exclusive) to `today` (inclusive). */
export interface Window {
  today: string;
  start: string;
  /** The window's first instant as the CRM keeps times (UTC), for the CRM's own rows. */
  startUtc: string;
}

/**
 * What the batch's members did, counted by the database in one query per source: loans (all, in the window, the
 * last), visits, distinct topics of the titles borrowed in the window (loan → item → biblio_topic), and answers
 * and suggestions. Keyed by card number as SLiMS's rows spell it.
 */
export async function batchFacts(db: Kysely<Database>, batch: Batch, window: Window): Promise<Map<string, Counted>> {
  const inWindow = (column: string) =>
    sql<number>`sum(case when ${sql.ref(column)} > ${window.start} and ${sql.ref(column)} <= ${window.today} then 1 else 0 end)`;
  const visitStart = `${nextDay(window.start)} 00:00:00`;
  const visitEnd = `${nextDay(window.today)} 00:00:00`;
  const [loans, visits, topics, responses, feedback] = await Promise.all([
    db
      .selectFrom('loan')
      .select((eb) => [
        'member_id',
        eb.fn.countAll<number>().as('total'),
        inWindow('loan_date').as('recent'),
        eb.fn.max('loan_date').as('last'),
      ])
      .where(inBatch<'loan'>(batch))
      .groupBy('member_id')
      .execute(),
    db
      .selectFrom('visitor_count')
      .select((eb) => [
        'member_id',
        sql<number>`sum(case when checkin_date >= ${visitStart} and checkin_date < ${visitEnd} then 1 else 0 end)`.as(
          'recent',
        ),
        eb.fn.max('checkin_date').as('last'),
      ])
      .where(inBatch<'visitor_count'>(batch))
      .groupBy('member_id')
      .execute(),
    db
      .selectFrom('loan')
      .innerJoin('item', 'item.item_code', 'loan.item_code')
      .innerJoin('biblio_topic', 'biblio_topic.biblio_id', 'item.biblio_id')
      .select((eb) => ['loan.member_id', eb.fn.count('biblio_topic.topic_id').distinct().as('topics')])
      .where(inBatch<'loan'>(batch) as never)
      .where('loan.loan_date', '>', window.start)
      .where('loan.loan_date', '<=', window.today)
      .groupBy('loan.member_id')
      .execute(),
    db
      .selectFrom('crm_survey_response')
      .select((eb) => ['member_id', eb.fn.countAll<number>().as('n')])
      .where(inBatch<'crm_survey_response'>(batch))
      .where('created_at', '>=', window.startUtc)
      .groupBy('member_id')
      .execute(),
    db
      .selectFrom('crm_feedback')
      .select((eb) => ['member_id', eb.fn.countAll<number>().as('n')])
      .where(inBatch<'crm_feedback'>(batch))
      .where('anonymous', '=', 0)
      .where('created_at', '>=', window.startUtc)
      .groupBy('member_id')
      .execute(),
  ]);
  const facts = new Map<string, Counted>();
  const of = (id: string) => {
    let f = facts.get(id);
    if (f === undefined) facts.set(id, (f = emptyFacts()));
    return f;
  };
  for (const row of loans) {
    if (row.member_id === null) continue;
    const f = of(row.member_id);
    f.loansTotal = Number(row.total);
    f.loansWindow = Number(row.recent ?? 0);
    f.lastLoan = row.last === null ? null : String(row.last).slice(0, 10);
  }
  for (const row of visits) {
    if (row.member_id === null) continue;
    const f = of(row.member_id);
    f.visitsWindow = Number(row.recent ?? 0);
    f.lastVisit = row.last === null ? null : String(row.last).slice(0, 19);
  }
  for (const row of topics) if (row.member_id !== null) of(row.member_id).topicsWindow = Number(row.topics);
  for (const row of [...responses, ...feedback]) {
    if (row.member_id !== null) of(row.member_id).engagementWindow += Number(row.n);
  }
  return facts;
}

type Counted = Omit<MemberFacts, 'memberId' | 'joined'>;

const emptyFacts = (): Counted => ({
  loansTotal: 0,
  loansWindow: 0,
  lastLoan: null,
  visitsWindow: 0,
  lastVisit: null,
  topicsWindow: 0,
  engagementWindow: 0,
});

/**
 * What every member did, for a full run: one aggregate per source over the whole table (loans, visits), which
 * MariaDB answers with a single sequential scan of SLiMS's MyISAM table; reading the same rows member range by
 * member range through the member_id index reads each row at random and costs several times more. The breadth
 * comes with the loans: the distinct item codes borrowed in the window, turned into distinct topics here through
 * two small lookups (an item's biblio, a biblio's topics), because joining millions of loans to item and
 * biblio_topic in the database is the slowest part by far. The two scans run side by side on two connections.
 */
export async function scanFacts(db: Kysely<Database>, window: Window): Promise<Map<string, Counted>> {
  const facts = new Map<string, Counted>();
  const of = (id: string) => {
    let f = facts.get(id);
    if (f === undefined) facts.set(id, (f = emptyFacts()));
    return f;
  };
  const inWindow = sql`loan_date > ${window.start} and loan_date <= ${window.today}`;
  const visitStart = `${nextDay(window.start)} 00:00:00`;
  const visitEnd = `${nextDay(window.today)} 00:00:00`;
  const [loans, visits, items, biblioTopics, responses, feedback] = await Promise.all([
    db.connection().execute(async (conn) => {
      // MySQL cuts a GROUP_CONCAT at 1,024 bytes by default (MariaDB at 1 MB): room for any member's window here.
      if (dialectOf(conn) === 'mysql') await sql`SET SESSION group_concat_max_len = 16777216`.execute(conn);
      return conn
        .selectFrom('loan')
        .select((eb) => [
          'member_id',
          eb.fn.countAll<number>().as('total'),
          sql<number>`sum(case when ${inWindow} then 1 else 0 end)`.as('recent'),
          eb.fn.max('loan_date').as('last'),
          // Item codes are joined with commas: one with a comma in it finds no biblio, and its topics go uncounted.
          sql<string | null>`group_concat(distinct case when ${inWindow} then item_code end)`.as('items'),
        ])
        .groupBy('member_id')
        .execute();
    }),
    db
      .selectFrom('visitor_count')
      .select((eb) => [
        'member_id',
        sql<number>`sum(case when checkin_date >= ${visitStart} and checkin_date < ${visitEnd} then 1 else 0 end)`.as(
          'recent',
        ),
        eb.fn.max('checkin_date').as('last'),
      ])
      .where('member_id', 'is not', null)
      .groupBy('member_id')
      .execute(),
    db.selectFrom('item').select(['item_code', 'biblio_id']).execute(),
    db.selectFrom('biblio_topic').select(['biblio_id', 'topic_id']).execute(),
    db
      .selectFrom('crm_survey_response')
      .select((eb) => ['member_id', eb.fn.countAll<number>().as('n')])
      .where('member_id', 'is not', null)
      .where('created_at', '>=', window.startUtc)
      .groupBy('member_id')
      .execute(),
    db
      .selectFrom('crm_feedback')
      .select((eb) => ['member_id', eb.fn.countAll<number>().as('n')])
      .where('member_id', 'is not', null)
      .where('anonymous', '=', 0)
      .where('created_at', '>=', window.startUtc)
      .groupBy('member_id')
      .execute(),
  ]);
  const biblioOf = new Map<string, number>();
  for (const row of items)
    if (row.item_code !== null && row.biblio_id !== null) biblioOf.set(row.item_code, Number(row.biblio_id));
  const topicsOf = new Map<number, number[]>();
  for (const row of biblioTopics) {
    const id = Number(row.biblio_id);
    const list = topicsOf.get(id);
    if (list === undefined) topicsOf.set(id, [Number(row.topic_id)]);
    else list.push(Number(row.topic_id));
  }
  for (const row of loans) {
    if (row.member_id === null) continue;
    const f = of(row.member_id);
    f.loansTotal = Number(row.total);
    f.loansWindow = Number(row.recent ?? 0);
    f.lastLoan = row.last === null ? null : String(row.last).slice(0, 10);
    if (row.items === null || row.items === '') continue;
    const topics = new Set<number>();
    for (const code of row.items.split(',')) {
      const biblio = biblioOf.get(code);
      for (const topic of (biblio === undefined ? undefined : topicsOf.get(biblio)) ?? []) topics.add(topic);
    }
    f.topicsWindow = topics.size;
  }
  for (const row of visits) {
    if (row.member_id === null) continue;
    const f = of(row.member_id);
    f.visitsWindow = Number(row.recent ?? 0);
    f.lastVisit = row.last === null ? null : String(row.last).slice(0, 19);
  }
  for (const row of [...responses, ...feedback])
    if (row.member_id !== null) of(row.member_id).engagementWindow += Number(row.n);
  return facts;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface ScoredMember {
  facts: MemberFacts;
  scored: Scored;
}

/**
 * Writes the batch's scores and, for each member whose tier changed (or who had none), a history row, in one
 * transaction: a score and its history never disagree. Returns how many tiers changed.
 */
export async function writeScores(
  db: Kysely<Database>,
  members: readonly ScoredMember[],
  today: string,
  now: Date,
): Promise<number> {
  if (members.length === 0) return 0;
  const at = toDbTime(now);
  return db.transaction().execute(async (trx) => {
    const before = new Map<string, { tier: TierCode; since: string }>();
    for (let i = 0; i < members.length; i += 1000) {
      const ids = members.slice(i, i + 1000).map((m) => m.facts.memberId);
      const rows = await trx
        .selectFrom('crm_member_score')
        .select(['member_id', 'tier', 'tier_since'])
        .where('member_id', 'in', ids)
        .execute();
      for (const row of rows) before.set(row.member_id, { tier: row.tier, since: row.tier_since });
    }
    const history: Array<Omit<Database['crm_member_tier_history'], 'id'>> = [];
    const rows: CrmMemberScoreTable[] = members.map(({ facts, scored }) => {
      const was = before.get(facts.memberId);
      const changed = was === undefined || was.tier !== scored.tier;
      if (changed)
        history.push({
          member_id: facts.memberId,
          from_tier: was?.tier ?? null,
          to_tier: scored.tier,
          score: scored.score,
          changed_at: at,
        });
      return {
        member_id: facts.memberId,
        score: scored.score,
        tier: scored.tier,
        recency_points: scored.parts.recency,
        loan_points: scored.parts.loans,
        visit_points: scored.parts.visits,
        breadth_points: scored.parts.breadth,
        engagement_points: scored.parts.engagement,
        loans_window: facts.loansWindow,
        loans_total: facts.loansTotal,
        visits_window: facts.visitsWindow,
        topics_window: facts.topicsWindow,
        engagement_window: facts.engagementWindow,
        last_loan: facts.lastLoan,
        last_visit: facts.lastVisit,
        joined: facts.joined,
        as_of: today,
        tier_since: changed ? at : was.since,
        computed_at: at,
      };
    });
    const mysql = dialectOf(trx) === 'mysql';
    const updated = Object.keys(rows[0]!).filter((c) => c !== 'member_id') as Array<keyof CrmMemberScoreTable>;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const insert = trx.insertInto('crm_member_score').values(chunk);
      await (
        mysql
          ? insert.onDuplicateKeyUpdate(Object.fromEntries(updated.map((c) => [c, sql`VALUES(${sql.ref(c)})`])))
          : insert.onConflict((oc) =>
              oc
                .column('member_id')
                .doUpdateSet(Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)])) as never),
            )
      ).execute();
    }
    for (let i = 0; i < history.length; i += 1000)
      await trx
        .insertInto('crm_member_tier_history')
        .values(history.slice(i, i + 1000))
        .execute();
    return history.length;
  });
}

/** Drops the scores of members SLiMS no longer has (a full run knows every member). */
export async function dropScoresOf(db: Kysely<Database>, present: ReadonlySet<string>): Promise<number> {
  const rows = await db.selectFrom('crm_member_score').select('member_id').execute();
  const gone = rows.map((row) => row.member_id).filter((id) => !present.has(id));
  for (let i = 0; i < gone.length; i += 1000)
    await db
      .deleteFrom('crm_member_score')
      .where('member_id', 'in', gone.slice(i, i + 1000))
      .execute();
  return gone.length;
}

/** One member's stored score, or null before the job has scored them. */
export async function memberScore(db: Kysely<Database>, memberId: string): Promise<ScoreRow | null> {
  const row = await db.selectFrom('crm_member_score').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return row ?? null;
}

/** The tiers and scores of these members (a page of the member search). */
export async function tiersOf(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { tier: TierCode; score: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('crm_member_score')
    .select(['member_id', 'tier', 'score'])
    .where('member_id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.member_id, { tier: row.tier, score: Number(row.score) }]));
}

/** Members per tier, for the settings view's summary. */
export async function tierCounts(db: Kysely<Database>): Promise<Record<TierCode, number>> {
  const rows = await db
    .selectFrom('crm_member_score')
    .select((eb) => ['tier', eb.fn.countAll<number>().as('n')])
    .groupBy('tier')
    .execute();
  const counts: Record<TierCode, number> = { new: 0, active: 0, loyal: 0, at_risk: 0, lapsed: 0 };
  for (const row of rows) counts[row.tier] = Number(row.n);
  return counts;
}
