// The bench's throwaway MariaDB database: created empty, prepared like the server tests', always dropped.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { prepareDatabase } from '../helpers/app.ts';
import { onCleanup } from './processes.ts';

const SERVER_URL = process.env.CRM_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

async function serverConnection() {
  const url = new URL(SERVER_URL);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`CRM_BENCH_MYSQL_URL must be a loopback address, got ${url.hostname}`);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    connectTimeout: 3000,
  });
}

export interface BenchDatabase {
  url: string;
  name: string;
  /** A small pool in the bench process, for preparing and checking. */
  handle: DatabaseHandle;
}

/** Creates crm_bench_<random>, registers its drop, then applies the SLiMS subset, migrations and staff. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `crm_bench_${randomBytes(6).toString('hex')}`;
  const connection = await serverConnection();
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  onCleanup(async () => {
    const c = await serverConnection();
    try {
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await c.end();
    }
  });
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.href, connections: 2 });
  onCleanup(() => handle.close());
  await prepareDatabase(handle);
  await addPluginsTable(handle);
  return { url: url.href, name, handle };
}

/**
 * The real sidecar's start-up check dates a SLiMS database by its `plugins` table (9.4+), which the
 * SLiMS subset in sql/slims does not hold; this is that table as SLiMS 9.4 declares it.
 */
async function addPluginsTable(handle: DatabaseHandle): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS plugins (
    id VARCHAR(32) NOT NULL,
    path TEXT NOT NULL,
    options JSON NULL,
    created_at DATETIME NOT NULL,
    deleted_at DATETIME NULL,
    uid INT(11) NOT NULL,
    PRIMARY KEY (id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(handle.db);
}

/** Responses and answer rows whose idempotency key starts with `prefix`, per key. */
export async function responsesByKey(handle: DatabaseHandle, surveyId: number, prefix: string) {
  const rows = await handle.db
    .selectFrom('crm_survey_response as r')
    .leftJoin('crm_survey_answer as a', 'a.response_id', 'r.id')
    .where('r.survey_id', '=', surveyId)
    .where('r.idempotency_key', 'like', `${prefix}%`)
    .select(['r.idempotency_key as key', 'r.id as responseId', 'a.id as answerId'])
    .execute();
  const responses = new Map<string, Set<number>>();
  let answers = 0;
  for (const row of rows) {
    const ids = responses.get(row.key) ?? new Set<number>();
    ids.add(Number(row.responseId));
    responses.set(row.key, ids);
    if (row.answerId !== null) answers++;
  }
  const total = [...responses.values()].reduce((sum, ids) => sum + ids.size, 0);
  return { responses, total, answers };
}
