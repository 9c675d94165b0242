// Staff accounts live in SLiMS's user table; their module rights come from group_access (read only).
import bcrypt from 'bcryptjs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import type { Privileges } from '../auth/tokens.ts';
import { unserializeList } from './php-serialize.ts';

export interface StaffAccount {
  /** SLiMS 9.6+ two-step sign-in is on for this account: the sidecar cannot ask for the code. */
  twoFactor: boolean;
  uid: number;
  name: string;
  passwordHash: string;
  groups: number[];
}

export async function findStaff(db: Kysely<Database>, username: string): Promise<StaffAccount | null> {
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

export async function recentFailures(db: Kysely<Database>, subject: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('crm_auth_failure')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subject', '=', subject)
    .where('created_at', '>=', toDbTime(since))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Records a sign-in attempt against each subject before the password is checked, and returns how many
 * attempts each subject now has in the window. Counting after writing makes parallel guesses see each
 * other; a successful attempt is taken back with forgetAttempts.
 */
export async function recordAttempt(
  db: Kysely<Database>,
  subjects: string[],
  now: Date,
  since: Date,
): Promise<{ ids: number[]; counts: number[] }> {
  const ids: number[] = [];
  for (const subject of subjects) {
    const inserted = await db.insertInto('crm_auth_failure').values({ subject, created_at: toDbTime(now) }).executeTakeFirstOrThrow();
    ids.push(Number(inserted.insertId));
  }
  const counts = await Promise.all(subjects.map((subject) => recentFailures(db, subject, since)));
  // Now and then, drop attempts older than a day: the windows are minutes long.
  if (ids[0] !== undefined && ids[0] % 100 === 0) {
    await db.deleteFrom('crm_auth_failure').where('created_at', '<', toDbTime(new Date(now.getTime() - 86_400_000))).execute();
  }
  return { ids, counts };
}

export async function forgetAttempts(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('crm_auth_failure').where('id', 'in', ids).execute();
}
