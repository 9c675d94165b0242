// Builds the sidecar app for a test on a migrated database holding the SLiMS subset and two staff accounts.
import bcrypt from 'bcryptjs';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { applySlimsSubset, migrate } from '../../server/db/migrate.ts';
import { createApp } from '../../server/app.ts';
import { fixedSecret } from '../../server/auth/secret.ts';
import type { Config } from '../../server/env.ts';

export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789abcdef';
export const TEST_ORIGIN = 'https://opac.perpustakaan.test';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    databaseUrl: null,
    demo: (overrides.databaseUrl ?? null) === null,
    dataDir: '/nonexistent',
    secret: TEST_SECRET,
    publicUrl: 'http://crm.test',
    allowedOrigins: [TEST_ORIGIN],
    port: 0,
    host: '127.0.0.1',
    trustProxy: true,
    networkLimitPerHour: 1000,
    boardVotesPerNetworkPerDay: 10,
    utcOffsetMinutes: 420,
    smtpUrl: null,
    mailFrom: null,
    digestTo: [],
    digestHour: 7,
    digestLang: 'id',
    ...overrides,
  };
}

/** A fixed, settable clock. */
export function testClock(start = '2026-11-23T03:00:00Z') {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.set = (iso: string) => {
    now = new Date(iso);
  };
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

const hash = (password: string) => bcrypt.hashSync(password, 4).replace(/^\$2[ab]\$/, '$2y$');

/** SLiMS subset + crm migrations + staff: admin (uid 1), pustakawan (membership r/w), tamu (membership read only), kasir (no membership). */
export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  await applySlimsSubset(handle);
  await migrate(handle);
  const db = handle.db;
  await db.deleteFrom('user').execute();
  await db
    .insertInto('user_group')
    .values([
      { group_id: 2, group_name: 'CRM' },
      { group_id: 3, group_name: 'Baca saja' },
      { group_id: 4, group_name: 'Sirkulasi' },
    ] as never)
    .execute();
  await db
    .insertInto('group_access')
    .values([
      { group_id: 2, module_id: 3, menus: null, r: 1, w: 1 },
      { group_id: 3, module_id: 3, menus: null, r: 1, w: 0 },
      { group_id: 4, module_id: 2, menus: null, r: 1, w: 1 },
    ] as never)
    .execute();
  const user = (user_id: number, username: string, realname: string, groups: string) =>
    ({
      user_id,
      username,
      realname,
      passwd: hash(username),
      groups,
      input_date: '2026-01-01',
      last_update: '2026-01-01',
    }) as never;
  await db
    .insertInto('user')
    .values([
      user(1, 'admin', 'Administrator', 'a:1:{i:0;s:1:"1";}'),
      user(2, 'pustakawan', 'Siti Rahmawati', 'a:1:{i:0;s:1:"2";}'),
      user(3, 'tamu', 'Budi Santoso', 'a:1:{i:0;s:1:"3";}'),
      user(4, 'kasir', 'Rina Lubis', 'a:1:{i:0;s:1:"4";}'),
    ])
    .execute();
}

export function buildApp(handle: DatabaseHandle, clock = testClock(), config = testConfig()) {
  return createApp({
    db: handle.db,
    config,
    secret: testSecret(config),
    clock,
    cacheTtlMs: 1000,
    log: () => {},
    widgetsDir: '/nonexistent',
  });
}

/** The shared secret a test app uses: the config's CRM_SECRET, as if from the environment. */
export function testSecret(config: Config = testConfig()) {
  return fixedSecret(config.secret ?? TEST_SECRET);
}

export async function staffToken(app: ReturnType<typeof buildApp>, username = 'admin'): Promise<string> {
  const res = await app.request('/api/v1/staff/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
