// The demo-library generator: deterministic, and shaped like a real library (on SQLite and, when up, MariaDB).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { applySlimsSubset } from '../../server/db/migrate.ts';
import { DEMO_MEMBER_PASSWORD, seedDemoLibrary, type SeedSummary } from '../../server/seed/generate.ts';
import { DEMO_POLL, DEMO_SURVEY } from '../../server/site/pages.ts';
import { availableDatabases, createMysqlDatabase, testDatabases } from '../helpers/databases.ts';
import { runCli } from '../helpers/sidecar-process.ts';

const TODAY = '2025-06-30';
/** Days the demo library is closed within its history (Idul Fitri and the day after, public holidays). */
const CLOSED = [
  '2024-04-10',
  '2024-04-11',
  '2025-03-31',
  '2025-04-01',
  '2024-08-17',
  '2025-01-01',
  '2024-12-25',
  '2023-12-25',
];

async function seeded(
  open: () => Promise<DatabaseHandle>,
  seed: number,
): Promise<{ handle: DatabaseHandle; summary: SeedSummary }> {
  const handle = await open();
  await applySlimsSubset(handle);
  const summary = await seedDemoLibrary(handle, { size: 'demo', seed, today: TODAY });
  return { handle, summary };
}

/** A digest of the rows that matter, so two libraries can be compared without holding both. */
async function digest(handle: DatabaseHandle): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(await handle.db.selectFrom('member').selectAll().orderBy('member_id').execute()));
  hash.update(JSON.stringify(await handle.db.selectFrom('biblio').selectAll().orderBy('biblio_id').execute()));
  hash.update(JSON.stringify(await handle.db.selectFrom('item').selectAll().orderBy('item_id').execute()));
  hash.update(JSON.stringify(await handle.db.selectFrom('loan').selectAll().orderBy('loan_id').execute()));
  hash.update(JSON.stringify(await handle.db.selectFrom('visitor_count').selectAll().orderBy('visitor_id').execute()));
  return hash.digest('hex');
}

const sqlite = testDatabases().find((database) => database.name === 'sqlite')!;
const digestsByDialect = new Map<string, string>();

describe('seedDemoLibrary determinism (sqlite)', () => {
  it('gives the same library for the same seed and a different one for another seed', async () => {
    const a = await seeded(sqlite.open, 42);
    const b = await seeded(sqlite.open, 42);
    const c = await seeded(sqlite.open, 43);
    try {
      const digestA = await digest(a.handle);
      expect(await digest(b.handle)).toBe(digestA);
      expect(await digest(c.handle)).not.toBe(digestA);
      expect(b.summary).toEqual(a.summary);
    } finally {
      await Promise.all([a.handle.close(), b.handle.close(), c.handle.close()]);
    }
  });
});

describe.each(await availableDatabases())('seedDemoLibrary on $name', (database) => {
  let handle: DatabaseHandle;
  let summary: SeedSummary;

  beforeAll(async () => {
    ({ handle, summary } = await seeded(database.open, 7));
  });
  afterAll(async () => {
    await handle?.close();
  });

  const loans = () => handle.db.selectFrom('loan').selectAll().orderBy('loan_id').execute();

  it('makes a demo-sized library and reports what it wrote', async () => {
    expect(summary.rows.member).toBe(400);
    expect(summary.rows.biblio).toBe(1500);
    expect(summary.rows.item).toBeGreaterThan(2_400);
    expect(summary.rows.item).toBeLessThan(3_600);
    expect(summary.rows.loan).toBeGreaterThan(7_500);
    expect(summary.rows.loan).toBeLessThan(8_500);
    expect(summary.rows.visitor_count).toBeGreaterThan(summary.rows.loan / 2);
    for (const table of [
      'member',
      'biblio',
      'item',
      'loan',
      'visitor_count',
      'biblio_topic',
      'biblio_author',
      'mst_topic',
    ] as const) {
      const row = await handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBe(summary.rows[table]);
    }
    digestsByDialect.set(database.name, await digest(handle));
  });

  it('refuses to seed again unless asked to reset, and a reset gives the same library', async () => {
    await expect(seedDemoLibrary(handle, { size: 'demo', seed: 7, today: TODAY })).rejects.toThrow(/Refusing to seed/);
    const before = digestsByDialect.get(database.name);
    const again = await seedDemoLibrary(handle, { size: 'demo', seed: 7, today: TODAY, reset: true });
    expect(again.rows.loan).toBe(summary.rows.loan);
    expect(await digest(handle)).toBe(before);
  });

  it('links every loan to an existing item and member, and keeps loan states consistent', async () => {
    const orphanItems = await handle.db
      .selectFrom('loan')
      .leftJoin('item', 'item.item_code', 'loan.item_code')
      .where('item.item_id', 'is', null)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(orphanItems.n)).toBe(0);
    const orphanMembers = await handle.db
      .selectFrom('loan')
      .leftJoin('member', 'member.member_id', 'loan.member_id')
      .where('member.member_name', 'is', null)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(orphanMembers.n)).toBe(0);

    const all = await loans();
    let open = 0;
    let overdue = 0;
    let renewed = 0;
    for (const loan of all) {
      expect(loan.is_lent).toBe(1);
      expect(loan.due_date >= loan.loan_date).toBe(true);
      expect(loan.loan_date <= TODAY).toBe(true);
      if (loan.is_return === 0) {
        open += 1;
        expect(loan.return_date).toBeNull();
        expect(loan.last_update).toBe(loan.input_date);
        if (loan.due_date < TODAY) overdue += 1;
      } else {
        expect(loan.return_date).not.toBeNull();
        expect(loan.return_date! >= loan.loan_date && loan.return_date! <= TODAY).toBe(true);
      }
      if (loan.renewed > 0) renewed += 1;
    }
    expect(open).toBe(summary.openLoans);
    expect(overdue).toBe(summary.overdueLoans);
    expect(overdue).toBeGreaterThan(10);
    expect(open - overdue).toBeGreaterThan(10);
    expect(renewed).toBeGreaterThan(all.length * 0.05);
  });

  it('never lends a copy that is already out', async () => {
    const byItem = new Map<string, { loan_date: string; return_date: string | null }[]>();
    for (const loan of await loans()) {
      const list = byItem.get(loan.item_code!) ?? [];
      list.push(loan);
      byItem.set(loan.item_code!, list);
    }
    for (const list of byItem.values()) {
      list.sort((a, b) => a.loan_date.localeCompare(b.loan_date));
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1]!;
        expect(previous.return_date).not.toBeNull();
        expect(list[i]!.loan_date > previous.return_date!).toBe(true);
      }
    }
  });

  it('makes popularity Zipf-like and members loyal to their topics', async () => {
    const rows = await handle.db
      .selectFrom('loan')
      .innerJoin('item', 'item.item_code', 'loan.item_code')
      .innerJoin('biblio_topic', (join) =>
        join.onRef('biblio_topic.biblio_id', '=', 'item.biblio_id').on('biblio_topic.level', '=', 1),
      )
      .select(['loan.member_id', 'item.biblio_id', 'biblio_topic.topic_id'])
      .execute();
    const perTitle = new Map<number, number>();
    for (const row of rows) perTitle.set(row.biblio_id!, (perTitle.get(row.biblio_id!) ?? 0) + 1);
    const counts = [...perTitle.values()].sort((a, b) => b - a);
    const topShare = counts.slice(0, Math.ceil(summary.rows.biblio * 0.01)).reduce((a, b) => a + b, 0) / rows.length;
    // A uniform library would give the top 1% of titles about 1% of loans.
    expect(topShare).toBeGreaterThan(0.08);

    const perMember = new Map<string, Map<number, number>>();
    for (const row of rows) {
      const topicsOf = perMember.get(row.member_id!) ?? new Map<number, number>();
      topicsOf.set(row.topic_id, (topicsOf.get(row.topic_id) ?? 0) + 1);
      perMember.set(row.member_id!, topicsOf);
    }
    const shares: number[] = [];
    for (const topicsOf of perMember.values()) {
      const n = [...topicsOf.values()].sort((a, b) => b - a);
      const total = n.reduce((a, b) => a + b, 0);
      if (total >= 10) shares.push(((n[0] ?? 0) + (n[1] ?? 0) + (n[2] ?? 0)) / total);
    }
    expect(shares.length).toBeGreaterThan(50);
    expect(shares.reduce((a, b) => a + b, 0) / shares.length).toBeGreaterThan(0.75);
  });

  it('records visits: one per member per loan day, guests, quiet Sundays, none on closed days', async () => {
    const visits = await handle.db.selectFrom('visitor_count').selectAll().execute();
    const memberDays = new Set(
      visits.filter((v) => v.member_id !== null).map((v) => `${v.member_id} ${v.checkin_date.slice(0, 10)}`),
    );
    expect(memberDays.size).toBe(visits.filter((v) => v.member_id !== null).length);
    for (const loan of await loans()) expect(memberDays.has(`${loan.member_id} ${loan.loan_date}`)).toBe(true);

    const guests = visits.filter((v) => v.member_id === null);
    expect(guests.length).toBeGreaterThan(visits.length * 0.1);
    expect(guests.every((v) => v.member_name.trim().length > 0)).toBe(true);

    const byWeekday = Array.from({ length: 7 }, () => 0);
    for (const visit of visits) byWeekday[new Date(`${visit.checkin_date.slice(0, 10)}T00:00:00Z`).getUTCDay()]! += 1;
    expect(byWeekday[0]!).toBeLessThan(byWeekday[3]! * 0.5);

    const closed = new Set(CLOSED);
    expect(visits.filter((v) => closed.has(v.checkin_date.slice(0, 10)))).toEqual([]);
    expect((await loans()).filter((loan) => closed.has(loan.loan_date))).toEqual([]);
  });

  it('adds the demo staff and gives a few members the documented OPAC password', async () => {
    const staff = await handle.db
      .selectFrom('user')
      .select(['user_id', 'username', 'passwd', 'groups'])
      .orderBy('user_id')
      .execute();
    expect(staff.map((s) => [s.user_id, s.username, s.groups])).toEqual([
      [1, 'admin', 'a:1:{i:0;s:1:"1";}'],
      [2, 'pustakawan', 'a:1:{i:0;s:1:"2";}'],
    ]);
    expect(staff[0]!.passwd.startsWith('$2y$10$')).toBe(true);
    expect(bcrypt.compareSync('admin', staff[0]!.passwd)).toBe(true);
    expect(bcrypt.compareSync('pustakawan', staff[1]!.passwd)).toBe(true);
    const access = await handle.db
      .selectFrom('group_access')
      .select(['group_id', 'module_id', 'r', 'w'])
      .where('group_id', '=', 2)
      .orderBy('module_id')
      .execute();
    expect(access).toEqual([
      { group_id: 2, module_id: 2, r: 1, w: 0 },
      { group_id: 2, module_id: 3, r: 1, w: 1 },
    ]);
    const modules = await handle.db.selectFrom('mst_module').select('module_path').orderBy('module_id').execute();
    expect(modules.map((m) => m.module_path)).toEqual([
      'bibliography',
      'circulation',
      'membership',
      'master_file',
      'stock_take',
      'system',
      'reporting',
      'serial_control',
    ]);

    const withPassword = await handle.db
      .selectFrom('member')
      .select(['member_id', 'mpasswd'])
      .where('mpasswd', 'is not', null)
      .orderBy('member_id')
      .execute();
    expect(withPassword.map((m) => m.member_id)).toEqual(summary.membersWithPassword);
    for (const member of withPassword) expect(bcrypt.compareSync(DEMO_MEMBER_PASSWORD, member.mpasswd!)).toBe(true);
  });

  it('looks like an Indonesian library', async () => {
    const members = await handle.db.selectFrom('member').selectAll().execute();
    expect(members.filter((m) => m.member_email === null).length).toBeGreaterThan(10);
    expect(members.filter((m) => m.member_phone?.startsWith('08')).length).toBeGreaterThan(300);
    expect(members.filter((m) => m.expire_date < TODAY).length).toBeGreaterThan(10);
    expect(members.filter((m) => m.is_pending === 1).length).toBeGreaterThan(0);
    expect(new Set(members.map((m) => m.gender))).toEqual(new Set([0, 1]));
    const ages = members.map((m) => 2025 - Number(m.birth_date!.slice(0, 4)));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...ages)).toBeLessThanOrEqual(77);
    expect(members.some((m) => /Medan|Pekanbaru|Padang/.test(m.inst_name ?? ''))).toBe(true);
    const years = await handle.db.selectFrom('biblio').select('publish_year').execute();
    expect(years.every((b) => typeof b.publish_year === 'string' && /^\d{4}$/.test(b.publish_year))).toBe(true);
  });
});

describe('seedDemoLibrary across dialects', () => {
  it('writes the same rows on SQLite and MariaDB', () => {
    if (digestsByDialect.size < 2) return;
    expect(digestsByDialect.get('mysql')).toBe(digestsByDialect.get('sqlite'));
  });
});

// `npm run seed -- --size demo` as the README tells a newcomer to try MariaDB: the same demo polls, survey and
// suggestion-box items as the embedded SQLite demo, ready for `CRM_DEMO=1 npm start`.
describe.each(await availableDatabases())('npm run seed -- --size demo on $name', (database) => {
  it('adds the demo polls, survey and suggestion-box items, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-seed-cli-'));
    const mysql = database.name === 'mysql' ? await createMysqlDatabase() : null;
    const env: Record<string, string> = mysql !== null ? { CRM_DATABASE_URL: mysql.url } : { CRM_DATA_DIR: dir };
    const handle = async () =>
      mysql !== null ? openDatabase({ url: mysql.url }) : openDatabase({ url: null, dataDir: dir });
    try {
      const first = await runCli('seed', env);
      expect(first.code, first.output).toBe(0);
      expect(first.output).toContain('Demo polls and survey: added; suggestion-box items: added');
      const db = await handle();
      try {
        const surveys = await db.db
          .selectFrom('crm_survey as s')
          .leftJoin('crm_survey_response as r', 'r.survey_id', 's.id')
          .select(['s.slug', 's.status', (eb) => eb.fn.count<number>('r.id').as('responses')])
          .groupBy(['s.slug', 's.status'])
          .orderBy('s.slug')
          .execute();
        expect(surveys.map((s) => ({ ...s, responses: Number(s.responses) }))).toEqual([
          { slug: DEMO_POLL, status: 'open', responses: 140 },
          { slug: DEMO_SURVEY, status: 'open', responses: 60 },
        ]);
        const published = await db.db
          .selectFrom('crm_feedback')
          .select(['kind', 'status', 'published'])
          .orderBy('id')
          .execute();
        expect(published.length).toBeGreaterThan(5);
        expect(published.some((f) => Number(f.published) === 1)).toBe(true);
      } finally {
        await db.close();
      }
    } finally {
      await mysql?.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
