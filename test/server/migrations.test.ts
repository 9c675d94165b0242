// Both dialects end with the same crm_* tables and columns, and migrating twice changes nothing.
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import {
  applySlimsSubset,
  migrate,
  migrationFiles,
  pendingMigrations,
  splitStatements,
} from '../../server/db/migrate.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { checkSlimsDatabase } from '../../server/db/preflight.ts';
import { checkGrants, leastPrivilegeStatements } from '../../server/db/grants.ts';
import { createMysqlDatabase } from '../helpers/databases.ts';
import { isMysqlReachable, testDatabases } from '../helpers/databases.ts';

async function crmSchema(handle: DatabaseHandle): Promise<Record<string, string[]>> {
  const rows =
    handle.dialect === 'mysql'
      ? (
          await sql<{ t: string; c: string }>`SELECT table_name AS t, column_name AS c FROM information_schema.columns
            WHERE table_schema = DATABASE() AND table_name LIKE 'crm\\_%'`.execute(handle.db)
        ).rows
      : (
          await sql<{
            t: string;
            c: string;
          }>`SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name LIKE 'crm\\_%' ESCAPE '\\'`.execute(handle.db)
        ).rows;
  const schema: Record<string, string[]> = {};
  for (const { t, c } of rows) (schema[t.toLowerCase()] ??= []).push(c.toLowerCase());
  for (const columns of Object.values(schema)) columns.sort();
  return schema;
}

const mysql = await isMysqlReachable();

describe('migrations', () => {
  const handles: DatabaseHandle[] = [];
  afterAll(async () => {
    for (const handle of handles) await handle.close();
  });

  it('ship the same numbered files for both dialects', () => {
    expect(migrationFiles('mysql').map((f) => f.name)).toEqual(migrationFiles('sqlite').map((f) => f.name));
  });

  it('split statements at line-ending semicolons only', () => {
    expect(splitStatements("-- note\nCREATE TABLE a (x TEXT DEFAULT ';');\nCREATE TABLE b (y INT);\n")).toEqual([
      "CREATE TABLE a (x TEXT DEFAULT ';')",
      'CREATE TABLE b (y INT)',
    ]);
  });

  describe('on both databases', () => {
    let schemas: Record<string, Record<string, string[]>> = {};
    beforeAll(async () => {
      schemas = {};
      for (const database of testDatabases()) {
        if (database.name === 'mysql' && !mysql) continue;
        const handle = await database.open();
        handles.push(handle);
        expect(await migrate(handle)).toEqual(migrationFiles(handle.dialect).map((f) => f.name));
        expect(await migrate(handle)).toEqual([]);
        schemas[database.name] = await crmSchema(handle);
      }
    });

    it('create every crm table', () => {
      expect(Object.keys(schemas.sqlite ?? {})).toEqual(
        expect.arrayContaining([
          'crm_auth_failure',
          'crm_migrations',
          'crm_survey',
          'crm_survey_answer',
          'crm_survey_option',
          'crm_survey_question',
          'crm_survey_response',
          'crm_outbox',
        ]),
      );
    });

    it('are all named in the README’s least-privilege grants', () => {
      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
      const granted = [...readme.matchAll(/GRANT [A-Z, ]+ ON slims\.(crm_\w+) TO/g)].map((m) => m[1]).sort();
      expect(granted).toEqual(Object.keys(schemas.sqlite ?? {}).sort());
    });

    it.runIf(mysql)('end with the same tables and columns on MariaDB and SQLite', () => {
      expect(schemas.mysql).toEqual(schemas.sqlite);
    });

    it.runIf(mysql)('make crm tables InnoDB and utf8mb4 on MariaDB', async () => {
      const handle = handles.find((h) => h.dialect === 'mysql');
      if (handle === undefined) throw new Error('no MariaDB handle');
      const rows = await sql<{
        engine: string;
        collation: string;
      }>`SELECT engine, table_collation AS collation FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_name LIKE 'crm\\_%'`.execute(handle.db);
      expect(rows.rows.length).toBeGreaterThan(0);
      for (const row of rows.rows) {
        expect(row.engine).toBe('InnoDB');
        expect(row.collation).toMatch(/^utf8mb4_/);
      }
    });
  });

  it.runIf(mysql)('let the sidecar start with the least-privilege user the README describes', async () => {
    const database = await createMysqlDatabase();
    const admin = await openDatabase({ url: database.url, connections: 1 });
    const user = `crm_lp_${database.name.slice(-6)}`;
    try {
      await applySlimsSubset(admin);
      await migrate(admin);
      // The test account can write everything, SLiMS's tables included: doctor must say so.
      const wide = await checkGrants(admin);
      expect(wide.writableSlimsTables).toEqual(expect.arrayContaining(['member', 'loan', 'biblio']));
      expect(wide.serverWide).toEqual(expect.arrayContaining(['SELECT', 'INSERT']));
      expect(wide.suggested.slice(0, 5)).toEqual([
        "CREATE USER IF NOT EXISTS 'slims_crm'@'localhost' IDENTIFIED BY 'a-long-password';",
        "CREATE USER IF NOT EXISTS 'slims_crm'@'127.0.0.1' IDENTIFIED BY 'a-long-password';",
        "ALTER USER 'slims_crm'@'localhost' IDENTIFIED BY 'a-long-password';",
        "ALTER USER 'slims_crm'@'127.0.0.1' IDENTIFIED BY 'a-long-password';",
        `GRANT SELECT ON \`${database.name}\`.* TO 'slims_crm'@'localhost', 'slims_crm'@'127.0.0.1';`,
      ]);
      // What doctor prints is what an admin runs: a dedicated user for both local host names.
      const crm = (
        await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = DATABASE() AND table_name LIKE 'crm\\_%'`.execute(admin.db)
      ).rows.map((r) => r.name);
      // Twice, the second time with another password, as when doctor is run again: the user takes the new one.
      for (const statement of leastPrivilegeStatements(database.name, crm, 'sandi-lama', user))
        await sql.raw(statement).execute(admin.db);
      for (const statement of leastPrivilegeStatements(database.name, crm, 'sandi-rahasia', user))
        await sql.raw(statement).execute(admin.db);
      const url = new URL(database.url);
      url.username = user;
      url.password = 'sandi-rahasia';
      const sidecar = await openDatabase({ url: url.href, connections: 1 });
      try {
        expect(await checkSlimsDatabase(sidecar)).toBe('9.7');
        expect(await pendingMigrations(sidecar)).toEqual([]);
        expect(await migrate(sidecar)).toEqual([]);
        await expect(sql`DELETE FROM member`.execute(sidecar.db)).rejects.toThrow(/denied/);
        // doctor's reading of these rights: nothing to fix
        const report = await checkGrants(sidecar);
        expect(report.user).toMatch(new RegExp(`^${user}@`));
        expect(report.writableSlimsTables).toEqual([]);
        expect(report.missingOnCrm).toEqual([]);
        expect(report.serverWide).toEqual([]);
        await sql
          .raw(`REVOKE DELETE ON \`${database.name}\`.\`crm_survey\` FROM '${user}'@'localhost'`)
          .execute(admin.db);
        await sql
          .raw(`REVOKE DELETE ON \`${database.name}\`.\`crm_survey\` FROM '${user}'@'127.0.0.1'`)
          .execute(admin.db);
        expect((await checkGrants(sidecar)).missingOnCrm).toEqual([{ table: 'crm_survey', missing: ['DELETE'] }]);
      } finally {
        await sidecar.close();
      }
    } finally {
      for (const host of ['localhost', '127.0.0.1'])
        await sql.raw(`DROP USER IF EXISTS '${user}'@'${host}'`).execute(admin.db);
      await admin.close();
      await database.drop();
    }
  });
});
