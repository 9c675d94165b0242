// Applies the numbered crm_* migrations in sql/<dialect>/, and the SLiMS subset used by the demo and tests.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle, Dialect } from './connection.ts';
import type { Database } from './database.ts';
import { toDbTime } from './time.ts';

const sqlRoot = fileURLToPath(new URL('../../sql/', import.meta.url));

export const MIGRATION_TABLE = 'crm_migrations';

interface MigrationFile {
  name: string;
  statements: string[];
}

export function splitStatements(text: string): string[] {
  return text
    .split(/;[ \t]*(?:\r?\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
}

function readFolder(folder: string): MigrationFile[] {
  return readdirSync(folder)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((name) => ({ name, statements: splitStatements(readFileSync(`${folder}/${name}`, 'utf8')) }));
}

export function migrationFiles(dialect: Dialect): MigrationFile[] {
  return readFolder(`${sqlRoot}${dialect}`);
}

async function hasMigrationTable(db: Kysely<Database>, dialect: Dialect): Promise<boolean> {
  const rows =
    dialect === 'mysql'
      ? await sql<{ n: number }>`SELECT COUNT(*) AS n FROM information_schema.tables
          WHERE table_schema = DATABASE() AND table_name = ${MIGRATION_TABLE}`.execute(db)
      : await sql<{
          n: number;
        }>`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${MIGRATION_TABLE}`.execute(db);
  return Number(rows.rows[0]?.n ?? 0) > 0;
}

async function appliedMigrations(db: Kysely<Database>, dialect: Dialect): Promise<Set<string>> {
  if (!(await hasMigrationTable(db, dialect))) return new Set();
  return new Set((await db.selectFrom('crm_migrations').select('name').execute()).map((row) => row.name));
}

/** The names of migrations not yet applied; reads only, so a sidecar with SELECT rights can ask. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const done = await appliedMigrations(handle.db, handle.dialect);
  return migrationFiles(handle.dialect)
    .map((f) => f.name)
    .filter((name) => !done.has(name));
}

/**
 * Applies pending migrations; returns the names applied. Safe to run from several sidecars at once.
 * With nothing pending it only reads, so the sidecar's own least-privilege user can start it (README).
 */
export async function migrate(handle: DatabaseHandle, log: (line: string) => void = () => {}): Promise<string[]> {
  if ((await pendingMigrations(handle)).length === 0) return [];
  const files = migrationFiles(handle.dialect);
  return handle.db.connection().execute(async (db) => {
    if (handle.dialect === 'mysql') {
      const lock = await sql<{ got: number | null }>`SELECT GET_LOCK('slims_crm_migrate', 60) AS got`.execute(db);
      if (lock.rows[0]?.got !== 1) throw new Error('Could not take the migration lock (slims_crm_migrate) within 60 s');
    }
    try {
      if (!(await hasMigrationTable(db, handle.dialect))) await createMigrationTable(db, handle.dialect);
      // Read again under the lock: another sidecar may have applied some meanwhile.
      const done = await appliedMigrations(db, handle.dialect);
      const applied: string[] = [];
      for (const file of files) {
        if (done.has(file.name)) continue;
        log(`migrate: ${file.name}`);
        if (handle.dialect === 'sqlite') {
          // SQLite DDL is transactional: a failed migration leaves nothing behind.
          await db.transaction().execute(async (trx) => {
            for (const statement of file.statements) await sql.raw(statement).execute(trx);
            await trx
              .insertInto('crm_migrations')
              .values({ name: file.name, applied_at: toDbTime(new Date()) })
              .execute();
          });
        } else {
          for (const statement of file.statements) await sql.raw(statement).execute(db);
          await db
            .insertInto('crm_migrations')
            .values({ name: file.name, applied_at: toDbTime(new Date()) })
            .execute();
        }
        applied.push(file.name);
      }
      return applied;
    } finally {
      if (handle.dialect === 'mysql') await sql`SELECT RELEASE_LOCK('slims_crm_migrate')`.execute(db);
    }
  });
}

async function createMigrationTable(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const suffix = dialect === 'mysql' ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '';
  const type = dialect === 'mysql' ? 'DATETIME' : 'TEXT';
  await sql
    .raw(
      `CREATE TABLE IF NOT EXISTS ${MIGRATION_TABLE} (name VARCHAR(255) NOT NULL PRIMARY KEY, applied_at ${type} NOT NULL)${suffix}`,
    )
    .execute(db);
}

/** Creates the subset of SLiMS's own schema that the demo library and the tests need. Never for a real SLiMS. */
export async function applySlimsSubset(handle: DatabaseHandle): Promise<void> {
  for (const file of readFolder(`${sqlRoot}slims/${handle.dialect}`)) {
    for (const statement of file.statements) await sql.raw(statement).execute(handle.db);
  }
}
