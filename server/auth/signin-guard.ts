// Keeps password guessing slow without letting strangers lock anyone out. Per account (from any network): a
// few free failures, then each further try waits a delay that doubles up to 15 minutes. Per network: no
// refusal, a cost instead: once it has many recent failures, each sign-in from it carries a proof of work.
import type { Kysely } from 'kysely';
import type { AppDeps } from '../deps.ts';
import type { Database } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { ApiError, signInLockedMessage } from '../errors.ts';
import { checkSignInProof, createSignInChallenge, spendProof } from '../feedback/pow.ts';
import type { AppContext } from '../http.ts';
import { clientAddress, networkId } from '../network.ts';
import { isUniqueViolation } from '../db/dialect.ts';

/** Failures an account may have (in ACCOUNT_WINDOW_MS) before its tries are spaced out. */
export const FREE_FAILURES = 5;
/** The wait after the first failure beyond the free ones; it doubles with each further failure. */
export const FIRST_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** How long an account's failures are remembered (a success forgets them at once). */
export const ACCOUNT_WINDOW_MS = 24 * 3600_000;
/** A network with this many failures in NETWORK_WINDOW_MS signs in only with a proof of work. */
export const NETWORK_PROOF_AFTER = 20;
export const NETWORK_WINDOW_MS = 15 * 60_000;

/** How long an account with `failures` remembered failures waits after the last one before its next try. */
export function accountDelayMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES, 20));
}

export interface SignInAttempt {
  /** The password was right: the account's failures are forgotten, and this try was none. */
  succeeded(): Promise<void>;
}

/** Failures of `subject` since `since` recorded before row `beforeId`, and when the latest was. */
async function earlier(
  db: Kysely<Database>,
  subject: string,
  since: Date,
  beforeId: number,
): Promise<{ count: number; last: Date | null }> {
  const row = await db
    .selectFrom('crm_auth_failure')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('last')])
    .where('subject', '=', subject)
    .where('created_at', '>=', toDbTime(since))
    .where('id', '<', beforeId)
    .executeTakeFirst();
  const last = row?.last ?? null;
  return { count: Number(row?.n ?? 0), last: last === null ? null : new Date(fromDbTime(String(last))) };
}

/**
 * Lets a sign-in try go on to the password check, or throws: 429 rate_limited (the account must wait; with
 * Retry-After and a message saying how long) or 401 proof_required (the network is busy; `details.challenge`
 * is a fresh challenge to solve and send back as `pow`). The try is recorded as a failure first, so parallel
 * guesses see each other; a refused try is taken back (it does not lengthen the wait), a right password takes
 * it back with succeeded().
 * `account` names the account ('staff:1', 'member:m2026-0001'), `network` which kind of sign-in counts per network.
 */
export async function beginSignIn(
  deps: AppDeps,
  c: AppContext,
  account: string,
  network: 'staff' | 'member',
  pow: unknown,
): Promise<SignInAttempt> {
  const { db, config } = deps;
  const now = deps.clock();
  const networkSubject = `${network}-net:${networkId(clientAddress(c, config.trustProxy), deps.secret.value) ?? 'unknown'}`;
  const ids: number[] = [];
  for (const subject of [account, networkSubject]) {
    const inserted = await db
      .insertInto('crm_auth_failure')
      .values({ subject, created_at: toDbTime(now) })
      .executeTakeFirstOrThrow();
    ids.push(Number(inserted.insertId));
  }
  const [accountId, networkRowId] = ids as [number, number];
  const takeBack = () => db.deleteFrom('crm_auth_failure').where('id', 'in', ids).execute();
  try {
    const past = await earlier(db, account, new Date(now.getTime() - ACCOUNT_WINDOW_MS), accountId);
    const waitMs = past.last === null ? 0 : past.last.getTime() + accountDelayMs(past.count) - now.getTime();
    if (past.count >= FREE_FAILURES && waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      c.header('Retry-After', String(seconds));
      throw new ApiError(429, 'rate_limited', undefined, signInLockedMessage(seconds));
    }
    const busy =
      (await earlier(db, networkSubject, new Date(now.getTime() - NETWORK_WINDOW_MS), networkRowId)).count >=
      NETWORK_PROOF_AFTER;
    if (busy) {
      const proof = await checkSignInProof(deps.secret.value, pow, now);
      let spent = proof !== null;
      if (proof !== null) {
        try {
          await spendProof(db, proof);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          spent = false;
        }
      }
      if (!spent)
        throw new ApiError(401, 'proof_required', { challenge: await createSignInChallenge(deps.secret.value, now) });
    }
  } catch (error) {
    await takeBack();
    throw error;
  }
  // Now and then, drop what no window looks at any more.
  if (accountId % 100 === 0) {
    await db
      .deleteFrom('crm_auth_failure')
      .where('created_at', '<', toDbTime(new Date(now.getTime() - ACCOUNT_WINDOW_MS)))
      .execute();
    await db.deleteFrom('crm_pow_spent').where('expires_at', '<', toDbTime(now)).execute();
  }
  return {
    async succeeded() {
      await db
        .deleteFrom('crm_auth_failure')
        .where((eb) => eb.or([eb('subject', '=', account), eb('id', '=', networkRowId)]))
        .execute();
    },
  };
}
