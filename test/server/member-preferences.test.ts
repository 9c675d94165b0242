// The member's own profile on SQLite and MariaDB: interests, media, channel, contact and consents read and written
// with a member token; consents appended one row per change and never rewritten; the unsubscribe link withdrawing
// them; the export holding every CRM row about the member (JSON and CSV); the erasure request and its deadline;
// the topic search; bad input and bad tokens answered in the one error shape, writing nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { unsubscribeUrl } from '../../server/feedback/unsubscribe.routes.ts';
import { CONSENT_WORDING } from '../../server/members/consent-wording.ts';
import { EXPORTED_TABLES } from '../../server/members/export.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_SECRET, buildApp, prepareDatabase, staffToken, testClock, testConfig } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = '2026-11-23T03:00:00Z';

const member = (member_id: string, member_name: string, over: Json = {}) => ({
  member_id,
  member_name,
  gender: 0,
  member_type_id: 1,
  member_email: null,
  member_phone: null,
  member_since_date: '2020-01-01',
  register_date: '2026-01-01',
  expire_date: '2027-12-31',
  is_pending: 0,
  input_date: '2020-01-01',
  last_update: '2026-01-01',
  ...over,
});

/** M001 has an e-mail address and a phone in SLiMS; M002 has neither; both have loans, answers and feedback. */
async function seedLibrary(handle: DatabaseHandle): Promise<void> {
  const db = handle.db;
  await db
    .insertInto('member')
    .values([
      member('M001', 'Siti Aminah', { member_email: 'Siti.Aminah@Contoh.id', member_phone: '081234567890' }),
      member('M002', 'Budi Santoso'),
    ])
    .execute();
  const topics = ['Pertanian', 'Sejarah Riau', 'Komputer', 'Sejarah', 'Sastra', 'Seni_Rupa 100%'];
  await db
    .insertInto('mst_topic')
    .values(topics.map((topic, i) => ({ topic_id: i + 1, topic, topic_type: 't' as const, classification: '' })))
    .execute();
  await db
    .insertInto('mst_topic')
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        topic_id: 100 + i,
        topic: `Zoologi ${String(i).padStart(2, '0')}`,
        topic_type: 't' as const,
        classification: '',
      })),
    )
    .execute();
  await db
    .insertInto('mst_gmd')
    .values([
      { gmd_id: 1, gmd_code: 'TE', gmd_name: 'Text', input_date: '2020-01-01' },
      { gmd_id: 24, gmd_code: 'VI', gmd_name: 'Video Recording', input_date: '2020-01-01' },
    ])
    .execute();
  await db.insertInto('biblio').values({ biblio_id: 1, title: 'Budidaya Padi', gmd_id: 1 }).execute();
  await db.insertInto('biblio_topic').values({ biblio_id: 1, topic_id: 1, level: 1 }).execute();
  await db.insertInto('item').values({ item_code: 'B1', biblio_id: 1, input_date: '2020-01-01 00:00:00' }).execute();
  await db
    .insertInto('loan')
    .values(
      ['M001', 'M002'].map((member_id, i) => ({
        loan_id: i + 1,
        item_code: 'B1',
        member_id,
        loan_date: '2026-11-02',
        due_date: '2026-11-09',
        is_lent: 1,
        is_return: 0,
        return_date: null,
      })),
    )
    .execute();
  await db
    .insertInto('visitor_count')
    .values({ member_id: 'M001', member_name: 'Siti Aminah', checkin_date: '2026-11-20 08:25:00' })
    .execute();
  const survey = await db
    .insertInto('crm_survey')
    .values({
      slug: 'jam-buka',
      kind: 'poll',
      title: 'Jam buka',
      description: null,
      audience: 'anyone',
      status: 'open',
      opens_at: null,
      closes_at: null,
      results_visibility: 'after_answer',
      created_by: 1,
      created_at: '2026-11-01 00:00:00',
      updated_at: '2026-11-01 00:00:00',
    })
    .executeTakeFirstOrThrow();
  const question = await db
    .insertInto('crm_survey_question')
    .values({
      survey_id: Number(survey.insertId),
      position: 1,
      type: 'text',
      prompt: 'Kapan?',
      required: 0,
      max_length: null,
    })
    .executeTakeFirstOrThrow();
  for (const id of ['M001', 'M002']) {
    const response = await db
      .insertInto('crm_survey_response')
      .values({
        survey_id: Number(survey.insertId),
        voter_key: `m:${id}`,
        member_id: id,
        network: null,
        idempotency_key: `resp-${id}-0001`,
        lang: 'id',
        created_at: '2026-11-21 02:00:00',
      })
      .executeTakeFirstOrThrow();
    await db
      .insertInto('crm_survey_answer')
      .values({
        response_id: Number(response.insertId),
        question_id: Number(question.insertId),
        option_id: null,
        value: null,
        text: `Sabtu pagi (${id})`,
      })
      .execute();
    const feedback = await db
      .insertInto('crm_feedback')
      .values({
        code: `CODE${id}00`,
        kind: 'suggestion',
        body: `Tambah koleksi (${id})`,
        purchase_title: null,
        purchase_author: null,
        purchase_isbn: null,
        category: null,
        member_id: id,
        submitter_key: `m:${id}`,
        anonymous: 1,
        contact_email: null,
        contact_phone: null,
        consent_at: null,
        consent_version: null,
        lang: 'id',
        network: null,
        idempotency_key: `fb-${id}-0001`,
        assigned_uid: null,
        assigned_name: null,
        merged_into: null,
        public_reply: null,
        public_reply_at: null,
        first_response_at: null,
        closed_at: null,
        created_at: '2026-11-22 01:00:00',
        updated_at: '2026-11-22 01:00:00',
      })
      .executeTakeFirstOrThrow();
    await db
      .insertInto('crm_feedback_vote')
      .values({
        feedback_id: Number(feedback.insertId),
        voter_key: `m:${id}`,
        member_id: id,
        created_at: '2026-11-22 02:00:00',
      })
      .execute();
    await db
      .insertInto('crm_member_interaction')
      .values({
        member_id: id,
        channel: 'desk',
        note: `Bertanya jam buka (${id})`,
        outcome: null,
        staff_uid: 2,
        staff_name: 'Siti Rahmawati',
        occurred_at: '2026-11-20 03:00:00',
        created_at: '2026-11-20 03:00:00',
      })
      .execute();
    await db
      .insertInto('crm_member_note')
      .values({
        member_id: id,
        note: `Catatan ${id}`,
        updated_uid: 2,
        updated_name: 'Siti Rahmawati',
        updated_at: '2026-11-20 03:00:00',
      })
      .execute();
    await db
      .insertInto('crm_member_label')
      .values({ member_id: id, label: 'guru', created_uid: 2, created_at: '2026-11-20 03:00:00' })
      .execute();
  }
}

const PREFERENCE_TABLES = [
  'crm_member_preference',
  'crm_member_interest',
  'crm_member_media',
  'crm_member_consent',
  'crm_erasure_request',
] as const;

describe.each(await availableDatabases())('the member’s own profile on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock(NOW);
  const token = (id: string, at = clock()) => signMemberToken(TEST_SECRET, { id, name: id }, at);

  async function call(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; auth?: string | null; as?: string } = {},
  ) {
    const headers: Record<string, string> = {};
    const auth = options.auth === undefined ? `Bearer ${await token(options.as ?? 'M001')}` : options.auth;
    if (auth !== null) headers.Authorization = auth;
    if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      ...(options.raw !== undefined
        ? { body: options.raw }
        : options.body === undefined
          ? {}
          : { body: JSON.stringify(options.body) }),
    });
    const text = await res.text();
    let json: Json = {};
    try {
      json = JSON.parse(text) as Json;
    } catch {
      // CSV
    }
    return { status: res.status, json, text, headers: res.headers };
  }
  const ok = async (method: string, path: string, options: Parameters<typeof call>[2] = {}): Promise<Json> => {
    const res = await call(method, path, options);
    expect(res.status, `${method} ${path}: ${res.text}`).toBeLessThan(300);
    return res.json;
  };
  const put = (body: Json, as = 'M001') => call('PUT', '/api/v1/members/me/profile', { body, as });
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const table of PREFERENCE_TABLES) {
      const row = await handle.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  };
  const consentRows = (memberId: string) =>
    handle.db
      .selectFrom('crm_member_consent')
      .select(['channel', 'purpose', 'granted', 'source', 'wording_version', 'created_at'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute();
  const version = CONSENT_WORDING.version;

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await seedLibrary(handle);
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('answers a member who has said nothing yet with SLiMS’s contact, the wording and the choices', async () => {
    const profile = await ok('GET', '/api/v1/members/me/profile?lang=en');
    expect(profile).toEqual({
      member: { id: 'M001', name: 'Siti Aminah', email: 'Siti.Aminah@Contoh.id', phone: '081234567890' },
      interests: { topics: [], tags: [] },
      media: [],
      gmds: [],
      channel: null,
      contact: { email: null, whatsapp: null },
      consents: [],
      wording: {
        version,
        purposes: {
          service: CONSENT_WORDING.purposes.service.en,
          news: CONSENT_WORDING.purposes.news.en,
          recommendations: CONSENT_WORDING.purposes.recommendations.en,
        },
        channels: { email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', letter: 'Letter' },
      },
      choices: {
        gmds: [
          { id: 1, name: 'Text' },
          { id: 24, name: 'Video Recording' },
        ],
      },
      erasureRequest: null,
    });
    expect((await ok('GET', '/api/v1/members/me/profile')).wording.purposes.news).toBe(
      CONSENT_WORDING.purposes.news.id,
    );
  });

  it('keeps interests, media, channel and contact, and appends a consent row only for each change', async () => {
    clock.set('2026-11-23T03:00:00Z');
    const first = await put({
      interests: { topics: [2, 1, 2], tags: ['Kopi  Riau', 'kopi riau', 'Sepak bola'] },
      media: ['print', 'ebook', 'print'],
      gmds: [24],
      channel: 'whatsapp',
      contact: { email: 'siti@rumah.id', whatsapp: '0812-1111-2222' },
      consents: [
        { channel: 'email', purpose: 'service', granted: true },
        { channel: 'email', purpose: 'news', granted: true },
        { channel: 'whatsapp', purpose: 'recommendations', granted: true },
        { channel: 'sms', purpose: 'news', granted: false },
      ],
      wordingVersion: version,
    });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({
      interests: {
        topics: [
          { id: 2, topic: 'Sejarah Riau' },
          { id: 1, topic: 'Pertanian' },
        ],
        tags: ['Kopi Riau', 'Sepak bola'],
      },
      media: ['print', 'ebook'],
      gmds: [{ id: 24, name: 'Video Recording' }],
      channel: 'whatsapp',
      contact: { email: 'siti@rumah.id', whatsapp: '+6281211112222' },
    });
    // sms/news withdrawn while never given is no change: three rows, not four.
    expect(first.json.consents).toEqual([
      { channel: 'email', purpose: 'service', granted: true, at: NOW, wordingVersion: version, source: 'member' },
      { channel: 'email', purpose: 'news', granted: true, at: NOW, wordingVersion: version, source: 'member' },
      {
        channel: 'whatsapp',
        purpose: 'recommendations',
        granted: true,
        at: NOW,
        wordingVersion: version,
        source: 'member',
      },
    ]);
    expect(await consentRows('M001')).toHaveLength(3);

    // The same switches again record nothing; one withdrawal records one row, and the earlier rows stay as they were.
    clock.set('2026-11-24T05:00:00Z');
    expect((await put({ consents: first.json.consents, wordingVersion: version })).status).toBe(200);
    expect(await consentRows('M001')).toHaveLength(3);
    const second = await put({
      interests: { topics: [1, 3], tags: ['Sepak bola'] },
      consents: [
        { channel: 'email', purpose: 'news', granted: false },
        { channel: 'email', purpose: 'service', granted: true },
      ],
      wordingVersion: version,
    });
    expect(second.status, second.text).toBe(200);
    const rows = await consentRows('M001');
    expect(rows.map((r) => [r.channel, r.purpose, Number(r.granted), r.source, r.created_at])).toEqual([
      ['email', 'service', 1, 'member', '2026-11-23 03:00:00'],
      ['email', 'news', 1, 'member', '2026-11-23 03:00:00'],
      ['whatsapp', 'recommendations', 1, 'member', '2026-11-23 03:00:00'],
      ['email', 'news', 0, 'member', '2026-11-24 05:00:00'],
    ]);
    expect(second.json.consents).toContainEqual({
      channel: 'email',
      purpose: 'news',
      granted: false,
      at: '2026-11-24T05:00:00Z',
      wordingVersion: version,
      source: 'member',
    });
    // Parts left out stay as they were; the interests are the new set.
    expect(second.json).toMatchObject({
      interests: {
        topics: [
          { id: 1, topic: 'Pertanian' },
          { id: 3, topic: 'Komputer' },
        ],
        tags: ['Sepak bola'],
      },
      media: ['print', 'ebook'],
      gmds: [{ id: 24, name: 'Video Recording' }],
      channel: 'whatsapp',
    });
    // Removing the contact and choosing none.
    const third = await put({ channel: 'none', contact: { email: null }, media: [], gmds: [] });
    expect(third.json).toMatchObject({
      channel: 'none',
      contact: { email: null, whatsapp: '+6281211112222' },
      media: [],
      gmds: [],
    });
  });

  it('lets a member without e-mail in SLiMS give one, and refuses a channel with no way to reach them', async () => {
    const before = await counts();
    const refused = await put({ channel: 'email' }, 'M002');
    expect(refused.status).toBe(422);
    expect(refused.json.error.details).toEqual([{ field: 'channel', message: expect.stringContaining('e-mail') }]);
    expect((await put({ channel: 'sms' }, 'M002')).status).toBe(422);
    expect(await counts()).toEqual(before);
    const given = await put({ channel: 'email', contact: { email: ' Budi@Contoh.ID ' } }, 'M002');
    expect(given.status, given.text).toBe(200);
    expect(given.json).toMatchObject({
      member: { id: 'M002', email: null, phone: null },
      channel: 'email',
      contact: { email: 'budi@contoh.id', whatsapp: null },
    });
  });

  it('shows staff the stated interests, media, channel and consents, apart from the inferred ones', async () => {
    const staff = `Bearer ${await staffToken(app, 'pustakawan')}`;
    const p = await ok('GET', '/api/v1/staff/members/M001', { auth: staff });
    expect(p.interests).toEqual([
      { kind: 'topic', topicId: 1, topic: 'Pertanian' },
      { kind: 'topic', topicId: 3, topic: 'Komputer' },
      { kind: 'tag', tag: 'Sepak bola' },
    ]);
    expect(p.preferences).toEqual({
      media: [],
      gmds: [],
      channel: 'none',
      contact: { email: null, whatsapp: '+6281211112222' },
    });
    expect(p.consents).toEqual([
      { channel: 'email', purpose: 'service', granted: true, at: NOW, wordingVersion: version, source: 'member' },
      {
        channel: 'email',
        purpose: 'news',
        granted: false,
        at: '2026-11-24T05:00:00Z',
        wordingVersion: version,
        source: 'member',
      },
      {
        channel: 'whatsapp',
        purpose: 'recommendations',
        granted: true,
        at: NOW,
        wordingVersion: version,
        source: 'member',
      },
    ]);
    expect(p.inferredInterests).toEqual([expect.objectContaining({ topic: 'Pertanian', loans: 1 })]);
  });

  it('refuses bad input with a 4xx in the one error shape and writes nothing', async () => {
    const before = await counts();
    const bad: Array<[Json | string, number, string]> = [
      [{ interests: { topics: [999] } }, 422, 'interests.topics'],
      [{ interests: { topics: ['1'] } }, 422, 'interests.topics'],
      [{ interests: { tags: ['x'.repeat(41)] } }, 422, 'interests.tags'],
      [{ interests: { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, 422, 'interests.tags'],
      [{ interests: ['Sejarah'] }, 422, 'interests'],
      [{ media: ['vinyl'] }, 422, 'media[0]'],
      [{ gmds: [7] }, 422, 'gmds'],
      [{ channel: 'pigeon' }, 422, 'channel'],
      [{ contact: { email: 'bukan-email' } }, 422, 'contact.email'],
      [{ contact: { whatsapp: '12' } }, 422, 'contact.whatsapp'],
      [
        { consents: [{ channel: 'email', purpose: 'service', granted: 'ya' }], wordingVersion: version },
        422,
        'consents[0].granted',
      ],
      [
        { consents: [{ channel: 'fax', purpose: 'service', granted: true }], wordingVersion: version },
        422,
        'consents[0].channel',
      ],
      [
        { consents: [{ channel: 'email', purpose: 'ads', granted: true }], wordingVersion: version },
        422,
        'consents[0].purpose',
      ],
      [{ consents: [{ channel: 'email', purpose: 'news', granted: true }] }, 422, 'wordingVersion'],
      // A valid change beside a bad one is not written either.
      [{ channel: 'none', interests: { topics: [999] } }, 422, 'interests.topics'],
    ];
    for (const [body, status, field] of bad) {
      const res = await put(body as Json);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json.error.code).toBe('validation_failed');
      expect(
        res.json.error.details.map((d: Json) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const stale = await put({
      consents: [{ channel: 'email', purpose: 'news', granted: true }],
      wordingVersion: '2020-old',
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe('consent_wording_changed');
    const raw = await call('PUT', '/api/v1/members/me/profile', { raw: '{"channel":' });
    expect([raw.status, raw.json.error.code]).toEqual([400, 'invalid_json']);
    const notJson = await app.request('/api/v1/members/me/profile', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${await token('M001')}`, 'Content-Type': 'text/plain' },
      body: 'channel=email',
    });
    expect(notJson.status).toBe(415);
    expect((await call('GET', '/api/v1/members/me/export?format=xml')).status).toBe(422);
    expect(await counts()).toEqual(before);
    const english = await call('PUT', '/api/v1/members/me/profile?lang=en', { body: { channel: 'pigeon' } });
    expect(english.json.error.details[0].message).toBe('The channel must be email, whatsapp, sms, letter or none.');
  });

  it('answers every member route without a good member token with the 401 the other member routes give', async () => {
    const before = await counts();
    const expired = `Bearer ${await token('M001', new Date(Date.parse(NOW) - 3600_000))}`;
    const forged = `Bearer ${await signMemberToken('another-secret-0123456789abcdef0123', 'M001', clock())}`;
    const nobody = `Bearer ${await token('M999')}`;
    const staff = `Bearer ${await staffToken(app, 'pustakawan')}`;
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/api/v1/members/me/profile', undefined],
      ['PUT', '/api/v1/members/me/profile', { channel: 'none' }],
      ['GET', '/api/v1/members/me/export', undefined],
      ['GET', '/api/v1/members/me/export?format=csv', undefined],
      ['POST', '/api/v1/members/me/erasure-request', {}],
    ];
    for (const [method, path, body] of routes) {
      for (const auth of [null, 'Bearer', expired, forged, nobody, staff]) {
        const res = await call(method, path, { body, auth });
        expect([res.status, res.json.error?.code], `${method} ${path} ${auth}`).toEqual([401, 'invalid_token']);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('finds topics by part of their name, those starting with it first, twenty at most', async () => {
    const topics = async (q: string) =>
      ((await ok('GET', `/api/v1/topics?q=${encodeURIComponent(q)}`, { auth: null })).items as Json[]).map(
        (t) => t.topic as string,
      );
    expect(await topics('sej')).toEqual(['Sejarah', 'Sejarah Riau']);
    expect(await topics('RIAU')).toEqual(['Sejarah Riau']);
    expect(await topics('100%')).toEqual(['Seni_Rupa 100%']);
    expect(await topics('%')).toEqual(['Seni_Rupa 100%']);
    expect(await topics('_')).toEqual(['Seni_Rupa 100%']);
    expect(await topics('🙂')).toEqual([]);
    const all = await topics('');
    expect(all).toHaveLength(20);
    expect(all.slice(0, 3)).toEqual(['Komputer', 'Pertanian', 'Sastra']);
    expect((await ok('GET', '/api/v1/topics?q=zoologi', { auth: null })).items[0]).toEqual({
      id: 100,
      topic: 'Zoologi 00',
    });
    const long = await call('GET', `/api/v1/topics?q=${'a'.repeat(61)}`, { auth: null });
    expect([long.status, long.json.error.code]).toEqual([422, 'validation_failed']);
  });

  it('queues one erasure request, due 72 hours later, and shows it on the profile', async () => {
    clock.set('2026-11-25T10:30:00Z');
    const first = await call('POST', '/api/v1/members/me/erasure-request', { body: {} });
    expect(first.status).toBe(201);
    expect(first.json.request).toEqual({
      id: expect.any(Number),
      status: 'pending',
      requestedAt: '2026-11-25T10:30:00Z',
      dueAt: '2026-11-28T10:30:00Z',
    });
    clock.set('2026-11-25T11:00:00Z');
    const again = await call('POST', '/api/v1/members/me/erasure-request', { body: {} });
    expect([again.status, again.json.request]).toEqual([200, first.json.request]);
    expect((await ok('GET', '/api/v1/members/me/profile')).erasureRequest).toEqual(first.json.request);
    expect((await ok('GET', '/api/v1/members/me/profile', { as: 'M002' })).erasureRequest).toBeNull();
    const rows = await handle.db.selectFrom('crm_erasure_request').selectAll().execute();
    expect(rows.map((r) => [r.member_id, r.status, r.source])).toEqual([['M001', 'pending', 'member']]);
  });

  it('exports every CRM row naming the member and the SLiMS data the CRM shows, and nobody else’s', async () => {
    // Every crm_* table with a member_id column has its section: a new one that does not fails here.
    const tables =
      handle.dialect === 'mysql'
        ? (
            await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.columns
              WHERE table_schema = DATABASE() AND table_name LIKE 'crm\\_%' AND column_name = 'member_id'`.execute(
              handle.db,
            )
          ).rows
        : (
            await sql<{ t: string }>`SELECT m.name AS t FROM sqlite_master m, pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name LIKE 'crm\\_%' ESCAPE '\\' AND p.name = 'member_id'`.execute(handle.db)
          ).rows;
    expect(tables.map((r) => r.t.toLowerCase()).sort()).toEqual(Object.values(EXPORTED_TABLES).sort());

    expect((await put({ media: ['audio'] })).status).toBe(200);
    await ok('GET', '/api/v1/staff/members/M001', { auth: `Bearer ${await staffToken(app, 'pustakawan')}` });
    const data = await ok('GET', '/api/v1/members/me/export');
    for (const [section, table] of Object.entries(EXPORTED_TABLES)) {
      const rows = await sql<Json>`SELECT * FROM ${sql.table(table)} WHERE member_id = 'M001'`.execute(handle.db);
      expect(rows.rows.length, table).toBeGreaterThan(0);
      expect(data.crm[section], section).toHaveLength(rows.rows.length);
      for (const row of data.crm[section] as Json[]) expect(row.member_id).toBe('M001');
    }
    expect(data.crm.surveyAnswers).toEqual([expect.objectContaining({ text: 'Sabtu pagi (M001)' })]);
    // The two views of this run: the staff test's and the one above.
    expect(data.crm.profileViews).toEqual(
      Array.from({ length: 2 }, () => ({
        staff_name: 'Siti Rahmawati',
        action: 'member.profile',
        created_at: expect.stringMatching(/Z$/),
      })),
    );
    expect(data.crm.consents[0]).toMatchObject({ channel: 'email', purpose: 'service', created_at: NOW });
    expect(data.slims.member).toMatchObject({ id: 'M001', name: 'Siti Aminah', email: 'Siti.Aminah@Contoh.id' });
    expect(data.slims.loans).toEqual([expect.objectContaining({ loan_id: 1, title: 'Budidaya Padi' })]);
    expect(data.slims.visits).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain('M002');

    const csv = await call('GET', '/api/v1/members/me/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="data-saya-M001.csv"');
    const lines = csv.text.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe('section,row,field,value');
    expect(lines).toContain('crm.consents,1,channel,email');
    expect(lines).toContain('crm.surveyAnswers,1,text,Sabtu pagi (M001)');
    expect(lines).toContain('slims.member,1,name,Siti Aminah');
    expect(csv.text).not.toContain('M002');
  });

  it('withdraws the member’s e-mail consents through the unsubscribe link of a notice, once', async () => {
    // M001's SLiMS address, as written in a notice (lower case); their e-mail service consent is still given.
    const link = new URL(unsubscribeUrl('http://crm.test', TEST_SECRET, 'siti.aminah@contoh.id', 'id'));
    clock.set('2026-11-26T01:00:00Z');
    const before = await consentRows('M001');
    const res = await app.request(`${link.pathname}${link.search}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Izin Anda menerima e-mail dari perpustakaan juga sudah dicabut');
    const after = await consentRows('M001');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(
      after.slice(before.length).map((r) => [r.channel, r.purpose, Number(r.granted), r.source, r.wording_version]),
    ).toEqual([['email', 'service', 0, 'unsubscribe', 'unsubscribe-page']]);
    const profile = await ok('GET', '/api/v1/members/me/profile');
    expect(profile.consents.filter((c: Json) => c.granted)).toEqual([
      expect.objectContaining({ channel: 'whatsapp', purpose: 'recommendations' }),
    ]);
    // Nothing left to withdraw: a second press appends nothing.
    await app.request(`${link.pathname}${link.search}`, { method: 'POST' });
    expect(await consentRows('M001')).toHaveLength(after.length);
    // An address a member gave the CRM reaches them too.
    await put(
      {
        contact: { email: 'budi@contoh.id' },
        consents: [{ channel: 'email', purpose: 'news', granted: true }],
        wordingVersion: version,
      },
      'M002',
    );
    const given = new URL(unsubscribeUrl(testConfig().publicUrl, TEST_SECRET, 'Budi@Contoh.id', 'en'));
    await app.request(`${given.pathname}${given.search}`, { method: 'POST' });
    expect((await consentRows('M002')).map((r) => [r.purpose, Number(r.granted), r.source])).toEqual([
      ['news', 1, 'member'],
      ['news', 0, 'unsubscribe'],
    ]);
  });
});
