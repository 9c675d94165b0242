// A retry storm through a MariaDB restart: many devices vote on the demo poll through a real sidecar process while
// a private MariaDB is killed and started again. Answers during the outage are 503 with Retry-After in the one
// error shape (never 500), the sidecar logs one "down" and one "back" line, and every acknowledged vote is
// stored exactly once. Needs the MariaDB binaries (mariadbd, mariadb-install-db); CRM_REQUIRE_MYSQL=1 makes
// their absence a failure rather than a skip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../../server/db/connection.ts';
import { applySlimsSubset, migrate } from '../../server/db/migrate.ts';
import { DEMO_POLL } from '../../server/site/pages.ts';
import { ensureDemoContent } from '../../server/site/demo-content.ts';
import { findMariadb, startPrivateMariadb, type PrivateMariadb } from '../helpers/private-mariadb.ts';
import { freePort, startSidecar, type SidecarProcess } from '../helpers/sidecar-process.ts';

const binaries = findMariadb();
if (binaries === null && process.env.CRM_REQUIRE_MYSQL === '1') {
  throw new Error(
    'CRM_REQUIRE_MYSQL=1 but mariadbd and mariadb-install-db were not found: the retry-storm test cannot start its private MariaDB',
  );
}
if (binaries === null) console.warn('[slims-crm tests] mariadbd not found: the retry-storm test is skipped');

const DEVICES = 150;
const DATABASE = 'crm_storm';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

describe.skipIf(binaries === null)('a retry storm while MariaDB restarts', () => {
  let mariadb: PrivateMariadb;
  let sidecar: SidecarProcess;
  let question = 0;
  let option = 0;

  beforeAll(async () => {
    mariadb = await startPrivateMariadb(binaries!);
    const admin = await createConnection({ host: '127.0.0.1', port: mariadb.port, user: 'root' });
    await admin.query(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = `${mariadb.url}${DATABASE}`;
    const handle = await openDatabase({ url, connections: 2 });
    try {
      await applySlimsSubset(handle);
      await migrate(handle);
      await ensureDemoContent(handle, new Date());
    } finally {
      await handle.close();
    }
    const port = await freePort();
    sidecar = await startSidecar({ CRM_DATABASE_URL: url, CRM_DEMO: '1', CRM_NETWORK_LIMIT: '100000' }, port, {
      startTimeoutMs: 120_000,
    });
    const poll = (await (await fetch(`${sidecar.url}/api/v1/surveys/${DEMO_POLL}`)).json()) as {
      survey: { questions: Array<{ id: number; options: Array<{ id: number }> }> };
    };
    question = poll.survey.questions[0]!.id;
    option = poll.survey.questions[0]!.options[0]!.id;
  }, 180_000);

  afterAll(async () => {
    await sidecar?.stop();
    await mariadb?.dispose();
  });

  it('answers 503 + Retry-After while it is down, logs it twice, and stores each acknowledged vote once', async () => {
    const answers: Answer[] = [];
    const acknowledged = new Map<string, number>();
    const run = Math.random().toString(36).slice(2, 8);
    let waiting: { count: () => boolean; done: () => void } | null = null;
    const heard = () => {
      if (waiting?.count()) waiting.done();
    };
    const until = (count: () => boolean, what: string) =>
      new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`timed out waiting for ${what}`)), 60_000);
        waiting = {
          count,
          done: () => {
            clearTimeout(timer);
            waiting = null;
            done();
          },
        };
        heard();
      });

    // A client as the widgets are: the same Idempotency-Key on every try, again after a 5xx or a dropped
    // connection, waiting as Retry-After asks (capped, here at 1 s, to keep the test short).
    async function vote(device: string): Promise<void> {
      const key = `storm-${device}`;
      const giveUp = Date.now() + 120_000;
      for (let attempt = 0; Date.now() < giveUp; attempt++) {
        let wait = 200;
        try {
          const res = await fetch(`${sidecar.url}/api/v1/surveys/${DEMO_POLL}/responses`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key, 'X-Device-Id': device },
            body: JSON.stringify({ answers: [{ questionId: question, optionIds: [option] }] }),
            signal: AbortSignal.timeout(20_000),
          });
          const answer: Answer = {
            status: res.status,
            retryAfter: res.headers.get('retry-after'),
            body: await res.json().catch(() => null),
          };
          answers.push(answer);
          heard();
          if (res.status === 201 || res.status === 200) {
            acknowledged.set(device, res.status);
            heard();
            return;
          }
          if (res.status < 500) return;
          if (answer.retryAfter !== null) wait = Math.min(Number(answer.retryAfter), 1) * 1000;
        } catch {
          // the connection dropped or timed out: try again with the same key
        }
        await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
      }
    }

    const devices = Array.from({ length: DEVICES }, (_, i) => `storm-${run}-${String(i).padStart(3, '0')}`);
    const votes: Array<Promise<void>> = [];
    const launching = (async () => {
      for (const device of devices) {
        votes.push(vote(device));
        await new Promise((r) => setTimeout(r, 10));
      }
    })();

    // Kill MariaDB mid-burst, once some votes are in; start it again once the outage has been answered a few times.
    await until(() => acknowledged.size >= 15, '15 acknowledged votes');
    await mariadb.kill();
    await until(() => answers.filter((a) => a.status === 503).length >= 10, 'ten 503 answers');
    await mariadb.start();
    await launching;
    await Promise.all(votes);
    await sidecar.waitForOutput(/database is back/);

    // During the outage: 503 in the one shape, with Retry-After; never a 500 or any other failure.
    const failures = answers.filter((a) => a.status !== 200 && a.status !== 201);
    expect(failures.length).toBeGreaterThanOrEqual(10);
    expect(new Set(failures.map((a) => a.status))).toEqual(new Set([503]));
    for (const failure of failures) {
      expect(Number(failure.retryAfter)).toBeGreaterThan(0);
      expect(failure.body).toEqual({
        error: {
          code: 'database_unavailable',
          message: 'Layanan sedang tidak dapat menghubungi basis data. Coba lagi sebentar lagi.',
        },
      });
    }

    // The log: one line down, one line back, no stack trace per request.
    const log = sidecar.output();
    expect(log.match(/database unavailable/g)).toHaveLength(1);
    expect(log.match(/database is back/g)).toHaveLength(1);
    expect(log).not.toMatch(/\n\s+at /);
    expect(log).not.toMatch(/failed: /);

    // Nothing lost, nothing twice: every device was acknowledged, and each has exactly one response with one answer.
    expect(acknowledged.size).toBe(DEVICES);
    const check = await createConnection({ host: '127.0.0.1', port: mariadb.port, user: 'root', database: DATABASE });
    try {
      const [rows] = await check.query(
        `SELECT r.voter_key AS voter, COUNT(DISTINCT r.id) AS responses, COUNT(a.id) AS answers
           FROM crm_survey_response r LEFT JOIN crm_survey_answer a ON a.response_id = r.id
          WHERE r.voter_key LIKE ? GROUP BY r.voter_key`,
        [`d:storm-${run}-%`],
      );
      const stored = new Map(
        (rows as Array<{ voter: string; responses: number; answers: number }>).map((row) => [row.voter.slice(2), row]),
      );
      expect([...stored.keys()].sort()).toEqual([...acknowledged.keys()].sort());
      for (const row of stored.values()) expect([Number(row.responses), Number(row.answers)]).toEqual([1, 1]);
    } finally {
      await check.end();
    }

    // And the sidecar goes on working on the reconnected pool.
    const health = await fetch(`${sidecar.url}/api/v1/health`);
    expect(health.status).toBe(200);
  }, 240_000);
});
