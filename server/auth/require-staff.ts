// The guard every staff route sits behind: a valid, unrevoked staff token whose holder SLiMS still grants the
// privilege. Shared middleware, so features never import one another's routes.
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { findStaffById, isRevoked, staffPrivileges, tokenHash } from '../staff/staff.queries.ts';
import { verifyWith } from './secret.ts';
import { bearerToken, verifyStaffToken, type StaffClaims } from './tokens.ts';

/** How long requireStaff trusts what it last read of an account from SLiMS. */
export const STAFF_RECHECK_MS = 60_000;

interface Checked {
  at: number;
  /** The holder as SLiMS has them now; null when the account is gone or may no longer use this token. */
  staff: StaffClaims | null;
}

// Per app (tests build several), what requireStaff last read of each token's account.
const caches = new WeakMap<AppDeps, Map<string, Checked>>();
const MAX_CACHED = 10_000;

function staffCache(deps: AppDeps): Map<string, Checked> {
  let cache = caches.get(deps);
  if (cache === undefined) caches.set(deps, (cache = new Map()));
  return cache;
}

/** Drops what requireStaff remembers of a token (signed out: the next request with it reads the revocation). */
export function forgetStaffToken(deps: AppDeps, hash: string): void {
  staffCache(deps).delete(hash);
}

/**
 * The token's holder with their privileges as SLiMS has them now, read at most once a minute per token: an
 * account deleted, moved to other groups, stripped of rights or (for a sidecar password sign-in) given a
 * second step in SLiMS loses what it lost within a minute, without a query per request.
 */
async function currentStaff(deps: AppDeps, hash: string, claims: StaffClaims): Promise<StaffClaims | null> {
  const cache = staffCache(deps);
  const now = deps.clock().getTime();
  const hit = cache.get(hash);
  if (hit !== undefined && now - hit.at < STAFF_RECHECK_MS) return hit.staff;
  const account = await findStaffById(deps.db, claims.uid);
  const staff =
    account === null || (claims.byPassword && account.twoFactor)
      ? null
      : { ...claims, name: account.name, privileges: await staffPrivileges(deps.db, account) };
  if (cache.size >= MAX_CACHED) {
    for (const [key, entry] of cache) if (now - entry.at >= STAFF_RECHECK_MS) cache.delete(key);
    if (cache.size >= MAX_CACHED) cache.clear();
  }
  cache.set(hash, { at: now, staff });
  return staff;
}

/** Lets a request through only with a valid, unrevoked staff token whose holder now holds `access` on SLiMS's `module`. */
export function requireStaff(deps: AppDeps, module: string, access: 'r' | 'w'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === null) throw new ApiError(401, 'unauthorized');
    const claims = await verifyWith(deps.secret, (secret) => verifyStaffToken(token, secret, deps.clock()));
    if (claims === null) throw new ApiError(401, 'invalid_token');
    const hash = tokenHash(token);
    if (await isRevoked(deps.db, hash)) throw new ApiError(401, 'invalid_token');
    const staff = await currentStaff(deps, hash, claims);
    if (staff === null) throw new ApiError(401, 'invalid_token');
    if (staff.privileges[module]?.[access] !== true) throw new ApiError(403, 'forbidden');
    c.set('staff', staff);
    await next();
  };
}
