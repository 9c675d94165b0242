// Whether the database can be reached: the first sign of an outage is logged once, then a cheap query every
// couple of seconds finds when it is back, so a MariaDB restart costs two log lines, not a stack per request.
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';

/** How long a client should wait before trying again while the database is away (the Retry-After header). */
export const RETRY_AFTER_SECONDS = 3;

// mysql2 (and Node's net) codes for a server that is down, restarting, full or gone mid-query.
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'CR_SERVER_LOST',
  'CR_SERVER_GONE_ERROR',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
]);
// The same by number: server shutdown, too many connections, connection killed, and the client's "lost" pair.
const OUTAGE_ERRNOS = new Set([1053, 1040, 1927, 2002, 2003, 2006, 2013]);
const OUTAGE_MESSAGES = [
  /pool is closed/i,
  /connection is in closed state/i,
  /connection lost/i,
  /driver has already been destroyed/i,
  /database connection is not open/i,
];

/**
 * True when `error` says the database is unreachable (down, restarting, out of connections, or SQLite still
 * locked after its busy timeout), rather than a query or data the code got wrong.
 */
export function isOutage(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  const { code, errno, message, cause, errors } = error as {
    code?: unknown;
    errno?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (
    typeof code === 'string' &&
    (OUTAGE_CODES.has(code) || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  )
    return true;
  if (typeof errno === 'number' && OUTAGE_ERRNOS.has(errno)) return true;
  if (typeof message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // A refused connect to a name with several addresses comes as an AggregateError; a wrapper keeps its cause.
  if (Array.isArray(errors) && errors.some((inner) => isOutage(inner, depth + 1))) return true;
  return isOutage(cause, depth + 1);
}

export interface DatabaseAvailability {
  /** True while an outage was seen and the check query has not answered since. */
  readonly down: boolean;
  /**
   * Looks at an error from a query: an outage marks the database down (logged once) and returns true, so the
   * caller answers 503 or skips its turn without logging; anything else returns false.
   */
  report(error: unknown): boolean;
  /** A query just answered: when the database was down, it is back (logged once). */
  answered(): void;
  /** Stops the check timer. */
  stop(): void;
}

export interface AvailabilityOptions {
  db: Kysely<Database>;
  log: (line: string) => void;
  /** How often to try the check query while down. */
  checkEveryMs?: number;
}

export function createAvailability({ db, log, checkEveryMs = 2000 }: AvailabilityOptions): DatabaseAvailability {
  let down = false;
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const check = () => {
    timer = null;
    if (!down || stopped) return;
    sql`SELECT 1`.execute(db).then(
      () => tracker.answered(),
      () => schedule(),
    );
  };
  const schedule = () => {
    if (timer !== null || stopped || !down) return;
    timer = setTimeout(check, checkEveryMs);
    // The check never keeps the process alive on its own.
    timer.unref();
  };

  const tracker: DatabaseAvailability = {
    get down() {
      return down;
    },
    report(error) {
      if (!isOutage(error)) return false;
      if (!down) {
        down = true;
        since = Date.now();
        const reason =
          error instanceof Error
            ? `${(error as { code?: unknown }).code ?? error.name}: ${error.message}`
            : String(error);
        log(
          `[slims-crm] basis data tidak dapat dihubungi, permintaan dijawab 503 sampai tersambung lagi / ` +
            `database unavailable, requests are answered 503 until it is back (${reason.split('\n')[0]})`,
        );
      }
      schedule();
      return true;
    },
    answered() {
      if (!down) return;
      down = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      log(
        `[slims-crm] basis data tersambung kembali / database is back (after ${Math.round((Date.now() - since) / 1000)} s)`,
      );
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
  return tracker;
}
