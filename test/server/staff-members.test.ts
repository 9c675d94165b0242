// Member profiles for staff, on SQLite and MariaDB (and the demo library's, on SQLite): the search by each field, the filters and paging, one
// profile's numbers against a small hand-counted library, the timeline's order and kinds, the audit rows,
// Membership privileges, and bad input answered with a 4xx in the one error shape that writes nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { dialectOf } from '../../server/db/dialect.ts';
import { applySlimsSubset, migrate } from '../../server/db/migrate.ts';
import { INTEREST_HALF_LIFE_DAYS } from '../../server/members/profile.ts';
import { seedDemoLibrary } from '../../server/seed/generate.ts';
import { ensureDemoMemberWork } from '../../server/site/demo-members.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { buildApp, prepareDatabase, staffToken, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Today is 2026-11-23 in the library (10:00 WIB, UTC+7; the test config's offset is +420).
const NOW = '2026-11-23T03:00:00Z';

const member = (over: { member_id: string } & Json) => ({
  member_name: 'Anggota',
  gender: 1,
  birth_date: null,
  member_type_id: 1,
  member_address: null,
  member_mail_address: null,
  member_email: null,
  postal_code: null,
  inst_name: null,
  member_image: null,
  member_phone: null,
  member_since_date: '2020-01-01',
  register_date: '2026-01-01',
  expire_date: '2027-12-31',
  is_pending: 0,
  input_date: '2020-01-01',
  last_update: '2026-01-01',
  ...over,
});

/**
 * The library: two member types; M001 with six loans (two open, one of them overdue; one of an item SLiMS no
 * longer has), four visits and answers in the CRM; the others to search, filter and page through.
 */
async function seedLibrary(handle: DatabaseHandle): Promise<void> {
  const db = handle.db;
  await db
    .insertInto('mst_member_type')
    .values(
      [
        [1, 'Umum'],
        [2, 'Mahasiswa'],
      ].map(([id, name]) => ({
        member_type_id: id as number,
        member_type_name: name as string,
        loan_limit: 3,
        loan_periode: 7,
        member_periode: 365,
        reborrow_limit: 1,
        fine_each_day: 0,
        input_date: '2020-01-01',
      })),
    )
    .execute();
  await db
    .insertInto('member')
    .values([
      member({
        member_id: 'M001',
        member_name: 'Siti Aminah',
        gender: 0,
        birth_date: '2000-05-10',
        member_type_id: 2,
        member_address: 'Jl. Sudirman 10, Pekanbaru',
        member_mail_address: 'Kotak Pos 12',
        member_email: 'siti.aminah@contoh.id',
        postal_code: '28111',
        inst_name: 'Universitas Riau',
        member_image: 'm001.jpg',
        member_phone: '081234567890',
        member_since_date: '2019-01-15',
        register_date: '2026-06-30',
        expire_date: '2027-06-30',
      }),
      member({
        member_id: 'M002',
        member_name: 'Budi Aminudin',
        birth_date: '2010-12-01',
        member_phone: '0761-22334',
        inst_name: 'SMA Negeri 1 Pekanbaru',
        expire_date: '2026-12-10',
      }),
      member({
        member_id: 'M003',
        member_name: 'Rahmat Hidayat',
        member_email: 'rahmat@kantor.go.id',
        expire_date: '2025-01-01',
        is_pending: 1,
        member_image: '../../config/database.php',
      }),
      member({ member_id: 'K/0042', member_name: 'Dewi Lestari', member_type_id: 2, expire_date: '2027-01-01' }),
      member({ member_id: 'B10', member_name: 'Zaenal Arifin' }),
      member({ member_id: 'B100', member_name: 'Ahmad Dahlan' }),
      ...Array.from({ length: 30 }, (_, i) =>
        member({
          member_id: `P${String(i + 1).padStart(3, '0')}`,
          member_name: `Pengguna ${String(i + 1).padStart(2, '0')}`,
        }),
      ),
    ])
    .execute();
  await db
    .insertInto('mst_gmd')
    .values([
      { gmd_id: 1, gmd_code: 'TE', gmd_name: 'Text', input_date: '2020-01-01' },
      { gmd_id: 24, gmd_code: 'VI', gmd_name: 'Video Recording', input_date: '2020-01-01' },
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
  const biblios = [
    [1, 'Budidaya Padi', 1, [1]],
    [2, 'Sejarah Riau', 1, [2]],
    [3, 'Belajar Python', 1, [3]],
    [4, 'Dokumenter Sawit', 24, [1, 2]],
  ] as const;
  await db
    .insertInto('biblio')
    .values(biblios.map(([biblio_id, title, gmd_id]) => ({ biblio_id, title, gmd_id })))
    .execute();
  await db
    .insertInto('biblio_topic')
    .values(biblios.flatMap(([biblio_id, , , topics]) => topics.map((topic_id) => ({ biblio_id, topic_id, level: 1 }))))
    .execute();
  await db
    .insertInto('item')
    .values(biblios.map(([id]) => ({ item_code: `B${id}`, biblio_id: id, input_date: '2020-01-01 00:00:00' })))
    .execute();
  const loan = (
    loan_id: number,
    item_code: string,
    loan_date: string,
    due_date: string,
    returned: string | null,
    input_date: string | null,
    last_update: string | null,
    member_id = 'M001',
  ) => ({
    loan_id,
    item_code,
    member_id,
    loan_date,
    due_date,
    is_lent: 1,
    is_return: returned === null ? 0 : 1,
    return_date: returned,
    input_date,
    last_update,
  });
  await db
    .insertInto('loan')
    .values([
      loan(1, 'B1', '2024-10-01', '2024-10-08', '2024-10-07', '2024-10-01 09:15:00', '2024-10-07 14:00:00'),
      loan(2, 'B2', '2026-01-15', '2026-01-22', '2026-01-20', '2026-01-15 10:00:00', '2026-01-20 11:30:00'),
      // Written without times (an import): the timeline shows the days.
      loan(3, 'B4', '2026-03-03', '2026-03-10', '2026-03-10', null, null),
      loan(4, 'B3', '2026-11-02', '2026-11-09', null, '2026-11-02 13:00:00', '2026-11-02 13:00:00'),
      loan(5, 'B1', '2026-11-20', '2026-11-27', null, '2026-11-20 08:30:00', '2026-11-20 08:30:00'),
      // An item SLiMS no longer has; returned a day before its last_update says (so the return is a day).
      loan(6, 'GONE', '2025-12-01', '2025-12-08', '2025-12-05', '2025-12-01 09:00:00', '2025-12-06 10:00:00'),
      loan(7, 'B2', '2026-11-10', '2026-11-17', null, '2026-11-10 09:00:00', null, 'M002'),
    ])
    .execute();
  await db
    .insertInto('visitor_count')
    .values([
      { member_id: 'M001', member_name: 'Siti Aminah', checkin_date: '2026-11-20 08:25:00' },
      { member_id: 'M001', member_name: 'Siti Aminah', checkin_date: '2026-11-02 12:50:00', room_code: 'R1' },
      { member_id: 'M001', member_name: 'Siti Aminah', checkin_date: '2026-10-10 15:00:00' },
      { member_id: 'M001', member_name: 'Siti Aminah', checkin_date: '2025-06-01 09:00:00' },
      { member_id: null, member_name: 'Tamu', checkin_date: '2026-11-20 08:26:00' },
      { member_id: 'M002', member_name: 'Budi Aminudin', checkin_date: '2026-11-10 08:55:00' },
    ])
    .execute();
  const survey = await db
    .insertInto('crm_survey')
    .values({
      slug: 'jam-buka',
      kind: 'poll',
      title: 'Jam buka perpustakaan',
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
  await db
    .insertInto('crm_survey_response')
    .values({
      survey_id: Number(survey.insertId),
      voter_key: 'm:M001',
      member_id: 'M001',
      network: null,
      idempotency_key: 'resp-m001-0001',
      lang: 'id',
      created_at: '2026-11-21 02:00:00',
    })
    .execute();
  const feedback = (code: string, anonymous: number, created_at: string) => ({
    code,
    kind: 'suggestion' as const,
    body: anonymous ? 'Kirim tanpa nama' : 'Mohon tambah koleksi pertanian organik.',
    purchase_title: null,
    purchase_author: null,
    purchase_isbn: null,
    category: null,
    member_id: 'M001',
    submitter_key: 'm:M001',
    anonymous,
    contact_email: null,
    contact_phone: null,
    consent_at: null,
    consent_version: null,
    lang: 'id',
    network: null,
    idempotency_key: `fb-${code}`,
    assigned_uid: null,
    assigned_name: null,
    merged_into: null,
    public_reply: null,
    public_reply_at: null,
    first_response_at: null,
    closed_at: null,
    created_at,
    updated_at: created_at,
  });
  await db
    .insertInto('crm_feedback')
    .values([feedback('AAAAAAAAAA', 0, '2026-11-22 01:00:00'), feedback('BBBBBBBBBB', 1, '2026-11-22 05:00:00')])
    .execute();
}

describe.each(await availableDatabases())('staff member profiles on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock(NOW);
  const tokens: Record<string, string> = {};

  async function call(method: string, path: string, body?: unknown, who = 'pustakawan', raw?: string) {
    const headers: Record<string, string> = {};
    if (who !== '') headers.Authorization = `Bearer ${(tokens[who] ??= await staffToken(app, who))}`;
    if (body !== undefined || raw !== undefined) headers['Content-Type'] = 'application/json';
    const res = await app.request(`/api/v1/staff/members${path}`, {
      method,
      headers,
      ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Json };
  }
  const ok = async (method: string, path: string, body?: unknown, who?: string): Promise<Json> => {
    const { status, json } = await call(method, path, body, who);
    expect(status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
  const ids = (json: Json) => (json.items as Json[]).map((i) => i.id as string);
  const counts = async () => {
    const n = async (table: 'crm_member_interaction' | 'crm_member_label' | 'crm_member_note' | 'crm_audit_log') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      interactions: await n('crm_member_interaction'),
      labels: await n('crm_member_label'),
      notes: await n('crm_member_note'),
      audit: await n('crm_audit_log'),
    };
  };

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await seedLibrary(handle);
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('finds members by name, card number, e-mail, phone and institution, best matches first', async () => {
    expect(ids(await ok('GET', '?q=amin'))).toEqual(['M002', 'M001']);
    expect(ids(await ok('GET', '?q=siti'))).toEqual(['M001']);
    expect(ids(await ok('GET', '?q=m003'))).toEqual(['M003']);
    expect(ids(await ok('GET', '?q=k%2F0042'))).toEqual(['K/0042']);
    expect(ids(await ok('GET', '?q=kantor.go'))).toEqual(['M003']);
    expect(ids(await ok('GET', '?q=0761'))).toEqual(['M002']);
    expect(ids(await ok('GET', '?q=Universitas%20Riau'))).toEqual(['M001']);
    // The exact card number comes before a longer one, whatever the names; names that start with the words next.
    expect(ids(await ok('GET', '?q=B10'))).toEqual(['B10', 'B100']);
    expect(ids(await ok('GET', '?q=pengguna%200')).slice(0, 3)).toEqual(['P001', 'P002', 'P003']);
    // LIKE's wildcards match only themselves.
    expect(await ok('GET', '?q=%25')).toMatchObject({ items: [], total: 0 });
    expect(await ok('GET', '?q=_')).toMatchObject({ items: [], total: 0 });

    const row = (await ok('GET', '?q=M001')).items[0] as Json;
    expect(row).toEqual({
      id: 'M001',
      name: 'Siti Aminah',
      type: { id: 2, name: 'Mahasiswa' },
      institution: 'Universitas Riau',
      expireDate: '2027-06-30',
      expired: false,
      pending: false,
      tier: null,
      score: null,
    });
  });

  it('filters by member type and expiry, pages, and lists the member types', async () => {
    const byType = await ok('GET', '?type=2');
    expect(ids(byType)).toEqual(['K/0042', 'M001']);
    expect(byType.types).toEqual([
      { id: 2, name: 'Mahasiswa' },
      { id: 1, name: 'Umum' },
    ]);
    expect(ids(await ok('GET', '?expiry=expired'))).toEqual(['M003']);
    // Expiring: from today to 30 days on (M002 on 10 December; K/0042 on 1 January is later).
    expect(ids(await ok('GET', '?expiry=expiring'))).toEqual(['M002']);
    const active = await ok('GET', '?expiry=active&pageSize=100');
    expect(active.total).toBe(35);
    expect(ids(active)).not.toContain('M003');
    expect((await ok('GET', '?expiry=expired')).items[0]).toMatchObject({ expired: true, pending: true });

    const all = await ok('GET', '');
    expect(all).toMatchObject({ total: 36, page: 1, pageSize: 25 });
    expect(ids(all).slice(0, 3)).toEqual(['B100', 'M002', 'K/0042']);
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push(...ids(await ok('GET', `?type=1&pageSize=10&page=${page}`)));
    expect(pages).toHaveLength(34);
    expect(new Set(pages).size).toBe(34);
    expect(await ok('GET', '?type=1&pageSize=10&page=5')).toMatchObject({ items: [], total: 34, page: 5 });
    expect(ids(await ok('GET', '?q=amin&type=2&expiry=active'))).toEqual(['M001']);
  });

  it('accepts the tier codes, which find nobody until tiers are computed, and refuses others', async () => {
    for (const tier of ['new', 'active', 'loyal', 'at_risk', 'lapsed'])
      expect(await ok('GET', `?tier=${tier}`)).toMatchObject({ items: [], total: 0 });
    for (const query of [
      '?tier=setia',
      '?type=abc',
      '?type=0',
      '?expiry=soon',
      '?page=0',
      '?pageSize=101',
      `?q=${'x'.repeat(101)}`,
    ]) {
      const { status, json } = await call('GET', query);
      expect(status, query).toBe(422);
      expect(json.error.code).toBe('validation_failed');
      expect(json.error.details).toHaveLength(1);
    }
  });

  it('answers a text SLiMS cannot hold (an emoji) as no member, not a server error', async () => {
    expect(await ok('GET', `?q=${encodeURIComponent('Dewi 😀')}`)).toMatchObject({ items: [], total: 0 });
    const { status, json } = await call('GET', `/${encodeURIComponent('M😀')}`);
    expect(status).toBe(404);
    expect(json.error.code).toBe('member_not_found');
  });

  it("shows a member's SLiMS data, loans, visits and inferred interests as hand-counted", async () => {
    const p = await ok('GET', '/M001');
    expect(p).toMatchObject({
      id: 'M001',
      name: 'Siti Aminah',
      type: { id: 2, name: 'Mahasiswa' },
      gender: 'female',
      birthDate: '2000-05-10',
      age: 26,
      minor: false,
      institution: 'Universitas Riau',
      address: 'Jl. Sudirman 10, Pekanbaru',
      mailAddress: 'Kotak Pos 12',
      postalCode: '28111',
      phone: '081234567890',
      email: 'siti.aminah@contoh.id',
      memberSince: '2019-01-15',
      registerDate: '2026-06-30',
      expireDate: '2027-06-30',
      expired: false,
      pending: false,
      photo: 'images/persons/m001.jpg',
      tier: null,
      score: null,
      reasons: [],
      interests: [],
      consents: [],
      note: null,
      labels: [],
    });
    expect(p.loans).toEqual({
      total: 6,
      // 2025-11-24 … 2026-11-23: all but the loan of 2024.
      last12Months: 5,
      lastLoan: { date: '2026-11-20', title: 'Budidaya Padi' },
      onLoan: [
        {
          loanId: 4,
          itemCode: 'B3',
          biblioId: 3,
          title: 'Belajar Python',
          loanDate: '2026-11-02',
          dueDate: '2026-11-09',
          overdue: true,
        },
        {
          loanId: 5,
          itemCode: 'B1',
          biblioId: 1,
          title: 'Budidaya Padi',
          loanDate: '2026-11-20',
          dueDate: '2026-11-27',
          overdue: false,
        },
      ],
      overdue: 1,
      topTopics: [
        { id: 1, topic: 'Pertanian', loans: 3 },
        { id: 2, topic: 'Sejarah', loans: 2 },
        { id: 3, topic: 'Komputer', loans: 1 },
      ],
      topGmds: [
        { id: 1, name: 'Text', loans: 4 },
        { id: 24, name: 'Video Recording', loans: 1 },
      ],
      perMonth: [
        ['2025-12', 1],
        ['2026-01', 1],
        ['2026-02', 0],
        ['2026-03', 1],
        ['2026-04', 0],
        ['2026-05', 0],
        ['2026-06', 0],
        ['2026-07', 0],
        ['2026-08', 0],
        ['2026-09', 0],
        ['2026-10', 0],
        ['2026-11', 2],
      ].map(([month, loans]) => ({ month, loans })),
    });
    expect(p.visits).toEqual({
      total: 4,
      last: '2026-11-20T01:25:00Z',
      perMonth: (p.loans.perMonth as Json[]).map(({ month }) => ({
        month,
        visits: month === '2026-11' ? 2 : month === '2026-10' ? 1 : 0,
      })),
    });
    // Each loan weighs 0.5^(days ago / 180): Pertanian 2024-10-01, 2026-03-03, 2026-11-20; Sejarah 2026-01-15,
    // 2026-03-03; Komputer 2026-11-02.
    const w = (day: string) =>
      0.5 ** ((Date.parse('2026-11-23') - Date.parse(day)) / 86_400_000 / INTEREST_HALF_LIFE_DAYS);
    const pertanian = w('2024-10-01') + w('2026-03-03') + w('2026-11-20');
    const round = (x: number) => Math.round((x / pertanian) * 100) / 100;
    expect(p.inferredInterests).toEqual([
      { topicId: 1, topic: 'Pertanian', weight: 1, loans: 3 },
      { topicId: 3, topic: 'Komputer', weight: round(w('2026-11-02')), loans: 1 },
      { topicId: 2, topic: 'Sejarah', weight: round(w('2026-01-15') + w('2026-03-03')), loans: 2 },
    ]);

    const minor = await ok('GET', '/M002');
    expect(minor).toMatchObject({ age: 15, minor: true, gender: 'male', email: null, photo: null, expired: false });
    expect(minor.loans).toMatchObject({
      total: 1,
      overdue: 1,
      lastLoan: { date: '2026-11-10', title: 'Sejarah Riau' },
    });
    // A member_image that is not a plain file name never becomes a path.
    expect(await ok('GET', '/M003')).toMatchObject({
      photo: null,
      expired: true,
      pending: true,
      age: null,
      birthDate: null,
    });
    expect(await ok('GET', '/K%2F0042')).toMatchObject({ id: 'K/0042', name: 'Dewi Lestari', loans: { total: 0 } });
  });

  it('logs interactions, and shows one timeline newest first, filtered by kind', async () => {
    const logged = await call('POST', '/M001/interactions', {
      channel: 'consultation',
      note: 'Mencari sumber skripsi tentang padi organik.',
      outcome: 'Dirujuk ke jurnal pertanian',
      at: '2026-11-22T09:30:00+07:00',
    });
    expect(logged.status).toBe(201);
    expect(logged.json.interaction).toMatchObject({
      channel: 'consultation',
      note: 'Mencari sumber skripsi tentang padi organik.',
      outcome: 'Dirujuk ke jurnal pertanian',
      staff: { uid: 2, name: 'Siti Rahmawati' },
      at: '2026-11-22T02:30:00Z',
      createdAt: NOW.replace('.000', ''),
    });
    const now = await ok('POST', '/M001/interactions', {
      channel: 'whatsapp',
      note: 'Mengingatkan buku terlambat.',
      outcome: '',
    });
    expect(now.interaction).toMatchObject({ outcome: null, at: '2026-11-23T03:00:00Z' });

    const p = await ok('GET', '/M001');
    expect(p.timelineMore).toBe(false);
    const line = (p.timeline as Json[]).map((e) => `${e.at} ${e.kind}${e.allDay ? ' (day)' : ''}`);
    expect(line).toEqual([
      '2026-11-23T03:00:00Z interaction',
      '2026-11-22T02:30:00Z interaction',
      '2026-11-22T01:00:00Z feedback',
      '2026-11-21T02:00:00Z survey',
      '2026-11-20T01:30:00Z loan',
      '2026-11-20T01:25:00Z visit',
      '2026-11-02T06:00:00Z loan',
      '2026-11-02T05:50:00Z visit',
      '2026-10-10T08:00:00Z visit',
      '2026-03-09T17:00:00Z return (day)',
      '2026-03-02T17:00:00Z loan (day)',
      '2026-01-20T04:30:00Z return',
      '2026-01-15T03:00:00Z loan',
      '2025-12-04T17:00:00Z return (day)',
      '2025-12-01T02:00:00Z loan',
      '2025-06-01T02:00:00Z visit',
      '2024-10-07T07:00:00Z return',
      '2024-10-01T02:15:00Z loan',
    ]);
    const [interaction, , feedback, survey, loan, visit] = p.timeline as Json[];
    expect(interaction).toMatchObject({ channel: 'whatsapp', staff: { uid: 2, name: 'Siti Rahmawati' } });
    expect(feedback).toMatchObject({
      feedbackKind: 'suggestion',
      status: 'new',
      text: 'Mohon tambah koleksi pertanian organik.',
    });
    expect(survey).toMatchObject({ surveyKind: 'poll', title: 'Jam buka perpustakaan' });
    expect(Object.keys(survey!)).not.toContain('answers');
    expect(loan).toMatchObject({
      loanId: 5,
      itemCode: 'B1',
      biblioId: 1,
      title: 'Budidaya Padi',
      dueDate: '2026-11-27',
    });
    expect(visit).toMatchObject({ room: null });
    expect((p.timeline as Json[]).find((e) => e.kind === 'return' && e.loanId === 6)).toMatchObject({
      title: null,
      itemCode: 'GONE',
    });

    const loans = await ok('GET', '/M001?kinds=loan,return');
    expect(new Set((loans.timeline as Json[]).map((e) => e.kind))).toEqual(new Set(['loan', 'return']));
    expect(loans.timeline).toHaveLength(10);
    const visits = await ok('GET', '/M001?kinds=visit');
    expect((visits.timeline as Json[]).map((e) => e.room)).toEqual([null, 'R1', null, null]);
    // The counts do not depend on the timeline's filter.
    expect(visits.loans.total).toBe(6);
    const { status, json } = await call('GET', '/M001?kinds=loan,bogus');
    expect(status).toBe(422);
    expect(json.error.details[0]).toMatchObject({ field: 'kinds' });
  });

  it('keeps one staff note and a set of labels per member', async () => {
    const note = await ok('PUT', '/M001/note', { text: '  Guru SD, aktif di komunitas baca.  ' });
    expect(note.note).toEqual({
      text: 'Guru SD, aktif di komunitas baca.',
      updatedAt: '2026-11-23T03:00:00Z',
      updatedBy: { uid: 2, name: 'Siti Rahmawati' },
    });
    expect((await ok('GET', '/M001')).note.text).toBe('Guru SD, aktif di komunitas baca.');
    expect((await ok('PUT', '/M001/note', { text: '' })).note).toBeNull();
    expect((await counts()).notes).toBe(0);
    await ok('PUT', '/M001/note', { text: 'Suka sejarah lokal.' });

    const first = await ok('PUT', '/M001/labels', {
      labels: ['guru', 'Peneliti', 'GURU', 'gurú', ' komunitas   baca '],
    });
    expect(first.labels).toEqual(['guru', 'Peneliti', 'komunitas baca']);
    const kept = await handle.db
      .selectFrom('crm_member_label')
      .select(['id', 'label'])
      .where('member_id', '=', 'M001')
      .where('label', '=', 'Peneliti')
      .executeTakeFirstOrThrow();
    expect((await ok('PUT', '/M001/labels', { labels: ['Peneliti', 'pemustaka'] })).labels).toEqual([
      'Peneliti',
      'pemustaka',
    ]);
    const again = await handle.db
      .selectFrom('crm_member_label')
      .select('id')
      .where('member_id', '=', 'M001')
      .where('label', '=', 'Peneliti')
      .executeTakeFirstOrThrow();
    expect(Number(again.id)).toBe(Number(kept.id));
    expect((await ok('GET', '/M001')).labels).toEqual(['Peneliti', 'pemustaka']);
    // Spelled anew, a label is given anew (MariaDB's unique key sees the two spellings as one).
    expect((await ok('PUT', '/M001/labels', { labels: ['PENELITI', 'pemustaka'] })).labels).toEqual([
      'pemustaka',
      'PENELITI',
    ]);
    expect((await ok('PUT', '/M002/labels', { labels: [] })).labels).toEqual([]);
  });

  it('writes every profile view to the audit log, and nothing for a member SLiMS does not have', async () => {
    await handle.db.deleteFrom('crm_audit_log').execute();
    await ok('GET', '/M002', undefined, 'tamu');
    await ok('GET', '/M002?kinds=visit', undefined, 'admin');
    const rows = await handle.db.selectFrom('crm_audit_log').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [Number(r.staff_uid), r.staff_name, r.action, r.subject, r.created_at])).toEqual([
      [3, 'Budi Santoso', 'member.profile', 'member:M002', '2026-11-23 03:00:00'],
      [1, 'Administrator', 'member.profile', 'member:M002', '2026-11-23 03:00:00'],
    ]);
    // The list shows no contact details and is not a profile view.
    await ok('GET', '?q=M002');
    const missing = await call('GET', '/NOPE');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('member_not_found');
    expect((await counts()).audit).toBe(2);
  });

  it('needs Membership read to look and Membership write to change', async () => {
    const before = await counts();
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['GET', '/M001', undefined],
      ['POST', '/M001/interactions', { channel: 'desk', note: 'x' }],
      ['PUT', '/M001/note', { text: 'x' }],
      ['PUT', '/M001/labels', { labels: ['x'] }],
    ] as const) {
      const none = await call(method, path, body, '');
      expect(none.status, `${method} ${path} without a token`).toBe(401);
      const cashier = await call(method, path, body, 'kasir');
      expect(cashier.status, `${method} ${path} without Membership`).toBe(403);
      expect(cashier.json.error.code).toBe('forbidden');
      if (method !== 'GET') {
        const reader = await call(method, path, body, 'tamu');
        expect(reader.status, `${method} ${path} with Membership read`).toBe(403);
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input with a 4xx in the one error shape and writes nothing', async () => {
    const before = await counts();
    const cases: Array<[string, string, unknown, number, string, string?]> = [
      ['POST', '/M001/interactions', { channel: 'pigeon', note: 'x' }, 422, 'validation_failed', 'channel'],
      ['POST', '/M001/interactions', { channel: 'desk' }, 422, 'validation_failed', 'note'],
      ['POST', '/M001/interactions', { channel: 'desk', note: '   ' }, 422, 'validation_failed', 'note'],
      ['POST', '/M001/interactions', { channel: 'desk', note: 5 }, 422, 'validation_failed', 'note'],
      ['POST', '/M001/interactions', { channel: 'desk', note: 'x'.repeat(4001) }, 422, 'validation_failed', 'note'],
      [
        'POST',
        '/M001/interactions',
        { channel: 'desk', note: 'x', outcome: 'y'.repeat(201) },
        422,
        'validation_failed',
        'outcome',
      ],
      ['POST', '/M001/interactions', { channel: 'desk', note: 'x', at: 'kemarin' }, 422, 'validation_failed', 'at'],
      [
        'POST',
        '/M001/interactions',
        { channel: 'desk', note: 'x', at: '2026-11-24T03:00:00Z' },
        422,
        'validation_failed',
        'at',
      ],
      ['POST', '/NOPE/interactions', { channel: 'desk', note: 'x' }, 404, 'member_not_found'],
      ['PUT', '/M001/note', { text: 7 }, 422, 'validation_failed', 'text'],
      ['PUT', '/NOPE/note', { text: 'x' }, 404, 'member_not_found'],
      ['PUT', '/M001/labels', { labels: 'guru' }, 422, 'validation_failed', 'labels'],
      ['PUT', '/M001/labels', { labels: ['guru', ''] }, 422, 'validation_failed', 'labels'],
      ['PUT', '/M001/labels', { labels: ['x'.repeat(41)] }, 422, 'validation_failed', 'labels'],
      ['PUT', '/M001/labels', { labels: [1] }, 422, 'validation_failed', 'labels'],
      [
        'PUT',
        '/M001/labels',
        { labels: Array.from({ length: 21 }, (_, i) => `label ${i}`) },
        422,
        'validation_failed',
        'labels',
      ],
      ['PUT', '/NOPE/labels', { labels: ['guru'] }, 404, 'member_not_found'],
      ['PUT', `/${'x'.repeat(21)}/labels`, { labels: ['guru'] }, 404, 'member_not_found'],
    ];
    for (const [method, path, body, status, code, field] of cases) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body).slice(0, 80)}`).toBe(status);
      expect(Object.keys(res.json)).toEqual(['error']);
      expect(res.json.error.code).toBe(code);
      expect(typeof res.json.error.message).toBe('string');
      if (field !== undefined) expect(res.json.error.details.map((d: Json) => d.field)).toEqual([field]);
    }
    expect((await call('POST', '/M001/interactions', undefined, 'pustakawan', '{"channel": ')).status).toBe(400);
    expect((await call('POST', '/M001/interactions', undefined, 'pustakawan', '["desk"]')).status).toBe(400);
    const text = await app.request('/api/v1/staff/members/M001/note', {
      method: 'PUT',
      headers: { Authorization: `Bearer ${tokens.pustakawan}`, 'Content-Type': 'text/plain' },
      body: '{"text":"x"}',
    });
    expect(text.status).toBe(415);
    // English on request.
    const en = await call('POST', '/M001/interactions', { channel: 'desk', note: '', lang: 'en' });
    expect(en.json.error.details[0].message).toBe('The note is required.');
    expect(await counts()).toEqual(before);
  });

  // Last in this file: it takes a column away. SLiMS 9.6's upgrade adds visitor_count.room_code; 9.4 and 9.5 have none.
  it('reads the visits of a SLiMS 9.4 or 9.5, whose visitor counter keeps no room', async () => {
    if (dialectOf(handle.db) === 'sqlite') await sql`DROP INDEX visitor_count_room_code`.execute(handle.db);
    await sql`ALTER TABLE visitor_count DROP COLUMN room_code`.execute(handle.db);
    const visits = await ok('GET', '/M001?kinds=visit');
    expect((visits.timeline as Json[]).map((e) => [e.kind, e.room])).toEqual([
      ['visit', null],
      ['visit', null],
      ['visit', null],
      ['visit', null],
    ]);
    expect(visits.visits.total).toBe(4);
  });
});

describe('the demo library', () => {
  it('shows staff work on a few member profiles, added once', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    try {
      await applySlimsSubset(handle);
      await seedDemoLibrary(handle, { size: 'demo', seed: 1, today: '2026-11-23' });
      await migrate(handle);
      const now = new Date(NOW);
      expect(await ensureDemoMemberWork(handle, now)).toBe(true);
      expect(await ensureDemoMemberWork(handle, now)).toBe(false);
      const worked = await handle.db
        .selectFrom('crm_member_interaction')
        .select('member_id')
        .groupBy('member_id')
        .orderBy('member_id')
        .execute();
      expect(worked).toHaveLength(3);
      const app = buildApp(handle, testClock(NOW));
      const token = await staffToken(app, 'pustakawan');
      const res = await app.request(`/api/v1/staff/members/${encodeURIComponent(worked[0]!.member_id)}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const profile = (await res.json()) as Json;
      expect(res.status).toBe(200);
      expect(profile.labels.length).toBeGreaterThan(0);
      expect((profile.timeline as Json[]).some((e) => e.kind === 'interaction')).toBe(true);
      expect((profile.timeline as Json[]).some((e) => e.kind === 'loan')).toBe(true);
      // What the members stated themselves: interests from what they borrow, tags, media, a channel, consents.
      expect(profile.interests.some((i: Json) => i.kind === 'topic')).toBe(true);
      expect(profile.preferences.channel).not.toBeNull();
      expect(profile.consents.length).toBeGreaterThan(0);
      const tags = await handle.db
        .selectFrom('crm_member_interest')
        .select('tag')
        .where('tag', 'is not', null)
        .execute();
      expect(tags.map((t) => t.tag).sort()).toEqual(['buku cerita anak', 'metodologi penelitian']);
      const consents = await handle.db.selectFrom('crm_member_consent').select('member_id').execute();
      expect(consents).toHaveLength(6);
      // Logged during the library's opening hours (08:00–16:30 WIB), never ahead of now.
      for (const e of (profile.timeline as Json[]).filter((entry) => entry.kind === 'interaction')) {
        const hour = (new Date(e.at).getUTCHours() + 7) % 24;
        expect(hour >= 8 && hour <= 16, e.at).toBe(true);
        expect(Date.parse(e.at)).toBeLessThanOrEqual(Date.parse(NOW));
      }
    } finally {
      await handle.close();
    }
  });
});
