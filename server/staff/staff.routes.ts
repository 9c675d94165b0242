// Staff sign-in against SLiMS's user table, sign-out, and the guard every staff route sits behind.
import { Hono, type MiddlewareHandler } from 'hono';
import { beginSignIn } from '../auth/signin-guard.ts';
import { verifyWith } from '../auth/secret.ts';
import { CLOCK_SKEW_SECONDS, bearerToken, signStaffToken, verifyStaffToken, type StaffClaims } from '../auth/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { readJsonObject, requireTextFields, type AppEnv } from '../http.ts';
import {
  findStaff,
  findStaffById,
  isRevoked,
  passwordMatches,
  revokeToken,
  staffPrivileges,
  tokenHash,
} from './staff.queries.ts';

/** How long requireStaff trusts what it last read of an account from SLiMS. */
export const STAFF_RECHECK_MS = 60_000;

export function staffSessionRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .post('/session', async (c) => {
      const body = await readJsonObject(c);
      requireTextFields(c, body, ['username', 'password']);
      const username = typeof body.username === 'string' ? body.username.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      if (username === '' || password === '' || username.length > 50 || password.length > 200) {
        throw new ApiError(401, 'invalid_credentials');
      }
      const staff = await findStaff(db, username);
      // An existing account is counted by its id, so spellings SLiMS's collation equates share one count.
      const account = staff === null ? `staff:name:${username.toLowerCase()}` : `staff:${staff.uid}`;
      const attempt = await beginSignIn(deps, c, account, 'staff', body.pow);
      if (!(await passwordMatches(password, staff?.passwordHash ?? null)) || staff === null) {
        throw new ApiError(401, 'invalid_credentials');
      }
      await attempt.succeeded();
      // A password alone must not open an account that SLiMS guards with a second step.
      if (staff.twoFactor) throw new ApiError(403, 'two_factor_required');
      const privileges = await staffPrivileges(db, staff);
      const { token, exp } = await signStaffToken(
        deps.secret.value,
        { uid: staff.uid, name: staff.name, privileges },
        clock(),
      );
      return c.json({
        token,
        expiresAt: new Date(exp * 1000).toISOString(),
        staff: { uid: staff.uid, name: staff.name, privileges },
      });
    })
    .delete('/session', async (c) => {
      // Signing out revokes the token at once, for every sidecar: a staff token carries privileges for hours.
      const token = bearerToken(c.req.header('authorization'));
      if (token === null) throw new ApiError(401, 'unauthorized');
      const claims = await verifyWith(deps.secret, (secret) => verifyStaffToken(token, secret, clock()));
      if (claims === null) throw new ApiError(401, 'invalid_token');
      await revokeToken(db, tokenHash(token), new Date((claims.exp + CLOCK_SKEW_SECONDS) * 1000), clock());
      staffCache(deps).delete(tokenHash(token));
      return c.body(null, 204);
    });
}

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
