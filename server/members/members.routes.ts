// Member sign-in for websites outside SLiMS: card number and OPAC password in, a short-lived member token out.
import { Hono } from 'hono';
import { verifyWith } from '../auth/secret.ts';
import { MEMBER_TOKEN_SECONDS, bearerToken, signMemberToken, verifyMemberToken } from '../auth/tokens.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, pick, requestLang } from '../errors.ts';
import { readJsonObject, type AppEnv } from '../http.ts';
import { clientAddress, networkId } from '../network.ts';
import { forgetAttempts, recordAttempt } from '../staff/staff.queries.ts';
import { findMemberLogin, memberPasswordMatches, retryAfterSeconds } from './members.queries.ts';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_CARD = 5;
const MAX_FAILURES_PER_NETWORK = 30;

/** The library's calendar date ('YYYY-MM-DD') at `now`. */
function localDate(now: Date, utcOffsetMinutes: number): string {
  return new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function memberRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  return new Hono<AppEnv>()
    .post('/session', async (c) => {
      const body = await readJsonObject(c);
      const lang = requestLang(c);
      const cardNumber = typeof body.cardNumber === 'string' ? body.cardNumber.trim() : '';
      const password = typeof body.password === 'string' ? body.password : '';
      const problems = [];
      // Printable ASCII only: SLiMS compares card numbers with a collation that equates look-alikes
      // (full-width, accented), which would otherwise give each spelling its own lockout count.
      if (cardNumber === '' || !/^[\x20-\x7e]{1,20}$/.test(cardNumber)) {
        problems.push({ field: 'cardNumber', message: pick(lang, 'Isi nomor anggota (paling banyak 20 karakter).', 'Enter the member card number (20 characters at most).') });
      }
      if (password === '' || password.length > 200) {
        problems.push({ field: 'password', message: pick(lang, 'Isi kata sandi OPAC (paling banyak 200 karakter).', 'Enter the OPAC password (200 characters at most).') });
      }
      if (problems.length > 0) throw new ApiError(422, 'validation_failed', problems);

      const now = clock();
      const since = new Date(now.getTime() - WINDOW_MS);
      // The attempt is written before anything is checked, so parallel guesses count each other; it is taken
      // back unless it turns out to be a failure. The card limit holds from any network, as the contract says.
      const checks: Array<[subject: string, limit: number]> = [
        [`member:${cardNumber.toLowerCase()}`, MAX_FAILURES_PER_CARD],
        [`member-net:${networkId(clientAddress(c, config.trustProxy), deps.secret.value) ?? 'unknown'}`, MAX_FAILURES_PER_NETWORK],
      ];
      const attempt = await recordAttempt(db, checks.map(([subject]) => subject), now, since);
      const over = checks.filter(([, limit], i) => (attempt.counts[i] ?? 0) > limit);
      if (over.length > 0) {
        // Refused while locked, even with the right password; a refused try does not lengthen the lock.
        await forgetAttempts(db, attempt.ids);
        let retryAfter = 1;
        for (const [subject, limit] of over) {
          retryAfter = Math.max(retryAfter, await retryAfterSeconds(db, subject, limit, WINDOW_MS, now));
        }
        c.header('Retry-After', String(retryAfter));
        throw new ApiError(429, 'rate_limited');
      }

      const member = await findMemberLogin(db, cardNumber);
      if (!(await memberPasswordMatches(password, member?.passwordHash ?? null)) || member === null) {
        // A card without a password stays counted too: it keeps card numbers from being probed for that answer.
        if (member !== null && member.passwordHash === null) throw new ApiError(403, 'no_password');
        throw new ApiError(401, 'invalid_credentials');
      }
      // The password was right: this attempt was no failure. Earlier failures stay until they age out.
      await forgetAttempts(db, attempt.ids);
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
      const member = token === null ? null : await verifyWith(deps.secret, (secret) => verifyMemberToken(token, secret, clock()));
      if (member === null) throw new ApiError(401, 'invalid_token');
      c.header('Cache-Control', 'no-store');
      return c.json({ member: { id: member.memberId, name: member.name } });
    });
}
