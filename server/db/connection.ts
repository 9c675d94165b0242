// Opens the database: MySQL/MariaDB (a SLiMS database) or the embedded SQLite file.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect } from 'kysely';
import { createPool } from 'mysql2';
import type { Database } from './database.ts';

export type Dialect = 'mysql' | 'sqlite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface OpenOptions {
  url: string | null;
  dataDir?: string;
  sqliteFile?: string;
  /** Pool size for MySQL. */
  connections?: number;
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  return options.url === null ? openSqlite(options) : openMysql(options.url, options.connections ?? 10);
}

function openSqlite(options: OpenOptions): DatabaseHandle {
  const file = options.sqliteFile ?? resolve(options.dataDir ?? 'data', 'slims-crm.sqlite');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

function openMysql(url: string, connections: number): DatabaseHandle {
  const parsed = new URL(url);
  const pool = createPool({
    host: parsed.hostname,
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    connectionLimit: connections,
    // Every time stays a string: DATE 'YYYY-MM-DD', DATETIME 'YYYY-MM-DD HH:MM:SS' (crm_* in UTC).
    dateStrings: true,
    timezone: 'Z',
    decimalNumbers: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    charset: 'utf8mb4_unicode_ci',
    connectTimeout: 5000,
  });
  pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  return { db, dialect: 'mysql', close: () => db.destroy() };
}
