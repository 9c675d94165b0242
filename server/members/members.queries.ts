// Members as SLiMS keeps them (read only), their OPAC passwords, and how long a locked-out card waits.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { passwordMatches } from '../staff/staff.queries.ts';

export interface MemberLogin {
  id: string;
  name: string;
  /** member.mpasswd; null (or empty) means the library never set an OPAC password. */
  passwordHash: string | null;
  pending: boolean;
  /** 'YYYY-MM-DD' */
  expireDate: string;
}

export async function findMemberLogin(db: Kysely<Database>, cardNumber: string): Promise<MemberLogin | null> {
  const row = await db
    .selectFrom('member')
    .select(['member_id', 'member_name', 'mpasswd', 'is_pending', 'expire_date'])
    .where('member_id', '=', cardNumber)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.member_id,
    name: row.member_name,
    passwordHash: row.mpasswd === null || row.mpasswd === '' ? null : row.mpasswd,
    pending: Number(row.is_pending) === 1,
    expireDate: row.expire_date.slice(0, 10),
  };
}

const LEGACY_MD5 = /^[0-9a-f]{32}$/i;

/**
 * Checks an OPAC password as SLiMS does: bcrypt ($2y$), else a legacy MD5 hex digest. Every path, a missing
 * member or hash included, costs one bcrypt comparison, so the answer's timing says nothing about the card.
 */
export async function memberPasswordMatches(password: string, hash: string | null): Promise<boolean> {
  if (hash === null || !LEGACY_MD5.test(hash)) return passwordMatches(password, hash);
  await passwordMatches(password, null);
  const given = Buffer.from(createHash('md5').update(password, 'utf8').digest('hex'), 'ascii');
  return timingSafeEqual(given, Buffer.from(hash.toLowerCase(), 'ascii'));
}

/**
 * For a subject over its limit: seconds until it has fewer than `limit` failures in the sliding window, i.e.
 * until the failure that tipped it over leaves the window. recentFailures counts a failure through the last
 * second of its window inclusive (times are whole seconds), hence the one second more.
 */
export async function retryAfterSeconds(
  db: Kysely<Database>,
  subject: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<number> {
  const rows = await db
    .selectFrom('crm_auth_failure')
    .select('created_at')
    .where('subject', '=', subject)
    .where('created_at', '>=', toDbTime(new Date(now.getTime() - windowMs)))
    .orderBy('created_at')
    .execute();
  const tipping = rows[Math.max(0, rows.length - limit)];
  if (tipping === undefined) return 1;
  const freeAt = new Date(fromDbTime(tipping.created_at)).getTime() + windowMs + 1000;
  return Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
}
