// The token-forgery matrix: every way to bend a token is refused with 401 in the one error shape, on a staff
// route and on a member route, on SQLite and MariaDB.
import { createHmac } from 'node:crypto';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken, signStaffToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_SECRET, buildApp, prepareDatabase, staffToken, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed with HMAC-SHA-`bits`, or unsigned for alg none. */
function jwt(header: Record<string, unknown>, payload: Record<string, unknown>, secret = TEST_SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  const alg = String(header.alg);
  if (alg === 'none') return `${body}.`;
  const signature = createHmac(`sha${alg.slice(2)}`, secret)
    .update(body)
    .digest('base64url');
  return `${body}.${signature}`;
}

/** The same header and signature over another payload. */
function tampered(token: string, change: (claims: Json) => Json): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  return `${header}.${b64(change(JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json))}.${signature}`;
}

describe.each(await availableDatabases())('forged tokens on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock();
  const now = () => Math.floor(clock().getTime() / 1000);

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await handle.db
      .insertInto('member')
      .values({
        member_id: 'M2026-0001',
        member_name: 'Dewi Lestari',
        mpasswd: null,
        expire_date: '2027-12-31',
        gender: 0,
        is_pending: 0,
      })
      .execute();
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  const staffClaims = () => ({
    aud: 'slims-crm',
    typ: 'staff',
    sub: '1',
    name: 'Administrator',
    priv: { membership: { r: true, w: true } },
    iat: now(),
    exp: now() + 3600,
  });
  const memberClaims = () => ({
    aud: 'slims-crm',
    typ: 'member',
    sub: 'M2026-0001',
    name: 'Dewi Lestari',
    iat: now(),
    exp: now() + 900,
  });

  /** The forgeries of a good token's claims, by name. */
  async function forgeries(claims: () => Record<string, unknown>, good: string): Promise<Record<string, string>> {
    const noAudience = claims();
    delete noAudience.aud;
    return {
      'alg none': jwt({ alg: 'none', typ: 'JWT' }, claims()),
      'wrong secret': jwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-0123456789abcdef0123456789'),
      'HS384 with the right secret': jwt({ alg: 'HS384', typ: 'JWT' }, claims()),
      'HS512 with the right secret': jwt({ alg: 'HS512', typ: 'JWT' }, claims()),
      'HS512 body under an HS256 header': jwt({ alg: 'HS256', typ: 'JWT' }, claims()).replace(
        /\.[^.]+$/,
        `.${jwt({ alg: 'HS512', typ: 'JWT' }, claims()).split('.')[2]}`,
      ),
      expired: await sign({ ...claims(), iat: now() - 7200, exp: now() - 3600 }, TEST_SECRET, 'HS256'),
      'missing audience': await sign(noAudience, TEST_SECRET, 'HS256'),
      'wrong audience': await sign({ ...claims(), aud: 'another-app' }, TEST_SECRET, 'HS256'),
      'tampered payload': tampered(good, (c) => ({
        ...c,
        sub: c.typ === 'staff' ? '2' : 'M2026-0002',
        exp: (c.exp as number) + 86_400,
      })),
      'tampered signature': `${good.slice(0, -4)}AAAA`,
    };
  }

  async function expectRefused(res: Response, what: string): Promise<void> {
    const json = (await res.json()) as Json;
    expect(res.status, what).toBe(401);
    expect(Object.keys(json), what).toEqual(['error']);
    expect(json.error, what).toEqual({ code: 'invalid_token', message: expect.any(String) });
  }

  const onStaffRoute = (token: string) =>
    app.request('/api/v1/staff/surveys', { headers: { Authorization: `Bearer ${token}` } });
  const onMemberRoute = (token: string) =>
    app.request('/api/v1/members/me', { headers: { Authorization: `Bearer ${token}` } });

  it('refuses every forgery on a staff route, a member token and a revoked staff token', async () => {
    const good = (
      await signStaffToken(
        TEST_SECRET,
        { uid: 1, name: 'Administrator', privileges: { membership: { r: true, w: true } } },
        clock(),
      )
    ).token;
    expect((await onStaffRoute(good)).status).toBe(200);
    const cases = {
      ...(await forgeries(staffClaims, good)),
      'member token': await signMemberToken(TEST_SECRET, { id: 'M2026-0001', name: 'Dewi Lestari' }, clock()),
    };
    for (const [what, token] of Object.entries(cases)) await expectRefused(await onStaffRoute(token), what);

    const revoked = await staffToken(app);
    expect((await onStaffRoute(revoked)).status).toBe(200);
    expect(
      (
        await app.request('/api/v1/staff/session', {
          method: 'DELETE',
          headers: { Authorization: `Bearer ${revoked}` },
        })
      ).status,
    ).toBe(204);
    await expectRefused(await onStaffRoute(revoked), 'revoked staff token');
    // Still good: the matrix refused forgeries, not the staff route.
    expect((await onStaffRoute(good)).status).toBe(200);
  });

  it('refuses every forgery on a member route, and a staff token', async () => {
    const good = await signMemberToken(TEST_SECRET, { id: 'M2026-0001', name: 'Dewi Lestari' }, clock());
    expect((await onMemberRoute(good)).status).toBe(200);
    const staff = (await signStaffToken(TEST_SECRET, { uid: 1, name: 'Administrator', privileges: {} }, clock())).token;
    const cases = {
      ...(await forgeries(memberClaims, good)),
      'staff token': staff,
      'revoked staff token': await staffToken(app),
    };
    await app.request('/api/v1/staff/session', {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${cases['revoked staff token']}` },
    });
    for (const [what, token] of Object.entries(cases)) await expectRefused(await onMemberRoute(token), what);
  });
});
