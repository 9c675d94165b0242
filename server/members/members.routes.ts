// Member sign-in for websites outside SLiMS: card number and OPAC password in, a short-lived member token out.
import { Hono } from 'hono';
import { verifyWith } from '../auth/secret.ts';
import { MEMBER_TOKEN_SECONDS, bearerToken, signMemberToken, verifyMemberToken } from '../auth/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { localDate } from '../db/time.ts';
import { ApiError, MEMBER_INVALID_CREDENTIALS } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { jsonBody } from '../validate.ts';
import { beginSignIn } from '../auth/signin-guard.ts';
import { findMemberLogin, memberPasswordMatches } from './members.queries.ts';
import { memberSessionBody } from './members.schemas.ts';

export function memberRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  return new Hono<AppEnv>()
    .post('/session', jsonBody(memberSessionBody), async (c) => {
      const { cardNumber, password, pow } = c.req.valid('json');

      const member = await findMemberLogin(db, cardNumber);
      // The card limit holds from any network; a card SLiMS knows is counted by its own id.
      const attempt = await beginSignIn(deps, c, `member:${(member?.id ?? cardNumber).toLowerCase()}`, 'member', pow);
      if (!(await memberPasswordMatches(password, member?.passwordHash ?? null)) || member === null) {
        // A card without a password stays counted too: it keeps card numbers from being probed for that answer.
        if (member !== null && member.passwordHash === null) throw new ApiError(403, 'no_password');
        throw new ApiError(401, 'invalid_credentials', undefined, MEMBER_INVALID_CREDENTIALS);
      }
      // The password was right: this try was no failure, and the card's earlier ones are forgotten.
      await attempt.succeeded();
      const now = clock();
      // Only someone who knows the password learns that a membership is pending or expired.
      if (member.pending) throw new ApiError(403, 'member_pending');
      if (member.expireDate < localDate(now, config.utcOffsetMinutes)) throw new ApiError(403, 'member_expired');

      const token = await signMemberToken(deps.secret.value, { id: member.id, name: member.name }, now);
      const expiresAt = new Date((Math.floor(now.getTime() / 1000) + MEMBER_TOKEN_SECONDS) * 1000).toISOString();
      c.header('Cache-Control', 'no-store');
      return c.json({ token, expiresAt, member: { id: member.id, name: member.name } });
    })
    .get('/me', async (c) => {
      const token = bearerToken(c.req.header('authorization'));
      const member =
        token === null ? null : await verifyWith(deps.secret, (secret) => verifyMemberToken(token, secret, clock()));
      if (member === null) throw new ApiError(401, 'invalid_token');
      c.header('Cache-Control', 'no-store');
      return c.json({ member: { id: member.memberId, name: member.name } });
    });
}
