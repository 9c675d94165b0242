// Property-based fuzzing (fast-check) of every public route and the staff routes (member profiles included), on SQLite and MariaDB: any
// JSON body and any header gets a 2xx only when the request is valid, otherwise a 4xx in the one error shape
// { error: { code, message, details? } }, never a 5xx, and a refused request writes no row.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { CONSENT_WORDING } from '../../server/members/consent-wording.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_ORIGIN, TEST_SECRET, buildApp, prepareDatabase, staffToken, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Cases per property: enough to find a coercion or a 5xx, few enough to keep the suite fast. */
const RUNS = Number(process.env.CRM_FUZZ_RUNS ?? 100);
const TIMEOUT_MS = 120_000;

/** Every crm_* table a request could write. crm_auth_failure is left out: a refused sign-in is recorded by design. */
const TABLES = [
  'crm_survey',
  'crm_survey_question',
  'crm_survey_option',
  'crm_survey_response',
  'crm_survey_answer',
  'crm_feedback',
  'crm_feedback_event',
  'crm_feedback_vote',
  'crm_feedback_watcher',
  'crm_pow_spent',
  'crm_outbox',
  'crm_placement',
  'crm_webhook_event',
  'crm_audit_log',
  'crm_member_interaction',
  'crm_member_note',
  'crm_member_label',
  'crm_member_preference',
  'crm_member_interest',
  'crm_member_media',
  'crm_member_consent',
  'crm_erasure_request',
  'crm_member_score',
  'crm_member_tier_history',
  'crm_tier_settings',
  'crm_job_lease',
  'crm_tier_run',
  'crm_segment',
] as const;

async function rowCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const columns = sql.join(TABLES.map((table) => sql`(SELECT COUNT(*) FROM ${sql.table(table)}) AS ${sql.ref(table)}`));
  const { rows } = await sql<Record<string, number | string | bigint>>`SELECT ${columns}`.execute(handle.db);
  return Object.fromEntries(TABLES.map((table) => [table, Number(rows[0]![table])]));
}

// ---- generators -------------------------------------------------------------------------------------------

/** Printable ASCII: what a Headers object accepts; a control character would fail in the test, not the server. */
const printable = (maxLength = 80) =>
  fc.array(fc.integer({ min: 0x20, max: 0x7e }), { maxLength }).map((codes) => String.fromCharCode(...codes).trim());
/** Any JSON value, strings with any UTF-16 code unit (lone surrogates included). */
const anyJson = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' });

type JsonType = 'string' | 'number' | 'boolean' | 'array' | 'object';
const typeOf = (value: unknown): JsonType | 'null' =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : (typeof value as JsonType);
/** A present (non-null) JSON value of any type but `expected`. */
const wrongType = (expected: JsonType) =>
  fc
    .oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.array(anyJson, { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }),
    )
    .filter((value) => typeOf(value) !== expected);

type Path = ReadonlyArray<string | number>;
interface Mutation {
  path: Path;
  value: unknown;
}
/** One field of a valid body (by its path) given a value of another JSON type. */
const mutation = (points: ReadonlyArray<readonly [Path, JsonType]>) =>
  fc.constantFrom(...points).chain(([path, type]) => wrongType(type).map((value): Mutation => ({ path, value })));

function mutate(body: Json, { path, value }: Mutation): Json {
  const copy = structuredClone(body);
  let at: Json = copy;
  for (const step of path.slice(0, -1)) at = at[step as string];
  at[path.at(-1) as string] = value;
  return copy;
}

/** A body as sent: any JSON text, an object of the route's own field names with any values, or not JSON at all. */
const anyBody = (fields: readonly string[]) =>
  fc.oneof(
    anyJson.map((value) => JSON.stringify(value)),
    fc
      .dictionary(fc.constantFrom(...fields, 'lang', 'extra'), anyJson, { maxKeys: 6 })
      .map((value) => JSON.stringify(value)),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.constant(''),
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '',
] as const;
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const REQUEST_TOKEN = /^[A-Za-z0-9_-]{8,64}$/;
const ORIGINS = [
  TEST_ORIGIN,
  'http://crm.test',
  'https://evil.example',
  'null',
  'javascript:alert(1)',
  'not a url',
] as const;
const ALLOWED_ORIGINS: ReadonlySet<string> = new Set([TEST_ORIGIN, 'http://crm.test']);

const hex64 = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });
const requestToken = fc.oneof(
  fc.uuid(),
  printable(70),
  fc.constantFrom('', 'short', 'a'.repeat(65), 'has space 123', 'ü-nicode-1234'),
);

interface Headers {
  'Content-Type'?: string;
  'Idempotency-Key'?: string;
  'X-Device-Id'?: string;
  Authorization?: string;
  Origin?: string;
  'Accept-Language'?: string;
  'X-Forwarded-For'?: string;
}

/** `good` most of the time, else `other`: so that a request often gets past its first check to the later ones. */
const often = <T, U>(good: fc.Arbitrary<T>, other: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: other, weight: 1 });

/** Any mix of the headers the API reads, each absent, junk or good; `tokens` are good bearer tokens to try. */
const anyHeaders = (tokens: () => readonly string[]) =>
  fc.record(
    {
      'Content-Type': often(fc.constant('application/json'), fc.constantFrom(...CONTENT_TYPES)),
      'Idempotency-Key': often(fc.uuid(), requestToken),
      'X-Device-Id': often(fc.uuid(), requestToken),
      Authorization: fc.oneof(
        printable(),
        printable().map((s) => `Bearer ${s}`),
        fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'),
        fc.nat().map((i) => `Bearer ${tokens()[i % tokens().length]}`),
      ),
      Origin: often(fc.constant(TEST_ORIGIN), fc.constantFrom(...ORIGINS)),
      'Accept-Language': fc.oneof(fc.constantFrom('en', 'id', 'en-US,en;q=0.9', '*'), printable(20)),
      // The test config trusts a proxy, so this decides the network: an address, a list, or junk.
      'X-Forwarded-For': fc.oneof(
        fc.ipV4(),
        fc.ipV6(),
        fc.constantFrom('10.0.0.1, 203.0.113.9', 'unknown', ''),
        printable(30),
      ),
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<Headers>;

// ---- the checks ---------------------------------------------------------------------------------------------

interface Sent {
  method: string;
  path: string;
  headers: Headers | Record<string, string>;
  body?: string;
}

describe.each(await availableDatabases())('fuzzed requests on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  let admin: string;
  let survey: Json;
  let itemId = 0;
  let serial = 0;
  const clock = testClock();
  const memberTokens: string[] = [];
  const unique = (prefix: string) => `${prefix}-${(++serial).toString(36)}-${Date.now().toString(36)}`;
  const freshMember = () => signMemberToken(TEST_SECRET, { id: unique('F').slice(0, 20), name: 'Fuzz' }, clock());

  /** Sends one request and checks what must hold for any request; returns the status and JSON body. */
  async function check(
    sent: Sent,
    expected: 'ok' | 'refused' | 'any' = 'any',
    api = true,
  ): Promise<{ status: number; json: Json | null }> {
    const before = await rowCounts(handle);
    const res = await app.request(sent.path, {
      method: sent.method,
      headers: sent.headers as Record<string, string>,
      ...(sent.body === undefined ? {} : { body: sent.body }),
    });
    const text = await res.text();
    const what = `${sent.method} ${sent.path} ${JSON.stringify(sent.headers)} ${sent.body?.slice(0, 300)} -> ${res.status} ${text.slice(0, 300)}`;
    expect(res.status, what).toBeLessThan(500);
    let json: Json | null = null;
    if (res.headers.get('content-type')?.startsWith('application/json')) json = JSON.parse(text) as Json;
    if (res.status >= 400) {
      if (api) {
        expect(json, what).not.toBeNull();
        expect(Object.keys(json!), what).toEqual(['error']);
        const { code, message, ...rest } = json!.error as Json;
        expect(code, what).toMatch(/^[a-z_]+$/);
        expect(typeof message === 'string' && message.length > 0, what).toBe(true);
        expect(
          Object.keys(rest).filter((k) => k !== 'details'),
          what,
        ).toEqual([]);
      }
      expect(await rowCounts(handle), `${what}: a refused request wrote a row`).toEqual(before);
    }
    if (expected === 'ok') expect(res.status, what).toBeLessThan(300);
    if (expected === 'refused') expect(res.status, what).toBeGreaterThanOrEqual(400);
    return { status: res.status, json };
  }

  const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<unknown>) =>
    fc.assert(
      fc.asyncProperty(arb, async (value) => {
        await run(value);
      }),
      { numRuns: RUNS },
    );

  const good = (extra: Record<string, string> = {}) => ({
    'Content-Type': 'application/json',
    Origin: TEST_ORIGIN,
    'Idempotency-Key': unique('key'),
    ...extra,
  });

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock);
    admin = await staffToken(app);
    const staff = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(`/api/v1/staff${path}`, {
        method,
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(res.status, `${method} ${path}`).toBeLessThan(300);
      return (await res.json()) as Json;
    };
    const created = await staff('POST', '/surveys', {
      slug: 'fuzz',
      title: 'Survei acak',
      questions: [
        { type: 'single', prompt: 'Satu', options: ['A', 'B'] },
        {
          type: 'multiple',
          prompt: 'Banyak',
          required: false,
          options: [{ label: 'X' }, { label: 'Y' }, { label: 'Z' }],
        },
        { type: 'rating', prompt: 'Nilai' },
        { type: 'nps', prompt: 'Rekomendasi', required: false },
        { type: 'text', prompt: 'Saran', required: false, maxLength: 50 },
      ],
    });
    survey = (await staff('POST', `/surveys/${created.survey.id}/open`)).survey as Json;
    const sent = await app.request('/api/v1/feedback', {
      method: 'POST',
      headers: { ...good(), Authorization: `Bearer ${await freshMember()}` },
      body: JSON.stringify({ kind: 'suggestion', text: 'Buka sampai malam.' }),
    });
    expect(sent.status).toBe(201);
    const code = ((await sent.json()) as Json).item.code as string;
    itemId = Number(
      (
        await handle.db
          .selectFrom('crm_feedback')
          .select('id')
          .where('code', '=', code.replace('-', ''))
          .executeTakeFirstOrThrow()
      ).id,
    );
    await staff('PUT', `/feedback/${itemId}`, { published: true });
    for (let i = 0; i < 3; i++) memberTokens.push(await freshMember());
    // A SLiMS member whose profile the staff routes read and annotate.
    await handle.db
      .insertInto('member')
      .values({ member_id: 'FZ001', member_name: 'Anggota Acak', gender: 0, expire_date: '2027-12-31' })
      .execute();
  });
  afterAll(async () => {
    await handle?.close();
  });

  const tokens = () => [...memberTokens, admin];

  // ---- surveys ----

  it('GET /surveys/:slug: any slug and headers', { timeout: TIMEOUT_MS }, async () => {
    const slug = fc.oneof(
      fc.constant('fuzz'),
      printable(70).map(encodeURIComponent),
      fc.constantFrom('FUZZ', 'fuzz%00', '..%2Fadmin', 'a'.repeat(65)),
    );
    const query = fc.record({ device: printable(), lang: printable(5) }, { requiredKeys: [] });
    await property(fc.tuple(slug, query, anyHeaders(tokens)), async ([s, q, headers]) => {
      const search = new URLSearchParams(q as Record<string, string>).toString();
      const { status } = await check({
        method: 'GET',
        path: `/api/v1/surveys/${s}${search ? `?${search}` : ''}`,
        headers,
      });
      const originOk = headers.Origin === undefined || ALLOWED_ORIGINS.has(headers.Origin);
      expect(status < 300, `GET ${s}`).toBe(s === 'fuzz' && originOk);
    });
  });

  function validAnswers(): Json {
    const [single, multiple, rating, nps, text] = survey.questions as Json[];
    return {
      answers: [
        { questionId: single!.id, optionIds: [single!.options[0].id] },
        { questionId: multiple!.id, optionIds: [multiple!.options[1].id, multiple!.options[2].id] },
        { questionId: rating!.id, value: 4 },
        { questionId: nps!.id, value: 10 },
        { questionId: text!.id, text: 'Bagus' },
      ],
      lang: 'id',
    };
  }
  const answerPoints: ReadonlyArray<readonly [Path, JsonType]> = [
    [['answers'], 'array'],
    [['answers', 0], 'object'],
    [['answers', 0, 'questionId'], 'number'],
    [['answers', 0, 'optionIds'], 'array'],
    [['answers', 0, 'optionIds', 0], 'number'],
    [['answers', 1, 'optionIds'], 'array'],
    [['answers', 2, 'value'], 'number'],
    [['answers', 3, 'value'], 'number'],
    [['answers', 4, 'text'], 'string'],
    [['lang'], 'string'],
  ];

  it(
    'POST /surveys/:slug/responses: a valid answer is counted, each field of another type is refused',
    { timeout: TIMEOUT_MS },
    async () => {
      await property(fc.option(mutation(answerPoints), { freq: 4 }), async (change) => {
        const body = change === null ? validAnswers() : mutate(validAnswers(), change);
        await check(
          {
            method: 'POST',
            path: '/api/v1/surveys/fuzz/responses',
            headers: good({ 'X-Device-Id': unique('dev') }),
            body: JSON.stringify(body),
          },
          change === null ? 'ok' : 'refused',
        );
      });
    },
  );

  it(
    'POST /surveys/:slug/responses: any text in a text answer, any body and any headers',
    { timeout: TIMEOUT_MS },
    async () => {
      const text = fc.string({ unit: 'binary', maxLength: 60 });
      await property(text, async (value) => {
        const body = validAnswers();
        body.answers[4].text = value;
        await check({
          method: 'POST',
          path: '/api/v1/surveys/fuzz/responses',
          headers: good({ 'X-Device-Id': unique('dev') }),
          body: JSON.stringify(body),
        });
      });
      await property(fc.tuple(anyBody(['answers']), anyHeaders(tokens)), async ([body, headers]) => {
        await check({ method: 'POST', path: '/api/v1/surveys/fuzz/responses', headers, body });
      });
    },
  );

  // ---- feedback ----

  const submission = (): Json => ({
    kind: 'suggestion',
    text: 'Tambah colokan listrik di ruang baca.',
    contact: { email: 'dewi@contoh.id', phone: '0812 3456 7890' },
    consent: true,
    asMember: true,
    lang: 'en',
  });
  const purchase = (): Json => ({
    kind: 'purchase',
    text: 'Untuk tugas kuliah.',
    purchase: { title: 'Laskar Pelangi', author: 'Andrea Hirata', isbn: '978-0-306-40615-7' },
  });
  const submissionPoints: ReadonlyArray<readonly [Path, JsonType]> = [
    [['kind'], 'string'],
    [['text'], 'string'],
    [['contact'], 'object'],
    [['contact', 'email'], 'string'],
    [['contact', 'phone'], 'string'],
    [['consent'], 'boolean'],
    [['asMember'], 'boolean'],
    [['lang'], 'string'],
  ];
  const purchasePoints: ReadonlyArray<readonly [Path, JsonType]> = [
    [['purchase'], 'object'],
    [['purchase', 'title'], 'string'],
    [['purchase', 'author'], 'string'],
    [['purchase', 'isbn'], 'string'],
  ];

  it(
    'POST /feedback: a valid item is stored, each field of another type is refused',
    { timeout: TIMEOUT_MS },
    async () => {
      const cases = fc.oneof(
        fc.option(mutation(submissionPoints), { freq: 4 }).map((change) => ({ base: submission, change })),
        fc.option(mutation(purchasePoints), { freq: 3 }).map((change) => ({ base: purchase, change })),
      );
      await property(cases, async ({ base, change }) => {
        const body = change === null ? base() : mutate(base(), change);
        // As a fresh member: no proof of work to solve, and no member's hourly limit in the way.
        const headers = good({ Authorization: `Bearer ${await freshMember()}` });
        await check(
          { method: 'POST', path: '/api/v1/feedback', headers, body: JSON.stringify(body) },
          change === null ? 'ok' : 'refused',
        );
      });
    },
  );

  it('POST /feedback: any text, any body and any headers', { timeout: TIMEOUT_MS }, async () => {
    await property(fc.string({ unit: 'binary', maxLength: 60 }), async (text) => {
      const headers = good({ Authorization: `Bearer ${await freshMember()}` });
      await check({
        method: 'POST',
        path: '/api/v1/feedback',
        headers,
        body: JSON.stringify({ ...purchase(), text, purchase: { title: text, author: text } }),
      });
    });
    await property(
      fc.tuple(
        anyBody(['kind', 'text', 'purchase', 'contact', 'consent', 'asMember', 'website', 'pow']),
        anyHeaders(tokens),
      ),
      async ([body, headers]) => {
        await check({ method: 'POST', path: '/api/v1/feedback', headers, body });
      },
    );
  });

  it(
    'GET /feedback/pow, /items/:code, /mine and /board: any parameters and headers',
    { timeout: TIMEOUT_MS },
    async () => {
      const query = fc.dictionary(
        fc.constantFrom('kind', 'status', 'sort', 'page', 'pageSize', 'lang', 'device', 'x'),
        printable(12),
        { maxKeys: 5 },
      );
      const path = fc.oneof(
        fc.constant('/api/v1/feedback/pow'),
        fc.constant('/api/v1/feedback/mine'),
        printable(20).map((code) => `/api/v1/feedback/items/${encodeURIComponent(code)}`),
        query.map((q) => `/api/v1/feedback/board?${new URLSearchParams(q).toString()}`),
      );
      await property(fc.tuple(path, anyHeaders(tokens)), async ([p, headers]) => {
        await check({ method: 'GET', path: p, headers });
      });
    },
  );

  it(
    'POST /feedback/board/:id/votes: counted exactly when every part of the request is good',
    { timeout: TIMEOUT_MS },
    async () => {
      // Each part is good more often than not, so that a fair share of the requests is valid as a whole.
      const id = often(
        fc.constant(() => String(itemId)),
        fc.oneof(
          printable(12).map((s) => () => encodeURIComponent(s)),
          fc.constantFrom(
            () => '0',
            () => '99999999',
          ),
        ),
      );
      const body = often(fc.constantFrom('{}', '{"lang":"en"}', '{"lang":null}', '{"extra":[1,2]}'), anyBody([]));
      const headers = fc.record(
        {
          'Content-Type': often(fc.constant('application/json'), fc.constantFrom(...CONTENT_TYPES)),
          'Idempotency-Key': often(fc.constant(null), requestToken),
          'X-Device-Id': often(fc.constant(null), requestToken),
          Authorization: fc.oneof(
            fc.constant(undefined),
            fc.constant(null),
            fc.nat().map((i) => `Bearer ${memberTokens[i % memberTokens.length]}`),
            printable().map((s) => `Bearer ${s}`),
          ),
          Origin: often(fc.constantFrom(undefined, TEST_ORIGIN, 'http://crm.test'), fc.constantFrom(...ORIGINS)),
        },
        { requiredKeys: ['Content-Type', 'Idempotency-Key', 'X-Device-Id', 'Authorization', 'Origin'] },
      );
      await property(fc.tuple(id, body, headers), async ([idOf, text, h]) => {
        // null: a fresh good value, so that a fair share of the requests is valid.
        const sent: Record<string, string> = {};
        let goodToken = false;
        for (const [name, value] of Object.entries(h)) {
          if (value === null) sent[name] = name === 'Authorization' ? `Bearer ${await freshMember()}` : unique('tok');
          else if (value !== undefined) sent[name] = value;
          if (name === 'Authorization' && value !== undefined)
            goodToken = value === null || memberTokens.some((t) => value === `Bearer ${t}`);
        }
        const target = idOf();
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        // A member token decides who votes; without one, the device id; a bad token is refused, not ignored.
        const validAuth = sent.Authorization === undefined ? REQUEST_TOKEN.test(sent['X-Device-Id'] ?? '') : goodToken;
        const lang = typeOf(parsed) === 'object' ? (parsed as Json).lang : undefined;
        const valid =
          target === String(itemId) &&
          (sent.Origin === undefined || ALLOWED_ORIGINS.has(sent.Origin)) &&
          JSON_TYPE.test(sent['Content-Type'] ?? '') &&
          REQUEST_TOKEN.test(sent['Idempotency-Key'] ?? '') &&
          typeOf(parsed) === 'object' &&
          (lang === undefined || lang === null || lang === 'id' || lang === 'en') &&
          validAuth;
        await check(
          { method: 'POST', path: `/api/v1/feedback/board/${target}/votes`, headers: sent, body: text },
          valid ? 'ok' : 'refused',
        );
      });
    },
  );

  // ---- sign-in, webhooks, unsubscribe ----

  it('POST /members/session and /staff/session: any body and headers', { timeout: TIMEOUT_MS }, async () => {
    for (const path of ['/api/v1/members/session', '/api/v1/staff/session']) {
      await property(
        fc.tuple(anyBody(['cardNumber', 'username', 'password']), anyHeaders(tokens)),
        async ([body, headers]) => {
          const { status } = await check({ method: 'POST', path, headers, body });
          expect(status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
        },
      );
    }
  });

  it(
    'POST /hooks/slims and /hooks/ping with a bad signature: refused, nothing stored',
    { timeout: TIMEOUT_MS },
    async () => {
      const hookHeaders = fc.record(
        {
          'Content-Type': fc.constantFrom(...CONTENT_TYPES),
          'X-Slims-Crm-Timestamp': fc.oneof(fc.constant(String(Math.floor(clock().getTime() / 1000))), printable(12)),
          'X-Slims-Crm-Signature': fc.oneof(
            printable(),
            hex64.map((h) => `sha256=${h}`),
            fc.stringMatching(/^v1=[0-9a-f]{64}$/),
          ),
          Origin: fc.constantFrom(...ORIGINS),
        },
        { requiredKeys: [] },
      );
      await property(
        fc.tuple(
          fc.constantFrom('/api/v1/hooks/slims', '/api/v1/hooks/ping'),
          anyBody(['id', 'event', 'occurredAt', 'data', 'nonce']),
          hookHeaders,
        ),
        async ([path, body, headers]) => {
          await check({ method: 'POST', path, headers: headers as Record<string, string>, body }, 'refused');
        },
      );
    },
  );

  it(
    'GET and POST /notices/unsubscribe: any address and signature, nothing changed',
    { timeout: TIMEOUT_MS },
    async () => {
      const query = fc.record(
        { email: fc.oneof(fc.emailAddress(), printable(40)), sig: fc.oneof(printable(40), hex64), lang: printable(4) },
        { requiredKeys: [] },
      );
      await property(fc.tuple(fc.constantFrom('GET', 'POST'), query), async ([method, q]) => {
        const { status } = await check(
          {
            method,
            path: `/notices/unsubscribe?${new URLSearchParams(q as Record<string, string>).toString()}`,
            headers: {},
          },
          'any',
          false,
        );
        expect(status).toBeLessThan(500);
      });
    },
  );

  // ---- staff routes ----

  const staffRoutes: ReadonlyArray<readonly [string, string]> = [
    ['GET', '/api/v1/staff/surveys'],
    ['POST', '/api/v1/staff/surveys'],
    ['PUT', '/api/v1/staff/surveys/1'],
    ['GET', '/api/v1/staff/feedback'],
    ['PUT', '/api/v1/staff/feedback/1'],
    ['POST', '/api/v1/staff/feedback/1/replies'],
    ['POST', '/api/v1/staff/feedback/1/merge'],
    ['GET', '/api/v1/staff/feedback/measures'],
    ['POST', '/api/v1/staff/placements'],
    ['GET', '/api/v1/staff/placements'],
    ['GET', '/api/v1/staff/members'],
    ['GET', '/api/v1/staff/members/FZ001'],
    ['POST', '/api/v1/staff/members/FZ001/interactions'],
    ['PUT', '/api/v1/staff/members/FZ001/note'],
    ['PUT', '/api/v1/staff/members/FZ001/labels'],
    ['POST', '/api/v1/staff/segments/count'],
    ['POST', '/api/v1/staff/segments'],
    ['PUT', '/api/v1/staff/segments/1'],
    ['GET', '/api/v1/staff/segments/1/members'],
  ];

  it(
    'staff routes without a good staff token: 401 or 403 in the one shape, nothing written',
    { timeout: TIMEOUT_MS },
    async () => {
      const auth = fc.oneof(
        fc.constant(undefined),
        printable().map((s) => `Bearer ${s}`),
        fc.nat().map((i) => `Bearer ${memberTokens[i % memberTokens.length]}`),
        fc.constantFrom('Basic YWRtaW46YWRtaW4=', 'Bearer'),
      );
      await property(
        fc.tuple(fc.constantFrom(...staffRoutes), anyBody(['title', 'status', 'text', 'into', 'widget']), auth),
        async ([[method, path], body, authorization]) => {
          const headers: Record<string, string> = {
            'Content-Type': 'application/json',
            ...(authorization === undefined ? {} : { Authorization: authorization }),
          };
          const { status } = await check({ method, path, headers, ...(method === 'GET' ? {} : { body }) }, 'refused');
          expect([401, 403]).toContain(status);
        },
      );
    },
  );

  const surveyDefinition = (): Json => ({
    title: unique('Survei'),
    description: 'Uji',
    audience: 'anyone',
    resultsVisibility: 'after_close',
    opensAt: null,
    closesAt: '2027-01-01T00:00:00Z',
    questions: [
      { type: 'single', prompt: 'Pilih', required: true, options: [{ label: 'Ya' }, { label: 'Tidak' }] },
      { type: 'text', prompt: 'Alasan', required: false, maxLength: 100 },
    ],
  });
  const surveyPoints: ReadonlyArray<readonly [Path, JsonType]> = [
    [['title'], 'string'],
    [['slug'], 'string'],
    [['description'], 'string'],
    [['audience'], 'string'],
    [['resultsVisibility'], 'string'],
    [['opensAt'], 'string'],
    [['closesAt'], 'string'],
    [['questions'], 'array'],
    [['questions', 0], 'object'],
    [['questions', 0, 'type'], 'string'],
    [['questions', 0, 'prompt'], 'string'],
    [['questions', 0, 'required'], 'boolean'],
    [['questions', 0, 'options'], 'array'],
    [['questions', 0, 'options', 0, 'label'], 'string'],
    [['questions', 1, 'maxLength'], 'number'],
    [['lang'], 'string'],
  ];

  it(
    'staff writes with a token: a valid body is saved, each field of another type is refused and changes nothing',
    { timeout: TIMEOUT_MS },
    async () => {
      const staffHeaders = () => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` });
      await property(fc.option(mutation(surveyPoints), { freq: 5 }), async (change) => {
        const body = change === null ? surveyDefinition() : mutate(surveyDefinition(), change);
        await check(
          { method: 'POST', path: '/api/v1/staff/surveys', headers: staffHeaders(), body: JSON.stringify(body) },
          change === null ? 'ok' : 'refused',
        );
      });

      const item = () =>
        handle.db.selectFrom('crm_feedback').selectAll().where('id', '=', itemId).executeTakeFirstOrThrow();
      const writes: ReadonlyArray<{
        path: string;
        valid: () => Json;
        points: ReadonlyArray<readonly [Path, JsonType]>;
      }> = [
        {
          path: '',
          valid: () => ({ status: 'in_review', category: 'Fasilitas', assignedUid: 2, published: true }),
          points: [
            [['status'], 'string'],
            [['category'], 'string'],
            [['assignedUid'], 'number'],
            [['published'], 'boolean'],
            [['lang'], 'string'],
          ],
        },
        { path: '/notes', valid: () => ({ text: 'Catatan' }), points: [[['text'], 'string']] },
        {
          path: '/replies',
          valid: () => ({ text: 'Terima kasih.', visibility: 'private' }),
          points: [
            [['text'], 'string'],
            [['visibility'], 'string'],
          ],
        },
        { path: '/merge', valid: () => ({ into: itemId }), points: [[['into'], 'number']] },
      ];
      for (const write of writes) {
        await property(mutation(write.points), async (change) => {
          const before = await item();
          await check(
            {
              method: write.path === '' ? 'PUT' : 'POST',
              path: `/api/v1/staff/feedback/${itemId}${write.path}`,
              headers: staffHeaders(),
              body: JSON.stringify(mutate(write.valid(), change)),
            },
            'refused',
          );
          expect(await item()).toEqual(before);
        });
      }

      const placement = (): Json => ({
        widget: 'feedback-board',
        place: 'page',
        target: unique('p')
          .replace(/[^a-z0-9_-]/gi, '')
          .slice(0, 20),
        reservePx: 120,
      });
      const placementPoints: ReadonlyArray<readonly [Path, JsonType]> = [
        [['widget'], 'string'],
        [['place'], 'string'],
        [['target'], 'string'],
        [['reservePx'], 'number'],
        [['surveyId'], 'number'],
      ];
      await property(fc.option(mutation(placementPoints), { freq: 4 }), async (change) => {
        const body = change === null ? placement() : mutate(placement(), change);
        await check(
          { method: 'POST', path: '/api/v1/staff/placements', headers: staffHeaders(), body: JSON.stringify(body) },
          change === null ? 'ok' : 'refused',
        );
      });

      const interaction = (): Json => ({
        channel: 'consultation',
        note: 'Mencari sumber skripsi.',
        outcome: 'Dirujuk ke jurnal',
        at: '2026-11-20T03:00:00Z',
      });
      const interactionPoints: ReadonlyArray<readonly [Path, JsonType]> = [
        [['channel'], 'string'],
        [['note'], 'string'],
        [['outcome'], 'string'],
        [['at'], 'string'],
        [['lang'], 'string'],
      ];
      await property(fc.option(mutation(interactionPoints), { freq: 4 }), async (change) => {
        const body = change === null ? interaction() : mutate(interaction(), change);
        await check(
          {
            method: 'POST',
            path: '/api/v1/staff/members/FZ001/interactions',
            headers: staffHeaders(),
            body: JSON.stringify(body),
          },
          change === null ? 'ok' : 'refused',
        );
      });
      const segment = (): Json => ({
        name: unique('Segmen'),
        definition: {
          memberTypes: [1],
          age: { min: 18, max: 30 },
          gender: 'female',
          loans: { from: '2026-01-01', to: '2026-06-30', atLeast: 1 },
          labels: ['guru'],
          hasEmail: true,
          minors: 'include',
        },
      });
      const segmentPoints: ReadonlyArray<readonly [Path, JsonType]> = [
        [['name'], 'string'],
        [['definition'], 'object'],
        [['definition', 'memberTypes'], 'array'],
        [['definition', 'memberTypes', 0], 'number'],
        [['definition', 'age'], 'object'],
        [['definition', 'age', 'min'], 'number'],
        [['definition', 'gender'], 'string'],
        [['definition', 'loans', 'from'], 'string'],
        [['definition', 'loans', 'atLeast'], 'number'],
        [['definition', 'labels', 0], 'string'],
        [['definition', 'hasEmail'], 'boolean'],
        [['definition', 'minors'], 'string'],
        [['lang'], 'string'],
      ];
      await property(fc.option(mutation(segmentPoints), { freq: 4 }), async (change) => {
        const body = change === null ? segment() : mutate(segment(), change);
        await check(
          { method: 'POST', path: '/api/v1/staff/segments', headers: staffHeaders(), body: JSON.stringify(body) },
          change === null ? 'ok' : 'refused',
        );
      });
      const annotations: ReadonlyArray<{
        path: string;
        valid: () => Json;
        points: ReadonlyArray<readonly [Path, JsonType]>;
      }> = [
        { path: '/note', valid: () => ({ text: 'Catatan staf' }), points: [[['text'], 'string']] },
        {
          path: '/labels',
          valid: () => ({ labels: ['guru', 'peneliti'] }),
          points: [
            [['labels'], 'array'],
            [['labels', 0], 'string'],
          ],
        },
      ];
      for (const write of annotations) {
        await property(mutation(write.points), async (change) => {
          await check(
            {
              method: 'PUT',
              path: `/api/v1/staff/members/FZ001${write.path}`,
              headers: staffHeaders(),
              body: JSON.stringify(mutate(write.valid(), change)),
            },
            'refused',
          );
        });
      }
    },
  );

  it('staff routes with a token: any body, query and headers', { timeout: TIMEOUT_MS }, async () => {
    const query = fc.dictionary(
      fc.constantFrom(
        'status',
        'kind',
        'sort',
        'page',
        'pageSize',
        'published',
        'merged',
        'assigned',
        'category',
        'q',
        'from',
        'to',
        'bucket',
        'survey',
        'type',
        'expiry',
        'tier',
        'kinds',
      ),
      printable(12),
      { maxKeys: 5 },
    );
    const route = fc.constantFrom(
      ...staffRoutes,
      ['PUT', `/api/v1/staff/feedback/{item}`] as const,
      ['POST', `/api/v1/staff/feedback/{item}/notes`] as const,
    );
    await property(
      fc.tuple(
        route,
        query,
        anyBody([
          'title',
          'questions',
          'status',
          'category',
          'assignedUid',
          'published',
          'text',
          'visibility',
          'into',
          'widget',
          'place',
          'reservePx',
          'channel',
          'note',
          'outcome',
          'at',
          'labels',
          'name',
          'definition',
          'memberTypes',
          'age',
          'loans',
          'minors',
        ]),
        anyHeaders(() => [admin]),
      ),
      async ([[method, path], q, body, headers]) => {
        const search = new URLSearchParams(q).toString();
        const sent = { ...headers, Authorization: `Bearer ${admin}` };
        await check({
          method,
          path: `${path.replace('{item}', String(itemId))}${search ? `?${search}` : ''}`,
          headers: sent,
          ...(method === 'GET' ? {} : { body }),
        });
      },
    );
  });
  // ---- the member's own profile ----

  it('member profile routes: any body, query and headers, with any token', { timeout: TIMEOUT_MS }, async () => {
    const fz = await signMemberToken(TEST_SECRET, { id: 'FZ001', name: 'Anggota Acak' }, clock());
    const route = fc.constantFrom(
      ['GET', '/api/v1/members/me/profile'] as const,
      ['PUT', '/api/v1/members/me/profile'] as const,
      ['GET', '/api/v1/members/me/export'] as const,
      ['POST', '/api/v1/members/me/erasure-request'] as const,
      ['GET', '/api/v1/topics'] as const,
    );
    const query = fc.dictionary(fc.constantFrom('format', 'q', 'lang'), printable(12), { maxKeys: 3 });
    await property(
      fc.tuple(
        route,
        query,
        anyBody(['interests', 'media', 'gmds', 'channel', 'contact', 'consents', 'wordingVersion']),
        anyHeaders(() => [fz, ...memberTokens, admin]),
      ),
      async ([[method, path], q, body, headers]) => {
        const search = new URLSearchParams(q).toString();
        await check({
          method,
          path: `${path}${search ? `?${search}` : ''}`,
          headers,
          ...(method === 'GET' ? {} : { body }),
        });
      },
    );
  });

  it(
    'PUT /members/me/profile: a valid body is saved, each field of another type is refused and changes nothing',
    { timeout: TIMEOUT_MS },
    async () => {
      const fz = await signMemberToken(TEST_SECRET, { id: 'FZ001', name: 'Anggota Acak' }, clock());
      const profile = (): Json => ({
        interests: { topics: [], tags: ['kopi', 'sepak bola'] },
        media: ['print', 'audio'],
        gmds: [],
        channel: 'letter',
        contact: { email: 'acak@contoh.id', whatsapp: '0812 3456 7890' },
        consents: [{ channel: 'email', purpose: 'news', granted: true }],
        wordingVersion: CONSENT_WORDING.version,
      });
      const points: ReadonlyArray<readonly [Path, JsonType]> = [
        [['interests'], 'object'],
        [['interests', 'topics'], 'array'],
        [['interests', 'tags'], 'array'],
        [['interests', 'tags', 0], 'string'],
        [['media'], 'array'],
        [['media', 0], 'string'],
        [['gmds'], 'array'],
        [['channel'], 'string'],
        [['contact'], 'object'],
        [['contact', 'email'], 'string'],
        [['contact', 'whatsapp'], 'string'],
        [['consents'], 'array'],
        [['consents', 0], 'object'],
        [['consents', 0, 'channel'], 'string'],
        [['consents', 0, 'purpose'], 'string'],
        [['consents', 0, 'granted'], 'boolean'],
        [['wordingVersion'], 'string'],
        [['lang'], 'string'],
      ];
      await property(fc.option(mutation(points), { freq: 5 }), async (change) => {
        const body = change === null ? profile() : mutate(profile(), change);
        await check(
          {
            method: 'PUT',
            path: '/api/v1/members/me/profile',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${fz}` },
            body: JSON.stringify(body),
          },
          change === null ? 'ok' : 'refused',
        );
      });
    },
  );
});
