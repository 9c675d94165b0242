// The audit log of personal-data reads: which staff member saw whose contact details or member ids, and when.
import type { Kysely } from 'kysely';
import type { StaffClaims } from './auth/tokens.ts';
import type { Database } from './db/database.ts';
import { toDbTime } from './db/time.ts';

export type AuditAction = 'feedback.personal_data' | 'survey.export' | 'member.profile' | 'segment.export';

/**
 * Records one read; written before the data is sent, so a read that was answered is always logged. `rows`: how
 * many rows an export hands over.
 */
export async function recordRead(
  db: Kysely<Database>,
  staff: Pick<StaffClaims, 'uid' | 'name'>,
  action: AuditAction,
  subject: string,
  now: Date,
  rows: number | null = null,
): Promise<void> {
  await db
    .insertInto('crm_audit_log')
    .values({
      staff_uid: staff.uid,
      staff_name: staff.name.slice(0, 100),
      action,
      subject: subject.slice(0, 120),
      row_count: rows,
      created_at: toDbTime(now),
    })
    .execute();
}
