// The public suggestion box API end to end: submissions with real proofs of work, spam and abuse defences,
// tracking codes, a member's own items, the board and its votes, on SQLite and on MariaDB.
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { MIN_FILL_MS } from '../../server/feedback/pow.ts';
import { availableDatabases } from '../helpers/databases.ts';
import {
  TEST_ORIGIN,
  TEST_SECRET,
  buildApp,
  prepareDatabase,
  staffToken,
  testClock,
  testConfig,
} from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * altcha-lib checks a challenge's expiry against the wall clock, so the test clock runs just ahead of it:
 * at the start of the next hour, which also keeps each burst inside one rate-limit window.
 */
function nextHour(): string {
  const hour = 3_600_000;
  return new Date(Math.ceil(Date.now() / hour) * hour + 60_000).toISOString();
}

let counter = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++counter}`;

interface SendOptions {
  /** X-Device-Id; null sends none. */
  device?: string | null;
  key?: string;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
}

function send(app: App, path: string, body: unknown, opts: SendOptions = {}) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, ...opts.headers };
  if (opts.key !== '') headers['Idempotency-Key'] = opts.key ?? unique('key');
  if (opts.device !== null) headers['X-Device-Id'] = opts.device ?? unique('device');
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.ip !== undefined) headers['X-Forwarded-For'] = opts.ip;
  return app.request(`/api/v1/feedback${path}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}

async function challenge(app: App): Promise<Challenge> {
  const res = await app.request('/api/v1/feedback/pow');
  expect(res.status).toBe(200);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await json(res)).challenge as Challenge;
}

async function solve(c: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge: c, deriveKey });
  if (solution === null) throw new Error('proof of work not solved');
  return Buffer.from(JSON.stringify({ challenge: c, solution })).toString('base64');
}

async function tableCounts(handle: DatabaseHandle) {
  const count = async (
    table: 'crm_feedback' | 'crm_feedback_event' | 'crm_feedback_watcher' | 'crm_feedback_vote' | 'crm_pow_spent',
  ) =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
  return {
    feedback: await count('crm_feedback'),
    events: await count('crm_feedback_event'),
    watchers: await count('crm_feedback_watcher'),
    votes: await count('crm_feedback_vote'),
    pow: await count('crm_pow_spent'),
  };
}

const HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & </textarea><b>tebal</b>';

describe.each(await availableDatabases())('public feedback API on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  let admin: string;
  const clock = testClock(nextHour());

  /** A fresh, solved proof of work, with the clock moved past the minimum fill time. */
  async function pow(on: App = app): Promise<string> {
    const value = await solve(await challenge(on));
    clock.advance(MIN_FILL_MS + 1000);
    return value;
  }

  /** An anonymous submission with a fresh proof of work. */
  async function submit(body: Json, opts: SendOptions = {}, on: App = app): Promise<Response> {
    return send(on, '', { ...body, pow: await pow(on) }, opts);
  }

  const member = (id: string) => signMemberToken(TEST_SECRET, { id, name: 'Dewi Lestari' }, clock());

  async function staff(method: string, path: string, body?: unknown): Promise<Json> {
    const res = await app.request(`/api/v1/staff/feedback${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${admin}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return json(res);
  }

  /** Sends as a member (no proof of work) and publishes it; returns the staff id. */
  async function published(body: Json, memberId = unique('M')): Promise<number> {
    const res = await send(app, '', body, { token: await member(memberId.slice(0, 20)) });
    expect(res.status).toBe(201);
    const code = (await json(res)).item.code as string;
    const list = await staff('GET', `?q=${code}`);
    const id = list.items[0].id as number;
    await staff('PUT', `/${id}`, { published: true });
    return id;
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock);
    admin = await staffToken(app);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('accepts an anonymous suggestion with a proof of work and answers with a tracking code', async () => {
    const before = await tableCounts(handle);
    const res = await submit({ kind: 'suggestion', text: '  Mohon tambah jam buka di hari Sabtu.  ' });
    expect(res.status).toBe(201);
    const { item } = await json(res);
    expect(item).toMatchObject({
      kind: 'suggestion',
      text: 'Mohon tambah jam buka di hari Sabtu.',
      purchase: null,
      status: 'new',
      published: false,
      votes: 0,
      publicReply: null,
      replies: [],
      history: [],
    });
    expect(item.code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(item.createdAt).toBe(clock().toISOString().replace('.000', ''));
    expect(JSON.stringify(item)).not.toMatch(/email|phone|member|network|submitter/i);
    const after = await tableCounts(handle);
    expect(after).toEqual({ ...before, feedback: before.feedback + 1, events: before.events + 1, pow: before.pow + 1 });
    const row = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('code', '=', item.code.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ anonymous: 1, member_id: null, lang: 'id', consent_at: null });
    expect(row.submitter_key).toMatch(/^d:device-/);
  });

  it('stores a purchase request with a checked ISBN as digits, and a contact with consent as a watcher', async () => {
    const cases: Array<[string, string]> = [
      ['978-0-306-40615-7', '9780306406157'],
      ['0 306 40615 2', '0306406152'],
      ['0-8044-2957-x', '080442957X'],
    ];
    for (const [isbn, stored] of cases) {
      const res = await submit({
        kind: 'purchase',
        text: 'Untuk tugas kuliah.',
        purchase: { title: ' Laskar Pelangi ', author: 'Andrea Hirata', isbn },
        contact: { email: 'Dewi@Contoh.id', phone: '+62 812-3456-7890' },
        consent: true,
        lang: 'en',
      });
      expect(res.status, isbn).toBe(201);
      const { item } = await json(res);
      expect(item.purchase).toEqual({ title: 'Laskar Pelangi', author: 'Andrea Hirata', isbn: stored });
      const row = await handle.db
        .selectFrom('crm_feedback')
        .selectAll()
        .where('code', '=', item.code.replace('-', ''))
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        contact_phone: '6281234567890',
        contact_email: 'Dewi@Contoh.id',
        consent_version: 'feedback-2026-11',
        lang: 'en',
      });
      expect(row.consent_at).not.toBeNull();
      const watchers = await handle.db
        .selectFrom('crm_feedback_watcher')
        .selectAll()
        .where('feedback_id', '=', row.id)
        .execute();
      expect(watchers).toEqual([expect.objectContaining({ email: 'dewi@contoh.id', lang: 'en' })]);
    }
    // A phone number alone (with consent) is kept for staff, but there is no e-mail to watch with.
    const phoneOnly = await submit({
      kind: 'question',
      text: 'Kapan buku saya bisa diambil?',
      contact: { phone: '0812 3456 7890' },
      consent: true,
    });
    expect(phoneOnly.status).toBe(201);
    const code = (await json(phoneOnly)).item.code.replace('-', '');
    const row = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.contact_phone).toBe('6281234567890');
    expect(
      await handle.db.selectFrom('crm_feedback_watcher').selectAll().where('feedback_id', '=', row.id).execute(),
    ).toEqual([]);
  });

  it('refuses every kind of bad input with 422, bilingual messages per field, and writes nothing', async () => {
    const proof = await pow();
    const base = { kind: 'suggestion', text: 'Teks yang baik.', pow: proof };
    const cases: Array<[string, Json, string]> = [
      ['unknown kind', { ...base, kind: 'pujian' }, 'kind'],
      ['no kind', { text: 'Teks', pow: proof }, 'kind'],
      ['empty text', { ...base, text: '   ' }, 'text'],
      ['text not a string', { ...base, text: 42 }, 'text'],
      ['text over 2000', { ...base, text: 'a'.repeat(2001) }, 'text'],
      ['purchase without title', { ...base, kind: 'purchase', purchase: { author: 'X' } }, 'purchase.title'],
      ['purchase with no purchase object', { ...base, kind: 'purchase' }, 'purchase.title'],
      ['title over 300', { ...base, kind: 'purchase', purchase: { title: 't'.repeat(301) } }, 'purchase.title'],
      [
        'author over 200',
        { ...base, kind: 'purchase', purchase: { title: 'Judul', author: 'a'.repeat(201) } },
        'purchase.author',
      ],
      [
        'isbn checksum',
        { ...base, kind: 'purchase', purchase: { title: 'Judul', isbn: '978-0-306-40615-8' } },
        'purchase.isbn',
      ],
      ['isbn length', { ...base, kind: 'purchase', purchase: { title: 'Judul', isbn: '12345' } }, 'purchase.isbn'],
      ['bad email', { ...base, contact: { email: 'dewi@' }, consent: true }, 'contact.email'],
      [
        'email too long',
        { ...base, contact: { email: `${'a'.repeat(60)}@${'b'.repeat(200)}.id` }, consent: true },
        'contact.email',
      ],
      ['bad phone', { ...base, contact: { phone: '12345' }, consent: true }, 'contact.phone'],
      ['foreign phone', { ...base, contact: { phone: '+44 20 7946 0958' }, consent: true }, 'contact.phone'],
      ['phone too short', { ...base, contact: { phone: '0812' }, consent: true }, 'contact.phone'],
      ['contact without consent', { ...base, contact: { email: 'dewi@contoh.id' } }, 'consent'],
      ['contact with consent false', { ...base, contact: { phone: '081234567890' }, consent: false }, 'consent'],
    ];
    const before = await tableCounts(handle);
    for (const [name, body, field] of cases) {
      const res = await send(app, '', body);
      expect(res.status, name).toBe(422);
      const error = (await json(res)).error;
      expect(error.code, name).toBe('validation_failed');
      expect(error.message, name).toMatch(/Isian belum benar/);
      expect(
        error.details.map((d: Json) => d.field),
        name,
      ).toContain(field);
    }
    const en = await json(await send(app, '?lang=en', { ...base, text: '' }));
    expect(en.error.details).toEqual([{ field: 'text', message: 'The text is required.' }]);
    const id = await json(await send(app, '', { ...base, text: '', lang: 'id' }));
    expect(id.error.details).toEqual([{ field: 'text', message: 'Isi masukan wajib diisi.' }]);
    const many = await json(
      await send(
        app,
        '',
        { kind: 'purchase', text: '', purchase: { title: '' }, contact: { email: 'x', phone: 'y' } },
        { headers: { 'Accept-Language': 'en' } },
      ),
    );
    expect(many.error.details.map((d: Json) => d.field)).toEqual([
      'text',
      'purchase.title',
      'contact.email',
      'contact.phone',
      'consent',
    ]);
    expect(many.error.message).toBe('Some input is not valid. Please check your answers.');
    expect(await tableCounts(handle)).toEqual(before);
    // The proof of work was not spent by any of the refusals.
    expect((await send(app, '', base)).status).toBe(201);
  });

  it('refuses wrong JSON types field by field, never coercing them, in both languages', async () => {
    const base = { kind: 'suggestion', text: 'Teks yang baik.' };
    const purchase = { ...base, kind: 'purchase', purchase: { title: 'Judul' } };
    const cases: Array<[string, Json, string]> = [
      ['kind 1', { ...base, kind: 1 }, 'kind'],
      ['kind ["suggestion"]', { ...base, kind: ['suggestion'] }, 'kind'],
      ['text true', { ...base, text: true }, 'text'],
      ['text {}', { ...base, text: {} }, 'text'],
      ['purchase a string', { ...base, kind: 'purchase', purchase: 'Judul' }, 'purchase'],
      ['purchase an array', { ...base, kind: 'purchase', purchase: ['Judul'] }, 'purchase'],
      ['purchase title 5', { ...purchase, purchase: { title: 5 } }, 'purchase.title'],
      ['purchase author []', { ...purchase, purchase: { title: 'Judul', author: [] } }, 'purchase.author'],
      [
        'purchase isbn 9780306406157',
        { ...purchase, purchase: { title: 'Judul', isbn: 9780306406157 } },
        'purchase.isbn',
      ],
      ['contact a string', { ...base, contact: 'dewi@contoh.id', consent: true }, 'contact'],
      ['contact 0', { ...base, contact: 0 }, 'contact'],
      ['contact an array', { ...base, contact: ['dewi@contoh.id'], consent: true }, 'contact'],
      ['email 5', { ...base, contact: { email: 5 }, consent: true }, 'contact.email'],
      ['phone 81234567890', { ...base, contact: { phone: 81234567890 }, consent: true }, 'contact.phone'],
      ['consent "true"', { ...base, contact: { email: 'dewi@contoh.id' }, consent: 'true' }, 'consent'],
      ['consent 1', { ...base, consent: 1 }, 'consent'],
      ['asMember "false"', { ...base, asMember: 'false' }, 'asMember'],
      ['lang true', { ...base, lang: true }, 'lang'],
    ];
    const before = await tableCounts(handle);
    for (const [name, body, field] of cases) {
      for (const lang of ['id', 'en'] as const) {
        const res = await send(app, '', body, { headers: { 'Accept-Language': lang } });
        expect(res.status, name).toBe(422);
        const error = (await json(res)).error;
        expect(error.code, name).toBe('validation_failed');
        const detail = (error.details as Json[]).find((d) => d.field === field);
        expect(detail, `${name}: ${JSON.stringify(error.details)}`).toBeDefined();
        expect(typeof detail!.message).toBe('string');
      }
    }
    const en = await json(await send(app, '', { ...base, contact: 'x' }, { headers: { 'Accept-Language': 'en' } }));
    expect(en.error.details).toEqual([{ field: 'contact', message: 'The contact must be an object.' }]);
    const id = await json(await send(app, '', { ...base, contact: 'x' }));
    expect(id.error.details).toEqual([{ field: 'contact', message: 'Kontak harus berupa objek.' }]);
    expect(await tableCounts(handle)).toEqual(before);
  });

  it('refuses wrong types in the board query with 422 and a detail per parameter', async () => {
    const cases: Array<[string, string]> = [
      ['page=1e1', 'page'],
      ['page=0x2', 'page'],
      ['page=%202', 'page'],
      ['page=-1', 'page'],
      ['pageSize=2.0', 'pageSize'],
      ['pageSize=abc', 'pageSize'],
      ['sort=popular', 'sort'],
      ['kind=1', 'kind'],
      ['status=open', 'status'],
    ];
    for (const [query, field] of cases) {
      const res = await app.request(`/api/v1/feedback/board?${query}`, { headers: { 'Accept-Language': 'en' } });
      expect(res.status, query).toBe(422);
      const error = (await json(res)).error;
      expect(error.code, query).toBe('validation_failed');
      expect(
        error.details.map((d: Json) => d.field),
        query,
      ).toEqual([field]);
    }
    expect((await app.request('/api/v1/feedback/board?page=2&pageSize=5&sort=votes')).status).toBe(200);
  });

  it('treats a filled honeypot as spam and writes nothing', async () => {
    const before = await tableCounts(handle);
    const res = await submit({ kind: 'suggestion', text: 'Beli obat murah', website: 'http://spam.example' });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('spam_suspected');
    expect(await tableCounts(handle)).toEqual(before);
  });

  it('requires a good, fresh, unused proof of work from anonymous senders', async () => {
    const body = { kind: 'complaint', text: 'AC ruang baca mati.' };
    const refused = async (value: unknown, status: number, code: string) => {
      const before = await tableCounts(handle);
      const res = await send(app, '', { ...body, pow: value });
      expect(res.status, code).toBe(status);
      expect((await json(res)).error.code).toBe(code);
      expect(await tableCounts(handle), code).toEqual(before);
    };
    await refused(undefined, 400, 'pow_required');
    await refused('', 400, 'pow_required');
    await refused('bm90IGpzb24=', 400, 'pow_invalid');

    const issued = await challenge(app);
    const solution = await solveChallenge({ challenge: issued, deriveKey });
    clock.advance(MIN_FILL_MS + 1000);
    const encode = (c: Json, s: Json | null = solution) =>
      Buffer.from(JSON.stringify({ challenge: c, solution: s })).toString('base64');
    await refused(
      encode({ ...issued, parameters: { ...issued.parameters, expiresAt: issued.parameters.expiresAt! + 86_400 } }),
      400,
      'pow_invalid',
    );
    await refused(
      encode({ ...issued, parameters: { ...issued.parameters, data: { issuedAt: 0 } } }),
      400,
      'pow_invalid',
    );
    await refused(encode(issued, { counter: solution!.counter, derivedKey: '00'.repeat(32) }), 400, 'pow_invalid');

    // Too fast: sent sooner than MIN_FILL_MS after the challenge was fetched.
    const quick = await challenge(app);
    const quickValue = await solve(quick);
    clock.advance(MIN_FILL_MS - 1000);
    await refused(quickValue, 400, 'too_fast');

    // Expired: a challenge issued two hours ago.
    const now = clock().toISOString();
    clock.set(new Date(Date.now() - 2 * 3_600_000).toISOString());
    const old = await solve(await challenge(app));
    clock.set(now);
    await refused(old, 400, 'pow_expired');

    // Accepted once, refused the second time even under another idempotency key and device.
    const good = encode(issued);
    expect((await send(app, '', { ...body, pow: good })).status).toBe(201);
    await refused(good, 409, 'pow_replayed');
  });

  it('replays a retried submission and refuses its key for another sender', async () => {
    const key = unique('retry');
    const device = unique('device');
    const proof = await pow();
    const first = await send(app, '', { kind: 'praise', text: 'Petugasnya ramah.', pow: proof }, { key, device });
    expect(first.status).toBe(201);
    const before = await tableCounts(handle);
    const firstItem = (await json(first)).item;
    const retries = await Promise.all(
      [1, 2, 3].map(() => send(app, '', { kind: 'praise', text: 'Petugasnya ramah.', pow: proof }, { key, device })),
    );
    for (const res of retries) {
      expect(res.status).toBe(200);
      expect(res.headers.get('Idempotent-Replayed')).toBe('true');
      expect((await json(res)).item.code).toBe(firstItem.code);
    }
    const other = await send(
      app,
      '',
      { kind: 'praise', text: 'Petugasnya ramah.', pow: proof },
      { key, device: unique('device') },
    );
    expect(other.status).toBe(409);
    expect((await json(other)).error.code).toBe('idempotency_key_reused');
    expect(await tableCounts(handle)).toEqual(before);

    // A retry racing its first try, the same proof in both: one stores, the other answers with what it stored.
    const racingKey = unique('race');
    const racingProof = await pow();
    const racing = await Promise.all(
      [1, 2, 3].map(() =>
        send(app, '', { kind: 'praise', text: 'Cepat sekali.', pow: racingProof }, { key: racingKey, device }),
      ),
    );
    expect(racing.map((res) => res.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(await Promise.all(racing.map(async (res) => (await json(res)).item.code))).size).toBe(1);
    expect((await tableCounts(handle)).feedback).toBe(before.feedback + 1);
  });

  it('refuses writes without an idempotency key or a device, and bad member tokens', async () => {
    const body = { kind: 'suggestion', text: 'Teks' };
    const noKey = await send(app, '', body, { key: '' });
    expect(noKey.status).toBe(400);
    expect((await json(noKey)).error.code).toBe('idempotency_key_required');
    const shortKey = await send(app, '', body, { key: 'abc' });
    expect((await json(shortKey)).error.code).toBe('idempotency_key_required');
    const noDevice = await send(app, '', body, { device: null });
    expect(noDevice.status).toBe(400);
    expect((await json(noDevice)).error.details[0].field).toBe('X-Device-Id');
    const badToken = await send(app, '', body, { token: 'a.b.c' });
    expect(badToken.status).toBe(401);
    expect((await json(badToken)).error.code).toBe('invalid_token');
    const wrongType = await send(app, '', body, { headers: { 'Content-Type': 'text/plain' } });
    expect(wrongType.status).toBe(415);
  });

  it('lets a member send under their membership without a proof of work, or anonymously with one', async () => {
    const memberId = 'M2026-0101';
    const token = await member(memberId);
    const asMember = await send(app, '', { kind: 'suggestion', text: 'Sebagai anggota.' }, { token, device: null });
    expect(asMember.status).toBe(201);
    const mine = (await json(asMember)).item;
    const row = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('code', '=', mine.code.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ member_id: memberId, anonymous: 0, submitter_key: `m:${memberId}` });

    // Anything but a boolean is refused rather than read as "as a member".
    const before = await tableCounts(handle);
    for (const asMember of ['false', 0, null]) {
      const unclear = await send(
        app,
        '',
        { kind: 'complaint', text: 'Tanpa nama.', asMember },
        { token, headers: { 'Accept-Language': 'en' } },
      );
      expect(unclear.status, String(asMember)).toBe(422);
      expect((await json(unclear)).error.details).toEqual([
        { field: 'asMember', message: 'Choose to send as a member or anonymously.' },
      ]);
    }
    expect(await tableCounts(handle)).toEqual(before);

    const noProof = await send(app, '', { kind: 'complaint', text: 'Tanpa nama.', asMember: false }, { token });
    expect(noProof.status).toBe(400);
    expect((await json(noProof)).error.code).toBe('pow_required');
    const anonymous = await send(
      app,
      '',
      { kind: 'complaint', text: 'Tanpa nama.', asMember: false, pow: await pow() },
      { token },
    );
    expect(anonymous.status).toBe(201);
    const anonymousItem = (await json(anonymous)).item;
    const anonymousRow = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('code', '=', anonymousItem.code.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(anonymousRow).toMatchObject({ member_id: memberId, anonymous: 1, submitter_key: `m:${memberId}` });

    // Staff see the anonymous one without a member.
    const staffView = await staff('GET', `/${anonymousRow.id}`);
    expect(staffView.item).toMatchObject({ memberId: null, fromMember: false });
    expect((await staff('GET', `/${row.id}`)).item).toMatchObject({ memberId, fromMember: true });

    // Both are the member's own, newest first; another member's are not.
    clock.advance(1000);
    await send(app, '', { kind: 'question', text: 'Punya orang lain.' }, { token: await member('M2026-0102') });
    const listed = await app.request('/api/v1/feedback/mine', { headers: { Authorization: `Bearer ${token}` } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('cache-control')).toBe('no-store');
    expect((await json(listed)).items.map((i: Json) => i.code)).toEqual([anonymousItem.code, mine.code]);
  });

  it('needs a member token for /mine', async () => {
    const none = await app.request('/api/v1/feedback/mine');
    expect(none.status).toBe(401);
    expect((await json(none)).error.code).toBe('invalid_token');
    const expired = await signMemberToken(TEST_SECRET, 'M2026-0101', new Date(clock().getTime() - 3_600_000), 60);
    const old = await app.request('/api/v1/feedback/mine', {
      headers: { Authorization: `Bearer ${expired}`, 'Accept-Language': 'en' },
    });
    expect(old.status).toBe(401);
    expect((await json(old)).error.message).toBe('Your session is invalid or has expired. Please sign in again.');
  });

  it('finds an item by its tracking code in any case, with or without the hyphen, and shows replies and history', async () => {
    const res = await submit({ kind: 'question', text: 'Apakah ada ruang diskusi?' });
    const { item } = await json(res);
    const id = (await staff('GET', `?q=${item.code}`)).items[0].id as number;
    clock.advance(60_000);
    await staff('PUT', `/${id}`, { status: 'in_review' });
    clock.advance(60_000);
    await staff('POST', `/${id}/replies`, { text: 'Ada, di lantai 2.', visibility: 'private' });
    await staff('POST', `/${id}/notes`, { text: 'Catatan internal: jangan tampilkan.' });
    clock.advance(60_000);
    await staff('POST', `/${id}/replies`, { text: 'Ruang diskusi di lantai 2.', visibility: 'public' });
    await staff('PUT', `/${id}`, { status: 'done' });

    const bare = item.code.replace('-', '');
    for (const code of [item.code, bare, bare.toLowerCase(), item.code.toLowerCase()]) {
      const found = await app.request(`/api/v1/feedback/items/${code}`);
      expect(found.status, code).toBe(200);
      const got = (await json(found)).item;
      expect(got.code).toBe(item.code);
      expect(got.status).toBe('done');
      expect(got.history.map((h: Json) => h.status)).toEqual(['in_review', 'done']);
      expect(got.replies).toEqual([{ text: 'Ada, di lantai 2.', at: expect.any(String) }]);
      expect(got.publicReply.text).toBe('Ruang diskusi di lantai 2.');
      expect(JSON.stringify(got)).not.toContain('Catatan internal');
      expect(JSON.stringify(got)).not.toContain('Administrator');
    }
    for (const code of ['ABCDE-FGHJK', 'IIIII-OOOOO', 'short', 'x'.repeat(200)]) {
      const missing = await app.request(`/api/v1/feedback/items/${code}`);
      expect(missing.status, code).toBe(404);
      expect((await json(missing)).error.code).toBe('feedback_not_found');
    }
  });

  it('returns HTML and script in every text field verbatim as JSON strings', async () => {
    const res = await submit({
      kind: 'purchase',
      text: HOSTILE,
      purchase: { title: `${HOSTILE} judul`, author: '<i onmouseover=alert(3)>Penulis</i>' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { item } = await json(res);
    expect(item.text).toBe(HOSTILE);
    expect(item.purchase).toEqual({
      title: `${HOSTILE} judul`,
      author: '<i onmouseover=alert(3)>Penulis</i>',
      isbn: null,
    });
    const id = (await staff('GET', `?q=${item.code}`)).items[0].id as number;
    await staff('POST', `/${id}/replies`, { text: `Balasan ${HOSTILE}`, visibility: 'public' });
    await staff('POST', `/${id}/replies`, { text: `Pribadi ${HOSTILE}`, visibility: 'private' });
    await staff('PUT', `/${id}`, { published: true, category: '<b>Koleksi</b>' });
    const read = (await json(await app.request(`/api/v1/feedback/items/${item.code}`))).item;
    expect(read.text).toBe(HOSTILE);
    expect(read.publicReply.text).toBe(`Balasan ${HOSTILE}`);
    expect(read.replies[0].text).toBe(`Pribadi ${HOSTILE}`);
    const board = await json(await app.request('/api/v1/feedback/board?kind=purchase&pageSize=50'));
    const shown = board.items.find((i: Json) => i.id === id);
    expect(shown.text).toBe(HOSTILE);
    expect(shown.purchase.title).toBe(`${HOSTILE} judul`);
    expect(shown.publicReply.text).toBe(`Balasan ${HOSTILE}`);
    const staffItem = (await staff('GET', `/${id}`)).item;
    expect(staffItem.text).toBe(HOSTILE);
    expect(staffItem.category).toBe('<b>Koleksi</b>');
  });

  it('limits bursts per device, per member and per network with 429 and Retry-After', async () => {
    const limited = buildApp(handle, clock);
    const device = unique('burst');
    for (let i = 0; i < 5; i++)
      expect((await submit({ kind: 'suggestion', text: `Saran ${i}` }, { device }, limited)).status).toBe(201);
    const before = await tableCounts(handle);
    const sixth = await submit({ kind: 'suggestion', text: 'Saran 6' }, { device }, limited);
    expect(sixth.status).toBe(429);
    expect((await json(sixth)).error.code).toBe('rate_limited');
    const retryAfter = Number(sixth.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await tableCounts(handle)).toEqual(before);

    const token = await member('M2026-0200');
    for (let i = 0; i < 5; i++)
      expect((await send(limited, '', { kind: 'praise', text: `Pujian ${i}` }, { token })).status).toBe(201);
    expect((await send(limited, '', { kind: 'praise', text: 'Pujian 6' }, { token })).status).toBe(429);

    // 20 from one network on as many devices, then the 21st is refused; another network still gets through.
    for (let i = 0; i < 20; i++) {
      const res = await submit({ kind: 'question', text: `Pertanyaan ${i}` }, { ip: '10.20.30.40' }, limited);
      expect(res.status, `network item ${i}`).toBe(201);
    }
    expect((await submit({ kind: 'question', text: 'Lagi' }, { ip: '10.20.30.40' }, limited)).status).toBe(429);
    expect((await submit({ kind: 'question', text: 'Lagi' }, { ip: '10.20.30.41' }, limited)).status).toBe(201);
    // Members are limited by name, not by the library's shared network.
    expect(
      (
        await send(
          limited,
          '',
          { kind: 'praise', text: 'Dari Wi-Fi perpustakaan' },
          { token: await member('M2026-0201'), ip: '10.20.30.40' },
        )
      ).status,
    ).toBe(201);
    // The next hour opens a new window.
    clock.advance(3_600_000);
    expect((await submit({ kind: 'suggestion', text: 'Saran baru' }, { device }, limited)).status).toBe(201);
  });

  it('holds the limit for a burst sent all at once, and counts refused proofs of work too', async () => {
    const limited = buildApp(handle, clock);
    const device = unique('rush');
    // Eight proofs solved ahead, then eight items sent together from one device.
    const proofs: string[] = [];
    for (let i = 0; i < 8; i++) proofs.push(await solve(await challenge(limited)));
    clock.advance(MIN_FILL_MS + 1000);
    const before = await tableCounts(handle);
    const burst = await Promise.all(
      proofs.map((proof, i) => send(limited, '', { kind: 'suggestion', text: `Serbu ${i}`, pow: proof }, { device })),
    );
    expect(burst.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    expect((await tableCounts(handle)).feedback).toBe(before.feedback + 5);

    // A bot that keeps failing the proof of work is slowed down like one that passes it.
    const prober = unique('probe');
    for (let i = 0; i < 5; i++)
      expect(
        (await send(limited, '', { kind: 'suggestion', text: 'Coba', pow: 'bm90IGpzb24=' }, { device: prober })).status,
      ).toBe(400);
    expect(
      (await send(limited, '', { kind: 'suggestion', text: 'Coba', pow: 'bm90IGpzb24=' }, { device: prober })).status,
    ).toBe(429);
  });

  it('bounds the anonymous votes one network adds to one item in a day, not members, and counts repeats as nothing', async () => {
    const limit = testConfig().boardVotesPerNetworkPerDay;
    // Its own clock, which moves a day on: the other tests' proofs of work follow the shared one.
    const days = testClock(clock().toISOString());
    const limited = buildApp(handle, days);
    const idea = await published({ kind: 'suggestion', text: 'Sediakan rak sepatu.' });
    const other = await published({ kind: 'suggestion', text: 'Sediakan payung pinjaman.' });
    const voteRows = async (id: number) =>
      (await handle.db.selectFrom('crm_feedback_vote').select('id').where('feedback_id', '=', id).execute()).length;
    // One device votes first; its repeats later on cost the network nothing.
    const first = unique('first');
    expect((await send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.7', device: first })).status).toBe(201);
    for (let i = 0; i < 3; i++)
      expect((await send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.7', device: first })).status).toBe(200);
    // Fresh device ids cost nothing to make: from one network they share one bound, also when sent at once.
    const rush = await Promise.all(
      Array.from({ length: limit + 5 }, () => send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.7' })),
    );
    const statuses = rush.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(limit - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(6);
    const refused = rush.find((r) => r.status === 429)!;
    const error = (await json(refused)).error;
    expect(error.code).toBe('rate_limited');
    expect(Object.keys(error).sort()).toEqual(['code', 'message']);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('Retry-After'))).toBeLessThanOrEqual(86_400);
    expect(await voteRows(idea)).toBe(limit);
    // At the bound, the device that already voted still hears its vote counted, with the same count.
    const repeat = await send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.7', device: first });
    expect(repeat.status).toBe(200);
    expect(await json(repeat)).toEqual({ votes: limit, voted: true });
    // Another network, another item and a member are not held by it.
    expect((await send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.8' })).status).toBe(201);
    expect((await send(limited, `/board/${other}/votes`, {}, { ip: '10.9.8.7' })).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      expect(
        (
          await send(
            limited,
            `/board/${idea}/votes`,
            {},
            { ip: '10.9.8.7', token: await member(unique('M').slice(0, 20)) },
          )
        ).status,
      ).toBe(201);
    }
    expect(await voteRows(idea)).toBe(limit + 4);
    // The next library day opens a new share.
    days.advance(86_400_000);
    expect((await send(limited, `/board/${idea}/votes`, {}, { ip: '10.9.8.7' })).status).toBe(201);
    expect(await voteRows(idea)).toBe(limit + 5);
  });

  it('shows only published, unmerged items on the board, with filters, three sorts and paging', async () => {
    const board = buildApp(handle, clock);
    // A fresh kind mix for this test: purchase requests tagged with a word to find them by.
    const tag = unique('papan');
    const ids: Record<string, number> = {};
    for (const [name, kind] of [
      ['a', 'suggestion'],
      ['b', 'suggestion'],
      ['c', 'complaint'],
      ['d', 'praise'],
    ] as const) {
      clock.advance(60_000);
      ids[name] = await published({ kind, text: `${tag} ${name}` });
    }
    clock.advance(60_000);
    const hidden = await send(
      app,
      '',
      { kind: 'suggestion', text: `${tag} hidden` },
      { token: await member(unique('M').slice(0, 20)) },
    );
    expect(hidden.status).toBe(201);
    clock.advance(60_000);
    const dup = await published({ kind: 'suggestion', text: `${tag} duplicate` });
    await staff('POST', `/${dup}/merge`, { into: ids.a });
    await staff('PUT', `/${ids.b}`, { status: 'planned' });
    clock.advance(60_000);
    await staff('POST', `/${ids.c}/replies`, { text: 'Sudah diperbaiki.', visibility: 'public' });
    clock.advance(60_000);
    await staff('POST', `/${ids.d}/replies`, { text: 'Terima kasih!', visibility: 'public' });
    // Two votes on b, one on a.
    for (const device of ['voter-0000001', 'voter-0000002'])
      expect((await send(board, `/board/${ids.b}/votes`, {}, { device })).status).toBe(201);
    expect((await send(board, `/board/${ids.a}/votes`, {}, { device: 'voter-0000001' })).status).toBe(201);

    const read = async (query: string): Promise<Json> => {
      const res = await board.request(`/api/v1/feedback/board?pageSize=50&${query}`);
      expect(res.status, query).toBe(200);
      const body = await json(res);
      return { ...body, mine: (body.items as Json[]).filter((i) => String(i.text).startsWith(tag)) };
    };
    const all = await read('');
    expect(all.mine.map((i: Json) => i.id)).toEqual([ids.d, ids.c, ids.b, ids.a]);
    expect(all.items.some((i: Json) => i.id === dup)).toBe(false);
    expect(all.items.every((i: Json) => i.text !== `${tag} hidden`)).toBe(true);
    expect(all.mine[3]).toMatchObject({
      kind: 'suggestion',
      status: 'new',
      votes: 1,
      votable: true,
      voted: false,
      fromMember: true,
      publicReply: null,
      purchase: null,
    });
    expect(all.mine[1]).toMatchObject({
      kind: 'complaint',
      votable: false,
      publicReply: { text: 'Sudah diperbaiki.' },
    });
    expect(Object.keys(all.mine[0]).sort()).toEqual([
      'createdAt',
      'fromMember',
      'id',
      'kind',
      'publicReply',
      'purchase',
      'status',
      'text',
      'votable',
      'voted',
      'votes',
    ]);

    expect((await read('kind=suggestion')).mine.map((i: Json) => i.id)).toEqual([ids.b, ids.a]);
    expect((await read('status=planned')).mine.map((i: Json) => i.id)).toEqual([ids.b]);
    expect((await read('kind=complaint&status=new')).mine.map((i: Json) => i.id)).toEqual([ids.c]);
    expect((await read('sort=votes')).mine.map((i: Json) => i.id)).toEqual([ids.b, ids.a, ids.d, ids.c]);
    const answered = await read('sort=answered');
    expect(answered.mine.map((i: Json) => i.id)).toEqual([ids.d, ids.c, ids.b, ids.a]);
    // Answered ones first across the whole board, unanswered last.
    const firstUnanswered = answered.items.findIndex((i: Json) => i.publicReply === null);
    expect(answered.items.slice(firstUnanswered).every((i: Json) => i.publicReply === null)).toBe(true);

    const voted = await read('device=voter-0000001');
    expect(voted.mine.filter((i: Json) => i.voted).map((i: Json) => i.id)).toEqual([ids.b, ids.a]);

    const total = all.total as number;
    const page1 = await json(await board.request('/api/v1/feedback/board?pageSize=2&page=1'));
    const page2 = await json(await board.request('/api/v1/feedback/board?pageSize=2&page=2'));
    expect(page1).toMatchObject({ total, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page2.items[0].id).toBe(all.items[2].id);

    for (const bad of ['kind=pujian', 'status=open', 'sort=random', 'pageSize=51', 'page=0']) {
      const res = await board.request(`/api/v1/feedback/board?${bad}&lang=en`);
      expect(res.status, bad).toBe(422);
      expect((await json(res)).error.code).toBe('validation_failed');
    }
  });

  it('counts one vote per member or device, idempotently, and only on suggestions and purchase requests', async () => {
    const idea = await published({ kind: 'suggestion', text: 'Sediakan loker.' });
    const complaint = await published({ kind: 'complaint', text: 'Toilet kotor.' });
    const purchase = await published({ kind: 'purchase', text: 'Bagus', purchase: { title: 'Bumi Manusia' } });
    const device = unique('voter');
    const key = unique('vote');
    const before = await tableCounts(handle);

    const first = await send(app, `/board/${idea}/votes`, {}, { device, key });
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ votes: 1, voted: true });
    const replay = await send(app, `/board/${idea}/votes`, {}, { device, key });
    expect(replay.status).toBe(200);
    expect(await json(replay)).toEqual({ votes: 1, voted: true });
    const again = await send(app, `/board/${idea}/votes`, {}, { device });
    expect(again.status).toBe(200);

    // The same device, five times at once, among 24 other voters at once: each voter counted once, no deadlock.
    const burstDevice = unique('voter');
    const rush = await Promise.all([
      ...[1, 2, 3, 4, 5].map(() => send(app, `/board/${idea}/votes`, {}, { device: burstDevice })),
      ...Array.from({ length: 24 }, () => send(app, `/board/${idea}/votes`, {}, {})),
    ]);
    expect(
      rush
        .slice(0, 5)
        .map((r) => r.status)
        .sort(),
    ).toEqual([200, 200, 200, 200, 201]);
    expect(rush.slice(5).every((r) => r.status === 201)).toBe(true);
    const token = await member('M2026-0300');
    expect((await send(app, `/board/${idea}/votes`, {}, { token, device: null })).status).toBe(201);
    expect((await send(app, `/board/${idea}/votes`, {}, { token, device: unique('other') })).status).toBe(200);

    const votes = await handle.db.selectFrom('crm_feedback_vote').selectAll().where('feedback_id', '=', idea).execute();
    expect(votes).toHaveLength(27);
    expect((await staff('GET', `/${idea}`)).item.votes).toBe(27);
    expect(votes.find((v) => v.voter_key === 'm:M2026-0300')?.member_id).toBe('M2026-0300');

    expect((await send(app, `/board/${purchase}/votes`, {}, {})).status).toBe(201);
    const closed = await send(app, `/board/${complaint}/votes`, {}, { headers: { 'Accept-Language': 'en' } });
    expect(closed.status).toBe(409);
    expect(await json(closed)).toEqual({ error: { code: 'voting_closed', message: 'This item cannot be voted on.' } });

    await staff('PUT', `/${idea}`, { published: false });
    const unpublished = await send(app, `/board/${idea}/votes`, {}, {});
    expect(unpublished.status).toBe(404);
    expect((await json(unpublished)).error).toEqual({
      code: 'not_on_board',
      message: 'Masukan ini tidak ada di papan tanggapan.',
    });
    expect((await send(app, '/board/999999999/votes', {}, {})).status).toBe(404);
    expect((await send(app, '/board/abc/votes', {}, {})).status).toBe(404);
    expect((await send(app, `/board/${purchase}/votes`, {}, { key: '' })).status).toBe(400);
    expect((await send(app, `/board/${purchase}/votes`, {}, { device: null })).status).toBe(400);
    expect((await tableCounts(handle)).votes).toBe(before.votes + 28);
  });
});
