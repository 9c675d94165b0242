// The SLiMS plugin's signed webhooks: signature, freshness, event shape and one delivery per event id.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { pluginSecret, verifyWith } from '../../server/auth/secret.ts';
import { pingProof, webhookSignature } from '../../server/hooks/hooks.signature.ts';
import { availableDatabases } from '../helpers/databases.ts';
import { TEST_ORIGIN, TEST_SECRET, buildApp, prepareDatabase, testClock } from '../helpers/app.ts';

type App = ReturnType<typeof buildApp>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const newId = () => randomBytes(16).toString('hex');

function event(overrides: Json = {}): string {
  return JSON.stringify({
    id: newId(),
    event: 'circulation.transaction',
    occurredAt: '2026-11-23T02:59:58Z',
    data: { memberId: 'M2026-0001', loans: [{ itemCode: 'B00012', dueDate: '2026-11-30' }] },
    ...overrides,
  });
}

interface Delivery {
  timestamp?: number | string;
  /** The header value; by default a good signature of timestamp and body. */
  signature?: string;
  /** Sign this body instead of the one sent. */
  signedBody?: string;
  secret?: string;
  headers?: Record<string, string>;
}

describe.each(await availableDatabases())('webhooks on $name', (database) => {
  let handle: DatabaseHandle;
  let app: App;
  const clock = testClock();
  const now = () => Math.floor(clock().getTime() / 1000);

  function deliver(body: string, opts: Delivery = {}) {
    const timestamp = String(opts.timestamp ?? now());
    const signature =
      opts.signature ?? webhookSignature(opts.secret ?? TEST_SECRET, timestamp, opts.signedBody ?? body);
    return app.request('/api/v1/hooks/slims', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slims-Crm-Timestamp': timestamp,
        'X-Slims-Crm-Signature': signature,
        ...opts.headers,
      },
      body,
    });
  }

  async function stored(id?: string): Promise<number> {
    let query = handle.db.selectFrom('crm_webhook_event').select((eb) => eb.fn.countAll<number>().as('n'));
    if (id !== undefined) query = query.where('id', '=', id);
    return Number((await query.executeTakeFirst())?.n ?? 0);
  }

  async function refused(res: Response, status: number, code: string): Promise<Json> {
    expect(res.status).toBe(status);
    const json = (await res.json()) as Json;
    expect(json.error.code).toBe(code);
    expect(typeof json.error.message).toBe('string');
    return json;
  }

  beforeAll(async () => {
    handle = await database.open();
    await prepareDatabase(handle);
    app = buildApp(handle, clock);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('accepts a signed event and keeps it exactly as sent', async () => {
    const id = newId();
    const body = event({
      id,
      event: 'member.updated',
      occurredAt: '2026-11-23T09:58:00+07:00',
      data: { memberId: 'M2026-0001', name: 'Dewi Ayu' },
    });
    const res = await deliver(body);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'accepted' });
    const row = await handle.db
      .selectFrom('crm_webhook_event')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The member tiers' next look runs an incremental run for it.
    expect(await handle.db.selectFrom('crm_tier_run').select('requested_kind').executeTakeFirst()).toEqual({
      requested_kind: 'incremental',
    });
    expect(row).toEqual({
      id,
      event: 'member.updated',
      occurred_at: '2026-11-23 02:58:00',
      received_at: '2026-11-23 03:00:00',
      payload: body,
    });
  });

  it('accepts every event name the plugin sends', async () => {
    for (const name of [
      'circulation.transaction',
      'member.saved',
      'member.updated',
      'biblio.saved',
      'biblio.deleted',
    ]) {
      expect((await deliver(event({ event: name }))).status, name).toBe(202);
    }
  });

  it('refuses a missing, malformed or wrong signature', async () => {
    const before = await stored();
    const body = event();
    const good = webhookSignature(TEST_SECRET, String(now()), body);
    const wrong = await refused(
      await deliver(body, { secret: 'another-secret-another-secret-another' }),
      401,
      'bad_signature',
    );
    expect(wrong.error.details, 'an event sender learns nothing of the sidecar').toBeUndefined();
    await refused(await deliver(body, { signature: '' }), 401, 'bad_signature');
    await refused(await deliver(body, { signature: good.slice(3) }), 401, 'bad_signature');
    await refused(await deliver(body, { signature: `v2=${good.slice(3)}` }), 401, 'bad_signature');
    await refused(
      await deliver(body, { signature: `${good.slice(0, -1)}${good.endsWith('0') ? '1' : '0'}` }),
      401,
      'bad_signature',
    );
    await refused(
      await deliver(body, { timestamp: 'soon', signature: webhookSignature(TEST_SECRET, 'soon', body) }),
      401,
      'bad_signature',
    );
    const unsigned = await app.request('/api/v1/hooks/slims', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    await refused(unsigned, 401, 'bad_signature');
    expect(await stored()).toBe(before);
  });

  it('refuses a tampered body or timestamp', async () => {
    const before = await stored();
    const body = event({ data: { memberId: 'M2026-0001' } });
    await refused(await deliver(body.replace('M2026-0001', 'M2026-0002'), { signedBody: body }), 401, 'bad_signature');
    await refused(await deliver(`${body} `, { signedBody: body }), 401, 'bad_signature');
    const timestamp = now();
    await refused(
      await deliver(body, {
        timestamp: timestamp - 1,
        signature: webhookSignature(TEST_SECRET, String(timestamp), body),
      }),
      401,
      'bad_signature',
    );
    expect(await stored()).toBe(before);
  });

  it('refuses stale and future timestamps beyond five minutes, in the caller language', async () => {
    const before = await stored();
    const stale = await refused(
      await deliver(event(), { timestamp: now() - 301, headers: { 'Accept-Language': 'en' } }),
      401,
      'stale_timestamp',
    );
    expect(stale.error.message).toMatch(/more than 5 minutes/);
    await refused(await deliver(event(), { timestamp: now() + 301 }), 401, 'stale_timestamp');
    await refused(await deliver(event(), { timestamp: 0 }), 401, 'stale_timestamp');
    expect(await stored()).toBe(before);
    expect((await deliver(event(), { timestamp: now() - 300 })).status).toBe(202);
    expect((await deliver(event(), { timestamp: now() + 300 })).status).toBe(202);
  });

  it('refuses a replay with 409 and keeps the event once, even when re-signed later', async () => {
    const id = newId();
    const body = event({ id });
    expect((await deliver(body)).status).toBe(202);
    await refused(await deliver(body), 409, 'replayed');
    clock.advance(120_000);
    await refused(await deliver(body), 409, 'replayed');
    await refused(await deliver(event({ id, event: 'biblio.deleted', data: {} })), 409, 'replayed');
    expect(await stored(id)).toBe(1);
    const row = await handle.db
      .selectFrom('crm_webhook_event')
      .select('payload')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.payload).toBe(body);
  });

  it('stores an event once under concurrent duplicate deliveries', async () => {
    const ids = [newId(), newId(), newId()];
    const requests = [];
    for (const id of ids) {
      const body = event({ id });
      for (let i = 0; i < 8; i++) requests.push((async () => ({ id, status: (await deliver(body)).status }))());
    }
    const results = await Promise.all(requests);
    for (const id of ids) {
      const statuses = results.filter((r) => r.id === id).map((r) => r.status);
      expect(statuses.filter((s) => s === 202)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(7);
      expect(await stored(id)).toBe(1);
    }
  });

  it('refuses a signed body that is not an event with 422 and stores nothing', async () => {
    const before = await stored();
    const cases: Array<[string, string, string[]]> = [
      ['not json', '{"id":', ['body']],
      ['array', '[]', ['body']],
      ['no id', JSON.stringify({ event: 'member.saved', occurredAt: '2026-11-23T03:00:00Z', data: {} }), ['id']],
      ['short id', event({ id: 'abc123' }), ['id']],
      ['upper-case id', event({ id: newId().toUpperCase() }), ['id']],
      ['unknown event', event({ event: 'member.deleted' }), ['event']],
      ['no event', event({ event: undefined }), ['event']],
      ['date only', event({ occurredAt: '2026-11-23' }), ['occurredAt']],
      ['not a time', event({ occurredAt: 'yesterday' }), ['occurredAt']],
      ['data array', event({ data: [] }), ['data']],
      ['data null', event({ data: null }), ['data']],
      [
        'everything wrong',
        JSON.stringify({ id: 1, event: 2, occurredAt: 3, data: 4 }),
        ['id', 'event', 'occurredAt', 'data'],
      ],
      ['id a number', event({ id: 1234567890 }), ['id']],
      ['event a list', event({ event: ['member.saved'] }), ['event']],
      ['occurredAt epoch seconds', event({ occurredAt: 1763866798 }), ['occurredAt']],
      ['occurredAt an object', event({ occurredAt: {} }), ['occurredAt']],
      ['data a string', event({ data: '{"memberId":"M1"}' }), ['data']],
      ['data true', event({ data: true }), ['data']],
      ['a JSON string', JSON.stringify(event()), ['body']],
      ['a number', '42', ['body']],
    ];
    for (const [name, body, fields] of cases) {
      const json = await refused(await deliver(body), 422, 'validation_failed');
      expect(
        (json.error.details as Json[]).map((d) => d.field),
        name,
      ).toEqual(fields);
    }
    expect((await deliver(event({ plugin: '1.0.0' }))).status, 'an extra field is tolerated').toBe(202);
    expect(await stored()).toBe(before + 1);
  });

  it('refuses browsers, other content types and oversized bodies', async () => {
    const before = await stored();
    await refused(await deliver(event(), { headers: { Origin: TEST_ORIGIN } }), 403, 'origin_not_allowed');
    await refused(await deliver(event(), { headers: { Origin: 'https://evil.example' } }), 403, 'origin_not_allowed');
    await refused(await deliver(event(), { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
    await refused(await deliver(event({ data: { padding: 'x'.repeat(70_000) } })), 413, 'body_too_large');
    expect(await stored()).toBe(before);
  });

  it('answers the connection test with a proof only the same secret can make', async () => {
    const nonce = randomBytes(16).toString('hex');
    const body = JSON.stringify({ nonce });
    const ping = (opts: Delivery = {}) => {
      const timestamp = String(now());
      return app.request('/api/v1/hooks/ping', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Slims-Crm-Timestamp': timestamp,
          'X-Slims-Crm-Signature': webhookSignature(opts.secret ?? TEST_SECRET, timestamp, body),
        },
        body,
      });
    };
    const before = await stored();
    const res = await ping();
    expect(res.status).toBe(200);
    const json = (await res.json()) as Json;
    expect(json).toMatchObject({ status: 'paired', proof: pingProof(TEST_SECRET, nonce), secretSource: 'environment' });
    expect(json.proof).not.toBe(pingProof('another-secret-another-secret-another', nonce));
    const other = await refused(await ping({ secret: 'another-secret-another-secret-another' }), 401, 'bad_signature');
    // What the settings page needs to say what to change, and never the secret itself.
    expect(other.error.details).toEqual({ secretSource: 'environment', paired: true });
    expect(JSON.stringify(other)).not.toContain(TEST_SECRET);
    expect(await stored(), 'a ping is no event').toBe(before);
  });
});

describe('a sidecar on a SLiMS database', () => {
  const fresh = 'f'.repeat(64);
  const older = 'e'.repeat(64);

  it('checks signatures with the plugin’s secret, and picks up a replaced one without a restart', async () => {
    let stored: string | null = null;
    const clock = testClock();
    let reads = 0;
    const secret = pluginSecret({
      read: async () => {
        reads++;
        return stored;
      },
      initial: null,
      clock,
    });
    expect(secret.paired).toBe(false);
    const ephemeral = secret.value;
    expect(ephemeral).toMatch(/^[0-9a-f]{64}$/);
    const check = (value: string) => (value === stored ? value : null);
    // The plugin stores its secret after the sidecar started: the first failing check re-reads it.
    stored = fresh;
    clock.advance(3000);
    expect(await verifyWith(secret, check)).toBe(fresh);
    expect(secret).toMatchObject({ paired: true, value: fresh });
    // A burst of bad signatures costs one read per interval, not one each.
    clock.advance(100);
    const before = reads;
    for (let i = 0; i < 20; i++) expect(await verifyWith(secret, () => null)).toBeNull();
    expect(reads - before).toBe(0);
    clock.advance(2500);
    expect(await verifyWith(secret, () => null)).toBeNull();
    expect(reads - before).toBe(1);
    // Replaced on the settings page: picked up at the next signature that fails.
    stored = older;
    clock.advance(2500);
    expect(await verifyWith(secret, check)).toBe(older);
    // The database away for a moment: the secret stays.
    const flaky = pluginSecret({ read: () => Promise.reject(new Error('gone')), initial: fresh, clock });
    clock.advance(5000);
    expect(await flaky.refresh()).toBe(false);
    expect(flaky.value).toBe(fresh);
  });
});
