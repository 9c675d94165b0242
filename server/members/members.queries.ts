// Members as SLiMS keeps them (read only) and their OPAC passwords.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
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
