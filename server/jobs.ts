// The sidecar's background work: the outbox sender (when a mail server is set) and a once-a-minute tick for
// scheduled jobs. Several sidecars may run all of it: the outbox leases rows and jobs queue by dedupe key.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { createAvailability, type DatabaseAvailability } from './db/availability.ts';
import type { Database } from './db/database.ts';
import type { Config } from './env.ts';
import { queueDailyDigest } from './feedback/digest.ts';
import { pruneSpentChallenges } from './feedback/pow.ts';
import { createEmailChannel } from './outbox/email.ts';
import { createSender } from './outbox/sender.ts';
import { runTierJob } from './tiers/tiers.job.ts';

export interface BackgroundOptions {
  db: Kysely<Database>;
  config: Config;
  clock?: () => Date;
  log?: (line: string) => void;
  /** The app's outage tracker: while the database is away a failing turn is not logged each time. */
  availability?: DatabaseAvailability;
  /** How often the sender looks for due messages. */
  sendEveryMs?: number;
  tickEveryMs?: number;
  /** How often the member tiers are looked at (a staff request starts within this; most looks find nothing due). */
  tierEveryMs?: number;
}

export function startBackgroundWork(options: BackgroundOptions) {
  const {
    db,
    config,
    clock = () => new Date(),
    log = console.error,
    sendEveryMs = 5_000,
    tickEveryMs = 60_000,
    tierEveryMs = 5_000,
  } = options;
  const availability = options.availability ?? createAvailability({ db, log });
  const channel =
    config.smtpUrl !== null && config.mailFrom !== null
      ? createEmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom })
      : null;
  const owner = `${hostname().slice(0, 40)}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const sender =
    channel === null
      ? null
      : createSender({
          db,
          transport: channel.send,
          owner,
          clock,
          availability,
          log: (line) => log(`[slims-crm] ${line}`),
        });
  sender?.start(sendEveryMs);

  let ticking: Promise<void> | null = null;
  const tick = () => {
    ticking ??= (async () => {
      const now = clock();
      // Each job on its own: one failing (the database away for a moment) does not hold up the others.
      const jobs: Array<[string, () => Promise<void>]> = [
        [
          'daily digest',
          async () => {
            if ((await queueDailyDigest(db, config, now)) === 'queued')
              log('[slims-crm] ringkasan harian kotak saran diantrekan / daily suggestion-box digest queued');
          },
        ],
        ['spent proof-of-work pruning', () => pruneSpentChallenges(db, now)],
      ];
      for (const [name, job] of jobs) {
        try {
          await job();
        } catch (error) {
          if (availability.report(error)) continue;
          log(`[slims-crm] scheduled job "${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    })().finally(() => {
      ticking = null;
    });
  };
  tick();
  const timer = setInterval(tick, tickEveryMs);
  timer.unref();

  // The member tiers: a full run on a new library day (and the first start), incremental every few minutes, and
  // what staff ask for; the job's lease lets one sidecar of several run each.
  let tiering: Promise<void> | null = null;
  const tiers = () => {
    tiering ??= runTierJob({ db, owner, clock, utcOffsetMinutes: config.utcOffsetMinutes, log })
      .then(() => {})
      .catch((error: unknown) => {
        if (availability.report(error)) return;
        log(
          `[slims-crm] scheduled job "member tiers" failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        tiering = null;
      });
  };
  tiers();
  const tierTimer = setInterval(tiers, tierEveryMs);
  tierTimer.unref();

  return {
    sending: sender !== null,
    async stop() {
      clearInterval(timer);
      clearInterval(tierTimer);
      if (options.availability === undefined) availability.stop();
      await Promise.all([sender?.stop(), ticking, tiering]);
      channel?.close();
    },
  };
}
