// Database access for segments: a definition turned into one condition on SLiMS's member row (each filter one
// entry of SEGMENT_FILTERS, each value a parameter), counting it, its members through the member search, the
// ids for an export, and the saved segments themselves. SLiMS's tables are only read.
import {
  sql,
  type AliasedSelectQueryBuilder,
  type Expression,
  type Kysely,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { CrmSegmentTable, Database } from '../db/database.ts';
import { slimsCanHold } from '../db/dialect.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { sameLabel } from '../members/staff-members.schemas.ts';
import {
  addDays,
  likePattern,
  type MemberCondition,
  type MemberEb,
  type StaffRef,
} from '../members/staff-members.queries.ts';
import type { MinorChoice, SegmentDefinition } from './segments.schemas.ts';

/** Under this age a member is a minor (UU Perlindungan Anak; see INDONESIA.md). */
export const MINOR_AGE = 18;
/** Birth dates before this are SLiMS's "no date" (the zero date older installs hold), not a very old member. */
const KNOWN_BIRTH = '1900-01-01';

/**
 * The day `years` whole years before `today` ('YYYY-MM-DD'): someone born on it or before is at least `years`
 * old today, as ageOn counts. 29 February in a year without one is 28 February.
 */
export function yearsBefore(today: string, years: number): string {
  const year = Number(today.slice(0, 4)) - years;
  const month = Number(today.slice(5, 7));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const date = Math.min(Number(today.slice(8, 10)), lastDay);
  return `${String(year).padStart(4, '0')}-${today.slice(5, 7)}-${String(date).padStart(2, '0')}`;
}

/** What a filter needs beyond its value: the library's today and the stored spellings of the labels asked for. */
export interface FilterContext {
  today: string;
  labels: string[];
}

type Filters = Required<Omit<SegmentDefinition, 'minors'>>;
type FilterBuilder<K extends keyof Filters> = (
  eb: MemberEb,
  value: Filters[K],
  ctx: FilterContext,
) => Expression<SqlBool>;

/** A text SLiMS's utf8 columns cannot hold (an emoji) matches no member, and MySQL refuses the comparison. */
const never = () => sql<SqlBool>`1 = 0`;

const contains = (eb: MemberEb, column: 'inst_name' | 'member_address', value: string) =>
  slimsCanHold(value) ? sql<SqlBool>`${eb.ref(column)} like ${likePattern(value)} escape '!'` : never();

/** Card numbers from SLiMS's loan or visitor table, as a derived table. */
type ActivityIds = AliasedSelectQueryBuilder<{ member_id: string | null }, 'activity'>;

/**
 * `member_id` in (or not in) the card numbers `ids` selects, read once as a derived table. Asked directly,
 * MariaDB turns `IN (SELECT …)` into a probe of SLiMS's member_id index per member, reading loan or visit rows
 * at random (16 s on the bench library's 6 million visits); the derived table is one pass (1 s).
 */
const within = (eb: MemberEb, ids: ActivityIds, not = false) =>
  eb('member_id', not ? 'not in' : 'in', eb.selectFrom(ids).select('activity.member_id'));

/** Card numbers with a loan on or after `from` (any loan when absent), each once. */
const borrowers = (eb: MemberEb, from?: string): ActivityIds => {
  const ids = eb.selectFrom('loan').select('loan.member_id').distinct().where('loan.member_id', 'is not', null);
  return (from === undefined ? ids : ids.where('loan.loan_date', '>=', from)).as('activity');
};

/** Card numbers with a visit on or after `from` (a DATETIME: on or after that day's midnight), each once. */
const visitors = (eb: MemberEb, from?: string): ActivityIds => {
  const ids = eb
    .selectFrom('visitor_count')
    .select('visitor_count.member_id')
    .distinct()
    .where('visitor_count.member_id', 'is not', null);
  return (from === undefined ? ids : ids.where('visitor_count.checkin_date', '>=', from)).as('activity');
};

/**
 * The last loan or visit after `after` and before `before` (either may be absent): one on a later day than
 * `after`, and none from `before` on.
 */
function lastIn(eb: MemberEb, ids: (from?: string) => ActivityIds, range: { after?: string; before?: string }) {
  return eb.and([
    within(eb, ids(range.after === undefined ? undefined : addDays(range.after, 1))),
    ...(range.before === undefined ? [] : [within(eb, ids(range.before), true)]),
  ]);
}

const dayRange = (eb: MemberEb, column: 'register_date' | 'expire_date', range: { from?: string; to?: string }) =>
  eb.and([
    ...(range.from === undefined ? [] : [eb(column, '>=', range.from)]),
    ...(range.to === undefined ? [] : [eb(column, '<=', range.to)]),
  ]);

const hasEmail = (eb: MemberEb) => eb('member_email', 'like', '%@%');
const hasPhone = (eb: MemberEb) =>
  eb.and([eb('member_phone', 'is not', null), eb(eb.fn('trim', ['member_phone']), 'not in', ['', '-'])]);

/** Members known to be under 18 today (a member without a birth date is not). */
export const isMinor = (eb: MemberEb, today: string) => eb('birth_date', '>', yearsBefore(today, MINOR_AGE));

/**
 * One entry per filter of the definition: the condition its value puts on the member row. A filter over another
 * table is a `member_id IN (…)` on it; the tier, score, interest and consent filters will each be one more.
 */
export const SEGMENT_FILTERS: { [K in keyof Filters]: FilterBuilder<K> } = {
  memberTypes: (eb, ids) => eb('member_type_id', 'in', ids),
  age: (eb, { min, max }, { today }) =>
    eb.and([
      ...(min === undefined
        ? []
        : [eb('birth_date', '<=', yearsBefore(today, min)), eb('birth_date', '>=', KNOWN_BIRTH)]),
      ...(max === undefined ? [] : [eb('birth_date', '>', yearsBefore(today, max + 1))]),
    ]),
  gender: (eb, gender) => eb('gender', '=', gender === 'male' ? 1 : 0),
  institution: (eb, value) => contains(eb, 'inst_name', value),
  city: (eb, value) => contains(eb, 'member_address', value),
  postalCode: (eb, prefix) => eb('postal_code', 'like', `${prefix}%`),
  loans: (eb, { from, to, atLeast, atMost }) => {
    const loansIn = () =>
      eb
        .selectFrom('loan')
        .select('loan.member_id')
        .where('loan.member_id', 'is not', null)
        .where('loan.loan_date', '>=', from)
        .where('loan.loan_date', '<=', to)
        .groupBy('loan.member_id');
    // "At most n" holds for a member with no loan at all, who has no row to count: it is "not more than n".
    if (atLeast === undefined || atLeast === 0)
      return eb(
        'member_id',
        'not in',
        loansIn().having((h) => h.fn.countAll(), '>', atMost ?? 0),
      );
    let some = loansIn().having((h) => h.fn.countAll(), '>=', atLeast);
    if (atMost !== undefined) some = some.having((h) => h.fn.countAll(), '<=', atMost);
    return eb('member_id', 'in', some);
  },
  lastLoan: (eb, range) => lastIn(eb, (from) => borrowers(eb, from), range),
  lastVisit: (eb, range) => lastIn(eb, (from) => visitors(eb, from), range),
  joined: (eb, range) => dayRange(eb, 'register_date', range),
  expiring: (eb, range) => dayRange(eb, 'expire_date', range),
  labels: (eb, _asked, { labels }) =>
    labels.length === 0
      ? never()
      : eb(
          'member_id',
          'in',
          eb
            .selectFrom('crm_member_label')
            .select('crm_member_label.member_id')
            .where('crm_member_label.label', 'in', labels),
        ),
  hasEmail: (eb, has) => (has ? hasEmail(eb) : eb.not(eb.and([eb('member_email', 'is not', null), hasEmail(eb)]))),
  hasPhone: (eb, has) => (has ? hasPhone(eb) : eb.not(hasPhone(eb))),
};

/**
 * The labels as stored that the definition's labels name: compared as labels are kept (letter case and accents
 * aside), here rather than in SQL, where SQLite would compare letter case.
 */
async function storedLabels(db: Kysely<Database>, asked: string[] | undefined): Promise<string[]> {
  if (asked === undefined) return [];
  const rows = await db.selectFrom('crm_member_label').select('label').distinct().execute();
  return rows.map((row) => row.label).filter((label) => asked.some((a) => sameLabel(a, label)));
}

export async function filterContext(
  db: Kysely<Database>,
  definition: SegmentDefinition,
  today: string,
): Promise<FilterContext> {
  return { today, labels: await storedLabels(db, definition.labels) };
}

/** Every filter of the definition but the minors rule, as one condition (none: every member). */
function filtersCondition(definition: SegmentDefinition, ctx: FilterContext): MemberCondition {
  return (eb) => {
    const conditions: Expression<SqlBool>[] = [];
    for (const name of Object.keys(SEGMENT_FILTERS) as (keyof Filters)[]) {
      const value = definition[name];
      if (value === undefined) continue;
      const build = SEGMENT_FILTERS[name] as FilterBuilder<typeof name>;
      conditions.push(build(eb, value as never, ctx));
    }
    return eb.and(conditions);
  };
}

const minorsChoice = (definition: SegmentDefinition): MinorChoice => definition.minors ?? 'exclude';

/** The whole definition, minors rule included, as one condition on the member row. */
export function segmentCondition(definition: SegmentDefinition, ctx: FilterContext): MemberCondition {
  const filters = filtersCondition(definition, ctx);
  const minors = minorsChoice(definition);
  return (eb) => {
    if (minors === 'include') return filters(eb);
    const minor = isMinor(eb, ctx.today);
    const rule = minors === 'only' ? minor : eb.or([eb('birth_date', 'is', null), eb.not(minor)]);
    return eb.and([filters(eb), rule]);
  };
}

export interface SegmentCount {
  /** Members the definition holds. */
  count: number;
  /** Members under 18 the other filters hold whom the default (minors: exclude) left out; 0 otherwise. */
  minorsLeftOut: number;
}

/** How many members the definition holds, and how many minors it left out, in one pass over the members. */
export async function countSegment(
  db: Kysely<Database>,
  definition: SegmentDefinition,
  today: string,
): Promise<SegmentCount> {
  const ctx = await filterContext(db, definition, today);
  const row = await db
    .selectFrom('member')
    .select((eb) => [
      eb.fn.countAll<number>().as('members'),
      eb.fn.sum<number | null>(eb.case().when(isMinor(eb, today)).then(1).else(0).end()).as('minors'),
    ])
    .where(filtersCondition(definition, ctx))
    .executeTakeFirst();
  const members = Number(row?.members ?? 0);
  const minors = Number(row?.minors ?? 0);
  switch (minorsChoice(definition)) {
    case 'include':
      return { count: members, minorsLeftOut: 0 };
    case 'only':
      return { count: minors, minorsLeftOut: 0 };
    case 'exclude':
      return { count: members - minors, minorsLeftOut: minors };
  }
}

/** The card numbers of the segment's members, in card-number order: what an export hands over. */
export async function segmentMemberIds(
  db: Kysely<Database>,
  definition: SegmentDefinition,
  today: string,
): Promise<string[]> {
  const condition = segmentCondition(definition, await filterContext(db, definition, today));
  const rows = await db.selectFrom('member').select('member_id').where(condition).orderBy('member_id').execute();
  return rows.map((row) => row.member_id);
}

/** The SLiMS data of these members for the export, read in slices so the IN list stays short. */
export async function* exportRows(db: Kysely<Database>, ids: string[], slice = 1000) {
  for (let at = 0; at < ids.length; at += slice) {
    const rows = await db
      .selectFrom('member')
      .leftJoin('mst_member_type', 'mst_member_type.member_type_id', 'member.member_type_id')
      .select([
        'member.member_id',
        'member.member_name',
        'mst_member_type.member_type_name',
        'member.gender',
        'member.birth_date',
        'member.inst_name',
        'member.member_email',
        'member.member_phone',
        'member.member_address',
        'member.postal_code',
        'member.register_date',
        'member.expire_date',
      ])
      .where('member.member_id', 'in', ids.slice(at, at + slice))
      .orderBy('member.member_id')
      .execute();
    yield rows;
  }
}

export interface SavedSegment {
  id: number;
  name: string;
  definition: SegmentDefinition;
  createdAt: string;
  createdBy: StaffRef;
  updatedAt: string;
  updatedBy: StaffRef;
}

/** The stored definition (what the schema output when it was saved) read back through `parse`. */
function segmentView(row: Selectable<CrmSegmentTable>, parse: (json: unknown) => SegmentDefinition): SavedSegment {
  return {
    id: Number(row.id),
    name: row.name,
    definition: parse(JSON.parse(row.definition)),
    createdAt: fromDbTime(row.created_at),
    createdBy: { uid: Number(row.created_uid), name: row.created_name },
    updatedAt: fromDbTime(row.updated_at),
    updatedBy: { uid: Number(row.updated_uid), name: row.updated_name },
  };
}

export type DefinitionParser = (json: unknown) => SegmentDefinition;

export async function listSegments(db: Kysely<Database>, parse: DefinitionParser): Promise<SavedSegment[]> {
  const rows = await db.selectFrom('crm_segment').selectAll().execute();
  const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });
  return rows.map((row) => segmentView(row, parse)).sort((a, b) => byName.compare(a.name, b.name) || a.id - b.id);
}

export async function findSegment(
  db: Kysely<Database>,
  id: number,
  parse: DefinitionParser,
): Promise<SavedSegment | null> {
  const row = await db.selectFrom('crm_segment').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : segmentView(row, parse);
}

/** Whether another segment (not `except`) has this name, letter case and accents aside. */
export async function segmentNameTaken(db: Kysely<Database>, name: string, except?: number): Promise<boolean> {
  const rows = await db.selectFrom('crm_segment').select(['id', 'name']).execute();
  return rows.some((row) => Number(row.id) !== except && sameLabel(row.name, name));
}

export async function createSegment(
  db: Kysely<Database>,
  input: { name: string; definition: SegmentDefinition },
  staff: StaffRef,
  now: Date,
): Promise<number> {
  const who = { uid: staff.uid, name: staff.name.slice(0, 100), at: toDbTime(now) };
  const inserted = await db
    .insertInto('crm_segment')
    .values({
      name: input.name,
      definition: JSON.stringify(input.definition),
      created_uid: who.uid,
      created_name: who.name,
      created_at: who.at,
      updated_uid: who.uid,
      updated_name: who.name,
      updated_at: who.at,
    })
    .executeTakeFirstOrThrow();
  return Number(inserted.insertId);
}

export async function updateSegment(
  db: Kysely<Database>,
  id: number,
  input: { name: string; definition: SegmentDefinition },
  staff: StaffRef,
  now: Date,
): Promise<void> {
  await db
    .updateTable('crm_segment')
    .set({
      name: input.name,
      definition: JSON.stringify(input.definition),
      updated_uid: staff.uid,
      updated_name: staff.name.slice(0, 100),
      updated_at: toDbTime(now),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteSegment(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('crm_segment').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every label staff have given, once as labels are compared (guru and GURU are one), for the builder's choices. */
export async function labelChoices(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('crm_member_label').select('label').distinct().orderBy('label').execute();
  const labels: string[] = [];
  for (const { label } of rows) if (!labels.some((kept) => sameLabel(kept, label))) labels.push(label);
  const byName = new Intl.Collator('id', { sensitivity: 'base', numeric: true });
  return labels.sort(byName.compare);
}
