// Segments on SQLite and MariaDB: every filter against the members of a small hand-counted library, the empty
// definition, minors left out unless chosen, saved segments (create, read, update, delete), a segment's members
// paged, the CSV export and its audit row, Membership privileges, and bad input refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { yearsBefore } from '../../server/segments/segments.queries.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { buildApp, prepareDatabase, staffToken, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Today is 2026-11-23 in the library (10:00 WIB).
const NOW = '2026-11-23T03:00:00Z';

const member = (over: { member_id: string } & Json) => ({
  member_name: `Anggota ${over.member_id}`,
  gender: 1,
  birth_date: null,
  member_type_id: 1,
  member_address: null,
  member_email: null,
  postal_code: null,
  inst_name: null,
  member_phone: null,
  member_since_date: '2020-01-01',
  register_date: null,
  expire_date: '2027-12-31',
  is_pending: 0,
  input_date: '2020-01-01',
  last_update: '2026-01-01',
  ...over,
});

/**
 * Seven members, two of them minors (A03 turns 18 tomorrow, A06 is 11); A04 turned 18 today and A02 22.
 *
 *        type  sex  born        institution        address                  postal  e-mail         phone   registered  expires
 *   A01  1     F    1990-03-01  Dinas Pendidikan   Jl. Melati 3, Pekanbaru  28111   a01@contoh.id  0812…   2026-02-01  2027-02-01
 *   A02  2     M    2004-11-23  Universitas Riau   Jl. Sudirman, Pekanbaru  28293   –              "-"     2025-08-15  2026-12-15
 *   A03  3     F    2008-11-24  SMA Negeri 1 Dumai Jl. Sultan, Dumai        28812   siswa@…        0765…   2026-07-01  2027-07-01
 *   A04  3     M    2008-11-23  SMA Negeri 1 Dumai Dumai                    28814   ""             –       2024-01-10  2025-01-10
 *   A05  1     M    –           –                  –                        –       "tanpa-at"     "  "    –           2027-05-05
 *   A06  2     F    2015-06-01  SD Negeri 5        Jl. Melati 9, Pekanbaru  28112   ortu@…         0813…   2026-11-01  2027-11-01
 *   A07  1     F    1960-01-15  Pensiunan          Kampar                   28461   nenek@…        0812…   2023-03-03  2026-11-30
 *
 * Loans: A01 2026-01-10, 03-05, 10-01; A02 2025-06-01, 2026-02-14; A03 2026-11-20; A04 2024-05-05;
 * A07 2026-05-05, 05-20, 06-01, 06-15; and one of a card SLiMS no longer has. Visits: A01 2026-11-20 09:00;
 * A02 2026-02-14 10:00 and 06-30 23:59; A03 2026-07-01 00:00; A07 2026-01-01; a guest. Labels: A01 guru,
 * A05 GURU, A02 peneliti, A06 komunitas baca.
 */
async function seedLibrary(handle: DatabaseHandle): Promise<void> {
  const db = handle.db;
  await db
    .insertInto('mst_member_type')
    .values(
      ['Umum', 'Mahasiswa', 'Pelajar'].map((name, i) => ({
        member_type_id: i + 1,
        member_type_name: name,
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
        member_id: 'A01',
        member_name: 'Siti Aminah',
        gender: 0,
        birth_date: '1990-03-01',
        inst_name: 'Dinas Pendidikan',
        member_address: 'Jl. Melati 3, Pekanbaru',
        postal_code: '28111',
        member_email: 'a01@contoh.id',
        member_phone: '081234567890',
        register_date: '2026-02-01',
        expire_date: '2027-02-01',
      }),
      member({
        member_id: 'A02',
        member_name: 'Budi Santoso',
        member_type_id: 2,
        birth_date: '2004-11-23',
        inst_name: 'Universitas Riau',
        member_address: 'Jl. Sudirman, Pekanbaru',
        postal_code: '28293',
        member_phone: '-',
        register_date: '2025-08-15',
        expire_date: '2026-12-15',
      }),
      member({
        member_id: 'A03',
        member_name: 'Citra Lestari',
        gender: 0,
        member_type_id: 3,
        birth_date: '2008-11-24',
        inst_name: 'SMA Negeri 1 Dumai',
        member_address: 'Jl. Sultan, Dumai',
        postal_code: '28812',
        member_email: 'siswa@sekolah.id',
        member_phone: '0765-31234',
        register_date: '2026-07-01',
        expire_date: '2027-07-01',
      }),
      member({
        member_id: 'A04',
        member_name: 'Dedi Kurniawan',
        member_type_id: 3,
        birth_date: '2008-11-23',
        inst_name: 'SMA Negeri 1 Dumai',
        member_address: 'Dumai',
        postal_code: '28814',
        member_email: '',
        register_date: '2024-01-10',
        expire_date: '2025-01-10',
      }),
      member({
        member_id: 'A05',
        member_name: 'Eko Prasetyo',
        member_email: 'tanpa-at',
        member_phone: '  ',
        expire_date: '2027-05-05',
      }),
      member({
        member_id: 'A06',
        member_name: 'Fitri Handayani',
        gender: 0,
        member_type_id: 2,
        birth_date: '2015-06-01',
        inst_name: 'SD Negeri 5',
        member_address: 'Jl. Melati 9, Pekanbaru',
        postal_code: '28112',
        member_email: 'ortu@contoh.id',
        member_phone: '081300000000',
        register_date: '2026-11-01',
        expire_date: '2027-11-01',
      }),
      member({
        member_id: 'A07',
        member_name: 'Gita Rahayu',
        gender: 0,
        birth_date: '1960-01-15',
        inst_name: 'Pensiunan',
        member_address: 'Kampar',
        postal_code: '28461',
        member_email: 'nenek@contoh.id',
        member_phone: '081211111111',
        register_date: '2023-03-03',
        expire_date: '2026-11-30',
      }),
    ])
    .execute();
  const loans: Array<[string, string]> = [
    ['A01', '2026-01-10'],
    ['A01', '2026-03-05'],
    ['A01', '2026-10-01'],
    ['A02', '2025-06-01'],
    ['A02', '2026-02-14'],
    ['A03', '2026-11-20'],
    ['A04', '2024-05-05'],
    ['A07', '2026-05-05'],
    ['A07', '2026-05-20'],
    ['A07', '2026-06-01'],
    ['A07', '2026-06-15'],
    ['X99', '2026-04-04'],
  ];
  await db
    .insertInto('loan')
    .values(
      loans.map(([member_id, loan_date], i) => ({
        loan_id: i + 1,
        item_code: `B${i + 1}`,
        member_id,
        loan_date,
        due_date: loan_date,
        is_lent: 1,
        is_return: 1,
        return_date: loan_date,
      })),
    )
    .execute();
  await db
    .insertInto('visitor_count')
    .values([
      { member_id: 'A01', member_name: 'Siti Aminah', checkin_date: '2026-11-20 09:00:00' },
      { member_id: 'A02', member_name: 'Budi Santoso', checkin_date: '2026-02-14 10:00:00' },
      { member_id: 'A02', member_name: 'Budi Santoso', checkin_date: '2026-06-30 23:59:00' },
      { member_id: 'A03', member_name: 'Citra Lestari', checkin_date: '2026-07-01 00:00:00' },
      { member_id: 'A07', member_name: 'Gita Rahayu', checkin_date: '2026-01-01 08:00:00' },
      { member_id: null, member_name: 'Tamu', checkin_date: '2026-11-20 10:00:00' },
    ])
    .execute();
  await db
    .insertInto('crm_member_label')
    .values(
      [
        ['A01', 'guru'],
        ['A05', 'GURU'],
        ['A02', 'peneliti'],
        ['A06', 'komunitas baca'],
      ].map(([member_id, label]) => ({
        member_id: member_id!,
        label: label!,
        created_uid: 2,
        created_at: '2026-11-01 00:00:00',
      })),
    )
    .execute();
}

describe('yearsBefore', () => {
  it('is the last birth day of someone that many years old today', () => {
    expect(yearsBefore('2026-11-23', 18)).toBe('2008-11-23');
    // No 29 February in 2010: born on the 28th, one is 18 on 29 February 2028.
    expect(yearsBefore('2028-02-29', 18)).toBe('2010-02-28');
  });
});

describe.each(await availableDatabases())('segments on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock(NOW);
  const tokens: Record<string, string> = {};

  async function call(method: string, path: string, body?: unknown, who = 'pustakawan', raw?: string) {
    const headers: Record<string, string> = {};
    if (who !== '') headers.Authorization = `Bearer ${(tokens[who] ??= await staffToken(app, who))}`;
    if (body !== undefined || raw !== undefined) headers['Content-Type'] = 'application/json';
    const res = await app.request(`/api/v1/staff/segments${path}`, {
      method,
      headers,
      ...(raw !== undefined ? { body: raw } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // Kept as sent: the CSV's byte-order mark is part of what is tested.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json') ? (JSON.parse(text) as Json) : {};
    return { status: res.status, json, text, headers: res.headers };
  }
  const ok = async (method: string, path: string, body?: unknown, who?: string): Promise<Json> => {
    const { status, json } = await call(method, path, body, who);
    expect(status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
  const count = async (definition: Json) => (await ok('POST', '/count', definition)).count as number;
  /** The members a definition holds, by card number: saved, listed and deleted again. */
  async function holds(definition: Json): Promise<string[]> {
    const { segment } = await ok('POST', '', { name: `uji ${JSON.stringify(definition)}`.slice(0, 100), definition });
    const page = await ok('GET', `/${segment.id}/members?pageSize=100`);
    await ok('DELETE', `/${segment.id}`);
    const ids = (page.items as Json[]).map((m) => m.id as string).sort();
    expect(page.total, JSON.stringify(definition)).toBe(ids.length);
    expect(await count(definition), JSON.stringify(definition)).toBe(ids.length);
    return ids;
  }
  const rows = async (table: 'crm_segment' | 'crm_audit_log') =>
    Number(
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    await seedLibrary(handle);
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('counts every member for {} but the minors, whom it says it left out', async () => {
    expect(await ok('POST', '/count', {})).toEqual({ count: 5, minorsLeftOut: 2 });
    expect(await holds({})).toEqual(['A01', 'A02', 'A04', 'A05', 'A07']);
    expect(await ok('POST', '/count', { minors: 'include' })).toEqual({ count: 7, minorsLeftOut: 0 });
    expect(await holds({ minors: 'only' })).toEqual(['A03', 'A06']);
    expect(await holds({ minors: 'exclude' })).toEqual(['A01', 'A02', 'A04', 'A05', 'A07']);
  });

  it('filters by member type, age, gender, institution, address and postal code', async () => {
    expect(await holds({ memberTypes: [3] })).toEqual(['A04']);
    expect(await holds({ memberTypes: [3], minors: 'include' })).toEqual(['A03', 'A04']);
    expect(await holds({ memberTypes: [1, 2] })).toEqual(['A01', 'A02', 'A05', 'A07']);
    // 22 today (A02's birthday) and 18 today count; 17 until tomorrow (A03) does not; no birth date is no age.
    expect(await holds({ age: { min: 18, max: 22 } })).toEqual(['A02', 'A04']);
    expect(await holds({ age: { max: 17 }, minors: 'include' })).toEqual(['A03', 'A06']);
    expect(await holds({ age: { max: 17 } })).toEqual([]);
    expect(await holds({ age: { min: 60 } })).toEqual(['A07']);
    expect(await holds({ gender: 'female' })).toEqual(['A01', 'A07']);
    expect(await holds({ gender: 'female', minors: 'include' })).toEqual(['A01', 'A03', 'A06', 'A07']);
    expect(await holds({ gender: 'male' })).toEqual(['A02', 'A04', 'A05']);
    expect(await holds({ institution: 'sma negeri' })).toEqual(['A04']);
    expect(await holds({ institution: '100%' })).toEqual([]);
    expect(await holds({ city: 'PEKANBARU' })).toEqual(['A01', 'A02']);
    expect(await holds({ city: 'Pekanbaru 😀' })).toEqual([]);
    expect(await holds({ postalCode: '281' })).toEqual(['A01']);
    expect(await holds({ postalCode: '28' })).toEqual(['A01', 'A02', 'A04', 'A07']);
  });

  it('filters by loans in a period and by the last loan and visit', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31' };
    expect(await holds({ loans: { ...year, atLeast: 3 } })).toEqual(['A01', 'A07']);
    expect(await holds({ loans: { ...year, atLeast: 1, atMost: 3 } })).toEqual(['A01', 'A02']);
    expect(await holds({ loans: { ...year, atLeast: 4, atMost: 4 } })).toEqual(['A07']);
    // At most none: members who borrowed nothing then, those who never borrowed too.
    expect(await holds({ loans: { ...year, atMost: 0 } })).toEqual(['A04', 'A05']);
    expect(await holds({ loans: { ...year, atLeast: 0, atMost: 1 } })).toEqual(['A02', 'A04', 'A05']);
    expect(await holds({ loans: { from: '2026-03-05', to: '2026-03-05', atLeast: 1 } })).toEqual(['A01']);

    expect(await holds({ lastLoan: { before: '2026-03-01' } })).toEqual(['A02', 'A04']);
    expect(await holds({ lastLoan: { after: '2026-06-01' } })).toEqual(['A01', 'A07']);
    expect(await holds({ lastLoan: { after: '2026-06-01' }, minors: 'include' })).toEqual(['A01', 'A03', 'A07']);
    expect(await holds({ lastLoan: { after: '2026-01-01', before: '2026-07-01' } })).toEqual(['A02', 'A07']);

    // After 30 June is from 1 July: A02's visit at 23:59 on the 30th is not after it, A03's at midnight is.
    expect(await holds({ lastVisit: { after: '2026-06-30' } })).toEqual(['A01']);
    expect(await holds({ lastVisit: { after: '2026-06-30' }, minors: 'include' })).toEqual(['A01', 'A03']);
    expect(await holds({ lastVisit: { before: '2026-06-30' } })).toEqual(['A07']);
    expect(await holds({ lastVisit: { before: '2026-07-01' } })).toEqual(['A02', 'A07']);
  });

  it('filters by registration and expiry, labels, e-mail and phone, all at once', async () => {
    expect(await holds({ joined: { from: '2026-01-01' } })).toEqual(['A01']);
    expect(await holds({ joined: { from: '2026-01-01' }, minors: 'include' })).toEqual(['A01', 'A03', 'A06']);
    expect(await holds({ joined: { to: '2024-12-31' } })).toEqual(['A04', 'A07']);
    expect(await holds({ expiring: { from: '2026-11-23', to: '2026-12-31' } })).toEqual(['A02', 'A07']);
    // Labels as they are kept: letter case aside.
    expect(await holds({ labels: ['Guru'] })).toEqual(['A01', 'A05']);
    expect(await holds({ labels: ['peneliti', 'komunitas baca'] })).toEqual(['A02']);
    expect(await holds({ labels: ['peneliti', 'komunitas baca'], minors: 'only' })).toEqual(['A06']);
    expect(await holds({ labels: ['tidak ada'] })).toEqual([]);
    expect(await holds({ hasEmail: true })).toEqual(['A01', 'A07']);
    expect(await holds({ hasEmail: false })).toEqual(['A02', 'A04', 'A05']);
    expect(await holds({ hasPhone: true })).toEqual(['A01', 'A07']);
    expect(await holds({ hasPhone: false })).toEqual(['A02', 'A04', 'A05']);
    expect(await holds({ gender: 'female', hasEmail: true, city: 'pekanbaru' })).toEqual(['A01']);
    expect(
      await holds({
        memberTypes: [1],
        age: { min: 30 },
        loans: { from: '2026-01-01', to: '2026-12-31', atLeast: 1 },
        hasPhone: true,
        labels: ['guru'],
      }),
    ).toEqual(['A01']);
  });

  it('saves, lists, reads, changes and deletes segments, evaluated when used', async () => {
    const created = await call('POST', '', {
      name: '  Pembaca setia  ',
      definition: { loans: { from: '2026-01-01', to: '2026-12-31', atLeast: 3 }, minors: 'exclude' },
    });
    expect(created.status).toBe(201);
    const segment = created.json.segment as Json;
    expect(segment).toMatchObject({
      name: 'Pembaca setia',
      definition: { loans: { from: '2026-01-01', to: '2026-12-31', atLeast: 3 }, minors: 'exclude' },
      createdAt: '2026-11-23T03:00:00Z',
      createdBy: { uid: 2, name: 'Siti Rahmawati' },
      updatedBy: { uid: 2, name: 'Siti Rahmawati' },
    });
    expect((await ok('GET', `/${segment.id}`)).segment).toEqual(segment);
    const list = await ok('GET', '', undefined, 'tamu');
    expect(list.segments).toEqual([segment]);
    expect(list.types.map((t: Json) => t.name)).toEqual(['Mahasiswa', 'Pelajar', 'Umum']);
    // One choice per label as labels are compared (A01's guru and A05's GURU are one).
    expect(list.labels.map((l: string) => l.toLowerCase())).toEqual(['guru', 'komunitas baca', 'peneliti']);

    const dup = await call('POST', '', { name: 'PEMBACA SETIA', definition: {} });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('segment_name_taken');

    // A definition, not a list: a member who borrows a third time this year is in it at once.
    expect((await ok('GET', `/${segment.id}/members`)).items.map((m: Json) => m.id)).toEqual(['A07', 'A01']);
    await handle.db
      .insertInto('loan')
      .values(
        ['2026-11-01', '2026-11-02'].map((day, i) => ({
          loan_id: 100 + i,
          item_code: 'B100',
          member_id: 'A02',
          loan_date: day,
          due_date: day,
          is_lent: 1,
          is_return: 0,
        })),
      )
      .execute();
    expect((await ok('GET', `/${segment.id}/members`)).items.map((m: Json) => m.id)).toEqual(['A02', 'A07', 'A01']);
    await handle.db.deleteFrom('loan').where('loan_id', '>=', 100).execute();

    clock.advance(60_000);
    const changed = await ok('PUT', `/${segment.id}`, { name: 'Perempuan', definition: { gender: 'female' } }, 'admin');
    expect(changed.segment).toMatchObject({
      id: segment.id,
      name: 'Perempuan',
      definition: { gender: 'female' },
      createdBy: { uid: 2 },
      updatedAt: '2026-11-23T03:01:00Z',
      updatedBy: { uid: 1, name: 'Administrator' },
    });
    // Saving it unchanged is fine, and keeps its own name.
    expect(
      (await ok('PUT', `/${segment.id}`, { name: 'perempuan', definition: { gender: 'female' } })).segment.name,
    ).toBe('perempuan');
    expect((await call('DELETE', `/${segment.id}`)).status).toBe(204);
    expect((await call('GET', `/${segment.id}`)).json.error.code).toBe('segment_not_found');
    expect((await call('DELETE', `/${segment.id}`)).status).toBe(404);
    expect((await call('PUT', `/${segment.id}`, { name: 'x', definition: {} })).status).toBe(404);
    expect((await call('GET', `/${segment.id}/members`)).status).toBe(404);
    expect((await call('GET', '/abc')).status).toBe(404);
    expect(await rows('crm_segment')).toBe(0);
  });

  it("pages a segment's members like the member list, searchable, linked by card number", async () => {
    const { segment } = await ok('POST', '', { name: 'Semua', definition: { minors: 'include' } });
    const first = await ok('GET', `/${segment.id}/members?pageSize=3`);
    expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(first.items[0]).toEqual({
      id: 'A02',
      name: 'Budi Santoso',
      type: { id: 2, name: 'Mahasiswa' },
      institution: 'Universitas Riau',
      expireDate: '2026-12-15',
      expired: false,
      pending: false,
      tier: null,
      score: null,
    });
    const names: string[] = [];
    for (let page = 1; page <= 3; page++)
      names.push(...(await ok('GET', `/${segment.id}/members?pageSize=3&page=${page}`)).items.map((m: Json) => m.name));
    expect(names).toEqual([
      'Budi Santoso',
      'Citra Lestari',
      'Dedi Kurniawan',
      'Eko Prasetyo',
      'Fitri Handayani',
      'Gita Rahayu',
      'Siti Aminah',
    ]);
    expect((await ok('GET', `/${segment.id}/members?q=siti`)).items.map((m: Json) => m.id)).toEqual(['A01']);
    expect((await ok('GET', `/${segment.id}/members?q=sma`)).items.map((m: Json) => m.id)).toEqual(['A03', 'A04']);
    await ok('DELETE', `/${segment.id}`);
  });

  it('exports a segment as CSV and writes who, which segment and how many rows to the audit log', async () => {
    await handle.db.deleteFrom('crm_audit_log').execute();
    const { segment } = await ok('POST', '', {
      name: 'Pekanbaru',
      definition: { city: 'pekanbaru', minors: 'include' },
    });
    const csv = await call('GET', `/${segment.id}/members.csv`, undefined, 'tamu');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="segmen-${segment.id}.csv"`);
    expect(csv.text.split('\r\n')).toEqual([
      '\uFEFFid_anggota,nama,jenis_anggota,jenis_kelamin,tanggal_lahir,institusi,email,telepon,alamat,kode_pos,tanggal_daftar,berlaku_sampai',
      'A01,Siti Aminah,Umum,perempuan,1990-03-01,Dinas Pendidikan,a01@contoh.id,081234567890,"Jl. Melati 3, Pekanbaru",28111,2026-02-01,2027-02-01',
      'A02,Budi Santoso,Mahasiswa,laki-laki,2004-11-23,Universitas Riau,,\'-,"Jl. Sudirman, Pekanbaru",28293,2025-08-15,2026-12-15',
      'A06,Fitri Handayani,Mahasiswa,perempuan,2015-06-01,SD Negeri 5,ortu@contoh.id,081300000000,"Jl. Melati 9, Pekanbaru",28112,2026-11-01,2027-11-01',
      '',
    ]);
    const en = await call('GET', `/${segment.id}/members.csv?lang=en`, undefined, 'admin');
    expect(en.text.split('\r\n')[0]).toBe(
      '\uFEFFmember_id,name,member_type,gender,birth_date,institution,email,phone,address,postal_code,register_date,expire_date',
    );
    expect(en.headers.get('content-disposition')).toBe(`attachment; filename="segment-${segment.id}.csv"`);
    const audit = await handle.db.selectFrom('crm_audit_log').selectAll().orderBy('id').execute();
    expect(audit.map((r) => [Number(r.staff_uid), r.staff_name, r.action, r.subject, Number(r.row_count)])).toEqual([
      [3, 'Budi Santoso', 'segment.export', `segment:${segment.id}`, 3],
      [1, 'Administrator', 'segment.export', `segment:${segment.id}`, 3],
    ]);
    // Counting and listing show no contact details and are not exports.
    await ok('POST', '/count', { city: 'pekanbaru' });
    await ok('GET', `/${segment.id}/members`);
    expect(await rows('crm_audit_log')).toBe(2);
    expect((await call('GET', '/999/members.csv')).status).toBe(404);
    expect(await rows('crm_audit_log')).toBe(2);
    await ok('DELETE', `/${segment.id}`);
  });

  it('needs Membership read to count, list and export, and Membership write to save', async () => {
    const { segment } = await ok('POST', '', { name: 'Hak akses', definition: {} });
    const before = { segments: await rows('crm_segment'), audit: await rows('crm_audit_log') };
    const reads: Array<[string, string, unknown]> = [
      ['POST', '/count', {}],
      ['GET', '', undefined],
      ['GET', `/${segment.id}`, undefined],
      ['GET', `/${segment.id}/members`, undefined],
      ['GET', `/${segment.id}/members.csv`, undefined],
    ];
    const writes: Array<[string, string, unknown]> = [
      ['POST', '', { name: 'Baru', definition: {} }],
      ['PUT', `/${segment.id}`, { name: 'Ganti', definition: {} }],
      ['DELETE', `/${segment.id}`, undefined],
    ];
    for (const [method, path, body] of [...reads, ...writes]) {
      expect((await call(method, path, body, '')).status, `${method} ${path} without a token`).toBe(401);
      const cashier = await call(method, path, body, 'kasir');
      expect(cashier.status, `${method} ${path} without Membership`).toBe(403);
      expect(cashier.json.error.code).toBe('forbidden');
    }
    for (const [method, path, body] of writes)
      expect((await call(method, path, body, 'tamu')).status, `${method} ${path} with Membership read`).toBe(403);
    for (const [method, path, body] of reads)
      expect((await call(method, path, body, 'tamu')).status, `${method} ${path} with Membership read`).toBe(200);
    expect(await rows('crm_segment')).toBe(before.segments);
    // Only the export the reader took is logged.
    expect(await rows('crm_audit_log')).toBe(before.audit + 1);
    await ok('DELETE', `/${segment.id}`);
  });

  it('refuses bad input with a 4xx in the one error shape and writes nothing', async () => {
    const { segment } = await ok('POST', '', { name: 'Ada', definition: {} });
    const before = { segments: await rows('crm_segment'), audit: await rows('crm_audit_log') };
    const definitions: Array<[unknown, string]> = [
      [{ bogus: true }, ''],
      [{ memberTypes: [] }, 'memberTypes'],
      [{ memberTypes: ['1'] }, 'memberTypes[0]'],
      [{ memberTypes: [1.5] }, 'memberTypes[0]'],
      [{ memberTypes: '1' }, 'memberTypes'],
      [{ age: {} }, 'age.min'],
      [{ age: { min: 30, max: 20 } }, 'age.max'],
      [{ age: { min: -1 } }, 'age.min'],
      [{ age: { min: 18, old: 1 } }, 'age'],
      [{ gender: 'x' }, 'gender'],
      [{ institution: '' }, 'institution'],
      [{ institution: 'x'.repeat(101) }, 'institution'],
      [{ city: 7 }, 'city'],
      [{ postalCode: '28a' }, 'postalCode'],
      [{ postalCode: "28' OR 1=1" }, 'postalCode'],
      [{ loans: { from: '2026-01-01', to: '2026-12-31' } }, 'loans.atLeast'],
      [{ loans: { from: '2026-12-31', to: '2026-01-01', atLeast: 1 } }, 'loans.to'],
      [{ loans: { from: '2026-02-30', to: '2026-03-01', atLeast: 1 } }, 'loans.from'],
      [{ loans: { from: '2026-01-01', to: '2026-12-31', atLeast: 3, atMost: 2 } }, 'loans.atMost'],
      [{ loans: { to: '2026-12-31', atLeast: 1 } }, 'loans.from'],
      [{ lastLoan: {} }, 'lastLoan.before'],
      [{ lastLoan: { before: '2026-01-01', after: '2026-01-01' } }, 'lastLoan.before'],
      [{ lastVisit: { before: '1 Januari' } }, 'lastVisit.before'],
      [{ joined: { from: '2026-13-01' } }, 'joined.from'],
      [{ expiring: { from: '2027-01-01', to: '2026-01-01' } }, 'expiring.to'],
      [{ labels: [] }, 'labels'],
      [{ labels: ['   '] }, 'labels[0]'],
      [{ labels: [3] }, 'labels[0]'],
      [{ labels: Array.from({ length: 21 }, (_, i) => `l${i}`) }, 'labels'],
      [{ hasEmail: 'yes' }, 'hasEmail'],
      [{ hasPhone: 1 }, 'hasPhone'],
      [{ minors: 'all' }, 'minors'],
    ];
    for (const [definition, field] of definitions) {
      const counted = await call('POST', '/count', definition);
      expect(counted.status, JSON.stringify(definition)).toBe(422);
      expect(Object.keys(counted.json)).toEqual(['error']);
      expect(counted.json.error.code).toBe('validation_failed');
      expect(counted.json.error.details.map((d: Json) => d.field)).toEqual([field]);
      const saved = await call('POST', '', { name: 'Salah', definition });
      expect(saved.status, JSON.stringify(definition)).toBe(422);
      expect(saved.json.error.details.map((d: Json) => d.field)).toEqual([
        field ? `definition.${field}` : 'definition',
      ]);
      const changed = await call('PUT', `/${segment.id}`, { name: 'Salah', definition });
      expect(changed.status, JSON.stringify(definition)).toBe(422);
    }
    for (const body of [
      { definition: {} },
      { name: '', definition: {} },
      { name: 'x'.repeat(101), definition: {} },
      { name: 'Tanpa' },
      { name: 'Daftar', definition: [] },
    ]) {
      const res = await call('POST', '', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
    }
    expect((await call('POST', '/count', undefined, 'pustakawan', '{"age": ')).status).toBe(400);
    expect((await call('POST', '/count', undefined, 'pustakawan', '[]')).status).toBe(400);
    expect((await call('GET', `/${segment.id}/members?page=0`)).status).toBe(422);
    expect((await call('GET', `/${segment.id}/members?pageSize=101`)).status).toBe(422);
    const en = await call('POST', '/count', { age: { min: 30, max: 20 }, lang: 'en' });
    expect(en.json.error.details[0].message).toBe('The highest age is below the lowest.');
    const id = await call('POST', '/count', { age: { min: 30, max: 20 } });
    expect(id.json.error.details[0].message).toBe('Usia tertinggi di bawah usia terendah.');
    expect({ segments: await rows('crm_segment'), audit: await rows('crm_audit_log') }).toEqual(before);
    await ok('DELETE', `/${segment.id}`);
  });
});
