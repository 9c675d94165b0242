// Staff accounts live in SLiMS's user table; their module rights come from group_access (read only).
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import type { Privileges } from '../auth/tokens.ts';
import { isUniqueViolation, slimsCanHold } from '../db/dialect.ts';
import { unserializeList } from '../db/php-serialize.ts';

export interface StaffAccount {
  /** SLiMS 9.6+ two-step sign-in is on for this account: the sidecar cannot ask for the code. */
  twoFactor: boolean;
  uid: number;
  name: string;
  passwordHash: string;
  groups: number[];
}

export async function findStaff(db: Kysely<Database>, username: string): Promise<StaffAccount | null> {
  if (!slimsCanHold(username)) return null;
  const row = await db
    .selectFrom('user')
    // selectAll: the 2fa column exists from SLiMS 9.6 on only.
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (row === undefined) return null;
  const secondFactor = (row as { '2fa'?: string | null })['2fa'];
  return {
    twoFactor: typeof secondFactor === 'string' && secondFactor.trim() !== '',
    uid: row.user_id,
    name: row.realname || row.username,
    passwordHash: row.passwd,
    groups: unserializeList(row.groups)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
  };
}

// A valid hash of a random string, so an unknown username costs the same time as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('slims-crm-no-such-user', 10);

// bcrypt costs tens of milliseconds of this process's one thread: a burst of sign-ins waits its turn
// instead of stalling every widget request.
const MAX_CONCURRENT_CHECKS = 2;
let checking = 0;
const waiting: Array<() => void> = [];

async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (checking >= MAX_CONCURRENT_CHECKS) await new Promise<void>((resolve) => waiting.push(resolve));
  checking++;
  try {
    return await work();
  } finally {
    checking--;
    waiting.shift()?.();
  }
}

/** Checks a password against SLiMS's bcrypt hash ($2y$ is PHP's name for the same algorithm as $2b$). */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  const usable = hash !== null && /^\$2[aby]\$\d{2}\$/.test(hash);
  const candidate = usable ? hash.replace(/^\$2y\$/, '$2b$') : DUMMY_HASH;
  const ok = await oneAtATime(() => bcrypt.compare(password, candidate));
  return usable && ok;
}

export async function staffPrivileges(db: Kysely<Database>, staff: StaffAccount): Promise<Privileges> {
  const modules = await db.selectFrom('mst_module').select(['module_id', 'module_path']).execute();
  const privileges: Privileges = {};
  if (staff.uid === 1) {
    // SLiMS's super-admin: every module, as SLiMS itself treats user 1.
    for (const m of modules) if (m.module_path) privileges[m.module_path] = { r: true, w: true };
    return privileges;
  }
  if (staff.groups.length === 0) return privileges;
  const access = await db
    .selectFrom('group_access')
    .select(['module_id', 'r', 'w'])
    .where('group_id', 'in', staff.groups)
    .execute();
  const paths = new Map(modules.map((m) => [m.module_id, m.module_path]));
  for (const row of access) {
    const path = paths.get(row.module_id);
    if (!path) continue;
    const current = privileges[path] ?? { r: false, w: false };
    privileges[path] = { r: current.r || Number(row.r) === 1, w: current.w || Number(row.w) === 1 };
  }
  return privileges;
}

/** The staff account with this user_id as SLiMS has it now; null when it was deleted. */
export async function findStaffById(db: Kysely<Database>, uid: number): Promise<StaffAccount | null> {
  const row = await db.selectFrom('user').select('username').where('user_id', '=', uid).executeTakeFirst();
  if (row === undefined) return null;
  const staff = await findStaff(db, row.username);
  return staff?.uid === uid ? staff : null;
}

/** A staff token's key in crm_revoked_token: SHA-256 of the token as sent, whoever minted it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Revokes a token until it would have expired anyway; revoking twice is no error. */
export async function revokeToken(db: Kysely<Database>, hash: string, expiresAt: Date, now: Date): Promise<void> {
  try {
    await db
      .insertInto('crm_revoked_token')
      .values({ token_hash: hash, expires_at: toDbTime(expiresAt) })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  await db.deleteFrom('crm_revoked_token').where('expires_at', '<', toDbTime(now)).execute();
}

export async function isRevoked(db: Kysely<Database>, hash: string): Promise<boolean> {
  return (
    (await db
      .selectFrom('crm_revoked_token')
      .select('token_hash')
      .where('token_hash', '=', hash)
      .executeTakeFirst()) !== undefined
  );
}
