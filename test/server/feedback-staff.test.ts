// The staff feedback inbox end to end: filters and search, status history, assignment, notes, replies,
// publishing, merging, privileges, notices in the outbox, and the service measures, on SQLite and MariaDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signMemberToken, signStaffToken } from '../../server/auth/tokens.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { durationStats } from '../../server/feedback/measures.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { createApp } from '../../server/app.ts';
import {
  TEST_ORIGIN,
  TEST_SECRET,
  buildApp,
  prepareDatabase,
  staffToken,
  testClock,
  testConfig,
  testSecret,
} from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const config = testConfig({ smtpUrl: 'smtp://127.0.0.1:2525', mailFrom: 'Perpustakaan <layanan@perpustakaan.test>' });
let counter = 0;
const uniqueMember = () => `S${Date.now().toString(36).slice(-6)}-${++counter}`;

async function request(
  app: App,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json; res: Response }> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await app.request(`/api/v1/staff/feedback${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = res.headers.get('content-type')?.startsWith('application/json')
    ? ((await res.clone().json()) as Json)
    : {};
  return { status: res.status, json, res };
}

/** Sends an item as a member (no proof of work needed) and returns its id and tracking code. */
async function submit(
  app: App,
  handle: DatabaseHandle,
  now: Date,
  body: Json,
  lang = 'id',
): Promise<{ id: number; code: string }> {
  const token = await signMemberToken(TEST_SECRET, uniqueMember(), now);
  const res = await app.request(`/api/v1/feedback?lang=${lang}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: TEST_ORIGIN,
      Authorization: `Bearer ${token}`,
      'Idempotency-Key': `key-${uniqueMember()}`,
    },
    body: JSON.stringify(body),
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  const code = ((await res.json()) as Json).item.code as string;
  const row = await handle.db
    .selectFrom('crm_feedback')
    .select('id')
    .where('code', '=', code.replace('-', ''))
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), code };
}

function vote(app: App, id: number, device: string) {
  return app.request(`/api/v1/feedback/board/${id}/votes`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Origin: TEST_ORIGIN,
      'X-Device-Id': device,
      'Idempotency-Key': `vote-${device}-${id}`,
    },
    body: '{}',
  });
}

async function outbox(handle: DatabaseHandle, recipient: string) {
  return handle.db.selectFrom('crm_outbox').selectAll().where('recipient', '=', recipient).orderBy('id').execute();
}

describe.each(await availableDatabases())('staff feedback inbox on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock();
  /** Tokens minted at the test clock's time, which moves by days here. */
  const mint = (uid: number, name: string) => async () =>
    (await signStaffToken(TEST_SECRET, { uid, name, privileges: { membership: { r: true, w: true } } }, clock())).token;
  const admin = mint(1, 'Administrator');
  const librarian = mint(2, 'Siti Rahmawati');
  type Who = string | (() => Promise<string>);

  const staff = async (method: string, path: string, body?: unknown, who: Who = admin) =>
    request(app, typeof who === 'string' ? who : await who(), method, path, body);
  const ok = async (method: string, path: string, body?: unknown, who: Who = admin): Promise<Json> => {
    const { status, json } = await staff(method, path, body, who);
    expect(status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
    return json;
  };
  const create = (body: Json, lang = 'id') => submit(app, handle, clock(), body, lang);
  const ids = (json: Json) => (json.items as Json[]).map((i) => i.id as number);

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock, config);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('lists the inbox with filters, escaped search, sorts, counts and paging', async () => {
    await handle.db.deleteFrom('crm_feedback').execute();
    const long = `Diskon 50% untuk denda keterlambatan. ${'Mohon dipertimbangkan. '.repeat(20)}`.trim();
    const step = () => clock.advance(60_000);
    const s1 = await create({ kind: 'suggestion', text: long });
    step();
    const s2 = await create({ kind: 'suggestion', text: 'Diskon 50 persen untuk pelajar' });
    step();
    const c1 = await create({ kind: 'complaint', text: 'Kursi di ruang_baca rusak' });
    step();
    const c2 = await create({ kind: 'complaint', text: 'Kursi di ruangXbaca bising' });
    step();
    const p1 = await create({
      kind: 'purchase',
      text: 'Untuk skripsi',
      purchase: { title: 'Filosofi Teras', author: 'Henry Manampiring', isbn: '978-0-306-40615-7' },
    });
    step();
    await ok('PUT', `/${s1.id}`, { status: 'in_review', category: 'Koleksi', assignedUid: 2, published: true });
    step();
    await ok('PUT', `/${s2.id}`, { published: true });
    step();
    await ok('PUT', `/${c1.id}`, { published: true });
    step();
    await ok('PUT', `/${p1.id}`, { status: 'done' });
    for (const device of ['device-list-0001', 'device-list-0002'])
      expect((await vote(app, s2.id, device)).status).toBe(201);
    expect((await vote(app, s1.id, 'device-list-0001')).status).toBe(201);

    const all = await ok('GET', '');
    expect(all).toMatchObject({
      total: 5,
      page: 1,
      pageSize: 25,
      counts: { new: 3, in_review: 1, planned: 0, done: 1, declined: 0 },
    });
    expect(ids(all)).toEqual([p1.id, c2.id, c1.id, s2.id, s1.id]);
    const first = (all.items as Json[]).find((i) => i.id === s1.id)!;
    expect(Object.keys(first).sort()).toEqual(
      [
        'assigned',
        'category',
        'closedAt',
        'code',
        'createdAt',
        'firstResponseAt',
        'fromMember',
        'hasContact',
        'id',
        'kind',
        'mergedInto',
        'published',
        'purchase',
        'status',
        'text',
        'updatedAt',
        'votes',
      ].sort(),
    );
    expect(first).toMatchObject({
      code: s1.code,
      status: 'in_review',
      category: 'Koleksi',
      assigned: { uid: 2, name: 'Siti Rahmawati' },
      published: true,
      votes: 1,
      fromMember: true,
      hasContact: false,
      mergedInto: null,
    });
    expect([...first.text]).toHaveLength(200);
    expect((await ok('GET', `/${s1.id}`)).item.text).toBe(long);
    // This app has CRM_SMTP_URL: the item says e-mail is on (the reply form promises a notice only then).
    expect((await ok('GET', `/${s1.id}`)).email).toBe(true);
    const noMail = createApp({
      db: handle.db,
      config: testConfig(),
      secret: testSecret(),
      clock,
      log: () => {},
    });
    expect((await request(noMail, await admin(), 'GET', `/${s1.id}`)).json.email).toBe(false);
    expect((all.items as Json[]).find((i) => i.id === p1.id)?.purchase).toEqual({
      title: 'Filosofi Teras',
      author: 'Henry Manampiring',
      isbn: '9780306406157',
    });

    expect(ids(await ok('GET', '?sort=oldest'))).toEqual([s1.id, s2.id, c1.id, c2.id, p1.id]);
    expect(ids(await ok('GET', '?sort=votes'))).toEqual([s2.id, s1.id, p1.id, c2.id, c1.id]);
    expect(ids(await ok('GET', '?sort=updated'))).toEqual([p1.id, c1.id, s2.id, s1.id, c2.id]);

    const fresh = await ok('GET', '?status=new');
    expect(ids(fresh)).toEqual([c2.id, c1.id, s2.id]);
    expect(fresh.counts).toEqual(all.counts);
    const complaints = await ok('GET', '?kind=complaint');
    expect(ids(complaints)).toEqual([c2.id, c1.id]);
    expect(complaints.counts).toEqual({ new: 2, in_review: 0, planned: 0, done: 0, declined: 0 });
    expect(ids(await ok('GET', '?category=Koleksi'))).toEqual([s1.id]);
    expect(ids(await ok('GET', '?assigned=2'))).toEqual([s1.id]);
    expect(ids(await ok('GET', '?assigned=none'))).toEqual([p1.id, c2.id, c1.id, s2.id]);
    expect(ids(await ok('GET', '?published=1'))).toEqual([c1.id, s2.id, s1.id]);
    expect(ids(await ok('GET', '?published=0&kind=complaint'))).toEqual([c2.id]);

    const search = async (q: string) => ids(await ok('GET', `?q=${encodeURIComponent(q)}`));
    expect(await search('50%')).toEqual([s1.id]);
    expect(await search('%')).toEqual([s1.id]);
    expect(await search('50')).toEqual([s2.id, s1.id]);
    expect(await search('g_b')).toEqual([c1.id]);
    expect(await search('_')).toEqual([c1.id]);
    expect(await search('!')).toEqual([]);
    expect(await search('DISKON')).toEqual([s2.id, s1.id]);
    expect(await search('filosofi')).toEqual([p1.id]);
    expect(await search('Manampiring')).toEqual([p1.id]);
    expect(await search(c2.code)).toEqual([c2.id]);
    expect(await search(c2.code.replace('-', '').toLowerCase())).toEqual([c2.id]);

    const page2 = await ok('GET', '?pageSize=2&page=2');
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(ids(page2)).toEqual([c1.id, s2.id]);

    await ok('POST', `/${c2.id}/merge`, { into: c1.id });
    expect(ids(await ok('GET', '?kind=complaint'))).toEqual([c1.id]);
    const withMerged = await ok('GET', '?kind=complaint&merged=1');
    expect(ids(withMerged)).toEqual([c2.id, c1.id]);
    expect((withMerged.items as Json[])[0]?.mergedInto).toBe(c1.id);
    expect((await ok('GET', '')).counts.new).toBe(2);

    for (const bad of [
      'status=open',
      'kind=pujian',
      'sort=random',
      'assigned=abc',
      'published=yes',
      'pageSize=101',
      'page=0',
    ]) {
      const { status, json } = await staff('GET', `?${bad}`);
      expect(status, bad).toBe(422);
      expect(json.error.code).toBe('validation_failed');
    }
  });

  it('records each status change with who and when, first response and close times, and queues notices', async () => {
    const email = 'anggota.status@contoh.id';
    const item = await create(
      { kind: 'suggestion', text: 'Tambah colokan listrik.', contact: { email }, consent: true },
      'en',
    );
    const t1 = new Date(clock().getTime() + 3_600_000);
    clock.set(t1.toISOString());
    const changed = await ok('PUT', `/${item.id}`, { status: 'in_review' }, librarian);
    const iso = (d: Date) => d.toISOString().replace('.000', '');
    expect(changed.item).toMatchObject({
      status: 'in_review',
      firstResponseAt: iso(t1),
      closedAt: null,
      updatedAt: iso(t1),
    });
    const event = (changed.item.events as Json[]).at(-1);
    expect(event).toMatchObject({
      type: 'status',
      from: 'new',
      to: 'in_review',
      text: null,
      staff: { uid: 2, name: 'Siti Rahmawati' },
      at: iso(t1),
    });
    expect(changed.item.events[0]).toMatchObject({ type: 'created', staff: null });
    expect(changed.item.contact).toMatchObject({ email, phone: null });
    expect(changed.item.watchers).toBe(1);

    const queued = await outbox(handle, email);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.subject).toContain(item.code);
    expect(queued[0]!.subject).toContain('In review');

    clock.advance(86_400_000);
    const t2 = clock();
    const done = await ok('PUT', `/${item.id}`, { status: 'done' });
    expect(done.item).toMatchObject({ status: 'done', firstResponseAt: iso(t1), closedAt: iso(t2) });
    expect((done.item.events as Json[]).at(-1)).toMatchObject({
      from: 'in_review',
      to: 'done',
      staff: { uid: 1, name: 'Administrator' },
    });
    clock.advance(60_000);
    // Between the two closed statuses the first close stands; reopening clears it.
    expect((await ok('PUT', `/${item.id}`, { status: 'declined' })).item.closedAt).toBe(iso(t2));
    clock.advance(60_000);
    expect((await ok('PUT', `/${item.id}`, { status: 'planned' })).item).toMatchObject({
      closedAt: null,
      firstResponseAt: iso(t1),
    });
    const same = await ok('PUT', `/${item.id}`, { status: 'planned' });
    expect((same.item.events as Json[]).filter((e) => e.type === 'status').map((e) => e.to)).toEqual([
      'in_review',
      'done',
      'declined',
      'planned',
    ]);
    expect(await outbox(handle, email)).toHaveLength(4);

    const own = (await (await app.request(`/api/v1/feedback/items/${item.code}`)).json()) as Json;
    expect(own.item.history.map((h: Json) => h.status)).toEqual(['in_review', 'done', 'declined', 'planned']);

    // A reply is a first response too, and a later status change keeps it.
    const replied = await create({ kind: 'question', text: 'Boleh bawa laptop?' });
    clock.advance(600_000);
    const replyAt = clock();
    await ok('POST', `/${replied.id}/replies`, { text: 'Boleh.', visibility: 'private' });
    clock.advance(600_000);
    expect((await ok('PUT', `/${replied.id}`, { status: 'done' })).item.firstResponseAt).toBe(iso(replyAt));
  });

  it('assigns to SLiMS staff, sets categories, and lists staff and categories', async () => {
    const item = await create({ kind: 'complaint', text: 'Parkir sempit.' });
    const assigned = await ok('PUT', `/${item.id}`, { assignedUid: 2 });
    expect(assigned.item.assigned).toEqual({ uid: 2, name: 'Siti Rahmawati' });
    expect((assigned.item.events as Json[]).at(-1)).toMatchObject({
      type: 'assign',
      from: null,
      to: 'Siti Rahmawati',
      staff: { uid: 1 },
    });

    const unknown = await staff('PUT', `/${item.id}?lang=en`, { assignedUid: 999 });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([
      { field: 'assignedUid', message: 'This staff member does not exist in SLiMS.' },
    ]);
    const notNumber = await staff('PUT', `/${item.id}`, {
      assignedUid: 'dua',
      status: 'open',
      published: 'ya',
      category: 'x'.repeat(61),
    });
    expect(notNumber.status).toBe(422);
    expect(notNumber.json.error.details.map((d: Json) => d.field)).toEqual([
      'status',
      'category',
      'assignedUid',
      'published',
    ]);
    expect(notNumber.json.error.details[0].message).toBe('Status tidak dikenal.');

    const several = await ok('PUT', `/${item.id}`, {
      assignedUid: null,
      category: ' Parkir ',
      status: 'in_review',
      published: true,
    });
    expect(several.item).toMatchObject({ assigned: null, category: 'Parkir', status: 'in_review', published: true });
    expect((several.item.events as Json[]).slice(-4).map((e) => [e.type, e.from, e.to])).toEqual([
      ['status', 'new', 'in_review'],
      ['category', null, 'Parkir'],
      ['assign', 'Siti Rahmawati', null],
      ['publish', null, null],
    ]);
    expect((await ok('PUT', `/${item.id}`, { category: '' })).item.category).toBeNull();
    await ok('PUT', `/${item.id}`, { category: 'Parkir' });

    await handle.db.updateTable('user').set({ realname: '' }).where('user_id', '=', 4).execute();
    const people = await ok('GET', '/staff');
    await handle.db.updateTable('user').set({ realname: 'Rina Lubis' }).where('user_id', '=', 4).execute();
    expect(people.staff).toEqual(
      expect.arrayContaining([
        { uid: 1, name: 'Administrator' },
        { uid: 2, name: 'Siti Rahmawati' },
        { uid: 3, name: 'Budi Santoso' },
        { uid: 4, name: 'kasir' },
      ]),
    );
    expect(people.staff).toHaveLength(4);
    const categories = (await ok('GET', '/categories')).categories as string[];
    expect(categories).toEqual([
      'Fasilitas',
      'Jam layanan',
      'Koleksi',
      'Lainnya',
      'Layanan',
      'Parkir',
      'Petugas',
      'Website & OPAC',
    ]);
  });

  it('keeps internal notes, public replies for the board and private replies for the submitter', async () => {
    const email = 'anggota.balas@contoh.id';
    const item = await create({
      kind: 'suggestion',
      text: 'Perpanjang jam buka saat ujian.',
      contact: { email },
      consent: true,
    });
    const note = await staff('POST', `/${item.id}/notes`, { text: '  Bahas di rapat Senin.  ' }, librarian);
    expect(note.status).toBe(201);
    expect((note.json.item.events as Json[]).at(-1)).toMatchObject({
      type: 'note',
      text: 'Bahas di rapat Senin.',
      staff: { uid: 2, name: 'Siti Rahmawati' },
    });
    expect(note.json.item.firstResponseAt).toBeNull();

    clock.advance(60_000);
    const firstAt = clock();
    const first = await staff('POST', `/${item.id}/replies`, {
      text: 'Kami usulkan ke pimpinan.',
      visibility: 'public',
    });
    expect(first.status).toBe(201);
    expect(first.json.item.publicReply).toEqual({
      text: 'Kami usulkan ke pimpinan.',
      at: firstAt.toISOString().replace('.000', ''),
    });
    expect(first.json.item.firstResponseAt).toBe(firstAt.toISOString().replace('.000', ''));
    clock.advance(60_000);
    const second = await ok('POST', `/${item.id}/replies`, {
      text: 'Mulai bulan depan buka sampai 21.00.',
      visibility: 'public',
    });
    expect(second.item.publicReply.text).toBe('Mulai bulan depan buka sampai 21.00.');
    expect(second.item.firstResponseAt).toBe(firstAt.toISOString().replace('.000', ''));
    expect((second.item.events as Json[]).filter((e) => e.type === 'reply_public').map((e) => e.text)).toEqual([
      'Kami usulkan ke pimpinan.',
      'Mulai bulan depan buka sampai 21.00.',
    ]);
    await ok('POST', `/${item.id}/replies`, { text: 'Terima kasih atas usulannya, Bu.', visibility: 'private' });
    expect(await outbox(handle, email)).toHaveLength(3);

    const own = ((await (await app.request(`/api/v1/feedback/items/${item.code}`)).json()) as Json).item;
    expect(own.publicReply.text).toBe('Mulai bulan depan buka sampai 21.00.');
    expect(own.replies.map((r: Json) => r.text)).toEqual(['Terima kasih atas usulannya, Bu.']);
    expect(JSON.stringify(own)).not.toContain('rapat Senin');

    for (const [body, field] of [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(4001), visibility: 'public' }, 'text'],
      [{ text: 'Halo', visibility: 'internal' }, 'visibility'],
    ] as const) {
      const bad = await staff('POST', `/${item.id}/replies`, body);
      expect(bad.status).toBe(422);
      expect(bad.json.error.details.map((d: Json) => d.field)).toContain(field);
    }
    expect((await staff('POST', `/${item.id}/notes`, { text: '' })).status).toBe(422);
    expect((await staff('POST', `/${item.id}/notes`, { text: 'x'.repeat(4001) })).status).toBe(422);
    expect(await outbox(handle, email)).toHaveLength(3);
  });

  it('publishes to the board and hides from it, with an event each', async () => {
    const item = await create({ kind: 'praise', text: 'Koleksi komik lengkap sekali.' });
    const onBoard = async () => {
      const board = (await (await app.request('/api/v1/feedback/board?kind=praise&pageSize=50')).json()) as Json;
      return (board.items as Json[]).some((i) => i.id === item.id);
    };
    expect(await onBoard()).toBe(false);
    await ok('PUT', `/${item.id}`, { published: true });
    expect(await onBoard()).toBe(true);
    const hidden = await ok('PUT', `/${item.id}`, { published: false });
    expect(await onBoard()).toBe(false);
    expect((hidden.item.events as Json[]).slice(-2).map((e) => e.type)).toEqual(['publish', 'hide']);
    const again = await ok('PUT', `/${item.id}`, { published: false });
    expect(again.item.events).toHaveLength(hidden.item.events.length);
  });

  it('merges duplicates: votes count once per voter, watchers follow the kept item without doubles, duplicates leave the board', async () => {
    const kept = await create({
      kind: 'suggestion',
      text: 'Sediakan air minum.',
      contact: { email: 'dewi@contoh.id' },
      consent: true,
    });
    const dup = await create({
      kind: 'suggestion',
      text: 'Tolong ada dispenser.',
      contact: { email: 'DEWI@contoh.id' },
      consent: true,
    });
    const third = await create({
      kind: 'suggestion',
      text: 'Air minum gratis.',
      contact: { email: 'budi@contoh.id' },
      consent: true,
    });
    for (const item of [kept, dup, third]) await ok('PUT', `/${item.id}`, { published: true });
    for (const device of ['merge-voter-1', 'merge-voter-2'])
      expect((await vote(app, kept.id, device)).status).toBe(201);
    for (const device of ['merge-voter-2', 'merge-voter-3']) expect((await vote(app, dup.id, device)).status).toBe(201);
    expect((await vote(app, third.id, 'merge-voter-4')).status).toBe(201);
    expect((await vote(app, third.id, 'merge-voter-1')).status).toBe(201);

    const first = await ok('POST', `/${third.id}/merge`, { into: dup.id });
    expect(first.item).toMatchObject({ id: dup.id, votes: 4, watchers: 2 });
    const merged = await ok('POST', `/${dup.id}/merge`, { into: kept.id }, librarian);
    expect(merged.item).toMatchObject({ id: kept.id, votes: 4, watchers: 2 });
    expect(merged.item.merged).toEqual([
      { id: dup.id, code: dup.code },
      { id: third.id, code: third.code },
    ]);
    expect((merged.item.events as Json[]).at(-1)).toMatchObject({
      type: 'merged_from',
      from: String(dup.id),
      staff: { uid: 2 },
    });
    const voters = await handle.db
      .selectFrom('crm_feedback_vote')
      .select('voter_key')
      .where('feedback_id', '=', kept.id)
      .orderBy('voter_key')
      .execute();
    expect(voters.map((v) => v.voter_key)).toEqual([
      'd:merge-voter-1',
      'd:merge-voter-2',
      'd:merge-voter-3',
      'd:merge-voter-4',
    ]);
    // Watchers stay on their own items and follow the kept one: a public answer reaches both addresses, each
    // quoted against their own item; a private answer reaches only the kept item's own submitter.
    const watchers = await handle.db
      .selectFrom('crm_feedback_watcher')
      .select(['feedback_id', 'email'])
      .orderBy('feedback_id')
      .execute();
    expect(
      watchers.filter((w) => [kept.id, dup.id, third.id].includes(Number(w.feedback_id))).map((w) => w.email),
    ).toEqual(['dewi@contoh.id', 'dewi@contoh.id', 'budi@contoh.id']);
    const before = await handle.db.selectFrom('crm_outbox').select('id').execute();
    await ok('POST', `/${kept.id}/replies`, { text: 'Kami sediakan dispenser di lobi.', visibility: 'public' });
    await ok('POST', `/${kept.id}/replies`, { text: 'Hanya untuk pengusul pertama.', visibility: 'private' });
    const sent = (await handle.db.selectFrom('crm_outbox').selectAll().orderBy('id').execute()).filter(
      (row) => !before.some((b) => b.id === row.id),
    );
    expect(sent.map((row) => [row.recipient, row.subject])).toEqual([
      ['dewi@contoh.id', `Perpustakaan menjawab saran Anda ${kept.code}`],
      ['budi@contoh.id', `Perpustakaan menjawab saran Anda ${third.code}`],
      ['dewi@contoh.id', `Perpustakaan menjawab saran Anda ${kept.code}`],
    ]);
    expect(sent[1]?.body_text).toContain('Air minum gratis.');
    expect(sent[1]?.body_text).not.toContain('Sediakan air minum.');
    expect(
      sent.filter((row) => row.body_text.includes('Hanya untuk pengusul pertama.')).map((row) => row.recipient),
    ).toEqual(['dewi@contoh.id']);
    // The duplicate's submitter, looking it up by its own code, sees the kept item's answer and status.
    const tracked = (await (await app.request(`/api/v1/feedback/items/${third.code}`)).json()) as Json;
    expect(tracked.item).toMatchObject({
      code: third.code,
      text: 'Air minum gratis.',
      publicReply: { text: 'Kami sediakan dispenser di lobi.' },
      replies: [],
    });

    const gone = (await ok('GET', `/${dup.id}`)).item;
    expect(gone).toMatchObject({ mergedInto: kept.id, published: false, votes: 0, watchers: 1 });
    expect((gone.events as Json[]).at(-1)).toMatchObject({ type: 'merged_into', to: String(kept.id) });
    expect((await ok('GET', `/${third.id}`)).item.mergedInto).toBe(kept.id);
    const board = (await (await app.request('/api/v1/feedback/board?kind=suggestion&pageSize=50')).json()) as Json;
    const shown = (board.items as Json[]).filter((i) => [kept.id, dup.id, third.id].includes(i.id));
    expect(shown.map((i) => [i.id, i.votes])).toEqual([[kept.id, 4]]);
    expect((await vote(app, dup.id, 'merge-voter-9')).status).toBe(404);

    const refusals: Array<[number | string, unknown, number, string]> = [
      [kept.id, { into: kept.id }, 409, 'merge_invalid'],
      [dup.id, { into: kept.id }, 409, 'merge_invalid'],
      [kept.id, { into: dup.id }, 409, 'merge_invalid'],
      [kept.id, { into: 999_999_999 }, 409, 'merge_invalid'],
      [999_999_999, { into: kept.id }, 404, 'feedback_not_found'],
      [kept.id, { into: 'dua' }, 422, 'validation_failed'],
    ];
    for (const [id, body, status, code] of refusals) {
      const res = await staff('POST', `/${id}/merge`, body);
      expect(res.status, `${id} ${JSON.stringify(body)}`).toBe(status);
      expect(res.json.error.code).toBe(code);
    }
  });

  it('writes each showing of a submitter’s contact details or member id to the audit log', async () => {
    const withContact = await create({
      kind: 'question',
      text: 'Kapan buka?',
      contact: { phone: '0812 3456 7890' },
      consent: true,
    });
    const bare = await create({ kind: 'question', text: 'Boleh bawa makanan?' });
    // As if sent anonymously: staff then see neither a member id nor a contact.
    await handle.db.updateTable('crm_feedback').set({ anonymous: 1 }).where('id', '=', bare.id).execute();
    await handle.db.deleteFrom('crm_audit_log').execute();
    await ok('GET', `/${withContact.id}`, undefined, librarian);
    await ok('POST', `/${withContact.id}/notes`, { text: 'Telepon balik besok.' });
    await ok('GET', `/${bare.id}`);
    await ok('GET', '');
    const log = await handle.db.selectFrom('crm_audit_log').selectAll().orderBy('id').execute();
    expect(log.map((row) => [row.staff_uid, row.staff_name, row.action, row.subject])).toEqual([
      [2, 'Siti Rahmawati', 'feedback.personal_data', `feedback:${withContact.id}`],
      [1, 'Administrator', 'feedback.personal_data', `feedback:${withContact.id}`],
    ]);
  });

  it('refuses wrong JSON types in staff changes and wrong query parameters, field by field, changing nothing', async () => {
    const { id } = await create({ kind: 'suggestion', text: 'Tipe yang salah.' });
    const events = async () =>
      (await handle.db.selectFrom('crm_feedback_event').select('id').where('feedback_id', '=', id).execute()).length;
    const before = {
      row: await handle.db.selectFrom('crm_feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
      events: await events(),
    };
    const cases: Array<[string, string, Json, string]> = [
      ['PUT', '', { status: 1 }, 'status'],
      ['PUT', '', { status: ['done'] }, 'status'],
      ['PUT', '', { status: null }, 'status'],
      ['PUT', '', { category: 5 }, 'category'],
      ['PUT', '', { category: ['Koleksi'] }, 'category'],
      ['PUT', '', { assignedUid: '2' }, 'assignedUid'],
      ['PUT', '', { assignedUid: 2.5 }, 'assignedUid'],
      ['PUT', '', { published: 'true' }, 'published'],
      ['PUT', '', { published: 1 }, 'published'],
      ['PUT', '', { published: true, lang: 'de' }, 'lang'],
      ['POST', '/notes', { text: 42 }, 'text'],
      ['POST', '/notes', { text: { id: 'x' } }, 'text'],
      ['POST', '/replies', { text: true, visibility: 'public' }, 'text'],
      ['POST', '/replies', { text: 'Terima kasih.', visibility: 1 }, 'visibility'],
      ['POST', '/replies', { text: 'Terima kasih.', visibility: ['public'] }, 'visibility'],
      ['POST', '/merge', { into: String(id) }, 'into'],
      ['POST', '/merge', { into: [id] }, 'into'],
    ];
    for (const [method, path, body, field] of cases) {
      const name = `${method} ${path} ${JSON.stringify(body)}`;
      const res = await staff(method, `/${id}${path}?lang=en`, body);
      expect(res.status, name).toBe(422);
      expect(res.json.error.code, name).toBe('validation_failed');
      expect(
        (res.json.error.details as Json[]).map((d) => d.field),
        name,
      ).toEqual([field]);
      expect(res.json.error.details[0].message, name).toMatch(/^[A-Za-z]/);
    }
    expect(
      await handle.db.selectFrom('crm_feedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual(before.row);
    expect(await events()).toBe(before.events);

    const queries: Array<[string, string]> = [
      ['?page=1e1', 'page'],
      ['?pageSize=0x10', 'pageSize'],
      ['?published=true', 'published'],
      ['?merged=yes', 'merged'],
      ['?assigned=2.0', 'assigned'],
      [`?category=${'k'.repeat(61)}`, 'category'],
      ['?sort=1', 'sort'],
    ];
    for (const [query, field] of queries) {
      const res = await staff('GET', query);
      expect(res.status, query).toBe(422);
      expect(
        (res.json.error.details as Json[]).map((d) => d.field),
        query,
      ).toEqual([field]);
    }
    expect((await staff('GET', '?merged=1&published=0&page=1&pageSize=10')).status).toBe(200);
  });

  it('answers 404 for an unknown item', async () => {
    for (const [method, path, body] of [
      ['GET', '/999999999', undefined],
      ['PUT', '/999999999', { status: 'done' }],
      ['POST', '/999999999/notes', { text: 'x' }],
      ['POST', '/999999999/replies', { text: 'x', visibility: 'public' }],
    ] as const) {
      const res = await staff(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.error.code).toBe('feedback_not_found');
    }
    expect((await staff('GET', '/abc')).status).toBe(404);
  });

  it('guards the inbox by token and SLiMS membership privilege', async () => {
    const item = await create({ kind: 'question', text: 'Siapa yang boleh?' });
    expect((await request(app, null, 'GET', '')).status).toBe(401);
    const readOnly = await staffToken(app, 'tamu');
    expect((await staff('GET', '', undefined, readOnly)).status).toBe(200);
    expect((await staff('GET', `/${item.id}`, undefined, readOnly)).status).toBe(200);
    expect((await staff('GET', '/measures', undefined, readOnly)).status).toBe(200);
    for (const [method, path, body] of [
      ['PUT', `/${item.id}`, { status: 'done' }],
      ['POST', `/${item.id}/notes`, { text: 'x' }],
      ['POST', `/${item.id}/replies`, { text: 'x', visibility: 'public' }],
      ['POST', `/${item.id}/merge`, { into: 1 }],
    ] as const) {
      const denied = await staff(method, path, body, readOnly);
      expect(denied.status, `${method} ${path}`).toBe(403);
      expect(denied.json.error.code).toBe('forbidden');
    }
    expect((await ok('GET', `/${item.id}`)).item.status).toBe('new');
    const cashier = await staffToken(app, 'kasir');
    expect((await staff('GET', '', undefined, cashier)).status).toBe(403);
    // What SLiMS says now decides, not what the token carries: the cashier's token claiming membership rights is refused.
    const claimsMore = (
      await signStaffToken(
        TEST_SECRET,
        { uid: 4, name: 'Rina Lubis', privileges: { membership: { r: true, w: true } } },
        clock(),
      )
    ).token;
    expect((await staff('PUT', `/${item.id}`, { status: 'done' }, claimsMore)).status).toBe(403);
    // A token for an account SLiMS does not have (deleted) is no session.
    const gone = (
      await signStaffToken(
        TEST_SECRET,
        { uid: 9, name: 'Tanpa Akun', privileges: { membership: { r: true, w: true } } },
        clock(),
      )
    ).token;
    expect((await staff('PUT', `/${item.id}`, { status: 'done' }, gone)).status).toBe(401);
    const member = await signMemberToken(TEST_SECRET, 'M2026-0001', clock());
    expect((await staff('GET', '', undefined, member)).status).toBe(401);
    expect((await ok('PUT', `/${item.id}`, { status: 'done' }, librarian)).item.status).toBe('done');
  });
});

describe('duration statistics', () => {
  it('gives the median, mean and nearest-rank 90th percentile in hours', () => {
    expect(durationStats([])).toEqual({ count: 0, medianHours: null, meanHours: null, p90Hours: null });
    expect(durationStats([3])).toEqual({ count: 1, medianHours: 3, meanHours: 3, p90Hours: 3 });
    expect(durationStats([10, 2, 6, 4])).toEqual({ count: 4, medianHours: 5, meanHours: 5.5, p90Hours: 10 });
    expect(durationStats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({
      count: 11,
      medianHours: 6,
      meanHours: 6,
      p90Hours: 10,
    });
    expect(durationStats([1 / 3, 2 / 3])).toEqual({ count: 2, medianHours: 0.5, meanHours: 0.5, p90Hours: 0.7 });
  });
});

describe.each(await availableDatabases())('feedback measures on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock('2026-10-31T12:00:00Z');

  /** Does `fn` with the clock at `iso` and a staff token minted then. */
  async function at<T>(iso: string, fn: (token: string) => Promise<T>): Promise<T> {
    clock.set(iso);
    const { token } = await signStaffToken(
      TEST_SECRET,
      { uid: 1, name: 'Administrator', privileges: { membership: { r: true, w: true } } },
      clock(),
    );
    return fn(token);
  }
  const hoursAfter = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
  const put = (id: number, body: Json) => (token: string) => request(app, token, 'PUT', `/${id}`, body);

  async function item(createdAt: string, kind: string, category: string | null): Promise<number> {
    clock.set(createdAt);
    const { id } = await submit(app, handle, clock(), {
      kind,
      text: `${kind} ${createdAt}`,
      ...(kind === 'purchase' ? { purchase: { title: 'Judul' } } : {}),
    });
    if (category !== null) await at(createdAt, put(id, { category }));
    return id;
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock, testConfig());
    // Outside the range (local 30 Sep 23:00 WIB) and just inside it (local 1 Oct 01:00).
    await item('2026-09-30T16:00:00Z', 'complaint', null);
    await item('2026-09-30T18:00:00Z', 'praise', null);
    const one = await item('2026-10-05T02:00:00Z', 'suggestion', 'Koleksi');
    const dup = await item('2026-10-05T05:00:00Z', 'suggestion', 'Koleksi');
    const two = await item('2026-10-06T10:00:00Z', 'complaint', 'Layanan');
    const three = await item('2026-10-07T20:00:00Z', 'question', null); // local 8 Oct 03:00
    const four = await item('2026-10-13T01:00:00Z', 'suggestion', 'Koleksi');
    await item('2026-10-13T03:00:00Z', 'purchase', 'Koleksi');
    await item('2026-10-20T16:59:00Z', 'praise', null);
    await item('2026-10-26T12:00:00Z', 'complaint', 'Layanan');
    await item('2026-10-29T12:00:00Z', 'suggestion', 'Fasilitas');
    await item('2026-10-31T06:00:00Z', 'question', null);

    const ok = async (res: Promise<{ status: number }>) => expect((await res).status).toBeLessThan(300);
    await ok(at(hoursAfter('2026-10-05T02:00:00Z', 2), put(one, { status: 'in_review' })));
    await ok(at(hoursAfter('2026-10-05T02:00:00Z', 24), put(one, { status: 'done' })));
    // The duplicate's own response (1 h) must not count: it is merged.
    await ok(at(hoursAfter('2026-10-05T05:00:00Z', 1), put(dup, { status: 'in_review' })));
    await ok(
      at(hoursAfter('2026-10-05T05:00:00Z', 3), (token) => request(app, token, 'POST', `/${dup}/merge`, { into: one })),
    );
    await ok(
      at(hoursAfter('2026-10-06T10:00:00Z', 4), (token) =>
        request(app, token, 'POST', `/${two}/replies`, { text: 'Maaf.', visibility: 'private' }),
      ),
    );
    await ok(at(hoursAfter('2026-10-06T10:00:00Z', 48), put(two, { status: 'declined' })));
    await ok(
      at(hoursAfter('2026-10-07T20:00:00Z', 6), (token) =>
        request(app, token, 'POST', `/${three}/replies`, { text: 'Ya.', visibility: 'public' }),
      ),
    );
    await ok(at(hoursAfter('2026-10-13T01:00:00Z', 10), put(four, { status: 'planned' })));
  });
  afterAll(async () => {
    await handle.close();
  });

  const measures = (query: string, lang = 'id') =>
    at('2026-10-31T12:00:00Z', (token) =>
      request(app, token, 'GET', `/measures${query}${query.includes('?') ? '&' : '?'}lang=${lang}`),
    );

  it('measures response and close times, open items by age, and volume by week, kind and category', async () => {
    const { status, json } = await measures('?from=2026-10-01&to=2026-10-31&bucket=week');
    expect(status).toBe(200);
    expect(json).toEqual({
      from: '2026-10-01',
      to: '2026-10-31',
      bucket: 'week',
      firstResponse: { count: 4, medianHours: 5, meanHours: 5.5, p90Hours: 10 },
      close: { count: 2, medianHours: 36, meanHours: 36, p90Hours: 48 },
      openByAge: [
        { bucket: '0-1d', count: 1 },
        { bucket: '1-3d', count: 1 },
        { bucket: '3-7d', count: 1 },
        { bucket: '7-30d', count: 4 },
        { bucket: '30d+', count: 2 },
      ],
      volume: [
        { period: '2026-09-28', kind: 'praise', category: null, count: 1 },
        { period: '2026-10-05', kind: 'suggestion', category: 'Koleksi', count: 2 },
        { period: '2026-10-05', kind: 'complaint', category: 'Layanan', count: 1 },
        { period: '2026-10-05', kind: 'question', category: null, count: 1 },
        { period: '2026-10-12', kind: 'suggestion', category: 'Koleksi', count: 1 },
        { period: '2026-10-12', kind: 'purchase', category: 'Koleksi', count: 1 },
        { period: '2026-10-19', kind: 'praise', category: null, count: 1 },
        { period: '2026-10-26', kind: 'suggestion', category: 'Fasilitas', count: 1 },
        { period: '2026-10-26', kind: 'complaint', category: 'Layanan', count: 1 },
        { period: '2026-10-26', kind: 'question', category: null, count: 1 },
      ],
      byKind: { suggestion: 4, complaint: 2, praise: 2, question: 2, purchase: 1 },
    });
  });

  it('buckets by local day and by month, and takes the range in local days', async () => {
    const days = (await measures('?from=2026-10-01&to=2026-10-08&bucket=day')).json;
    expect(days.volume).toEqual([
      { period: '2026-10-01', kind: 'praise', category: null, count: 1 },
      { period: '2026-10-05', kind: 'suggestion', category: 'Koleksi', count: 2 },
      { period: '2026-10-06', kind: 'complaint', category: 'Layanan', count: 1 },
      { period: '2026-10-08', kind: 'question', category: null, count: 1 },
    ]);
    const months = (await measures('?from=2026-10-01&to=2026-10-31&bucket=month')).json;
    expect(months.volume).toEqual([
      { period: '2026-10-01', kind: 'suggestion', category: 'Fasilitas', count: 1 },
      { period: '2026-10-01', kind: 'suggestion', category: 'Koleksi', count: 3 },
      { period: '2026-10-01', kind: 'complaint', category: 'Layanan', count: 2 },
      { period: '2026-10-01', kind: 'praise', category: null, count: 2 },
      { period: '2026-10-01', kind: 'question', category: null, count: 2 },
      { period: '2026-10-01', kind: 'purchase', category: 'Koleksi', count: 1 },
    ]);
    const lastSeptember = (await measures('?from=2026-09-30&to=2026-09-30')).json;
    expect(lastSeptember.byKind).toEqual({ suggestion: 0, complaint: 1, praise: 0, question: 0, purchase: 0 });
    expect(lastSeptember.firstResponse).toEqual({ count: 0, medianHours: null, meanHours: null, p90Hours: null });
    const byDefault = (await measures('')).json;
    expect(byDefault).toMatchObject({ from: '2026-08-03', to: '2026-10-31', bucket: 'week' });
    expect(byDefault.byKind).toEqual({ suggestion: 4, complaint: 3, praise: 2, question: 2, purchase: 1 });
  });

  it('refuses a bad range or bucket', async () => {
    for (const query of [
      '?from=2026-10-31&to=2026-10-01',
      '?bucket=year',
      '?from=2026-02-30',
      '?to=kemarin',
      '?from=2020-01-01&to=2026-10-01',
    ]) {
      const { status, json } = await measures(query, 'en');
      expect(status, query).toBe(422);
      expect(json.error.code).toBe('validation_failed');
    }
  });

  it('exports the measures as CSV: volume rows, then the summary blocks', async () => {
    const csv = await at('2026-10-31T12:00:00Z', (token) =>
      request(app, token, 'GET', '/measures.csv?from=2026-10-01&to=2026-10-31&bucket=week&lang=en'),
    );
    expect(csv.status).toBe(200);
    expect(csv.res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.res.headers.get('content-disposition')).toBe(
      'attachment; filename="layanan-masukan-2026-10-01-2026-10-31.csv"',
    );
    const bytes = new Uint8Array(await csv.res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      'period,kind,category,count',
      '2026-09-28,Praise,(uncategorised),1',
      '2026-10-05,Suggestion,Koleksi,2',
    ]);
    expect(lines.slice(11)).toEqual([
      '',
      'measure,count,median_hours,mean_hours,p90_hours',
      'first response,4,5,5.5,10',
      'close,2,36,36,48',
      '',
      'open_age,count',
      '0-1d,1',
      '1-3d,1',
      '3-7d,1',
      '7-30d,4',
      '30d+,2',
      '',
      'kind,count',
      'Suggestion,4',
      'Complaint,2',
      'Praise,2',
      'Question,2',
      'Purchase request,1',
      '',
    ]);
    const id = await at('2026-10-31T12:00:00Z', (token) =>
      request(app, token, 'GET', '/measures.csv?from=2026-10-01&to=2026-10-31'),
    );
    expect(new TextDecoder().decode(await id.res.arrayBuffer())).toContain('periode,jenis,kategori,jumlah');
  });
});
