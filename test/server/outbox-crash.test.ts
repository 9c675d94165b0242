// The outbox sender as a real process, killed (SIGKILL) mid-batch and started again: every message arrives,
// and the only repeats are messages that were in flight at the kill, with their Message-ID unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { enqueue } from '../../server/outbox/outbox.queries.ts';
import { prepareDatabase } from '../helpers/app.ts';
import { createMysqlDatabase, isMysqlReachable } from '../helpers/databases.ts';
import { startMailbox } from '../helpers/mailbox.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const worker = fileURLToPath(new URL('../helpers/outbox-worker.ts', import.meta.url));
const LEASE_MS = 1500;

interface Target {
  name: string;
  open(): Promise<{ handle: DatabaseHandle; address: string; drop(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'sqlite',
    async open() {
      const file = join(mkdtempSync(join(tmpdir(), 'crm-outbox-')), 'outbox.sqlite');
      return { handle: await openDatabase({ url: null, sqliteFile: file }), address: file, drop: async () => {} };
    },
  },
];
if (await isMysqlReachable()) {
  targets.push({
    name: 'mysql',
    async open() {
      const database = await createMysqlDatabase();
      return {
        handle: await openDatabase({ url: database.url, connections: 2 }),
        address: database.url,
        drop: database.drop,
      };
    },
  });
}

const mailbox = await startMailbox({ delayMs: 120 });
afterAll(() => mailbox.close());

function startWorker(address: string, owner: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', worker, address, mailbox.url, owner, String(LEASE_MS)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`sender process exited early (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(targets)('outbox sender process on $name', (target) => {
  it('is killed mid-batch and restarted: every message arrives, repeats only of those in flight, same Message-ID', async () => {
    const { handle, address, drop } = await target.open();
    try {
      await prepareDatabase(handle);
      mailbox.reset();
      const queued = [];
      for (let n = 1; n <= 12; n++) {
        queued.push(
          await enqueue(
            handle.db,
            {
              dedupeKey: `crash:${n}`,
              recipient: `anggota${n}@perpustakaan.test`,
              subject: `Pemberitahuan ${n}`,
              text: `Halo ${n}`,
            },
            new Date(),
            { publicUrl: 'https://crm.perpustakaan.test' },
          ),
        );
      }

      const first = await startWorker(address, 'first');
      await until(() => mailbox.received.length >= 4);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      const inFlight = new Set(
        (await handle.db.selectFrom('crm_outbox').select('message_id').where('status', '=', 'sending').execute()).map(
          (row) => row.message_id,
        ),
      );
      const sentBeforeRestart = await handle.db
        .selectFrom('crm_outbox')
        .select('id')
        .where('status', '=', 'sent')
        .execute();
      expect(sentBeforeRestart.length).toBeGreaterThanOrEqual(3);
      expect(sentBeforeRestart.length).toBeLessThan(12);

      const second = await startWorker(address, 'second');
      try {
        await until(async () => {
          const left = await handle.db.selectFrom('crm_outbox').select('id').where('status', '!=', 'sent').execute();
          return left.length === 0;
        });
        // Let a message accepted by the SMTP server but not yet recorded reach the mailbox.
        await new Promise((resolve) => setTimeout(resolve, 300));
      } finally {
        second.kill('SIGTERM');
      }

      const ids = mailbox.received.map((m) => m.messageId);
      expect(new Set(ids)).toEqual(new Set(queued.map((row) => row.message_id)));
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      expect(repeated.length).toBeLessThanOrEqual(1);
      for (const id of repeated) expect(inFlight.has(id)).toBe(true);
    } finally {
      await handle.close();
      await drop();
    }
  }, 60_000);
});
