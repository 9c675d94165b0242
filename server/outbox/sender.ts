// The sender loop: lease due outbox rows, hand each to its channel's transport, record the outcome.
import type { Kysely } from 'kysely';
import type { DatabaseAvailability } from '../db/availability.ts';
import type { Database } from '../db/database.ts';
import { fromDbTime } from '../db/time.ts';
import { claim, DEFAULT_RETRY, markFailed, markSent, type OutboxRow, type RetryPolicy } from './outbox.queries.ts';

/** Delivers one message or throws; a throw is a failed try that will be retried. */
export type Transport = (message: OutboxRow) => Promise<void>;

export interface SenderOptions {
  db: Kysely<Database>;
  transport: Transport;
  /** Names this sender in lease_owner: unique per process (e.g. host, pid and a random part). */
  owner: string;
  clock?: () => Date;
  batch?: number;
  leaseMs?: number;
  retry?: RetryPolicy;
  log?: (line: string) => void;
  /** Told of a failed run first: a database outage is logged once there, not once per run. */
  availability?: DatabaseAvailability;
}

export interface RunResult {
  claimed: number;
  sent: number;
  failed: number;
}

export interface Sender {
  runOnce(): Promise<RunResult>;
  /** Runs every intervalMs until stop(); runs never overlap. */
  start(intervalMs: number): void;
  /** Stops the loop and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

export function createSender(options: SenderOptions): Sender {
  const {
    db,
    transport,
    owner,
    clock = () => new Date(),
    batch = 20,
    leaseMs = 5 * 60_000,
    retry = DEFAULT_RETRY,
    log = () => {},
  } = options;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = true;

  async function runOnce(): Promise<RunResult> {
    const rows = await claim(db, owner, clock(), { batch, leaseMs, maxAttempts: retry.maxAttempts });
    const result: RunResult = { claimed: rows.length, sent: 0, failed: 0 };
    for (const row of rows) {
      // Past the lease another sender may already hold the row: leave it rather than risk a second copy.
      if (clock().getTime() >= Date.parse(fromDbTime(row.lease_until ?? '1970-01-01 00:00:00'))) {
        log(
          `outbox: lease ran out with ${rows.length - result.sent - result.failed} message(s) unsent; they return to the queue`,
        );
        break;
      }
      try {
        await transport(row);
      } catch (error) {
        result.failed += 1;
        const reason = error instanceof Error ? error.message : String(error);
        log(`outbox: message ${row.id} to ${row.recipient} failed (attempt ${row.attempts + 1}): ${reason}`);
        await markFailed(db, row, owner, clock(), reason, retry);
        continue;
      }
      result.sent += 1;
      if (!(await markSent(db, row.id, owner, clock())))
        log(`outbox: message ${row.id} was sent after its lease passed to another sender`);
    }
    return result;
  }

  function schedule(intervalMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) => {
          if (!options.availability?.report(error))
            log(`outbox: run failed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          running = null;
          schedule(intervalMs);
        });
    }, intervalMs);
  }

  return {
    runOnce,
    start(intervalMs) {
      if (!stopped) return;
      stopped = false;
      schedule(intervalMs);
    },
    async stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
