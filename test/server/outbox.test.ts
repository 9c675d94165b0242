// The outbox against a real SMTP server: one row per dedupe key, every message arrives once, failures retry
// with backoff, two senders never send the same message, and a crashed sender's batch is finished by another.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { fromDbTime } from '../../server/db/time.ts';
import { createEmailChannel, type EmailChannel } from '../../server/outbox/email.ts';
import { claim, enqueue, markSent, type NewMessage, type RetryPolicy } from '../../server/outbox/outbox.queries.ts';
import { createSender, type SenderOptions } from '../../server/outbox/sender.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { prepareDatabase, testClock } from '../helpers/app.ts';
import { startMailbox } from '../helpers/mailbox.ts';

const PUBLIC_URL = 'https://crm.perpustakaan.test';
const RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 600_000 };

const message = (n: number, overrides: Partial<NewMessage> = {}): NewMessage => ({
  dedupeKey: `test:${n}`,
  recipient: `anggota${n}@perpustakaan.test`,
  subject: `Pemberitahuan ${n}`,
  text: `Halo anggota ${n}.`,
  ...overrides,
});

const mailbox = await startMailbox();
afterAll(() => mailbox.close());

describe.each(await availableDatabases())('outbox on $name', (database) => {
  let handle: DatabaseHandle;
  let email: EmailChannel;
  const clock = testClock();

  const sender = (owner: string, options: Partial<SenderOptions> = {}) =>
    createSender({
      db: handle.db,
      transport: email.send,
      owner,
      clock,
      batch: 10,
      leaseMs: 60_000,
      retry: RETRY,
      ...options,
    });

  async function enqueueAll(count: number) {
    const rows = [];
    for (let n = 1; n <= count; n++)
      rows.push(await enqueue(handle.db, message(n), clock(), { publicUrl: PUBLIC_URL }));
    return rows;
  }

  const rows = () => handle.db.selectFrom('crm_outbox').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    email = createEmailChannel({ smtpUrl: mailbox.url, from: 'Perpustakaan <layanan@perpustakaan.test>' });
  });
  afterAll(async () => {
    email.close();
    await handle.close();
  });
  beforeEach(async () => {
    await handle.db.deleteFrom('crm_outbox').execute();
    mailbox.reset();
    clock.set('2026-11-23T03:00:00Z');
  });

  it('keeps one message per dedupe key, with a Message-ID in the sidecar domain', async () => {
    const first = await enqueue(handle.db, message(1), clock(), { publicUrl: PUBLIC_URL });
    const again = await enqueue(handle.db, message(1, { subject: 'Another subject' }), clock(), {
      publicUrl: PUBLIC_URL,
    });
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      status: 'pending',
      attempts: 0,
      subject: 'Pemberitahuan 1',
      available_at: '2026-11-23 03:00:00',
      lease_owner: null,
    });
    expect(first.message_id).toMatch(/^<[0-9a-f-]{36}@crm\.perpustakaan\.test>$/);
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => enqueue(handle.db, message(2), clock(), { publicUrl: PUBLIC_URL })),
    );
    expect(new Set(concurrent.map((row) => row.id)).size).toBe(1);
    expect(await rows()).toHaveLength(2);
  });

  it('delivers every message once, with its own Message-ID', async () => {
    const queued = await enqueueAll(25);
    const a = sender('sender-a');
    const runs = [];
    for (let run = await a.runOnce(); run.claimed > 0; run = await a.runOnce()) runs.push(run);
    expect(runs.map((run) => run.sent)).toEqual([10, 10, 5]);
    expect(mailbox.received.map((m) => m.messageId).sort()).toEqual(queued.map((row) => row.message_id).sort());
    expect(mailbox.received.find((m) => m.messageId === queued[0]?.message_id)).toMatchObject({
      to: ['anggota1@perpustakaan.test'],
      messageId: queued[0]?.message_id,
      subject: 'Pemberitahuan 1',
      text: expect.stringContaining('Halo anggota 1.'),
    });
    for (const row of await rows())
      expect(row).toMatchObject({
        status: 'sent',
        sent_at: '2026-11-23 03:00:00',
        lease_owner: null,
        lease_until: null,
      });
  });

  it('retries a temporary SMTP failure after a backoff, then delivers', async () => {
    mailbox.failFirst.add('anggota2@perpustakaan.test');
    const [, second] = await enqueueAll(3);
    const a = sender('sender-a');
    expect(await a.runOnce()).toEqual({ claimed: 3, sent: 2, failed: 1 });
    const waiting = (await rows()).find((row) => row.id === second?.id);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      available_at: '2026-11-23 03:01:00',
      lease_owner: null,
    });
    expect(waiting?.last_error).toMatch(/451/);

    clock.advance(59_000);
    expect((await a.runOnce()).claimed).toBe(0);
    clock.advance(1_000);
    expect(await a.runOnce()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(mailbox.received.map((m) => m.messageId).filter((id) => id === second?.message_id)).toHaveLength(1);
    expect(mailbox.received).toHaveLength(3);
  });

  it('doubles the wait after each failure and gives up after the last attempt', async () => {
    const [row] = await enqueueAll(1);
    const failing = sender('sender-a', { transport: () => Promise.reject(new Error('550 mailbox unavailable')) });
    const waits = [];
    for (let attempt = 1; attempt <= RETRY.maxAttempts; attempt++) {
      expect((await failing.runOnce()).failed).toBe(1);
      const after = await handle.db
        .selectFrom('crm_outbox')
        .selectAll()
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow();
      waits.push(Date.parse(fromDbTime(after.available_at)) - clock().getTime());
      clock.set(fromDbTime(after.available_at));
    }
    expect(waits).toEqual([60_000, 120_000, 0]);
    expect(await rows()).toMatchObject([{ status: 'failed', attempts: 3, last_error: '550 mailbox unavailable' }]);
    clock.advance(24 * 3600_000);
    expect((await failing.runOnce()).claimed).toBe(0);
  });

  it('never sends a message twice when two senders run at once', async () => {
    const queued = await enqueueAll(40);
    const a = sender('sender-a', { batch: 3 });
    const b = sender('sender-b', { batch: 3 });
    let sent = 0;
    for (;;) {
      const runs = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
      sent += runs.reduce((sum, run) => sum + run.sent, 0);
      if (runs.every((run) => run.claimed === 0)) break;
    }
    expect(sent).toBe(40);
    const ids = mailbox.received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(queued.map((row) => row.message_id).sort());
  });

  it('finishes a crashed sender batch after its lease runs out, repeating only the message in flight', async () => {
    const queued = await enqueueAll(10);
    // The crashed sender leases five, delivers the first, and dies before recording anything.
    const inFlight = await claim(handle.db, 'crashed', clock(), { batch: 5, leaseMs: 60_000 });
    expect(inFlight).toHaveLength(5);
    await email.send(inFlight[0]!);

    const survivor = sender('survivor', { batch: 20 });
    expect(await survivor.runOnce()).toEqual({ claimed: 5, sent: 5, failed: 0 });
    clock.advance(59_000);
    expect((await survivor.runOnce()).claimed).toBe(0);
    clock.advance(1_000);
    expect(await survivor.runOnce()).toEqual({ claimed: 5, sent: 5, failed: 0 });
    // The crashed sender, coming back, cannot overwrite rows it no longer holds.
    expect(await markSent(handle.db, inFlight[1]!.id, 'crashed', clock())).toBe(false);

    const ids = mailbox.received.map((m) => m.messageId);
    expect(new Set(ids)).toEqual(new Set(queued.map((row) => row.message_id)));
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(repeated).toEqual([inFlight[0]!.message_id]);
    expect((await rows()).every((row) => row.status === 'sent' && row.lease_owner === null)).toBe(true);
  });

  it('counts a lease that ran out as an attempt, and gives up on a message that stops its sender every time', async () => {
    const [row] = await enqueueAll(1);
    const options = { batch: 5, leaseMs: 60_000, maxAttempts: RETRY.maxAttempts };
    // Each sender takes the row and dies mid-send; the next claim counts the try it never recorded.
    for (let crash = 1; crash <= RETRY.maxAttempts; crash++) {
      const taken = await claim(handle.db, `crashing-${crash}`, clock(), options);
      expect(taken.map((r) => [r.id, r.attempts])).toEqual([[row!.id, crash - 1]]);
      clock.advance(60_000);
    }
    expect(await claim(handle.db, 'next', clock(), options)).toEqual([]);
    expect(await rows()).toMatchObject([
      {
        status: 'failed',
        attempts: RETRY.maxAttempts,
        last_error: 'the sender stopped while sending this message',
        lease_owner: null,
      },
    ]);
    expect(mailbox.received).toEqual([]);
  });

  it('runs on a timer until stopped', async () => {
    await enqueueAll(3);
    const a = sender('sender-a');
    a.start(5);
    for (let i = 0; i < 200 && mailbox.received.length < 3; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    await a.stop();
    expect(mailbox.received).toHaveLength(3);
    // Stopped means stopped: a message queued now waits for the next sender, however many ticks go by.
    await enqueue(handle.db, message(4), clock(), { publicUrl: PUBLIC_URL });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(mailbox.received).toHaveLength(3);
    expect((await rows()).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'pending']);
  });
});
