// `npm run bench`: the DESIGN.md section 7 targets for widget size and the public API, measured side by
// side in one run, printed as one table. Exits 0 even when a target is missed; non-zero only when the
// bench itself cannot run.
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureHttp } from './http.ts';
import { cleanup } from './processes.ts';
import { measurePow } from './pow.ts';
import { ensureBuild, measureSizes } from './sizes.ts';
import { renderTable, verdictLines, type Row } from './table.ts';
import { measureTiers } from './tiers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const seconds = Number(process.env.BENCH_SECONDS ?? '10');
const stormKeys = Number(process.env.BENCH_STORM_KEYS ?? '500');
const connections = 50;
const say = (line: string) => console.log(`[bench] ${line}`);

let finished = false;
async function stop(code: number, why: string): Promise<never> {
  if (!finished) {
    finished = true;
    console.error(`[bench] ${why}; cleaning up`);
    await cleanup();
  }
  process.exit(code);
}
process.once('SIGINT', () => void stop(130, 'interrupted'));
process.once('SIGTERM', () => void stop(143, 'terminated'));
// Bounded in time: builds, database and three measured runs fit well inside this, and so do seeding the bench
// library (about four minutes) and its tier runs.
const limitSeconds = 300 + 6 * seconds + 900;
setTimeout(() => void stop(3, `took longer than ${limitSeconds} s`), limitSeconds * 1000).unref();

async function main(): Promise<void> {
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 120)
    throw new Error(`BENCH_SECONDS must be 1..120, got ${process.env.BENCH_SECONDS}`);
  if (!Number.isInteger(stormKeys) || stormKeys < 1 || stormKeys > 20_000)
    throw new Error(`BENCH_STORM_KEYS must be 1..20000, got ${process.env.BENCH_STORM_KEYS}`);
  console.log(`slims-crm bench — ${new Date().toISOString()}`);
  console.log(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}; ` +
      `MariaDB, the sidecar and the load generator share these CPUs`,
  );
  console.log(
    `load: autocannon, ${connections} connections, ${seconds} s per measured run after a warm-up; loopback only`,
  );

  const dist = await ensureBuild(root, say);
  const sizes = await measureSizes(root, dist);
  say('proof-of-work: solving challenges in Chromium');
  const pow = await measurePow();
  const http = await measureHttp(
    root,
    { connections, seconds, warmupSeconds: Math.min(3, Math.max(1, Math.round(seconds / 3))) },
    stormKeys,
    say,
  );

  const tiers = await measureTiers(say);

  const rows: Row[] = [...sizes.rows, ...pow.rows, ...http.rows, ...tiers.rows];
  console.log('');
  for (const line of [...sizes.details, ...pow.details, ...http.details, ...tiers.details]) console.log(line);
  console.log('');
  console.log(renderTable(rows));
  console.log('');
  for (const line of verdictLines(rows)) console.log(line);
}

try {
  await main();
  finished = true;
  await cleanup();
  process.exit(0);
} catch (error) {
  console.error('[bench] the bench could not run:', error);
  await stop(1, 'failed');
}
