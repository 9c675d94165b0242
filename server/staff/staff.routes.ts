// Staff sign-in against SLiMS's user table, and the guard every staff route sits behind.
import { Hono, type MiddlewareHandler } from 'hono';
import { verifyWith } from '../auth/secret.ts';
import { bearerToken, signStaffToken, verifyStaffToken } from '../auth/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { readJsonObject, requireTextFields, type AppEnv } from '../http.ts';
import { clientAddress, networkId } from '../network.ts';
import { findStaff, forgetAttempts, passwordMatches, recordAttempt, staffPrivileges } from './staff.queries.ts';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 10;
const MAX_FAILURES_PER_NETWORK = 30;

export function staffSessionRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  return new Hono<AppEnv>().post('/session', async (c) => {
    const body = await readJsonObject(c);
    requireTextFields(c, body, ['username', 'password']);
    const username = typeof body.username === 'string' ? body.username.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (username === '' || password === '' || username.length > 50 || password.length > 200) {
      throw new ApiError(401, 'invalid_credentials');
    }
    const now = clock();
    const since = new Date(now.getTime() - WINDOW_MS);
    // Locks are per account on one network, plus a ceiling per network: a stranger elsewhere cannot lock
    // the library's admin out by guessing its password.
    const network = networkId(clientAddress(c, config.trustProxy), deps.secret.value) ?? 'unknown';
    const subjects = [`staff:${username.toLowerCase()}@${network}`, `staff-net:${network}`];
    const attempt = await recordAttempt(db, subjects, now, since);
    if ((attempt.counts[0] ?? 0) > MAX_FAILURES_PER_ACCOUNT || (attempt.counts[1] ?? 0) > MAX_FAILURES_PER_NETWORK) {
      c.header('Retry-After', String(WINDOW_MS / 1000));
      throw new ApiError(429, 'rate_limited');
    }
    const staff = await findStaff(db, username);
    if (!(await passwordMatches(password, staff?.passwordHash ?? null)) || staff === null) {
      throw new ApiError(401, 'invalid_credentials');
    }
    await forgetAttempts(db, attempt.ids);
    // A password alone must not open an account that SLiMS guards with a second step.
    if (staff.twoFactor) throw new ApiError(403, 'two_factor_required');
    const privileges = await staffPrivileges(db, staff);
    const { token, exp } = await signStaffToken(deps.secret.value, { uid: staff.uid, name: staff.name, privileges }, now);
    return c.json({
      token,
      expiresAt: new Date(exp * 1000).toISOString(),
      staff: { uid: staff.uid, name: staff.name, privileges },
    });
  });
}

/** Lets a request through only with a valid staff token that holds `access` on SLiMS's `module`. */
export function requireStaff(deps: AppDeps, module: string, access: 'r' | 'w'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === null) throw new ApiError(401, 'unauthorized');
    const staff = await verifyWith(deps.secret, (secret) => verifyStaffToken(token, secret, deps.clock()));
    if (staff === null) throw new ApiError(401, 'invalid_token');
    if (staff.privileges[module]?.[access] !== true) throw new ApiError(403, 'forbidden');
    c.set('staff', staff);
    await next();
  };
}
