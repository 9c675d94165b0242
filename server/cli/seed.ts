// npm run seed -- [--size demo|bench] [--seed N] [--today YYYY-MM-DD] [--database-url mysql://…] [--sqlite-file F] [--force]
// Creates the SLiMS subset and fills it with a generated library; --size demo also applies the crm_* migrations
// and adds the demo's polls, survey and suggestion-box items. For demo, benchmark and test databases only.
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/connection.ts';
import { applySlimsSubset, migrate } from '../db/migrate.ts';
import { ConfigError, loadConfig } from '../env.ts';
import { DEMO_MEMBER_PASSWORD, DEMO_STAFF, seedDemoLibrary, type SeedSize } from '../seed/generate.ts';
import type { Progress } from '../seed/writer.ts';
import { ensureDemoContent, ensureDemoFeedback } from '../site/demo-content.ts';
import { ensureDemoMemberWork } from '../site/demo-members.ts';

const usage = `Usage: npm run seed -- [--size demo|bench] [--seed N] [--today YYYY-MM-DD]
                        [--database-url mysql://user:pass@host/db | --sqlite-file path] [--force]
Without a database option it seeds the database the sidecar uses (CRM_DATABASE_URL, else the SQLite demo file).
It refuses a database whose member/biblio/item/loan/visitor_count tables hold rows; --force empties those
tables (and the demo staff rows) first. Never point it at a production SLiMS.`;

function parseOptions() {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'demo' },
      seed: { type: 'string', default: '1' },
      today: { type: 'string' },
      'database-url': { type: 'string' },
      'sqlite-file': { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  if (values.size !== 'demo' && values.size !== 'bench')
    throw new UsageError(`--size must be demo or bench, not ${values.size}`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UsageError('--seed must be an integer from 0 to 4294967295');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new UsageError('--today must be YYYY-MM-DD');
  if (values['database-url'] !== undefined && values['sqlite-file'] !== undefined) {
    throw new UsageError('give --database-url or --sqlite-file, not both');
  }
  return { ...values, size: values.size as SeedSize, seed };
}

class UsageError extends Error {}

/** One updating line on a terminal; a line every few seconds when stderr is a file or pipe. */
function progressReporter(): { report(progress: Progress): void; end(): void } {
  const tty = process.stderr.isTTY === true;
  // Tables are written side by side (loans with visits), so each keeps its own clock.
  const startedAt = new Map<string, number>();
  let lastPrinted = 0;
  let shown = false;
  const line = (p: Progress, now: number) => {
    const seconds = Math.max(0.5, (now - (startedAt.get(p.table) ?? now)) / 1000);
    const rate = p.done / seconds;
    const percent = p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 100;
    const eta = rate > 0 ? Math.max(0, (p.total - p.done) / rate) : 0;
    return `${p.table.padEnd(14)} ${percent.toFixed(1).padStart(5)}%  ${p.done.toLocaleString('en')}/${p.total.toLocaleString('en')}  ${Math.round(rate).toLocaleString('en')} rows/s  ETA ${eta.toFixed(0)} s`;
  };
  return {
    report(p) {
      const now = performance.now();
      if (!startedAt.has(p.table)) startedAt.set(p.table, now);
      if (now - lastPrinted < (tty ? 100 : 5000)) return;
      lastPrinted = now;
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line(p, now)}`);
        shown = true;
      } else process.stderr.write(`${line(p, now)}\n`);
    },
    end() {
      if (tty && shown) process.stderr.write('\n');
      shown = false;
    },
  };
}

async function main(): Promise<void> {
  const options = parseOptions();
  let url: string | null;
  let sqliteFile: string | undefined;
  let dataDir: string | undefined;
  if (options['database-url'] !== undefined) url = options['database-url'];
  else if (options['sqlite-file'] !== undefined) {
    url = null;
    sqliteFile = options['sqlite-file'];
  } else {
    const config = loadConfig();
    url = config.databaseUrl;
    dataDir = config.dataDir;
  }

  const handle = await openDatabase({ url, dataDir, sqliteFile, connections: 2 });
  const progress = progressReporter();
  try {
    await applySlimsSubset(handle);
    const started = performance.now();
    const summary = await seedDemoLibrary(handle, {
      size: options.size,
      seed: options.seed,
      today: options.today,
      reset: options.force,
      onProgress: progress.report,
    });
    progress.end();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Seeded a ${options.size} library (seed ${options.seed}, ${summary.firstDay} … ${summary.today}) in ${seconds.toFixed(1)} s on ${handle.dialect}:`,
    );
    for (const [table, rows] of Object.entries(summary.rows))
      console.log(`  ${table.padEnd(16)} ${rows.toLocaleString('en').padStart(12)}`);
    console.log(
      `  open loans ${summary.openLoans.toLocaleString('en')}, of which overdue ${summary.overdueLoans.toLocaleString('en')}`,
    );
    console.log(`Staff logins: ${DEMO_STAFF.map((staff) => `${staff.username} / ${staff.password}`).join(', ')}`);
    const shown = summary.membersWithPassword.slice(0, 5).join(', ');
    const more = summary.membersWithPassword.length > 5 ? ` (and ${summary.membersWithPassword.length - 5} more)` : '';
    console.log(`Member OPAC logins (password "${DEMO_MEMBER_PASSWORD}"): ${shown}${more}`);
    if (options.size === 'demo') {
      // The demo's polls, survey and suggestion-box items too, so a MariaDB demo shows what the SQLite one does.
      for (const name of await migrate(handle)) console.log(`migration applied: ${name}`);
      const now = options.today === undefined ? new Date() : new Date(`${options.today}T12:00:00Z`);
      const surveys = await ensureDemoContent(handle, now);
      const feedback = await ensureDemoFeedback(handle, now);
      const members = await ensureDemoMemberWork(handle, now);
      console.log(
        `Demo polls and survey: ${surveys ? 'added' : 'already there'}; suggestion-box items: ${feedback ? 'added' : 'already there'}; ` +
          `interactions, notes and labels on members: ${members ? 'added' : 'already there'}`,
      );
      if (handle.dialect === 'mysql')
        console.log('Start it with CRM_DATABASE_URL=<this database> CRM_DEMO=1 npm start to see the demo page.');
    }
  } finally {
    progress.end();
    await handle.close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${usage}`);
  else if (error instanceof ConfigError) console.error(`${error.id}\n${error.en}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
