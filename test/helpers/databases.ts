// The databases every server suite runs on: a fresh SQLite and, when reachable, a throwaway MariaDB database.
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';

const MYSQL_URL = process.env.CRM_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
/** Set in CI: a missing MariaDB is then a failure, not a skipped suite. */
const REQUIRE_MYSQL = process.env.CRM_REQUIRE_MYSQL === '1';

export interface TestDatabase {
  name: 'sqlite' | 'mysql';
  open(): Promise<DatabaseHandle>;
}

async function serverConnection(serverUrl = MYSQL_URL) {
  const url = new URL(serverUrl);
  return createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
    connectTimeout: 3000,
  });
}

let mysqlReachable: Promise<boolean> | null = null;

export function isMysqlReachable(): Promise<boolean> {
  mysqlReachable ??= serverConnection().then(
    async (connection) => {
      await connection.end();
      return true;
    },
    (error: unknown) => {
      if (REQUIRE_MYSQL)
        throw new Error(`CRM_REQUIRE_MYSQL=1 but MariaDB at ${MYSQL_URL} is not reachable: ${String(error)}`);
      return false;
    },
  );
  return mysqlReachable;
}

/** Creates an empty database on the MariaDB server and returns its URL and a drop function. */
export async function createMysqlDatabase({ serverUrl = MYSQL_URL, prefix = 'crm_test_' } = {}): Promise<{
  url: string;
  name: string;
  drop(): Promise<void>;
}> {
  const name = `${prefix}${randomBytes(6).toString('hex')}`;
  const connection = await serverConnection(serverUrl);
  await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await connection.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    async drop() {
      const c = await serverConnection(serverUrl);
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}

export function testDatabases(): TestDatabase[] {
  return [
    { name: 'sqlite', open: () => openDatabase({ url: null, sqliteFile: ':memory:' }) },
    {
      name: 'mysql',
      async open() {
        const database = await createMysqlDatabase();
        const handle = await openDatabase({ url: database.url, connections: 5 });
        return {
          ...handle,
          async close() {
            await handle.close();
            await database.drop();
          },
        };
      },
    },
  ];
}

/** describe.each-ready list: MariaDB is left out (and said so) only when it is unreachable and not required. */
export async function availableDatabases(): Promise<TestDatabase[]> {
  const all = testDatabases();
  if (await isMysqlReachable()) return all;
  console.warn(`[slims-crm tests] MariaDB at ${MYSQL_URL} not reachable: running on SQLite only`);
  return all.filter((d) => d.name === 'sqlite');
}
