// Staff sign-in against SLiMS's user table, and sign-out (the guard every staff route sits behind is server/auth/require-staff.ts).
import { Hono } from 'hono';
import { forgetStaffToken } from '../auth/require-staff.ts';
import { beginSignIn } from '../auth/signin-guard.ts';
import { verifyWith } from '../auth/secret.ts';
import { CLOCK_SKEW_SECONDS, bearerToken, signStaffToken, verifyStaffToken, type Privileges } from '../auth/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { jsonBody } from '../validate.ts';
import { findStaff, passwordMatches, revokeToken, staffPrivileges, tokenHash } from './staff.queries.ts';
import { staffSessionBody } from './staff.schemas.ts';

/** POST /api/v1/staff/session: the token every staff route takes as `Authorization: Bearer`, and its holder. */
export interface StaffSession {
  token: string;
  expiresAt: string;
  staff: { uid: number; name: string; privileges: Privileges };
}

export function staffSessionRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .post('/session', jsonBody(staffSessionBody), async (c) => {
      const { username, password, pow } = c.req.valid('json');
      if (username === '' || password === '' || username.length > 50 || password.length > 200) {
        throw new ApiError(401, 'invalid_credentials');
      }
      const staff = await findStaff(db, username);
      // An existing account is counted by its id, so spellings SLiMS's collation equates share one count.
      const account = staff === null ? `staff:name:${username.toLowerCase()}` : `staff:${staff.uid}`;
      const attempt = await beginSignIn(deps, c, account, 'staff', pow);
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
      } satisfies StaffSession);
    })
    .delete('/session', async (c) => {
      // Signing out revokes the token at once, for every sidecar: a staff token carries privileges for hours.
      const token = bearerToken(c.req.header('authorization'));
      if (token === null) throw new ApiError(401, 'unauthorized');
      const claims = await verifyWith(deps.secret, (secret) => verifyStaffToken(token, secret, clock()));
      if (claims === null) throw new ApiError(401, 'invalid_token');
      await revokeToken(db, tokenHash(token), new Date((claims.exp + CLOCK_SKEW_SECONDS) * 1000), clock());
      forgetStaffToken(deps, tokenHash(token));
      return c.body(null, 204);
    });
}
