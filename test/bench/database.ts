// The bench's throwaway MariaDB database: created empty, prepared like the server tests', always dropped.
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { prepareDatabase } from '../helpers/app.ts';
import { createMysqlDatabase } from '../helpers/databases.ts';
import { onCleanup } from './processes.ts';

const SERVER_URL = process.env.CRM_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

export interface BenchDatabase {
  url: string;
  name: string;
  /** A small pool in the bench process, for preparing and checking. */
  handle: DatabaseHandle;
}

/** Creates crm_bench_<random>, registers its drop, then applies the SLiMS subset, migrations and staff. */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const host = new URL(SERVER_URL).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
    throw new Error(`CRM_BENCH_MYSQL_URL must be a loopback address, got ${host}`);
  const database = await createMysqlDatabase({ serverUrl: SERVER_URL, prefix: 'crm_bench_' });
  onCleanup(() => database.drop());
  const handle = await openDatabase({ url: database.url, connections: 2 });
  onCleanup(() => handle.close());
  await prepareDatabase(handle);
  return { url: database.url, name: database.name, handle };
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
