// Notices and the daily digest: what is queued, in which language, once, and what arrives at a real SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import type { FeedbackEventType } from '../../server/db/database.ts';
import { toDbTime } from '../../server/db/time.ts';
import { digestDay, queueDailyDigest } from '../../server/feedback/digest.ts';
import { notifyWatchers, renderNotice } from '../../server/feedback/notices.ts';
import { createApp } from '../../server/app.ts';
import { startBackgroundWork } from '../../server/jobs.ts';
import { TEST_SECRET, prepareDatabase, testClock, testConfig, testSecret } from '../helpers/app.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { startMailbox } from '../helpers/mailbox.ts';

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>';

describe('notice texts', () => {
  it('says a status change in Indonesian and English, as plain text with the member’s words verbatim', () => {
    const input = {
      library: 'Perpustakaan Kota',
      code: 'ABCDE23456',
      kind: 'suggestion' as const,
      body: HOSTILE,
      unsubscribe: 'http://crm.test/notices/unsubscribe?x',
      event: { type: 'status' as const, status: 'planned' as const },
    };
    const id = renderNotice({ ...input, lang: 'id' });
    expect(id.subject).toBe('Saran Anda ABCDE-23456: Direncanakan');
    expect(id.text).toContain('Status masukan yang Anda kirim kini: Direncanakan.');
    expect(id.text).toContain(HOSTILE);
    expect(id.text).toContain('Untuk berhenti menerimanya:\nhttp://crm.test/notices/unsubscribe?x');
    expect(id.text.endsWith('Perpustakaan Kota')).toBe(true);
    const en = renderNotice({ ...input, lang: 'en' });
    expect(en.subject).toBe('Your suggestion ABCDE-23456: Planned');
    expect(en.text).toContain('tracking code ABCDE-23456');
  });

  it('quotes a reply', () => {
    const notice = renderNotice({
      lang: 'id',
      library: null,
      code: 'ABCDE23456',
      kind: 'complaint',
      body: 'AC ruang baca mati.',
      unsubscribe: 'http://crm.test/notices/unsubscribe?x',
      event: { type: 'reply_public', text: 'Sudah diperbaiki hari ini.', status: 'done' },
    });
    expect(notice.subject).toBe('Perpustakaan menjawab keluhan Anda ABCDE-23456');
    expect(notice.text).toContain('Sudah diperbaiki hari ini.');
    expect(notice.text).toContain('Status: Selesai.');
  });

  it('reports the local day before now (WIB) for the digest', () => {
    // 2026-11-23 06:30 WIB is 2026-11-22 23:30 UTC.
    expect(digestDay(new Date('2026-11-22T23:30:00Z'), 420)).toEqual({
      from: new Date('2026-11-21T17:00:00Z'),
      to: new Date('2026-11-22T17:00:00Z'),
      name: '2026-11-22',
      localHour: 6,
    });
  });
});

describe.each(await availableDatabases())('notices on $name', (database) => {
  let handle: DatabaseHandle;
  const clock = testClock('2026-11-23T03:00:00Z');
  const config = testConfig({
    smtpUrl: mailbox.url,
    mailFrom: 'Perpustakaan <layanan@perpustakaan.test>',
    digestTo: ['kepala@perpustakaan.test', 'cro@perpustakaan.test'],
  });
  let serial = 0;

  async function item(values: { body?: string; created?: string; lang?: string; watchers?: string[] } = {}) {
    serial += 1;
    const at = toDbTime(new Date(values.created ?? clock().toISOString()));
    const inserted = await handle.db
      .insertInto('crm_feedback')
      .values({
        code: `ABCDE${String(serial).padStart(5, '2')}`,
        kind: 'suggestion',
        body: values.body ?? 'Tambah jam buka hari Sabtu.',
        purchase_title: null,
        purchase_author: null,
        purchase_isbn: null,
        category: null,
        member_id: null,
        submitter_key: `d:device-${serial}`,
        contact_email: values.watchers?.[0] ?? null,
        contact_phone: null,
        consent_at: values.watchers ? at : null,
        consent_version: values.watchers ? 'feedback-2026-11' : null,
        lang: values.lang ?? 'id',
        network: null,
        idempotency_key: `key-${serial}-${database.name}`,
        assigned_uid: null,
        assigned_name: null,
        merged_into: null,
        public_reply: null,
        public_reply_at: null,
        first_response_at: null,
        closed_at: null,
        created_at: at,
        updated_at: at,
      })
      .executeTakeFirstOrThrow();
    const id = Number(inserted.insertId);
    for (const email of values.watchers ?? []) {
      await handle.db
        .insertInto('crm_feedback_watcher')
        .values({ feedback_id: id, email, lang: values.lang ?? 'id', consent_at: at, created_at: at })
        .execute();
    }
    return id;
  }

  async function event(feedbackId: number, type: FeedbackEventType, values: { to?: string; text?: string } = {}) {
    const inserted = await handle.db
      .insertInto('crm_feedback_event')
      .values({
        feedback_id: feedbackId,
        type,
        from_value: null,
        to_value: values.to ?? null,
        text: values.text ?? null,
        staff_uid: 1,
        staff_name: 'Admin',
        created_at: toDbTime(clock()),
      })
      .executeTakeFirstOrThrow();
    return Number(inserted.insertId);
  }

  const outbox = () => handle.db.selectFrom('crm_outbox').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
  });
  afterAll(() => handle.close());
  beforeEach(async () => {
    await handle.db.deleteFrom('crm_outbox').execute();
    await handle.db.deleteFrom('crm_feedback').execute();
    mailbox.reset();
    clock.set('2026-11-23T03:00:00Z');
  });

  it('queues one notice per watcher and event, in the watcher’s language, once', async () => {
    const id = await item({ watchers: ['anggota@perpustakaan.test', 'teman@perpustakaan.test'], lang: 'en' });
    const status = await event(id, 'status', { to: 'in_review' });
    expect(await notifyWatchers(handle.db, config, TEST_SECRET, { feedbackId: id, eventId: status }, clock())).toBe(2);
    expect(await notifyWatchers(handle.db, config, TEST_SECRET, { feedbackId: id, eventId: status }, clock())).toBe(2);
    const rows = await outbox();
    expect(rows.map((row) => row.recipient)).toEqual(['anggota@perpustakaan.test', 'teman@perpustakaan.test']);
    expect(rows[0]?.subject).toMatch(/^Your suggestion ABCDE-\d{5}: In review$/);
    expect(rows.every((row) => row.dedupe_key.length <= 190)).toBe(true);
  });

  it('queues nothing for notes, for items without watchers, or without a mail server', async () => {
    const watched = await item({ watchers: ['anggota@perpustakaan.test'] });
    expect(
      await notifyWatchers(
        handle.db,
        config,
        TEST_SECRET,
        { feedbackId: watched, eventId: await event(watched, 'note', { text: 'internal' }) },
        clock(),
      ),
    ).toBe(0);
    const quiet = await item();
    expect(
      await notifyWatchers(
        handle.db,
        config,
        TEST_SECRET,
        { feedbackId: quiet, eventId: await event(quiet, 'reply_public', { text: 'ok' }) },
        clock(),
      ),
    ).toBe(0);
    const reply = await event(watched, 'reply_private', { text: 'Terima kasih' });
    expect(
      await notifyWatchers(handle.db, testConfig(), TEST_SECRET, { feedbackId: watched, eventId: reply }, clock()),
    ).toBe(0);
    expect(await outbox()).toEqual([]);
  });

  it('queues the digest of yesterday’s new items after the digest hour, once per address and day', async () => {
    // 2026-11-22 in WIB runs from 2026-11-21T17:00Z to 2026-11-22T17:00Z.
    await item({ created: '2026-11-21T16:59:59Z', body: 'the day before' });
    await item({ created: '2026-11-21T17:00:00Z', body: HOSTILE });
    await item({ created: '2026-11-22T16:59:59Z', body: 'Tambah koleksi komik.' });
    await item({ created: '2026-11-22T17:00:00Z', body: 'today' });

    clock.set('2026-11-22T23:59:00Z'); // 06:59 WIB
    expect(await queueDailyDigest(handle.db, config, clock())).toBe('not_due');
    clock.set('2026-11-23T00:00:00Z'); // 07:00 WIB
    expect(await queueDailyDigest(handle.db, config, clock())).toBe('queued');
    expect(await queueDailyDigest(handle.db, config, clock())).toBe('already_queued');
    const rows = await outbox();
    expect(rows.map((row) => row.recipient)).toEqual(['kepala@perpustakaan.test', 'cro@perpustakaan.test']);
    expect(rows[0]?.subject).toBe('Kotak saran: 2 masukan baru pada 22 November 2026');
    expect(rows[0]?.body_text).toContain(HOSTILE);
    expect(rows[0]?.body_text).toContain('Tambah koleksi komik.');
    expect(rows[0]?.body_text).not.toMatch(/the day before|today/);
    expect(rows[0]?.body_text).toContain('Seluruh masukan yang belum selesai: 4.');
    expect(rows[0]?.body_text).toContain('http://crm.test/admin');

    clock.set('2026-11-25T01:00:00Z');
    expect(await queueDailyDigest(handle.db, config, clock())).toBe('nothing_new');
    expect(await queueDailyDigest(handle.db, testConfig(), clock())).toBe('off');
  });

  it('stops every notice to an address at once from the link in a notice, and only with a genuine link', async () => {
    const app = createApp({
      db: handle.db,
      config,
      secret: testSecret(),
      clock,
      log: () => {},
      widgetsDir: '/nonexistent',
    });
    const first = await item({ watchers: ['Anggota@Perpustakaan.test'] });
    const second = await item({ watchers: ['anggota@perpustakaan.test'] });
    const other = await item({ watchers: ['teman@perpustakaan.test'] });
    await notifyWatchers(
      handle.db,
      config,
      TEST_SECRET,
      { feedbackId: first, eventId: await event(first, 'status', { to: 'planned' }) },
      clock(),
    );
    await notifyWatchers(
      handle.db,
      config,
      TEST_SECRET,
      { feedbackId: other, eventId: await event(other, 'status', { to: 'planned' }) },
      clock(),
    );
    const link = /^http:\/\/crm\.test(\/notices\/unsubscribe\?\S+)$/m.exec((await outbox())[0]!.body_text)?.[1];
    expect(link).toMatch(/email=anggota%40perpustakaan\.test&sig=[0-9a-f]{32}&lang=id$/);

    // Opening the link only asks (mail scanners open links); a forged signature is refused.
    const asked = await app.request(link!);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('<form method="post">');
    expect((await handle.db.selectFrom('crm_feedback_watcher').select('id').execute()).length).toBe(3);
    const forged = await app.request(link!.replace(/sig=[0-9a-f]{4}/, 'sig=0000'), { method: 'POST' });
    expect(forged.status).toBe(400);
    expect((await handle.db.selectFrom('crm_feedback_watcher').select('id').execute()).length).toBe(3);

    const stopped = await app.request(link!, { method: 'POST' });
    expect(stopped.status).toBe(200);
    expect(await stopped.text()).toContain('Kami tidak akan lagi mengirim pemberitahuan');
    const watchers = await handle.db.selectFrom('crm_feedback_watcher').select(['feedback_id', 'email']).execute();
    expect(watchers.map((w) => [Number(w.feedback_id), w.email])).toEqual([[other, 'teman@perpustakaan.test']]);
    expect((await outbox()).map((row) => row.recipient)).toEqual(['teman@perpustakaan.test']);
    const items = await handle.db
      .selectFrom('crm_feedback')
      .select(['id', 'contact_email'])
      .where('id', 'in', [first, second])
      .execute();
    expect(items.map((row) => row.contact_email)).toEqual([null, null]);
    expect(
      await notifyWatchers(
        handle.db,
        config,
        TEST_SECRET,
        { feedbackId: second, eventId: await event(second, 'status', { to: 'done' }) },
        clock(),
      ),
    ).toBe(0);
  });

  it('delivers queued notices through the sidecar’s background sender to the SMTP server', async () => {
    const id = await item({ watchers: ['anggota@perpustakaan.test'] });
    await notifyWatchers(
      handle.db,
      config,
      TEST_SECRET,
      { feedbackId: id, eventId: await event(id, 'reply_private', { text: 'Buku sudah kami pesan.' }) },
      clock(),
    );
    const background = startBackgroundWork({
      db: handle.db,
      config: { ...config, digestTo: [] },
      sendEveryMs: 10,
      log: () => {},
    });
    try {
      for (let i = 0; i < 300 && mailbox.received.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      await background.stop();
    }
    expect(mailbox.received).toHaveLength(1);
    expect(mailbox.received[0]).toMatchObject({
      to: ['anggota@perpustakaan.test'],
      subject: expect.stringMatching(/^Perpustakaan menjawab saran Anda ABCDE-/),
    });
    expect(mailbox.received[0]?.text).toContain('Buku sudah kami pesan.');
    expect((await outbox())[0]?.status).toBe('sent');
  });
});
