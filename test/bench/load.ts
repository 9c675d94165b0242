// Load generation with autocannon, in the bench process (the servers under test run in their own).
import autocannon, { type Options, type Result } from 'autocannon';

export interface LoadSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Measured {
  /** Successful (2xx) responses per second over the measured run. */
  perSecond: number;
  p99: number;
  result: Result;
}

const successes = (result: Result) =>
  Object.entries(result.statusCodeStats).reduce(
    (sum, [status, stat]) => (status.startsWith('2') ? sum + Number(stat.count) : sum),
    0,
  );

async function run(options: Options): Promise<Result> {
  return await autocannon({ timeout: 10, ...options });
}

/** A warm-up run, then the measured run with the same settings. */
export async function measureGet(
  url: string,
  headers: Record<string, string>,
  settings: LoadSettings,
): Promise<Measured> {
  const options = { url, headers, connections: settings.connections };
  await run({ ...options, duration: settings.warmupSeconds });
  const result = await run({ ...options, duration: settings.seconds });
  return { perSecond: successes(result) / result.duration, p99: result.latency.p99, result };
}

export interface WriteRun extends Measured {
  /** Idempotency keys the server answered 201 for. */
  acknowledged: Set<string>;
  /** Keys sent; those not answered were in flight (or timed out) when the run stopped. */
  sent: number;
  statuses: Record<string, number>;
}

/** POSTs where every request is a new voter (device id) with a new Idempotency-Key starting with `prefix`. */
export async function measureWrites(
  url: string,
  origin: string,
  body: (n: number) => string,
  prefix: string,
  seconds: number,
  connections: number,
): Promise<WriteRun> {
  let sent = 0;
  const acknowledged = new Set<string>();
  const result = await run({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const n = ++sent;
          const key = `${prefix}${n}`;
          context.key = key;
          return {
            ...request,
            headers: {
              'Content-Type': 'application/json',
              Origin: origin,
              'Idempotency-Key': key,
              'X-Device-Id': `dev-${key}`,
            },
            body: body(n),
          };
        },
        onResponse: (status, _body, context) => {
          if (status === 201) acknowledged.add(context.key as string);
        },
      },
    ],
  });
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, stat]) => [status, Number(stat.count)]),
  );
  return {
    perSecond: (statuses['201'] ?? 0) / result.duration,
    p99: result.latency.p99,
    result,
    acknowledged,
    sent,
    statuses,
  };
}

export interface StormRun {
  keys: string[];
  statuses: Record<string, number>;
  failures: number;
  seconds: number;
}

/** `keyCount` votes, each sent three times at once with one Idempotency-Key, `parallel` votes at a time. */
export async function retryStorm(
  url: string,
  origin: string,
  body: (n: number) => string,
  prefix: string,
  keyCount: number,
  parallel: number,
): Promise<StormRun> {
  const keys = Array.from({ length: keyCount }, (_, i) => `${prefix}${i + 1}`);
  const statuses: Record<string, number> = {};
  let failures = 0;
  let next = 0;
  const send = async (key: string, n: number) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Origin: origin,
          'Idempotency-Key': key,
          'X-Device-Id': `dev-${key}`,
        },
        body: body(n),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    } catch {
      failures++;
    }
  };
  const worker = async () => {
    while (next < keys.length) {
      const n = next++;
      await Promise.all([0, 1, 2].map(() => send(keys[n]!, n)));
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, worker));
  return { keys, statuses, failures, seconds: (performance.now() - started) / 1000 };
}
