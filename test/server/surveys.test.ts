// Polls and surveys end to end through the HTTP app, on SQLite and on MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from 'hono/jwt';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { signMemberToken } from '../../server/auth/tokens.ts';
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

const pollInput = {
  title: 'Jam layanan tambahan',
  audience: 'anyone',
  resultsVisibility: 'after_answer',
  questions: [
    {
      type: 'single',
      prompt: 'Kapan Anda ingin kami buka lebih lama?',
      options: [{ label: 'Malam' }, { label: 'Minggu' }, { label: 'Pagi' }],
    },
  ],
};

const surveyInput = {
  slug: 'kepuasan',
  title: 'Survei kepuasan',
  audience: 'anyone',
  resultsVisibility: 'after_answer',
  questions: [
    { type: 'rating', prompt: 'Keramahan petugas' },
    {
      type: 'multiple',
      prompt: 'Layanan yang dipakai',
      required: false,
      options: [{ label: 'Pinjam' }, { label: 'Ruang baca' }, { label: 'Wi-Fi' }],
    },
    { type: 'nps', prompt: 'Rekomendasi' },
    { type: 'text', prompt: 'Saran', required: false, maxLength: 20 },
  ],
};

let counter = 0;
const key = () => `key-${Date.now().toString(36)}-${++counter}`;

function vote(
  app: App,
  slug: string,
  body: unknown,
  opts: { device?: string; key?: string; token?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Origin: TEST_ORIGIN, ...opts.headers };
  if (opts.key !== '') headers['Idempotency-Key'] = opts.key ?? key();
  if (opts.device !== undefined) headers['X-Device-Id'] = opts.device;
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  return app.request(`/api/v1/surveys/${slug}/responses`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function staffJson(
  app: App,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await app.request(`/api/v1/staff${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: res.status === 204 ? {} : ((await res.json()) as Json) };
}

async function responseCount(handle: DatabaseHandle): Promise<number> {
  const row = await handle.db
    .selectFrom('crm_survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

describe.each(await availableDatabases())('surveys on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  let admin: string;
  const clock = testClock();

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock);
    admin = await staffToken(app);
  });
  afterAll(async () => {
    await handle.close();
  });

  async function createOpen(input: Json): Promise<Json> {
    const created = await staffJson(app, admin, 'POST', '/surveys', input);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const opened = await staffJson(app, admin, 'POST', `/surveys/${created.json.survey.id}/open`);
    expect(opened.status).toBe(200);
    return opened.json.survey as Json;
  }

  it('creates a poll as a draft that the public cannot see, then opens it', async () => {
    const created = await staffJson(app, admin, 'POST', '/surveys', { ...pollInput, slug: 'draft-poll' });
    expect(created.status).toBe(201);
    expect(created.json.survey).toMatchObject({
      slug: 'draft-poll',
      kind: 'poll',
      status: 'draft',
      state: 'draft',
      responses: 0,
    });
    expect(created.json.survey.questions[0].options.map((o: Json) => o.label)).toEqual(['Malam', 'Minggu', 'Pagi']);
    expect((await app.request('/api/v1/surveys/draft-poll')).status).toBe(404);
    await staffJson(app, admin, 'POST', `/surveys/${created.json.survey.id}/open`);
    const res = await app.request('/api/v1/surveys/draft-poll', { headers: { 'X-Device-Id': 'device-aaaa-1111' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({
      answered: false,
      results: null,
      survey: { slug: 'draft-poll', kind: 'poll', state: 'open', audience: 'anyone' },
    });
    expect(body.survey.questions[0]).toMatchObject({ type: 'single', required: true });
  });

  it('generates a slug from the title and refuses a taken one', async () => {
    const created = await staffJson(app, admin, 'POST', '/surveys', pollInput);
    expect(created.json.survey.slug).toBe('jam-layanan-tambahan');
    const again = await staffJson(app, admin, 'POST', '/surveys', pollInput);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('slug_taken');
  });

  it('counts a vote once across retries and refuses a second vote from the same device', async () => {
    const poll = await createOpen({ ...pollInput, slug: 'retry-poll' });
    const [malam, minggu] = poll.questions[0].options;
    const body = { answers: [{ questionId: poll.questions[0].id, optionIds: [malam.id] }] };
    const idem = key();
    const first = await vote(app, 'retry-poll', body, { device: 'device-retry-0001', key: idem });
    expect(first.status).toBe(201);
    const firstJson = (await first.json()) as Json;
    expect(firstJson.results.total).toBe(1);
    expect(firstJson.results.questions[0].options[0]).toMatchObject({ label: 'Malam', count: 1, percent: 100 });

    const retried = await Promise.all(
      [1, 2, 3].map(() => vote(app, 'retry-poll', body, { device: 'device-retry-0001', key: idem })),
    );
    for (const res of retried) {
      expect(res.status).toBe(200);
      expect(res.headers.get('Idempotent-Replayed')).toBe('true');
      expect(((await res.json()) as Json).responseId).toBe(firstJson.responseId);
    }
    const second = await vote(
      app,
      'retry-poll',
      { answers: [{ questionId: poll.questions[0].id, optionIds: [minggu.id] }] },
      { device: 'device-retry-0001' },
    );
    expect(second.status).toBe(409);
    expect(((await second.json()) as Json).error.code).toBe('already_answered');

    const other = await vote(
      app,
      'retry-poll',
      { answers: [{ questionId: poll.questions[0].id, optionIds: [minggu.id] }] },
      { device: 'device-retry-0002' },
    );
    expect(other.status).toBe(201);
    const otherJson = (await other.json()) as Json;
    expect(otherJson.results.total).toBe(2);
    expect(otherJson.results.questions[0].options.map((o: Json) => [o.count, o.percent])).toEqual([
      [1, 50],
      [1, 50],
      [0, 0],
    ]);

    const read = (await (
      await app.request('/api/v1/surveys/retry-poll', { headers: { 'X-Device-Id': 'device-retry-0001' } })
    ).json()) as Json;
    expect(read.answered).toBe(true);
    expect(read.results.total).toBe(2);
    const key2 = await vote(app, 'retry-poll', body, { device: 'device-retry-0003', key: idem });
    expect(key2.status).toBe(409);
    expect(((await key2.json()) as Json).error.code).toBe('idempotency_key_reused');
  });

  it('never counts twice under concurrent first tries and retries', async () => {
    const poll = await createOpen({ ...pollInput, slug: 'burst-poll' });
    const q = poll.questions[0];
    const before = await responseCount(handle);
    const requests = [];
    for (let i = 0; i < 20; i++) {
      const idem = `burst-key-${i.toString().padStart(4, '0')}`;
      const body = { answers: [{ questionId: q.id, optionIds: [q.options[i % 3].id] }] };
      for (let t = 0; t < 3; t++)
        requests.push(vote(app, 'burst-poll', body, { device: `burst-device-${i}`, key: idem }));
    }
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    expect((await responseCount(handle)) - before).toBe(20);
  });

  it('refuses bad input with a 4xx in the one error shape and writes nothing', async () => {
    const survey = await createOpen(surveyInput);
    const [rating, multiple, nps, text] = survey.questions;
    const good = [
      { questionId: rating.id, value: 4 },
      { questionId: multiple.id, optionIds: [multiple.options[0].id] },
      { questionId: nps.id, value: 9 },
    ];
    const before = await responseCount(handle);
    const cases: Array<[string, Response, number, string]> = [
      [
        'unknown option',
        await vote(
          app,
          'kepuasan',
          { answers: [good[0], { questionId: multiple.id, optionIds: [999999] }, good[2]] },
          { device: 'bad-device-01' },
        ),
        422,
        'validation_failed',
      ],
      [
        'rating 9',
        await vote(
          app,
          'kepuasan',
          { answers: [{ questionId: rating.id, value: 9 }, good[2]] },
          { device: 'bad-device-01' },
        ),
        422,
        'validation_failed',
      ],
      [
        'nps 11',
        await vote(
          app,
          'kepuasan',
          { answers: [good[0], { questionId: nps.id, value: 11 }] },
          { device: 'bad-device-01' },
        ),
        422,
        'validation_failed',
      ],
      [
        'text over limit',
        await vote(
          app,
          'kepuasan',
          { answers: [...good, { questionId: text.id, text: 'x'.repeat(21) }] },
          { device: 'bad-device-01' },
        ),
        422,
        'validation_failed',
      ],
      [
        'missing required',
        await vote(app, 'kepuasan', { answers: [good[1]] }, { device: 'bad-device-01' }),
        422,
        'validation_failed',
      ],
      [
        'unknown question',
        await vote(
          app,
          'kepuasan',
          { answers: [...good, { questionId: 424242, value: 1 }] },
          { device: 'bad-device-01' },
        ),
        422,
        'validation_failed',
      ],
      [
        'wrong content type',
        await vote(app, 'kepuasan', JSON.stringify({ answers: good }), {
          device: 'bad-device-01',
          headers: { 'Content-Type': 'text/plain' },
        }),
        415,
        'unsupported_media_type',
      ],
      ['broken json', await vote(app, 'kepuasan', '{"answers": [', { device: 'bad-device-01' }), 400, 'invalid_json'],
      [
        'unknown slug',
        await vote(app, 'tidak-ada', { answers: good }, { device: 'bad-device-01' }),
        404,
        'survey_not_found',
      ],
      [
        'origin not allowed',
        await vote(
          app,
          'kepuasan',
          { answers: good },
          { device: 'bad-device-01', headers: { Origin: 'https://evil.example' } },
        ),
        403,
        'origin_not_allowed',
      ],
      [
        'no idempotency key',
        await vote(app, 'kepuasan', { answers: good }, { device: 'bad-device-01', key: '' }),
        400,
        'idempotency_key_required',
      ],
      ['no device', await vote(app, 'kepuasan', { answers: good }), 400, 'validation_failed'],
      [
        'body too large',
        await vote(app, 'kepuasan', { answers: good, padding: 'x'.repeat(70_000) }, { device: 'bad-device-01' }),
        413,
        'body_too_large',
      ],
    ];
    for (const [name, res, status, code] of cases) {
      expect(res.status, name).toBe(status);
      const json = (await res.json()) as Json;
      expect(json.error.code, name).toBe(code);
      expect(typeof json.error.message, name).toBe('string');
      expect(JSON.stringify(json), name).not.toMatch(/SELECT|INSERT|at .*\.ts/);
    }
    const detail = (await (
      await vote(
        app,
        'kepuasan',
        { answers: [good[0], { questionId: nps.id, value: 11 }] },
        { device: 'bad-device-01' },
      )
    ).json()) as Json;
    expect(detail.error.details).toEqual([expect.objectContaining({ questionId: nps.id, field: 'value' })]);
    expect(detail.error.message).toMatch(/Isian belum benar/);
    expect(await responseCount(handle)).toBe(before);
  });

  it('answers in English when the visitor asks for it', async () => {
    const res = await app.request('/api/v1/surveys/tidak-ada', { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).error.message).toBe('This poll or survey was not found.');
    const id = await app.request('/api/v1/surveys/tidak-ada?lang=id', { headers: { 'Accept-Language': 'en' } });
    expect(((await id.json()) as Json).error.message).toMatch(/tidak ditemukan/);
  });

  it('computes means, NPS and multiple-choice shares, and keeps text answers out of public results', async () => {
    const survey = await createOpen({
      ...surveyInput,
      slug: 'hitung',
      questions: surveyInput.questions.map((q) => (q.type === 'text' ? { ...q, maxLength: 100 } : q)),
    });
    const [rating, multiple, nps, text] = survey.questions;
    const plan: Array<[number, number[], number, string | null]> = [
      [5, [0, 1], 10, 'Bagus'],
      [4, [0], 9, null],
      [3, [2], 7, '=HYPERLINK("x")'],
      [2, [1, 2], 3, '<script>alert(1)</script>'],
    ];
    for (const [i, [r, opts, score, txt]] of plan.entries()) {
      const answers: Json[] = [
        { questionId: rating.id, value: r },
        { questionId: multiple.id, optionIds: opts.map((o) => multiple.options[o].id) },
        { questionId: nps.id, value: score },
      ];
      if (txt !== null) answers.push({ questionId: text.id, text: txt });
      expect((await vote(app, 'hitung', { answers }, { device: `calc-device-${i}` })).status).toBe(201);
    }
    const read = (await (
      await app.request('/api/v1/surveys/hitung', { headers: { 'X-Device-Id': 'calc-device-0' } })
    ).json()) as Json;
    const [r, m, n, t] = read.results.questions;
    expect(read.results.total).toBe(4);
    expect(r).toMatchObject({ answered: 4, mean: 3.5 });
    expect(r.distribution).toEqual([1, 2, 3, 4, 5].map((value) => ({ value, count: value >= 2 ? 1 : 0 })));
    expect(m.answered).toBe(4);
    expect(m.options.map((o: Json) => [o.count, o.percent])).toEqual([
      [2, 50],
      [2, 50],
      [2, 50],
    ]);
    expect(n.nps).toEqual({ score: 25, promoters: 2, passives: 1, detractors: 1 });
    expect(t).toEqual({ id: text.id, type: 'text', answered: 3 });
    expect(JSON.stringify(read)).not.toContain('Bagus');

    const staff = await staffJson(app, admin, 'GET', `/surveys/${survey.id}/results`);
    expect(staff.status).toBe(200);
    expect(staff.json.results.questions[3].texts.map((x: Json) => x.text).sort()).toEqual(
      ['<script>alert(1)</script>', '=HYPERLINK("x")', 'Bagus'].sort(),
    );
    expect(staff.json.timeline).toEqual([{ date: '2026-11-23', count: 4 }]);

    const csv = await app.request(`/api/v1/staff/surveys/${survey.id}/export.csv`, {
      headers: { Authorization: `Bearer ${admin}` },
    });
    expect(csv.status).toBe(200);
    // The export carries member ids, so taking it is written to the audit log.
    const audit = await handle.db
      .selectFrom('crm_audit_log')
      .select(['staff_uid', 'action', 'subject'])
      .where('subject', '=', `survey:${survey.id}`)
      .execute();
    expect(audit).toEqual([{ staff_uid: 1, action: 'survey.export', subject: `survey:${survey.id}` }]);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = new TextDecoder().decode(bytes);
    const lines = content.trim().split('\r\n');
    expect(lines[0]).toContain('1. Keramahan petugas');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain('Pinjam; Ruang baca');
    expect(content).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('keeps members-only surveys for members, one response per member', async () => {
    await createOpen({ ...pollInput, slug: 'anggota', audience: 'members' });
    const read = (await (await app.request('/api/v1/surveys/anggota')).json()) as Json;
    const body = {
      answers: [{ questionId: read.survey.questions[0].id, optionIds: [read.survey.questions[0].options[1].id] }],
    };
    const anonymous = await vote(app, 'anggota', body, { device: 'member-device-1' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as Json).error.code).toBe('members_only');

    const token = await signMemberToken(TEST_SECRET, 'M2026-0001', clock());
    expect((await vote(app, 'anggota', body, { token, device: 'member-device-1' })).status).toBe(201);
    const again = await vote(app, 'anggota', body, { token, device: 'member-device-2' });
    expect(again.status).toBe(409);
    const seen = (await (
      await app.request('/api/v1/surveys/anggota', { headers: { Authorization: `Bearer ${token}` } })
    ).json()) as Json;
    expect(seen.answered).toBe(true);

    const forged = await sign(
      { aud: 'slims-crm', typ: 'member', sub: 'M2026-0002', exp: 9e9 },
      'another-secret-another-secret-xx',
      'HS256',
    );
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: 'slims-crm', typ: 'member', sub: 'M2026-0003', exp: 9e9 })).toString('base64url')}.`;
    const expired = await signMemberToken(TEST_SECRET, 'M2026-0004', new Date(clock().getTime() - 3600_000), 60);
    const wrongAudience = await sign(
      { aud: 'other-app', typ: 'member', sub: 'M2026-0005', exp: 9e9 },
      TEST_SECRET,
      'HS256',
    );
    for (const bad of [forged, none, expired, wrongAudience]) {
      const res = await vote(app, 'anggota', body, { token: bad, device: 'member-device-3' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as Json).error.code).toBe('invalid_token');
    }
  });

  it('honours open and close times and shows results after closing when asked to', async () => {
    const later = new Date(clock().getTime() + 86_400_000).toISOString();
    const scheduled = await createOpen({ ...pollInput, slug: 'nanti', opensAt: later });
    expect(scheduled.state).toBe('scheduled');
    const body = {
      answers: [{ questionId: scheduled.questions[0].id, optionIds: [scheduled.questions[0].options[0].id] }],
    };
    const early = await vote(app, 'nanti', body, { device: 'sched-device-1' });
    expect(early.status).toBe(409);
    expect(((await early.json()) as Json).error.code).toBe('survey_not_open');

    const hidden = await createOpen({ ...pollInput, slug: 'rahasia', resultsVisibility: 'after_close' });
    const hiddenBody = {
      answers: [{ questionId: hidden.questions[0].id, optionIds: [hidden.questions[0].options[2].id] }],
    };
    const votedKey = key();
    const voted = (await (
      await vote(app, 'rahasia', hiddenBody, { device: 'hidden-device-1', key: votedKey })
    ).json()) as Json;
    expect(voted.results).toBeNull();
    await staffJson(app, admin, 'POST', `/surveys/${hidden.id}/close`);
    const closed = (await (await app.request('/api/v1/surveys/rahasia')).json()) as Json;
    expect(closed.survey.state).toBe('closed');
    expect(closed.results.questions[0].options[2].count).toBe(1);
    const late = await vote(app, 'rahasia', hiddenBody, { device: 'hidden-device-2' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as Json).error.code).toBe('survey_closed');
    // A retry of the vote that was counted before closing still gets its first answer.
    const retried = await vote(app, 'rahasia', hiddenBody, { device: 'hidden-device-1', key: votedKey });
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as Json).responseId).toBe(voted.responseId);
  });

  it('limits answers per network softly', async () => {
    const limited = buildApp(handle, clock, testConfig({ networkLimitPerHour: 2 }));
    const poll = await createOpen({ ...pollInput, slug: 'jaringan' });
    const body = { answers: [{ questionId: poll.questions[0].id, optionIds: [poll.questions[0].options[0].id] }] };
    const from = (ip: string, device: string, idem?: string) =>
      vote(limited, 'jaringan', body, { device, ...(idem ? { key: idem } : {}), headers: { 'X-Forwarded-For': ip } });
    expect((await from('10.1.2.3', 'net-device-1', 'net-key-0001')).status).toBe(201);
    expect((await from('10.1.2.3', 'net-device-2')).status).toBe(201);
    // At the limit, a retry of an answer already counted is still answered, not refused.
    expect((await from('10.1.2.3', 'net-device-1', 'net-key-0001')).status).toBe(200);
    const third = await from('10.1.2.3', 'net-device-3');
    expect(third.status).toBe(429);
    expect(third.headers.get('Retry-After')).toBe('3600');
    expect((await from('10.9.9.9', 'net-device-4')).status).toBe(201);
    // Only the address the proxy appended counts: a client cannot pick its own network by prefixing one.
    expect((await from('10.7.7.7, 10.1.2.3', 'net-device-5')).status).toBe(429);
  });

  it('edits a survey but not its questions once answered, and deletes it', async () => {
    const poll = await createOpen({ ...pollInput, slug: 'ubah' });
    const body = { answers: [{ questionId: poll.questions[0].id, optionIds: [poll.questions[0].options[0].id] }] };
    expect((await vote(app, 'ubah', body, { device: 'edit-device-1' })).status).toBe(201);
    const retitled = await staffJson(app, admin, 'PUT', `/surveys/${poll.id}`, {
      ...pollInput,
      slug: 'ubah',
      title: 'Judul baru',
    });
    expect(retitled.status).toBe(200);
    expect(retitled.json.survey.title).toBe('Judul baru');
    expect(retitled.json.survey.questions[0].id).toBe(poll.questions[0].id);
    const requestioned = await staffJson(app, admin, 'PUT', `/surveys/${poll.id}`, {
      ...pollInput,
      slug: 'ubah',
      questions: [{ ...pollInput.questions[0], options: [{ label: 'Malam' }, { label: 'Minggu' }] }],
    });
    expect(requestioned.status).toBe(409);
    expect(requestioned.json.error.code).toBe('has_responses');
    expect((await staffJson(app, admin, 'DELETE', `/surveys/${poll.id}`)).status).toBe(204);
    expect((await app.request('/api/v1/surveys/ubah')).status).toBe(404);
    expect((await staffJson(app, admin, 'GET', `/surveys/${poll.id}`)).status).toBe(404);
  });

  it('refuses an answer checked against a survey another sidecar has since changed or deleted', async () => {
    // Two sidecars on one database: B has the poll cached when A edits, then deletes it.
    const other = buildApp(handle, clock);
    const poll = await createOpen({ ...pollInput, slug: 'dua-sidecar' });
    const body = { answers: [{ questionId: poll.questions[0].id, optionIds: [poll.questions[0].options[0].id] }] };
    expect((await other.request('/api/v1/surveys/dua-sidecar')).status).toBe(200);
    const edited = await staffJson(app, admin, 'PUT', `/surveys/${poll.id}`, {
      ...pollInput,
      slug: 'dua-sidecar',
      questions: [{ ...pollInput.questions[0], options: [{ label: 'Malam' }, { label: 'Minggu' }] }],
    });
    expect(edited.status).toBe(200);
    const stale = await vote(other, 'dua-sidecar', body, { device: 'race-device-1' });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Json).error.code).toBe('survey_changed');
    const fresh = edited.json.survey.questions[0];
    expect(
      (
        await vote(
          other,
          'dua-sidecar',
          { answers: [{ questionId: fresh.id, optionIds: [fresh.options[1].id] }] },
          { device: 'race-device-1' },
        )
      ).status,
    ).toBe(201);
    const orphans = await handle.db
      .selectFrom('crm_survey_answer')
      .leftJoin('crm_survey_question', 'crm_survey_question.id', 'crm_survey_answer.question_id')
      .select('crm_survey_answer.id')
      .where('crm_survey_question.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    await other.request('/api/v1/surveys/dua-sidecar');
    expect((await staffJson(app, admin, 'DELETE', `/surveys/${poll.id}`)).status).toBe(204);
    const gone = await vote(
      other,
      'dua-sidecar',
      { answers: [{ questionId: fresh.id, optionIds: [fresh.options[0].id] }] },
      { device: 'race-device-2' },
    );
    expect(gone.status).toBe(404);
  });

  it('refuses wrong JSON types in answers with a bilingual detail per field, never reading them as no answer', async () => {
    const survey = await createOpen({ ...surveyInput, slug: 'tipe-salah' });
    const [rating, multiple, nps, text] = survey.questions;
    const required = [
      { questionId: rating.id, value: 4 },
      { questionId: nps.id, value: 9 },
    ];
    const before = await responseCount(handle);
    // The multiple-choice and text questions are optional: a wrong type there is still not "no answer".
    const cases: Array<[string, unknown, string]> = [
      ['optionIds ""', { answers: [...required, { questionId: multiple.id, optionIds: '' }] }, 'optionIds'],
      ['optionIds 0', { answers: [...required, { questionId: multiple.id, optionIds: 0 }] }, 'optionIds'],
      ['optionIds true', { answers: [...required, { questionId: multiple.id, optionIds: true }] }, 'optionIds'],
      ['optionIds {}', { answers: [...required, { questionId: multiple.id, optionIds: {} }] }, 'optionIds'],
      [
        'optionIds ["1"]',
        { answers: [...required, { questionId: multiple.id, optionIds: [String(multiple.options[0].id)] }] },
        'optionIds',
      ],
      ['value "4"', { answers: [{ questionId: rating.id, value: '4' }, required[1]] }, 'value'],
      ['value true', { answers: [{ questionId: rating.id, value: true }, required[1]] }, 'value'],
      ['value 4.5', { answers: [{ questionId: rating.id, value: 4.5 }, required[1]] }, 'value'],
      ['text 5', { answers: [...required, { questionId: text.id, text: 5 }] }, 'text'],
      ['text []', { answers: [...required, { questionId: text.id, text: [] }] }, 'text'],
      ['questionId "1"', { answers: [...required, { questionId: String(text.id), text: 'hai' }] }, 'questionId'],
      ['answer a string', { answers: [...required, 'jawaban'] }, 'answers[2]'],
      ['answer an array', { answers: [...required, [text.id]] }, 'answers[2]'],
      ['answers an object', { answers: { [rating.id]: 4 } }, 'answers'],
      ['answers a string', { answers: '4' }, 'answers'],
      ['lang 5', { answers: required, lang: 5 }, 'lang'],
      ['lang "fr"', { answers: required, lang: 'fr' }, 'lang'],
    ];
    for (const [name, body, field] of cases) {
      for (const lang of ['id', 'en'] as const) {
        const res = await vote(app, 'tipe-salah', body, {
          device: 'types-device-01',
          headers: { 'Accept-Language': lang },
        });
        expect(res.status, name).toBe(422);
        const json = (await res.json()) as Json;
        expect(json.error.code, name).toBe('validation_failed');
        const detail = (json.error.details as Json[]).find((d) => d.field === field);
        expect(detail, `${name}: ${JSON.stringify(json.error.details)}`).toBeDefined();
        expect(detail!.message, name).toMatch(lang === 'en' ? /^[A-Z][a-z]/ : /^\S/);
      }
    }
    const en = (await (
      await vote(
        app,
        'tipe-salah',
        { answers: [...required, { questionId: multiple.id, optionIds: 0 }] },
        { device: 'types-device-01', headers: { 'Accept-Language': 'en' } },
      )
    ).json()) as Json;
    expect(en.error.details).toEqual([
      { questionId: multiple.id, field: 'optionIds', message: 'The chosen options must be a list.' },
    ]);
    const id = (await (
      await vote(
        app,
        'tipe-salah',
        { answers: [...required, { questionId: multiple.id, optionIds: 0 }] },
        { device: 'types-device-01' },
      )
    ).json()) as Json;
    expect(id.error.details).toEqual([
      { questionId: multiple.id, field: 'optionIds', message: 'Pilihan jawaban harus berupa daftar.' },
    ]);
    expect(await responseCount(handle)).toBe(before);

    // Absent or null is still no answer on an optional question, as the widgets send it.
    const ok = await vote(
      app,
      'tipe-salah',
      {
        answers: [...required, { questionId: multiple.id, optionIds: null }, { questionId: text.id, text: null }],
        lang: 'id',
      },
      { device: 'types-device-02' },
    );
    expect(ok.status).toBe(201);
    expect(await responseCount(handle)).toBe(before + 1);
  });

  it('reads a body only once what comes before it holds: the key, the survey, its state, its audience', async () => {
    const broken = { answers: 'semua' };
    const checks: Array<[string, Response, number, string]> = [
      [
        'no key',
        await vote(app, 'tidak-ada', broken, { device: 'order-device-1', key: '' }),
        400,
        'idempotency_key_required',
      ],
      ['unknown slug', await vote(app, 'tidak-ada', broken, { device: 'order-device-1' }), 404, 'survey_not_found'],
    ];
    await createOpen({ ...pollInput, slug: 'urutan-anggota', audience: 'members' });
    checks.push([
      'members only',
      await vote(app, 'urutan-anggota', broken, { device: 'order-device-1' }),
      401,
      'members_only',
    ]);
    const later = new Date(clock().getTime() + 86_400_000).toISOString();
    await createOpen({ ...pollInput, slug: 'urutan-nanti', opensAt: later });
    checks.push([
      'not open',
      await vote(app, 'urutan-nanti', broken, { device: 'order-device-1' }),
      409,
      'survey_not_open',
    ]);
    for (const [name, res, status, code] of checks) {
      expect(res.status, name).toBe(status);
      expect(((await res.json()) as Json).error.code, name).toBe(code);
    }

    // A change to a survey that is gone is a 404 whatever its body says; to one that exists, the body is checked.
    const created = await staffJson(app, admin, 'POST', '/surveys', { ...pollInput, slug: 'urutan-hapus' });
    const id = created.json.survey.id as number;
    expect((await staffJson(app, admin, 'PUT', `/surveys/${id}`, { title: 5 })).json.error.details).toEqual([
      { field: 'title', message: 'Judul harus berupa teks.' },
      { field: 'questions', message: 'Tambahkan sedikitnya satu pertanyaan.' },
    ]);
    expect((await staffJson(app, admin, 'DELETE', `/surveys/${id}`)).status).toBe(204);
    const gone = await staffJson(app, admin, 'PUT', `/surveys/${id}`, { title: 5 });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('survey_not_found');
  });

  it('refuses wrong JSON types in survey definitions, field by field', async () => {
    const question = surveyInput.questions[1]!;
    const cases: Array<[string, Json, string]> = [
      ['title 5', { ...pollInput, title: 5 }, 'title'],
      ['slug 5', { ...pollInput, slug: 5 }, 'slug'],
      ['slug []', { ...pollInput, slug: [] }, 'slug'],
      ['description 5', { ...pollInput, description: 5 }, 'description'],
      ['audience 1', { ...pollInput, audience: 1 }, 'audience'],
      ['resultsVisibility true', { ...pollInput, resultsVisibility: true }, 'resultsVisibility'],
      ['opensAt 0', { ...pollInput, opensAt: 0 }, 'opensAt'],
      ['questions {}', { ...pollInput, questions: {} }, 'questions'],
      ['question a string', { ...pollInput, questions: ['Kapan?'] }, 'questions[0]'],
      ['prompt 5', { ...pollInput, questions: [{ ...question, prompt: 5 }] }, 'questions[0].prompt'],
      ['required "no"', { ...pollInput, questions: [{ ...question, required: 'no' }] }, 'questions[0].required'],
      ['required 0', { ...pollInput, questions: [{ ...question, required: 0 }] }, 'questions[0].required'],
      ['options a string', { ...pollInput, questions: [{ ...question, options: 'A, B' }] }, 'questions[0].options'],
      [
        'option label 5',
        { ...pollInput, questions: [{ ...question, options: [{ label: 5 }, { label: 'B' }] }] },
        'questions[0].options',
      ],
      [
        'maxLength "100"',
        { ...pollInput, questions: [{ type: 'text', prompt: 'Saran', maxLength: '100' }] },
        'questions[0].maxLength',
      ],
      [
        'maxLength true',
        { ...pollInput, questions: [{ type: 'text', prompt: 'Saran', maxLength: true }] },
        'questions[0].maxLength',
      ],
      ['lang {}', { ...pollInput, lang: {} }, 'lang'],
    ];
    const before = await handle.db.selectFrom('crm_survey').select('id').execute();
    for (const [name, body, field] of cases) {
      const res = await staffJson(app, admin, 'POST', '/surveys', body);
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe('validation_failed');
      expect(
        (res.json.error.details as Json[]).map((d) => d.field),
        name,
      ).toContain(field);
    }
    expect(await handle.db.selectFrom('crm_survey').select('id').execute()).toHaveLength(before.length);
  });

  it('validates survey definitions with every problem listed', async () => {
    const res = await staffJson(app, admin, 'POST', '/surveys', {
      title: '',
      slug: 'Bukan Slug!',
      audience: 'everyone',
      opensAt: 'kemarin',
      questions: [
        { type: 'single', prompt: 'Satu pilihan', options: [{ label: 'A' }] },
        { type: 'essay', prompt: 'x' },
      ],
    });
    expect(res.status).toBe(422);
    const fields = (res.json.error.details as Json[]).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'slug', 'audience', 'opensAt', 'questions[0].options', 'questions[1].type']),
    );
  });

  it('guards staff routes by token and SLiMS privilege', async () => {
    const noToken = await app.request('/api/v1/staff/surveys');
    expect(noToken.status).toBe(401);
    const readOnly = await staffToken(app, 'tamu');
    expect((await staffJson(app, readOnly, 'GET', '/surveys')).status).toBe(200);
    const denied = await staffJson(app, readOnly, 'POST', '/surveys', { ...pollInput, slug: 'tidak-boleh' });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('forbidden');
    const librarian = await staffToken(app, 'pustakawan');
    expect((await staffJson(app, librarian, 'POST', '/surveys', { ...pollInput, slug: 'boleh' })).status).toBe(201);
    const cashier = await staffToken(app, 'kasir');
    expect((await staffJson(app, cashier, 'GET', '/surveys')).status).toBe(403);
    const tampered = `${admin.slice(0, -4)}AAAA`;
    expect((await staffJson(app, tampered, 'GET', '/surveys')).status).toBe(401);
    const memberToken = await signMemberToken(TEST_SECRET, 'M1', clock());
    expect((await staffJson(app, memberToken, 'GET', '/surveys')).status).toBe(401);
  });

  it('signs staff in against SLiMS users, in the staff language, and locks out repeated failures', async () => {
    const wrong = () =>
      app.request('/api/v1/staff/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
        body: JSON.stringify({ username: 'pustakawan', password: 'salah' }),
      });
    const first = await wrong();
    expect(first.status).toBe(401);
    expect(((await first.json()) as Json).error.message).toBe('Wrong username or password.');
    for (let i = 0; i < 4; i++) await wrong();
    const locked = await wrong();
    expect(locked.status).toBe(429);
    expect(((await locked.json()) as Json).error.message).toBe('Too many sign-in attempts. Try again in 30 seconds.');
    const session = await app.request('/api/v1/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'admin' }),
    });
    const json = (await session.json()) as Json;
    expect(json.staff).toMatchObject({ uid: 1, name: 'Administrator' });
    expect(json.staff.privileges.membership).toEqual({ r: true, w: true });
  });

  it('refuses a password-only sign-in for staff who use SLiMS two-step sign-in', async () => {
    await handle.db
      .updateTable('user')
      .set({ '2fa': 'JBSWY3DPEHPK3PXP' } as never)
      .where('username', '=', 'kasir')
      .execute();
    const res = await app.request('/api/v1/staff/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'kasir', password: 'kasir' }),
    });
    await handle.db
      .updateTable('user')
      .set({ '2fa': null } as never)
      .where('username', '=', 'kasir')
      .execute();
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error.code).toBe('two_factor_required');
  });

  it('holds the sign-in limit under parallel guesses, for the account from every network', async () => {
    const guess = (ip: string, password: string) =>
      app.request('/api/v1/staff/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
        body: JSON.stringify({ username: 'tamu', password }),
      });
    const statuses = (await Promise.all(Array.from({ length: 30 }, () => guess('10.66.0.1', 'tebakan')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    expect((await guess('10.66.0.1', 'tamu')).status).toBe(429);
    expect((await guess('10.77.0.1', 'tamu')).status).toBe(429);
    // The wait after the free failures is 30 s; then the right password signs in.
    const saved = clock();
    clock.advance(30_000);
    expect((await guess('10.77.0.1', 'tamu')).status).toBe(200);
    clock.set(saved.toISOString());
  });

  it('lists surveys with response counts and answers CORS preflights for allowed origins only', async () => {
    const list = await staffJson(app, admin, 'GET', '/surveys');
    const retry = (list.json.surveys as Json[]).find((s) => s.slug === 'retry-poll');
    expect(retry).toMatchObject({ kind: 'poll', status: 'open', state: 'open', responses: 2 });
    const ok = await app.request('/api/v1/surveys/retry-poll/responses', {
      method: 'OPTIONS',
      headers: {
        Origin: TEST_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key,x-device-id',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    const bad = await app.request('/api/v1/surveys/retry-poll/responses', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
  });
});
