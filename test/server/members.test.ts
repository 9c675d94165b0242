// Member sign-in against SLiMS's member table: hashes, refusals, lockouts, and the token it hands out.
import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken, signStaffToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_ORIGIN, TEST_SECRET, buildApp, prepareDatabase, staffToken, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bcryptY = (password: string) => bcrypt.hashSync(password, 4).replace(/^\$2[ab]\$/, '$2y$');
const md5 = (password: string) => createHash('md5').update(password).digest('hex');

// The test clock starts at 2026-11-23 03:00 UTC, 10:00 in the library (WIB, +07:00).
const members = [
  { member_id: 'M2026-0001', member_name: 'Dewi Lestari', mpasswd: bcryptY('rahasia-dewi'), expire_date: '2027-12-31' },
  { member_id: 'M2026-0002', member_name: 'Agus Salim', mpasswd: md5('sandi-lama'), expire_date: '2027-12-31' },
  {
    member_id: 'M2026-0003',
    member_name: 'Putri Ayu',
    mpasswd: bcryptY('rahasia-putri'),
    expire_date: '2027-12-31',
    is_pending: 1,
  },
  {
    member_id: 'M2026-0004',
    member_name: 'Bambang Sutrisno',
    mpasswd: bcryptY('rahasia-bambang'),
    expire_date: '2026-11-22',
  },
  { member_id: 'M2026-0005', member_name: 'Sri Wahyuni', mpasswd: null, expire_date: '2027-12-31' },
  { member_id: 'M2026-0006', member_name: 'Joko Widodo', mpasswd: bcryptY('rahasia-joko'), expire_date: '2027-12-31' },
  { member_id: 'M2026-0007', member_name: 'Rina Marlina', mpasswd: bcryptY('rahasia-rina'), expire_date: '2026-11-23' },
  {
    member_id: 'M2026-0008',
    member_name: 'Hendra Gunawan',
    mpasswd: bcryptY('rahasia-hendra'),
    expire_date: '2027-12-31',
  },
];

describe.each(await availableDatabases())('member sign-in on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock();

  function signIn(
    cardNumber: unknown,
    password: unknown,
    opts: { network?: string; headers?: Record<string, string> } = {},
  ) {
    return app.request('/api/v1/members/session', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Origin: TEST_ORIGIN,
        'X-Forwarded-For': opts.network ?? '192.0.2.10',
        ...opts.headers,
      },
      body: JSON.stringify({ cardNumber, password }),
    });
  }

  function me(token: string) {
    return app.request('/api/v1/members/me', { headers: { Authorization: `Bearer ${token}`, Origin: TEST_ORIGIN } });
  }

  async function refused(res: Response, status: number, code: string): Promise<Json> {
    const json = (await res.json()) as Json;
    expect(res.status, JSON.stringify(json)).toBe(status);
    expect(json.error.code).toBe(code);
    return json;
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await handle.db
      .insertInto('member')
      .values(members.map((m) => ({ gender: 0, is_pending: 0, ...m })))
      .execute();
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('signs a member in with a bcrypt $2y$ password and returns a token with the name', async () => {
    const res = await signIn('M2026-0001', 'rahasia-dewi');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const json = (await res.json()) as Json;
    expect(json.member).toEqual({ id: 'M2026-0001', name: 'Dewi Lestari' });
    expect(json.expiresAt).toBe('2026-11-23T03:15:00.000Z');
    const [header, payload] = (json.token as string)
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Json);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const iat = clock().getTime() / 1000;
    expect(payload).toEqual({
      aud: 'slims-crm',
      typ: 'member',
      sub: 'M2026-0001',
      name: 'Dewi Lestari',
      iat,
      exp: iat + 900,
    });

    const who = await me(json.token);
    expect(who.status).toBe(200);
    expect(await who.json()).toEqual({ member: { id: 'M2026-0001', name: 'Dewi Lestari' } });
  });

  it('accepts a legacy MD5 hash and leaves the member row untouched', async () => {
    const res = await signIn('M2026-0002', 'sandi-lama');
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).member).toEqual({ id: 'M2026-0002', name: 'Agus Salim' });
    await refused(await signIn('M2026-0002', 'sandi-baru'), 401, 'invalid_credentials');
    await refused(await signIn('M2026-0002', md5('sandi-lama')), 401, 'invalid_credentials');
    const row = await handle.db
      .selectFrom('member')
      .select(['mpasswd', 'last_login'])
      .where('member_id', '=', 'M2026-0002')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ mpasswd: md5('sandi-lama'), last_login: null });
  });

  it('refuses card numbers outside printable ASCII, so look-alike spellings cannot multiply the lockout', async () => {
    for (const card of ['Ｍ000001', 'M00000１', 'Mé00001']) {
      const res = await signIn(card, 'salah');
      expect(res.status, card).toBe(422);
    }
  });

  it("answers a wrong password and an unknown card the same way, in the widget's words (card number)", async () => {
    const wrong = await refused(await signIn('M2026-0001', 'bukan-ini'), 401, 'invalid_credentials');
    const unknown = await refused(await signIn('M9999-9999', 'bukan-ini'), 401, 'invalid_credentials');
    expect(unknown).toEqual(wrong);
    expect(wrong.error.message).toBe('Nomor anggota atau kata sandi salah.');
    const english = await refused(
      await signIn('M9999-9998', 'bukan-ini', { headers: { 'Accept-Language': 'en' } }),
      401,
      'invalid_credentials',
    );
    expect(english.error.message).toBe('Wrong card number or password.');
  });

  it('refuses pending and expired members once the password is right, with a clear message', async () => {
    await refused(await signIn('M2026-0003', 'salah'), 401, 'invalid_credentials');
    const pending = await refused(
      await signIn('M2026-0003', 'rahasia-putri', { headers: { 'Accept-Language': 'en' } }),
      403,
      'member_pending',
    );
    expect(pending.error.message).toMatch(/on hold/);
    await refused(await signIn('M2026-0004', 'salah'), 401, 'invalid_credentials');
    const expired = await refused(await signIn('M2026-0004', 'rahasia-bambang'), 403, 'member_expired');
    expect(expired.error.message).toMatch(/sudah berakhir/);
    // Expiring today is still a member today.
    expect((await signIn('M2026-0007', 'rahasia-rina')).status).toBe(200);
  });

  it('counts expiry in the library time zone, not UTC', async () => {
    const saved = clock();
    try {
      clock.set('2026-11-23T16:59:00Z'); // 23:59 WIB on the 23rd: still valid
      expect((await signIn('M2026-0007', 'rahasia-rina')).status).toBe(200);
      clock.set('2026-11-23T17:00:00Z'); // 00:00 WIB on the 24th, while UTC is still on the 23rd
      await refused(await signIn('M2026-0007', 'rahasia-rina'), 403, 'member_expired');
    } finally {
      clock.set(saved.toISOString());
    }
  });

  it('tells a member without an OPAC password to ask the library', async () => {
    const json = await refused(
      await signIn('M2026-0005', 'apa-saja', { headers: { 'Accept-Language': 'en' } }),
      403,
      'no_password',
    );
    expect(json.error.message).toBe(
      'This member card has no OPAC password yet. Ask the library to set an OPAC password.',
    );
  });

  it('validates the body at the edge', async () => {
    await refused(await signIn('', 'x'), 422, 'validation_failed');
    await refused(await signIn('M2026-0001', ''), 422, 'validation_failed');
    const both = await refused(await signIn(42, null), 422, 'validation_failed');
    expect((both.error.details as Json[]).map((d) => d.field)).toEqual(['cardNumber', 'password']);
    await refused(await signIn('M'.repeat(21), 'x'), 422, 'validation_failed');
    const text = await app.request('/api/v1/members/session', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{}',
    });
    await refused(text, 415, 'unsupported_media_type');
  });

  it("spaces out a card's tries after 5 failures, from any network, refusing even the right password while it waits", async () => {
    const network = '198.51.100.7';
    const start = clock();
    try {
      for (let i = 0; i < 5; i++) {
        await refused(await signIn('M2026-0006', `tebakan-${i}`, { network }), 401, 'invalid_credentials');
        clock.advance(60_000);
      }
      // The fifth failure was a minute ago; the sixth try waits 30 s after it: it is free now.
      await refused(await signIn('M2026-0006', 'tebakan-5', { network }), 401, 'invalid_credentials');
      // The seventh waits 60 s after the sixth.
      const locked = await signIn('M2026-0006', 'rahasia-joko', { network });
      const json = await refused(locked, 429, 'rate_limited');
      expect(json.error.message).toBe('Terlalu banyak percobaan masuk. Coba lagi dalam 1 menit.');
      expect(locked.headers.get('Retry-After')).toBe('60');
      expect(locked.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      // From another network too: the wait is the card's.
      await refused(await signIn('m2026-0006', 'rahasia-joko', { network: '203.0.113.50' }), 429, 'rate_limited');
      // Other cards from the same network still sign in.
      expect((await signIn('M2026-0008', 'rahasia-hendra', { network })).status).toBe(200);
      clock.advance(59_000);
      const almost = await signIn('M2026-0006', 'rahasia-joko', { network, headers: { 'Accept-Language': 'en' } });
      expect((await refused(almost, 429, 'rate_limited')).error.message).toBe(
        'Too many sign-in attempts. Try again in 1 second.',
      );
      expect(almost.headers.get('Retry-After')).toBe('1');
      clock.advance(1000);
      expect((await signIn('M2026-0006', 'rahasia-joko', { network })).status).toBe(200);
    } finally {
      clock.set(start.toISOString());
    }
  });

  it('does not let parallel guesses past the free failures', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn('M2026-0008', `tebakan-${i}`, { network: `198.51.100.${100 + i}` })),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // However the burst interleaved, the card gets exactly 5 password checks before it must wait, no more.
    let checked = statuses.filter((s) => s === 401).length;
    for (let i = 0; i < 10; i++)
      if ((await signIn('M2026-0008', `lagi-${i}`, { network: '198.51.100.201' })).status === 401) checked++;
    expect(checked).toBe(5);
    await refused(await signIn('M2026-0008', 'rahasia-hendra', { network: '198.51.100.200' }), 429, 'rate_limited');
    clock.advance(30_000);
    expect((await signIn('M2026-0008', 'rahasia-hendra', { network: '198.51.100.200' })).status).toBe(200);
  });

  it('asks a network with many failures for a proof of work instead of refusing it', async () => {
    const network = '198.51.100.99';
    const failures = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(`X-${i}`, 'tebakan', { network })));
    expect(failures.map((r) => r.status)).toEqual(Array(20).fill(401));
    const asked = await refused(await signIn('M2026-0001', 'rahasia-dewi', { network }), 401, 'proof_required');
    expect(asked.error.details.challenge.parameters.data).toMatchObject({ purpose: 'signin' });
    // The same /24 neighbour on IPv4 is another network; only the exact address (or IPv6 /64) is counted.
    expect((await signIn('M2026-0001', 'rahasia-dewi', { network: '198.51.100.98' })).status).toBe(200);
  });

  it('lets the token vote in a members-only survey, once per member', async () => {
    const admin = await staffToken(app);
    const staff = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(`/api/v1/staff${path}`, {
        method,
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await res.json()) as Json;
    };
    const created = await staff('POST', '/surveys', {
      slug: 'anggota-saja',
      title: 'Hanya anggota',
      audience: 'members',
      resultsVisibility: 'after_answer',
      questions: [{ type: 'single', prompt: 'Buka hari Minggu?', options: [{ label: 'Ya' }, { label: 'Tidak' }] }],
    });
    const survey = (await staff('POST', `/surveys/${created.survey.id}/open`)).survey as Json;
    const answers = {
      answers: [{ questionId: survey.questions[0].id, optionIds: [survey.questions[0].options[0].id] }],
    };
    const vote = (token: string, key: string) =>
      app.request('/api/v1/surveys/anggota-saja/responses', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: TEST_ORIGIN,
          'Idempotency-Key': key,
          Authorization: `Bearer ${token}`,
        },
        body: JSON.stringify(answers),
      });
    const first = ((await (await signIn('M2026-0001', 'rahasia-dewi')).json()) as Json).token as string;
    expect((await vote(first, 'member-vote-0001')).status).toBe(201);
    const second = ((await (await signIn('M2026-0001', 'rahasia-dewi', { network: '192.0.2.77' })).json()) as Json)
      .token as string;
    await refused(await vote(second, 'member-vote-0002'), 409, 'already_answered');
    const response = await handle.db
      .selectFrom('crm_survey_response')
      .select('member_id')
      .where('idempotency_key', '=', 'member-vote-0001')
      .executeTakeFirstOrThrow();
    expect(response.member_id).toBe('M2026-0001');
  });

  it('refuses on /members/me anything but a good member token', async () => {
    const now = clock();
    const exp = Math.floor(now.getTime() / 1000) + 600;
    const claims = { aud: 'slims-crm', typ: 'member', sub: 'M2026-0001', name: 'Dewi Lestari', exp };
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const good = await sign(claims, TEST_SECRET, 'HS256');
    const [, payload, signature] = good.split('.');
    const bad: Record<string, string> = {
      'wrong audience': await sign({ ...claims, aud: 'other-app' }, TEST_SECRET, 'HS256'),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'alg none, signature kept': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      HS512: await sign(claims, TEST_SECRET, 'HS512'),
      expired: await signMemberToken(
        TEST_SECRET,
        { id: 'M2026-0001', name: 'Dewi' },
        new Date(now.getTime() - 3600_000),
      ),
      'another secret': await sign(claims, 'another-secret-another-secret-xx', 'HS256'),
      tampered: `${good.split('.')[0]}.${b64({ ...claims, sub: 'M2026-0002' })}.${signature}`,
      'staff token': (await signStaffToken(TEST_SECRET, { uid: 1, name: 'Administrator', privileges: {} }, now)).token,
      'no typ': await sign({ aud: 'slims-crm', sub: 'M2026-0001', exp }, TEST_SECRET, 'HS256'),
    };
    expect((await me(good)).status).toBe(200);
    for (const [name, token] of Object.entries(bad)) {
      const res = await me(token);
      expect(res.status, name).toBe(401);
      expect(((await res.json()) as Json).error.code, name).toBe('invalid_token');
    }
    const none = await app.request('/api/v1/members/me');
    await refused(none, 401, 'invalid_token');
    // Within the 60 s clock allowance an expired token still passes; a bare id (older callers) carries no name.
    const justExpired = await signMemberToken(TEST_SECRET, 'M2026-0001', new Date(now.getTime() - 930_000));
    expect(await (await me(justExpired)).json()).toEqual({ member: { id: 'M2026-0001', name: '' } });
  });
});
