// A database that went away answers 503 with Retry-After in the one error shape, logged once, on SQLite and MariaDB.
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createAvailability, isOutage } from '../../server/db/availability.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { startBackgroundWork } from '../../server/jobs.ts';
import { createSender } from '../../server/outbox/sender.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { freePort } from '../helpers/ports.ts';
import { prepareDatabase, testClock, testConfig, testSecret } from '../helpers/app.ts';

describe('isOutage', () => {
  const coded = (code: string, errno?: number) => Object.assign(new Error(code), { code, errno });
  it.each([
    coded('ECONNREFUSED'),
    coded('PROTOCOL_CONNECTION_LOST'),
    coded('ECONNRESET'),
    coded('ETIMEDOUT'),
    coded('ER_CON_COUNT_ERROR', 1040),
    coded('ER_SERVER_SHUTDOWN', 1053),
    Object.assign(new Error('Lost connection to server during query'), { errno: 2013 }),
    Object.assign(new Error('server has gone away'), { errno: 2006 }),
    new Error('Pool is closed.'),
    coded('SQLITE_BUSY'),
    coded('SQLITE_LOCKED_SHAREDCACHE'),
    Object.assign(new AggregateError([coded('ECONNREFUSED')]), {}),
    new Error('query failed', { cause: coded('ECONNRESET') }),
  ])('an outage: %s', (error) => expect(isOutage(error)).toBe(true));

  it.each([
    new Error('boom'),
    coded('ER_DUP_ENTRY', 1062),
    coded('ER_NO_SUCH_TABLE', 1146),
    coded('SQLITE_CONSTRAINT_UNIQUE'),
    null,
    'ECONNREFUSED',
  ])('not an outage: %s', (error) => expect(isOutage(error)).toBe(false));
});

describe('the availability tracker', () => {
  it('logs one line when the database goes away and one when its check query answers again', async () => {
    const lines: string[] = [];
    const database = (await availableDatabases())[0]!;
    const handle = await database.open();
    try {
      const tracker = createAvailability({ db: handle.db, log: (line) => lines.push(line), checkEveryMs: 5 });
      const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
      expect(tracker.report(refused)).toBe(true);
      expect(tracker.report(refused)).toBe(true);
      expect(tracker.report(new Error('a bug'))).toBe(false);
      expect(tracker.down).toBe(true);
      await vi.waitFor(() => expect(tracker.down).toBe(false));
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/database unavailable.*ECONNREFUSED/);
      expect(lines[1]).toMatch(/database is back/);
      tracker.stop();
    } finally {
      await handle.close();
    }
  });
});

describe('the background loops while the database is away', () => {
  it('the outbox sender and the scheduled jobs leave one line in the log, not one per run', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await migrate(handle);
    await handle.close();
    const lines: string[] = [];
    const tracker = createAvailability({ db: handle.db, log: (line) => lines.push(line), checkEveryMs: 60_000 });
    let reports = 0;
    const counted = Object.assign(Object.create(tracker) as typeof tracker, {
      report: (error: unknown) => {
        reports += 1;
        return tracker.report(error);
      },
    });
    const sender = createSender({
      db: handle.db,
      transport: async () => {},
      owner: 'test',
      log: (line) => lines.push(line),
      availability: counted,
    });
    sender.start(1);
    await vi.waitFor(() => expect(reports).toBeGreaterThanOrEqual(3));
    await sender.stop();
    const background = startBackgroundWork({
      db: handle.db,
      config: testConfig(),
      log: (line) => lines.push(line),
      availability: counted,
      tickEveryMs: 1,
    });
    await vi.waitFor(() => expect(reports).toBeGreaterThanOrEqual(6));
    await background.stop();
    tracker.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/database unavailable/);
  });
});

describe('a MariaDB that refuses connections', () => {
  it('answers 503 database_unavailable with Retry-After (mysql2 ECONNREFUSED), logged once', async () => {
    const handle = await openDatabase({ url: `mysql://root@127.0.0.1:${await freePort()}/slims`, connections: 2 });
    const lines: string[] = [];
    const availability = createAvailability({ db: handle.db, log: (line) => lines.push(line) });
    const config = testConfig({ databaseUrl: 'mysql://root@127.0.0.1/slims' });
    const app = createApp({
      db: handle.db,
      config,
      secret: testSecret(config),
      clock: testClock(),
      cacheTtlMs: 0,
      log: (line) => lines.push(line),
      availability,
      widgetsDir: '/nonexistent',
    });
    try {
      for (const slug of ['jam-layanan', 'kepuasan']) {
        const res = await app.request(`/api/v1/surveys/${slug}?lang=en`);
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
      }
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/database unavailable.*ECONNREFUSED/);
    } finally {
      availability.stop();
      await handle.close();
    }
  });
});

describe.each(await availableDatabases())('a closed database on $name', (database) => {
  it('answers 503 database_unavailable with Retry-After, the health check says degraded, one log line in all', async () => {
    const handle = await database.open();
    await prepareDatabase(handle);
    const lines: string[] = [];
    const availability = createAvailability({ db: handle.db, log: (line) => lines.push(line) });
    const config = testConfig();
    const app = createApp({
      db: handle.db,
      config,
      secret: testSecret(config),
      clock: testClock(),
      cacheTtlMs: 0,
      log: (line) => lines.push(line),
      availability,
      widgetsDir: '/nonexistent',
    });
    const before = await app.request('/api/v1/surveys/nope', { headers: { 'Accept-Language': 'en' } });
    expect(before.status).toBe(404);
    await handle.close();

    for (const lang of ['id', 'en']) {
      const res = await app.request(`/api/v1/surveys/nope?lang=${lang}`);
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toEqual({
        error: {
          code: 'database_unavailable',
          message:
            lang === 'id'
              ? 'Layanan sedang tidak dapat menghubungi basis data. Coba lagi sebentar lagi.'
              : 'The service cannot reach its database right now. Please try again in a moment.',
        },
      });
    }
    const vote = await app.request('/api/v1/surveys/nope/responses', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'outage-key-1',
        'X-Device-Id': 'device-outage-1',
      },
      body: JSON.stringify({ answers: [] }),
    });
    expect(vote.status).toBe(503);
    const health = await app.request('/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).not.toBeNull();
    expect(await health.json()).toMatchObject({ status: 'degraded', database: { ok: false } });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/database unavailable/);
    expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    availability.stop();
  });
});
