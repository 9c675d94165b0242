// The member tiers on the bench library (200,000 members, 5,000,000 loans) on MariaDB: a full recompute and an
// incremental run after new loans and visits, beside the plain SQL aggregate over the same loans (one GROUP BY
// member) as the baseline, in the same run. The library is seeded into the bench's own database first (a few
// minutes); CRM_BENCH_TIERS_URL names a database that already holds it, to measure without seeding again.
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { seedDemoLibrary } from '../../server/seed/generate.ts';
import { runTierJob } from '../../server/tiers/tiers.job.ts';
import { createBenchDatabase } from './database.ts';
import { onCleanup } from './processes.ts';
import { count, ms, times, type Row } from './table.ts';

const FULL_TARGET_MS = 30_000;
const INCREMENTAL_TARGET_MS = 2_000;
const NEW_LOANS = 1_000;
const NEW_VISITS = 2_000;
/** The library's date in the seeded history (its last day), 10:00 WIB. */
const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T03:00:00Z`);

export async function measureTiers(say: (line: string) => void): Promise<{ rows: Row[]; details: string[] }> {
  const details: string[] = [];
  const handle = await benchLibrary(say, details);
  const db = handle.db;

  say('tiers: the baseline, one GROUP BY member over every loan');
  let started = performance.now();
  const groups = await db
    .selectFrom('loan')
    .select((eb) => ['member_id', eb.fn.countAll().as('loans'), eb.fn.max('loan_date').as('last')])
    .groupBy('member_id')
    .execute();
  const baselineMs = performance.now() - started;

  say('tiers: a full recompute');
  // The library's date stays the seeded history's last day; within it the clock runs, so the job's log has times.
  let now = NOW;
  let base = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - base));
  const job = (kind: 'full' | 'incremental') =>
    runTierJob({
      db,
      owner: 'bench',
      clock,
      utcOffsetMinutes: 420,
      kind,
      log: (line) => say(line.replace('[slims-crm] ', '')),
    });
  started = performance.now();
  const full = await job('full');
  const fullMs = performance.now() - started;
  if (!full.ran) throw new Error(`the full tier run did not run: ${full.why}`);
  const tiers = await db
    .selectFrom('crm_member_score')
    .select((eb) => ['tier', eb.fn.countAll().as('n')])
    .groupBy('tier')
    .orderBy('tier')
    .execute();
  details.push(`tiers after the full run: ${tiers.map((t) => `${t.tier} ${count(Number(t.n))}`).join(', ')}`);

  say(`tiers: ${NEW_LOANS} new loans and ${NEW_VISITS} new visits, then an incremental run`);
  const members = await db.selectFrom('member').select('member_id').orderBy('member_id').execute();
  const items = await db.selectFrom('item').select('item_code').limit(5_000).execute();
  const pick = <T>(list: T[], i: number) => list[(i * 7_919) % list.length]!;
  await db
    .insertInto('loan')
    .values(
      Array.from({ length: NEW_LOANS }, (_, i) => ({
        item_code: pick(items, i).item_code,
        member_id: pick(members, i).member_id,
        loan_date: TODAY,
        due_date: '2026-11-30',
        is_lent: 1,
        is_return: 0,
        input_date: `${TODAY} 09:00:00`,
      })),
    )
    .execute();
  await db
    .insertInto('visitor_count')
    .values(
      Array.from({ length: NEW_VISITS }, (_, i) => ({
        member_id: pick(members, i * 3 + 1).member_id,
        member_name: 'Pengunjung',
        checkin_date: `${TODAY} 09:30:00`,
      })),
    )
    .execute();
  now = new Date(NOW.getTime() + 10 * 60_000);
  base = Date.now();
  started = performance.now();
  const incremental = await job('incremental');
  const incrementalMs = performance.now() - started;
  if (!incremental.ran) throw new Error(`the incremental tier run did not run: ${incremental.why}`);
  details.push(
    `tiers: the full run scored ${count(full.members)} members (${count(groups.length)} with loans); the incremental one ` +
      `${count(incremental.members)} members touched by the new rows, ${count(incremental.changed)} tier changes`,
  );

  return {
    details,
    rows: [
      {
        what: 'tiers: plain SQL aggregate over the loans (GROUP BY member), MariaDB',
        measured: ms(baselineMs),
        baseline: '',
        ratio: '',
        target: '',
        pass: null,
      },
      {
        what: `tiers: full recompute, ${count(full.members)} members / 5M loans, MariaDB`,
        measured: ms(fullMs),
        baseline: ms(baselineMs),
        ratio: times(fullMs / baselineMs),
        target: `< ${ms(FULL_TARGET_MS)}`,
        pass: fullMs < FULL_TARGET_MS,
      },
      {
        what: `tiers: incremental after ${count(NEW_LOANS)} loans + ${count(NEW_VISITS)} visits, MariaDB`,
        measured: ms(incrementalMs),
        baseline: '',
        ratio: '',
        target: `< ${ms(INCREMENTAL_TARGET_MS)}`,
        pass: incrementalMs < INCREMENTAL_TARGET_MS,
      },
    ],
  };
}

/** A database holding the bench library: CRM_BENCH_TIERS_URL's, or the bench's own, seeded now. */
async function benchLibrary(say: (line: string) => void, details: string[]): Promise<DatabaseHandle> {
  const url = process.env.CRM_BENCH_TIERS_URL;
  if (url !== undefined && url !== '') {
    const handle = await openDatabase({ url, connections: 4 });
    onCleanup(() => handle.close());
    await migrate(handle);
    // Earlier scores and the job's state would make the first run incremental; start from none.
    for (const table of ['crm_member_score', 'crm_member_tier_history', 'crm_tier_run', 'crm_job_lease'] as const)
      await handle.db.deleteFrom(table).execute();
    details.push(`tiers: the bench library from CRM_BENCH_TIERS_URL (not seeded in this run)`);
    return handle;
  }
  const bench = await createBenchDatabase();
  say('tiers: seeding the bench library (200,000 members, 5,000,000 loans) into the bench database');
  const started = performance.now();
  await seedDemoLibrary(bench.handle, { size: 'bench', seed: 1, today: TODAY });
  details.push(
    `tiers: seeding the bench library took ${(Math.round((performance.now() - started) / 100) / 10).toFixed(1)} s`,
  );
  return bench.handle;
}
