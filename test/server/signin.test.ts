// Sign-in that strangers cannot abuse: per-account growing delays, a proof of work from busy networks, revocable
// staff tokens and accounts rechecked against SLiMS, on SQLite and MariaDB. Time moves by the test clock only.
import { randomBytes } from 'node:crypto';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import bcrypt from 'bcryptjs';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FREE_FAILURES, MAX_DELAY_MS, NETWORK_PROOF_AFTER } from '../../server/auth/signin-guard.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_SECRET, buildApp, prepareDatabase, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const hash = (password: string) => bcrypt.hashSync(password, 4).replace(/^\$2[ab]\$/, '$2y$');
/** Solves a challenge with altcha-lib's Node solver, and encodes it as the widgets' solver (widgets/shared/pow.ts) does. */
async function solve(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (solution === null) throw new Error('proof of work not solved');
  return Buffer.from(
    JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } }),
  ).toString('base64');
}

const randomName = () => `x${randomBytes(6).toString('hex')}`;

interface Route {
  path: string;
  body: (name: string, password: string) => Record<string, unknown>;
  /** An account that is never tried wrongly, and one to lock, with their passwords. */
  untried: [string, string];
  locked: [string, string];
  other: [string, string];
}

const staffRoute: Route = {
  path: '/api/v1/staff/session',
  body: (username, password) => ({ username, password }),
  untried: ['pustakawan', 'pustakawan'],
  locked: ['tamu', 'tamu'],
  other: ['kasir', 'kasir'],
};
const memberRoute: Route = {
  path: '/api/v1/members/session',
  body: (cardNumber, password) => ({ cardNumber, password }),
  untried: ['M2026-0101', 'rahasia-dewi'],
  locked: ['M2026-0102', 'rahasia-agus'],
  other: ['M2026-0103', 'rahasia-putri'],
};

describe.each(await availableDatabases())('sign-in guard on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock();

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await handle.db
      .insertInto('member')
      .values([
        {
          member_id: 'M2026-0101',
          member_name: 'Dewi Lestari',
          mpasswd: hash('rahasia-dewi'),
          expire_date: '2027-12-31',
          gender: 0,
          is_pending: 0,
        },
        {
          member_id: 'M2026-0102',
          member_name: 'Agus Salim',
          mpasswd: hash('rahasia-agus'),
          expire_date: '2027-12-31',
          gender: 0,
          is_pending: 0,
        },
        {
          member_id: 'M2026-0103',
          member_name: 'Putri Ayu',
          mpasswd: hash('rahasia-putri'),
          expire_date: '2027-12-31',
          gender: 0,
          is_pending: 0,
        },
      ])
      .execute();
    const user = (user_id: number, username: string, groups: string) =>
      ({
        user_id,
        username,
        realname: username,
        passwd: hash(username),
        groups,
        input_date: '2026-01-01',
        last_update: '2026-01-01',
      }) as never;
    await handle.db
      .insertInto('user')
      .values([
        user(5, 'hapus', 'a:1:{i:0;s:1:"2";}'),
        user(6, 'pindah', 'a:1:{i:0;s:1:"2";}'),
        user(7, 'duafaktor', 'a:1:{i:0;s:1:"2";}'),
        user(8, 'keluar', 'a:1:{i:0;s:1:"2";}'),
      ])
      .execute();
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  function attempt(
    route: Route,
    name: string,
    password: string,
    ip: string,
    extra: Record<string, unknown> = {},
    lang = 'id',
  ) {
    return app.request(route.path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, 'Accept-Language': lang },
      body: JSON.stringify({ ...route.body(name, password), ...extra }),
    });
  }

  /** One try, paying the proof of work when the network asks for it (as the widgets do). */
  async function attemptPaying(
    route: Route,
    name: string,
    password: string,
    ip: string,
    lang = 'id',
  ): Promise<{ res: Response; json: Json; paid: boolean }> {
    const first = await attempt(route, name, password, ip, {}, lang);
    const json = (await first.json()) as Json;
    if (json.error?.code !== 'proof_required') return { res: first, json, paid: false };
    const pow = await solve(json.error.details.challenge as Challenge);
    const res = await attempt(route, name, password, ip, { pow }, lang);
    return { res, json: (await res.json()) as Json, paid: true };
  }

  describe.each([
    ['staff', staffRoute],
    ['member', memberRoute],
  ] as const)('%s sign-in', (_kind, route) => {
    const busyNetwork = _kind === 'staff' ? '203.0.113.9' : '203.0.113.19';
    const lockNetwork = _kind === 'staff' ? '198.51.100.40' : '198.51.100.41';

    it('after 1,000 failed tries from one address with random names, an untried account signs in with the right password', async () => {
      const statuses: Record<string, number> = {};
      let paidAndChecked = 0;
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(
          Array.from({ length: 50 }, async () => {
            const res = await attempt(route, randomName(), 'salah', busyNetwork);
            return { res, json: (await res.json()) as Json };
          }),
        );
        for (const { res, json } of answers) {
          const key = `${res.status} ${json.error?.code}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
          expect(Object.keys(json)).toEqual(['error']);
        }
        // Some of the guessers pay the proof of work: their passwords are checked (and are wrong), never refused.
        for (const { json } of answers
          .filter((a) => a.json.error.code === 'proof_required')
          .slice(0, batch < 2 ? 10 : 0)) {
          const again = await attempt(route, randomName(), 'salah', busyNetwork, {
            pow: await solve(json.error.details.challenge as Challenge),
          });
          expect(again.status).toBe(401);
          expect(((await again.json()) as Json).error.code).toBe('invalid_credentials');
          paidAndChecked++;
        }
      }
      // Nothing from the busy network was refused outright: the first tries were checked, the rest asked for work.
      expect(Object.keys(statuses).sort()).toEqual(['401 invalid_credentials', '401 proof_required']);
      expect(statuses['401 invalid_credentials']).toBeGreaterThanOrEqual(NETWORK_PROOF_AFTER);
      expect(statuses['401 invalid_credentials']! + statuses['401 proof_required']!).toBe(1000);
      expect(paidAndChecked).toBe(20);

      // The right password for an account nobody tried: asked for the proof, it signs in with it.
      const [name, password] = route.untried;
      const asked = await attempt(route, name, password, busyNetwork);
      const askedJson = (await asked.json()) as Json;
      expect(asked.status).toBe(401);
      expect(askedJson.error.code).toBe('proof_required');
      expect(askedJson.error.details.challenge).toMatchObject({ parameters: { algorithm: 'SHA-256' } });
      const pow = await solve(askedJson.error.details.challenge as Challenge);
      const signedIn = await attempt(route, name, password, busyNetwork, { pow });
      expect(signedIn.status, await signedIn.clone().text()).toBe(200);
      expect(((await signedIn.json()) as Json).token).toEqual(expect.any(String));
      // A proof is spent once; a forged one is no proof.
      const replayed = await attempt(route, name, password, busyNetwork, { pow });
      expect(replayed.status).toBe(401);
      expect(((await replayed.json()) as Json).error.code).toBe('proof_required');
      const forged = JSON.parse(Buffer.from(pow, 'base64').toString()) as Json;
      forged.challenge.parameters.data.expiresAt += 86_400_000;
      const refusedForged = await attempt(route, name, password, busyNetwork, {
        pow: Buffer.from(JSON.stringify(forged)).toString('base64'),
      });
      expect(((await refusedForged.json()) as Json).error.code).toBe('proof_required');
      // Another network is not busy: no work asked.
      expect((await attempt(route, name, password, '192.0.2.200')).status).toBe(200);
    });

    it('20 wrong passwords lock that account only, from any network, until the delay they earned has passed', async () => {
      const [name, password] = route.locked;
      let wrong = 0;
      let refusals = 0;
      while (wrong < 20) {
        const { res, json } = await attemptPaying(route, name, `tebakan-${wrong}`, lockNetwork);
        if (res.status === 429) {
          // The account waits; the refused try does not count. Wait as long as asked, then guess again.
          expect(json.error.code).toBe('rate_limited');
          refusals++;
          clock.advance(Number(res.headers.get('Retry-After')) * 1000);
          continue;
        }
        expect(res.status, JSON.stringify(json)).toBe(401);
        expect(json.error.code).toBe('invalid_credentials');
        wrong++;
      }
      expect(refusals).toBe(20 - FREE_FAILURES);

      // Locked: the right password is refused, saying how long, from this network and from any other.
      for (const [ip, lang, message] of [
        [lockNetwork, 'id', 'Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.'],
        ['192.0.2.77', 'en', 'Too many sign-in attempts. Try again in 15 minutes.'],
      ] as const) {
        const { res, json } = await attemptPaying(route, name, password, ip, lang);
        expect(res.status).toBe(429);
        expect(json).toEqual({ error: { code: 'rate_limited', message } });
        expect(res.headers.get('Retry-After')).toBe(String(MAX_DELAY_MS / 1000));
      }
      // Only that account: another signs in from the same address.
      expect((await attemptPaying(route, ...route.other, lockNetwork)).res.status).toBe(200);
      // Refused tries do not lengthen the lock.
      clock.advance(5 * 60_000);
      for (let i = 0; i < 10; i++)
        expect((await attemptPaying(route, name, password, lockNetwork)).res.status).toBe(429);
      const seconds = await attemptPaying(route, name, password, lockNetwork, 'en');
      expect(seconds.res.headers.get('Retry-After')).toBe('600');
      expect(seconds.json.error.message).toBe('Too many sign-in attempts. Try again in 10 minutes.');
      clock.advance(10 * 60_000 - 20_000);
      const almost = await attemptPaying(route, name, password, lockNetwork, 'en');
      expect(almost.json.error.message).toBe('Too many sign-in attempts. Try again in 20 seconds.');
      clock.advance(20_000);
      // The lock has ended: the right password signs in, and the account's failures are forgotten.
      expect((await attemptPaying(route, name, password, lockNetwork)).res.status).toBe(200);
      const fresh = await attemptPaying(route, name, 'salah-lagi', lockNetwork);
      expect(fresh.res.status).toBe(401);
    });
  });

  it('a staff name SLiMS cannot hold (a character beyond utf8, as an emoji) is a wrong name, not a server error', async () => {
    for (const username of ['𐀀', 'admin😀']) {
      const res = await attempt(staffRoute, username, 'admin', `192.0.2.${username.length + 60}`);
      expect(res.status, username).toBe(401);
      expect(((await res.json()) as Json).error.code).toBe('invalid_credentials');
    }
  });

  describe('staff tokens', () => {
    async function signIn(username: string): Promise<string> {
      const res = await attempt(staffRoute, username, username, '192.0.2.1');
      expect(res.status).toBe(200);
      return ((await res.json()) as Json).token as string;
    }
    const get = (token: string, path = '/surveys') =>
      app.request(`/api/v1/staff${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const signOut = (token: string) =>
      app.request('/api/v1/staff/session', { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    async function refused(res: Response, status: number, code: string) {
      expect(res.status).toBe(status);
      expect(((await res.json()) as Json).error.code).toBe(code);
    }
    /** A token as the SLiMS plugin mints it (plugin/slims_crm/lib/Token.php): no `amr`, the SLiMS session's privileges. */
    async function pluginToken(uid: number, name: string): Promise<string> {
      const iat = Math.floor(clock().getTime() / 1000);
      return sign(
        {
          aud: 'slims-crm',
          typ: 'staff',
          sub: String(uid),
          name,
          priv: { membership: { r: true, w: true } },
          iat,
          exp: iat + 900,
        },
        TEST_SECRET,
        'HS256',
      );
    }

    it('sign-out revokes the token at once, on every staff route; other sessions go on', async () => {
      const token = await signIn('keluar');
      const other = await signIn('keluar');
      expect((await get(token)).status).toBe(200);
      expect((await get(token, '/placements')).status).toBe(200);
      const out = await signOut(token);
      expect(out.status).toBe(204);
      await refused(await get(token), 401, 'invalid_token');
      await refused(await get(token, '/placements'), 401, 'invalid_token');
      await refused(await get(token, '/feedback'), 401, 'invalid_token');
      expect((await signOut(token)).status).toBe(204);
      expect((await get(other)).status).toBe(200);
      // A plugin-minted token is revoked the same way (by its hash, no claim of ours needed).
      const fromPlugin = await pluginToken(8, 'keluar');
      expect((await get(fromPlugin)).status).toBe(200);
      expect((await signOut(fromPlugin)).status).toBe(204);
      await refused(await get(fromPlugin), 401, 'invalid_token');
      // Sign-out needs a good token.
      await refused(await app.request('/api/v1/staff/session', { method: 'DELETE' }), 401, 'unauthorized');
      await refused(await signOut(`${other.slice(0, -4)}AAAA`), 401, 'invalid_token');
      const rows = await handle.db.selectFrom('crm_revoked_token').selectAll().execute();
      expect(rows.map((r) => r.token_hash)).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]));
    });

    it('an account deleted or changed in SLiMS loses that access within a minute', async () => {
      const deleted = await signIn('hapus');
      const moved = await signIn('pindah');
      const secondStep = await signIn('duafaktor');
      const insideSlims = await pluginToken(7, 'duafaktor');
      const librarian = await signIn('pustakawan');
      for (const token of [deleted, moved, secondStep, insideSlims, librarian])
        expect((await get(token)).status).toBe(200);

      await handle.db.deleteFrom('user').where('user_id', '=', 5).execute();
      await handle.db.updateTable('user').set({ groups: 'a:1:{i:0;s:1:"4";}' }).where('user_id', '=', 6).execute();
      await handle.db
        .updateTable('user')
        .set({ '2fa': 'JBSWY3DPEHPK3PXP' } as never)
        .where('user_id', '=', 7)
        .execute();
      await handle.db.updateTable('group_access').set({ w: 0 }).where('group_id', '=', 2).execute();
      try {
        // Within the minute the sidecar still goes by what it read.
        expect((await get(deleted)).status).toBe(200);
        clock.advance(61_000);
        await refused(await get(deleted), 401, 'invalid_token');
        await refused(await get(moved), 403, 'forbidden');
        await refused(await get(secondStep), 401, 'invalid_token');
        // Signed in inside SLiMS, the second step was asked there: that token keeps the (current) read right.
        expect((await get(insideSlims)).status).toBe(200);
        // The group lost its write privilege: reading goes on, writing is refused.
        expect((await get(librarian)).status).toBe(200);
        const write = await app.request('/api/v1/staff/placements', {
          method: 'POST',
          headers: { Authorization: `Bearer ${librarian}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ widget: 'suggestion-box', place: 'home', reservePx: 300 }),
        });
        await refused(write, 403, 'forbidden');
      } finally {
        await handle.db.updateTable('group_access').set({ w: 1 }).where('group_id', '=', 2).execute();
        await handle.db
          .updateTable('user')
          .set({ '2fa': null } as never)
          .where('user_id', '=', 7)
          .execute();
      }
    });
  });
});
