// A member's own copy of what the CRM holds about them (UU PDP's right of access): every crm_* row that names
// them, and the SLiMS data the CRM shows (their member record, loans and visits), as JSON or as one CSV.
import { sql, type Kysely } from 'kysely';
import type { CrmTables, Database } from '../db/database.ts';
import { fromDbTime, localDate } from '../db/time.ts';
import { csvLine } from '../surveys/csv.ts';
import { slimsData } from './profile.ts';
import { findSlimsMember, memberLoans, memberVisits } from './staff-members.queries.ts';

/**
 * Every crm_* table with a member_id column, by the section of the export that holds its rows. A new table that
 * names members joins this list (test/server/member-preferences.test.ts finds any that did not).
 */
export const EXPORTED_TABLES = {
  preferences: 'crm_member_preference',
  interests: 'crm_member_interest',
  media: 'crm_member_media',
  consents: 'crm_member_consent',
  erasureRequests: 'crm_erasure_request',
  interactions: 'crm_member_interaction',
  staffNote: 'crm_member_note',
  labels: 'crm_member_label',
  surveyResponses: 'crm_survey_response',
  feedback: 'crm_feedback',
  feedbackVotes: 'crm_feedback_vote',
} as const satisfies Record<string, keyof CrmTables>;

type Row = Record<string, unknown>;

export interface MemberExport {
  exportedAt: string;
  /** SLiMS's own data, read only: the record as the CRM shows it, the loans and the visits as SLiMS wrote them. */
  slims: { member: Row; loans: Row[]; visits: Row[] };
  /** Every crm_* row naming the member, column by column; times in UTC. */
  crm: Record<keyof typeof EXPORTED_TABLES | 'surveyAnswers' | 'profileViews', Row[]>;
}

/** A row as the database gave it, with the CRM's times ('…_at') as ISO instants. */
const withInstants = (row: Row): Row =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      key.endsWith('_at') && typeof value === 'string' ? fromDbTime(value) : value,
    ]),
  );

/** The member's export, or null when SLiMS has no such member. */
export async function memberExport(
  db: Kysely<Database>,
  memberId: string,
  now: Date,
  utcOffsetMinutes: number,
): Promise<MemberExport | null> {
  const member = await findSlimsMember(db, memberId);
  if (member === null) return null;
  const crm = {} as MemberExport['crm'];
  for (const [section, table] of Object.entries(EXPORTED_TABLES) as Array<[keyof typeof EXPORTED_TABLES, string]>) {
    // The table names are this module's own constants; only the member id is a parameter.
    const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE member_id = ${memberId}`.execute(db);
    // Oldest first, as written: an index may hand them over in its own order.
    crm[section] = rows.sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0)).map(withInstants);
  }
  const responseIds = crm.surveyResponses.map((row) => Number(row.id));
  crm.surveyAnswers =
    responseIds.length === 0
      ? []
      : await db
          .selectFrom('crm_survey_answer')
          .selectAll()
          .where('response_id', 'in', responseIds)
          .orderBy('id')
          .execute();
  // Staff's views of the member's profile (who looked, and when) are about them too.
  crm.profileViews = (
    await db
      .selectFrom('crm_audit_log')
      .select(['staff_name', 'action', 'created_at'])
      .where('subject', '=', `member:${memberId}`)
      .orderBy('id')
      .execute()
  ).map(withInstants);
  const [loans, visits] = await Promise.all([memberLoans(db, memberId), memberVisits(db, memberId)]);
  return {
    exportedAt: now.toISOString(),
    slims: { member: slimsData(member, localDate(now, utcOffsetMinutes)), loans, visits },
    crm,
  };
}

/** Text for one CSV cell: null as empty, objects as JSON. */
const cell = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * The export as one CSV a spreadsheet opens: a row per value, `section` (slims.member, crm.consents, …), `row`
 * (from 1 within the section), `field` and `value`, so tables of any shape fit one sheet.
 */
export function exportCsv(data: MemberExport): string {
  let out = csvLine(['section', 'row', 'field', 'value']);
  const section = (name: string, rows: Row[]) =>
    rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) out += csvLine([name, String(i + 1), field, cell(value)]);
    });
  out += csvLine(['export', '1', 'exportedAt', data.exportedAt]);
  section('slims.member', [data.slims.member]);
  section('slims.loans', data.slims.loans);
  section('slims.visits', data.slims.visits);
  for (const [name, rows] of Object.entries(data.crm)) section(`crm.${name}`, rows);
  return out;
}
