// Member scores and tiers on SQLite and MariaDB: a small library with hand-checked scores and tiers, the reasons
// in words on the profile, the tier filter of the member search, incremental runs equal to full ones after new
// loans, visits and answers, the tier history, the job's lease (one of two runners wins; an expired lease is
// taken over), the staff routes (grants, validation that writes nothing, run requests, status), and the demo
// library's spread of tiers on first start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { claimLease } from '../../server/db/lease.ts';
import { startBackgroundWork } from '../../server/jobs.ts';
import { seedDemoLibrary } from '../../server/seed/generate.ts';
import { LEASE_MS, LEASE_NAME, runTierJob } from '../../server/tiers/tiers.job.ts';
import { scoreMember, TIER_DEFAULTS } from '../../server/tiers/score.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { buildApp, prepareDatabase, staffToken, testClock, testConfig } from '../helpers/app.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Today is 2026-11-23 in the library (10:00 WIB; the test config's offset is +420).
const NOW = '2026-11-23T03:00:00Z';
const OFFSET = 420;

/** 'YYYY-MM-DD' `days` before 2026-11-23. */
const daysAgo = (days: number) =>
  new Date(Date.parse('2026-11-23T00:00:00Z') - days * 86_400_000).toISOString().slice(0, 10);

const member = (member_id: string, joined: string) => ({
  member_id,
  member_name: `Anggota ${member_id}`,
  gender: 1,
  member_type_id: 1,
  member_since_date: joined,
  register_date: joined,
  expire_date: '2027-12-31',
  is_pending: 0,
});

/**
 * The library, each member made for one tier with the default thresholds (window 365 days; new under 90 days and
 * at most 3 loans; active from 25, loyal from 60 points; at risk after 60 quiet days, lapsed after 180):
 * - LOYAL: 20 loans in the last 200 days over 3 topics, 24 visits (the last 2 days ago), one survey answer:
 *   recency 30 (2 days: 30 × (1 − 2/365) = 29.8), loans 25 (30 × 20/24), visits 20, breadth 4 (10 × 3/8 = 3.75),
 *   engagement 3 (10 × 1/3) = 82.
 * - ACTIVE: 4 loans, the last 10 days ago, one topic, no visit: recency 29 (29.18), loans 5, breadth 1 = 35.
 * - RISK: 10 loans, the last 90 days ago, and a visit 95 days ago: quiet for 90 days, so at risk.
 * - GONE: one loan 400 days ago (outside the window): lapsed; NEVER: nothing at all: lapsed.
 * - NEW: joined 53 days ago with one loan; BUSYNEW joined then too but with 5 loans, so not new: active.
 */
async function seedLibrary(handle: DatabaseHandle): Promise<void> {
  const db = handle.db;
  await db
    .insertInto('member')
    .values([
      member('LOYAL', '2019-01-01'),
      member('ACTIVE', '2020-01-01'),
      member('RISK', '2020-01-01'),
      member('GONE', '2018-01-01'),
      member('NEVER', '2018-01-01'),
      member('NEW', daysAgo(53)),
      member('BUSYNEW', daysAgo(53)),
    ])
    .execute();
  await db
    .insertInto('mst_topic')
    .values(
      ['Pertanian', 'Sejarah', 'Komputer'].map((topic, i) => ({
        topic_id: i + 1,
        topic,
        topic_type: 't' as const,
        classification: '',
      })),
    )
    .execute();
  await db
    .insertInto('biblio')
    .values([1, 2, 3].map((biblio_id) => ({ biblio_id, title: `Judul ${biblio_id}`, gmd_id: 1 })))
    .execute();
  await db
    .insertInto('biblio_topic')
    .values([
      { biblio_id: 1, topic_id: 1, level: 1 },
      { biblio_id: 2, topic_id: 2, level: 1 },
      { biblio_id: 3, topic_id: 3, level: 1 },
      { biblio_id: 3, topic_id: 1, level: 1 },
    ])
    .execute();
  await db
    .insertInto('item')
    .values([1, 2, 3].map((id) => ({ item_code: `B${id}`, biblio_id: id, input_date: '2020-01-01 00:00:00' })))
    .execute();
  const loans: Array<[string, string, string]> = [];
  for (let i = 0; i < 20; i++) loans.push(['LOYAL', `B${(i % 3) + 1}`, daysAgo(10 + i * 10)]);
  for (let i = 0; i < 4; i++) loans.push(['ACTIVE', 'B1', daysAgo(10 + i * 30)]);
  for (let i = 0; i < 10; i++) loans.push(['RISK', 'B2', daysAgo(90 + i * 7)]);
  loans.push(['GONE', 'B1', daysAgo(400)]);
  loans.push(['NEW', 'B1', daysAgo(20)]);
  for (let i = 0; i < 5; i++) loans.push(['BUSYNEW', 'B2', daysAgo(5 + i * 5)]);
  await db
    .insertInto('loan')
    .values(
      loans.map(([member_id, item_code, loan_date]) => ({
        item_code,
        member_id,
        loan_date,
        due_date: loan_date,
        is_lent: 1,
        is_return: 1,
        return_date: loan_date,
      })),
    )
    .execute();
  const visits = [
    ...Array.from({ length: 24 }, (_, i) => ({ member_id: 'LOYAL', checkin_date: `${daysAgo(2 + i * 7)} 09:00:00` })),
    { member_id: 'RISK', checkin_date: `${daysAgo(95)} 10:00:00` },
    { member_id: null, checkin_date: `${daysAgo(1)} 10:00:00` },
  ];
  await db
    .insertInto('visitor_count')
    .values(visits.map((v) => ({ ...v, member_name: v.member_id ?? 'Tamu' })))
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
  surveyId = Number(survey.insertId);
  await answer(handle, 'LOYAL', '2026-11-20 02:00:00');
}

let surveyId = 0;
async function answer(handle: DatabaseHandle, memberId: string, at: string) {
  await handle.db
    .insertInto('crm_survey_response')
    .values({
      survey_id: surveyId,
      voter_key: `m:${memberId}:${at}`,
      member_id: memberId,
      network: null,
      idempotency_key: `resp-${memberId}-${at}`,
      lang: 'id',
      created_at: at,
    })
    .execute();
}

describe.each(await availableDatabases())('member tiers on $name', (database) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof buildApp>;
  const clock = testClock(NOW);
  const tokens: Record<string, string> = {};
  const run = (owner: string, kind?: 'full' | 'incremental') =>
    runTierJob({ db: handle.db, owner, clock, utcOffsetMinutes: OFFSET, ...(kind ? { kind } : {}) });
  const scores = async () =>
    Object.fromEntries(
      (await handle.db.selectFrom('crm_member_score').selectAll().orderBy('member_id').execute()).map(
        ({ computed_at: _c, ...row }) => [row.member_id, { ...row, score: Number(row.score) }],
      ),
    );
  const tiers = async () => Object.fromEntries(Object.entries(await scores()).map(([id, row]) => [id, row.tier]));

  async function call(method: string, path: string, body?: unknown, who = 'pustakawan', lang = 'id') {
    const headers: Record<string, string> = { 'Accept-Language': lang };
    if (who !== '') headers.Authorization = `Bearer ${(tokens[who] ??= await staffToken(app, who))}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await seedLibrary(handle);
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('scores every member and sets the hand-checked tiers on the first run, a full one', async () => {
    expect(await run('a')).toMatchObject({ ran: true, kind: 'full', members: 7, changed: 7 });
    expect(await tiers()).toEqual({
      ACTIVE: 'active',
      BUSYNEW: 'active',
      GONE: 'lapsed',
      LOYAL: 'loyal',
      NEVER: 'lapsed',
      NEW: 'new',
      RISK: 'at_risk',
    });
    const rows = await scores();
    expect(rows.LOYAL).toMatchObject({
      score: 82,
      recency_points: 30,
      loan_points: 25,
      visit_points: 20,
      breadth_points: 4,
      engagement_points: 3,
      loans_window: 20,
      loans_total: 20,
      visits_window: 24,
      topics_window: 3,
      engagement_window: 1,
      last_loan: daysAgo(10),
      as_of: '2026-11-23',
    });
    expect(rows.ACTIVE).toMatchObject({ score: 35, recency_points: 29, loan_points: 5, breadth_points: 1 });
    expect(rows.GONE).toMatchObject({ score: 0, loans_window: 0, loans_total: 1 });
    // Every member's first tier is a history row from nothing.
    const history = await handle.db.selectFrom('crm_member_tier_history').selectAll().execute();
    expect(history).toHaveLength(7);
    expect(history.every((h) => h.from_tier === null)).toBe(true);
    // Nothing is due again within the same day and minutes.
    expect(await run('a')).toEqual({ ran: false, why: 'not_due' });
  });

  it('gives the same scores as the pure scoring function for the same facts', () => {
    const scored = scoreMember(
      {
        memberId: 'X',
        joined: '2019-01-01',
        loansTotal: 4,
        loansWindow: 4,
        lastLoan: daysAgo(10),
        visitsWindow: 0,
        lastVisit: null,
        topicsWindow: 1,
        engagementWindow: 0,
      },
      TIER_DEFAULTS,
      '2026-11-23',
    );
    expect(scored).toEqual({
      score: 35,
      tier: 'active',
      parts: { recency: 29, loans: 5, visits: 0, breadth: 1, engagement: 0 },
    });
  });

  it('shows the tier, score and reasons in words on the profile, in both languages', async () => {
    const id = await call('GET', '/api/v1/staff/members/ACTIVE');
    expect(id.status).toBe(200);
    expect(id.json).toMatchObject({ tier: 'active', score: 35 });
    expect(id.json.reasons).toEqual([
      '4 pinjaman dalam 12 bulan',
      'pinjaman terakhir 10 hari lalu',
      'belum pernah berkunjung',
      '1 subjek berbeda',
    ]);
    expect(id.json.scoreDetail).toMatchObject({
      parts: { recency: 29, loans: 5, visits: 0, breadth: 1, engagement: 0 },
      asOf: '2026-11-23',
    });
    const loyal = await call('GET', '/api/v1/staff/members/LOYAL', undefined, 'pustakawan', 'en');
    expect(loyal.json.reasons).toEqual([
      '20 loans in 12 months',
      'last loan 10 days ago',
      '24 visits in 12 months',
      'last visit 2 days ago',
      '3 different topics',
      '1 survey answer or suggestion',
    ]);
    const risk = await call('GET', '/api/v1/staff/members/RISK');
    expect(risk.json.reasons[0]).toBe('tidak ada pinjaman atau kunjungan selama 90 hari');
    const never = await call('GET', '/api/v1/staff/members/NEVER');
    expect(never.json.reasons[0]).toBe('belum pernah meminjam atau berkunjung');
  });

  it('finds members by tier and shows tier and score in the member list', async () => {
    const loyal = await call('GET', '/api/v1/staff/members?tier=loyal');
    expect(loyal.json.items.map((m: Json) => m.id)).toEqual(['LOYAL']);
    expect(loyal.json.items[0]).toMatchObject({ tier: 'loyal', score: 82 });
    expect(loyal.json.total).toBe(1);
    const lapsed = await call('GET', '/api/v1/staff/members?tier=lapsed');
    expect(lapsed.json.items.map((m: Json) => m.id).sort()).toEqual(['GONE', 'NEVER']);
    const active = await call('GET', '/api/v1/staff/members?tier=active&q=busy');
    expect(active.json.items.map((m: Json) => m.id)).toEqual(['BUSYNEW']);
  });

  it('rescores only the members with new loans, visits or answers, equal to a full run after them', async () => {
    await handle.db
      .insertInto('loan')
      .values({
        item_code: 'B3',
        member_id: 'GONE',
        loan_date: '2026-11-23',
        due_date: '2026-11-30',
        is_lent: 1,
        is_return: 0,
      })
      .execute();
    await handle.db
      .insertInto('visitor_count')
      .values({ member_id: 'RISK', member_name: 'Anggota RISK', checkin_date: '2026-11-23 09:30:00' })
      .execute();
    await answer(handle, 'ACTIVE', '2026-11-23 02:30:00');
    clock.advance(10 * 60_000);
    const incremental = await run('a', 'incremental');
    expect(incremental).toMatchObject({ ran: true, kind: 'incremental', members: 3 });
    const afterIncremental = await scores();
    expect(afterIncremental.GONE).toMatchObject({ tier: 'active', loans_window: 1, loans_total: 2 });
    expect(afterIncremental.RISK).toMatchObject({ tier: 'active' });
    expect(afterIncremental.ACTIVE).toMatchObject({ engagement_window: 1, engagement_points: 3, score: 38 });

    clock.advance(60_000);
    expect(await run('a', 'full')).toMatchObject({ ran: true, kind: 'full', members: 7, changed: 0 });
    expect(await scores()).toEqual(afterIncremental);

    // The history says who moved where and when: "moved from tidak aktif to aktif today" is a query.
    const moved = await handle.db
      .selectFrom('crm_member_tier_history')
      .select(['member_id', 'from_tier', 'to_tier'])
      .where('from_tier', 'is not', null)
      .where('changed_at', '>=', '2026-11-01 00:00:00')
      .orderBy('member_id')
      .execute();
    expect(moved).toEqual([
      { member_id: 'GONE', from_tier: 'lapsed', to_tier: 'active' },
      { member_id: 'RISK', from_tier: 'at_risk', to_tier: 'active' },
    ]);
  });

  it('moves members by time alone on a new day: the first run of the day is a full one', async () => {
    // 40 days on, ACTIVE's last loan is 50 days old: still active; 61 days on, at risk.
    clock.set('2027-01-23T03:00:00Z');
    expect(await run('a', 'incremental')).toMatchObject({ ran: true, kind: 'full' });
    expect((await tiers()).ACTIVE).toBe('at_risk');
    expect((await tiers()).NEW).toBe('at_risk');
    clock.set(NOW);
    clock.advance(20 * 60_000);
    expect(await run('a')).toMatchObject({ ran: true, kind: 'full' });
    expect((await tiers()).ACTIVE).toBe('active');
  });

  it('lets one of two runners run the job, and another take over a lease that ran out', async () => {
    await handle.db.updateTable('crm_tier_run').set({ full_as_of: null }).execute();
    const both = await Promise.all([run('one'), run('two')]);
    expect(both.filter((o) => o.ran)).toHaveLength(1);

    // A holder that crashed: its lease stands until it runs out, then another sidecar takes the job over.
    await handle.db.updateTable('crm_tier_run').set({ full_as_of: null }).execute();
    expect(await claimLease(handle.db, LEASE_NAME, 'crashed', clock(), LEASE_MS)).toBe(true);
    expect(await run('two')).toEqual({ ran: false, why: 'busy' });
    clock.advance(LEASE_MS + 1000);
    expect(await run('two')).toMatchObject({ ran: true, kind: 'full' });
    const lease = await handle.db
      .selectFrom('crm_job_lease')
      .selectAll()
      .where('name', '=', LEASE_NAME)
      .executeTakeFirst();
    expect(lease).toMatchObject({ owner: null, lease_until: null });
  });

  it('shows and changes the thresholds with Membership write, refusing bad ones without writing', async () => {
    const read = await call('GET', '/api/v1/staff/tiers/settings', undefined, 'tamu');
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ settings: TIER_DEFAULTS, defaults: TIER_DEFAULTS, updated: null });
    expect(read.json.explanations.lapsedDays).toBe(
      'Tidak aktif: tidak ada pinjaman atau kunjungan selama sekian hari.',
    );
    expect((await call('GET', '/api/v1/staff/tiers/settings', undefined, 'kasir')).status).toBe(403);
    expect((await call('GET', '/api/v1/staff/tiers/settings', undefined, '')).status).toBe(401);

    const changed = { ...TIER_DEFAULTS, activeScore: 40 };
    expect((await call('PUT', '/api/v1/staff/tiers/settings', changed, 'tamu')).status).toBe(403);
    const bad: Array<[unknown, string]> = [
      [{ ...TIER_DEFAULTS, loyalScore: 20 }, 'loyalScore'],
      [{ ...TIER_DEFAULTS, lapsedDays: 30 }, 'lapsedDays'],
      [{ ...TIER_DEFAULTS, windowDays: 10.5 }, 'windowDays'],
      [{ ...TIER_DEFAULTS, windowDays: '365' }, 'windowDays'],
      [{ activeScore: 30 }, 'windowDays'],
    ];
    for (const [body, field] of bad) {
      const res = await call('PUT', '/api/v1/staff/tiers/settings', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
      expect(res.json.error.details.map((d: Json) => d.field)).toContain(field);
    }
    expect((await call('PUT', '/api/v1/staff/tiers/settings', '{"windowDays":')).status).toBe(400);
    expect(await handle.db.selectFrom('crm_tier_settings').selectAll().execute()).toEqual([]);

    const saved = await call('PUT', '/api/v1/staff/tiers/settings', changed);
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ settings: changed, updated: { name: 'Siti Rahmawati' } });
    // New thresholds make the next run a full one, with them.
    clock.advance(60_000);
    expect(await run('a')).toMatchObject({ ran: true, kind: 'full' });
    expect((await tiers()).ACTIVE).toBe('at_risk');
    await call('PUT', '/api/v1/staff/tiers/settings', TIER_DEFAULTS);
    clock.advance(60_000);
    expect(await run('a')).toMatchObject({ ran: true, kind: 'full' });
  });

  it('takes a run request from staff and reports the status and progress', async () => {
    expect((await call('POST', '/api/v1/staff/tiers/runs', { kind: 'incremental' }, 'tamu')).status).toBe(403);
    const refused = await call('POST', '/api/v1/staff/tiers/runs', { kind: 'everything' });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details[0].field).toBe('kind');
    expect(
      (await handle.db.selectFrom('crm_tier_run').select('requested_kind').executeTakeFirstOrThrow()).requested_kind,
    ).toBe(null);

    const asked = await call('POST', '/api/v1/staff/tiers/runs', { kind: 'incremental' });
    expect(asked.status).toBe(202);
    expect((await call('GET', '/api/v1/staff/tiers/status', undefined, 'tamu')).json.requested).toMatchObject({
      kind: 'incremental',
    });
    clock.advance(1000);
    expect(await run('a')).toMatchObject({ ran: true, kind: 'incremental' });
    const status = await call('GET', '/api/v1/staff/tiers/status', undefined, 'tamu');
    expect(status.json).toMatchObject({
      running: null,
      requested: null,
      lastError: null,
      last: { kind: 'incremental' },
      asOf: '2026-11-23',
      tiers: { loyal: 1, new: 1 },
    });
    const counts = status.json.tiers as Record<string, number>;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(7);
  });
});

describe('member tiers of the demo library', () => {
  it('are computed by the background work on first start, with members in every tier', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    try {
      await prepareDatabase(handle);
      await seedDemoLibrary(handle, { size: 'demo', seed: 1, reset: true });
      const lines: string[] = [];
      const background = startBackgroundWork({ db: handle.db, config: testConfig(), log: (line) => lines.push(line) });
      try {
        for (
          let i = 0;
          i < 200 &&
          (await handle.db.selectFrom('crm_tier_run').select('last_kind').executeTakeFirst())?.last_kind !== 'full';
          i++
        )
          await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        await background.stop();
      }
      const counts = await handle.db
        .selectFrom('crm_member_score')
        .select((eb) => ['tier', eb.fn.countAll().as('n')])
        .groupBy('tier')
        .execute();
      expect(new Set(counts.map((c) => c.tier))).toEqual(new Set(['new', 'active', 'loyal', 'at_risk', 'lapsed']));
      expect(counts.every((c) => Number(c.n) >= 10)).toBe(true);
      // The log says the run and its end.
      expect(lines.some((line) => line.includes('member tiers done: full, 400 members'))).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
