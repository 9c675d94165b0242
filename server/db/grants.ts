// What the database user may do, read from information_schema: SLiMS tables must be read-only to it,
// crm_* tables readable and writable. Used by `npm run doctor`.
import { sql } from 'kysely';
import type { DatabaseHandle } from './connection.ts';
import { existingTables } from './preflight.ts';

const WRITES = ['INSERT', 'UPDATE', 'DELETE', 'ALTER', 'DROP', 'CREATE', 'INDEX'];
const NEEDED = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

export interface GrantReport {
  user: string;
  /** SLiMS tables this user could change (all of them when the right is database- or server-wide). */
  writableSlimsTables: string[];
  /** crm_* tables missing a right the sidecar needs, with the rights missing. */
  missingOnCrm: Array<{ table: string; missing: string[] }>;
  /** Rights this user holds on every database of the server (beyond USAGE): far more than a sidecar needs. */
  serverWide: string[];
  /** Statements that create a dedicated user with the least a sidecar needs (see leastPrivilegeStatements). */
  suggested: string[];
  schema: string;
}

/**
 * CREATE USER and GRANT statements for a sidecar's own account: SELECT on SLiMS, full rights on each crm_*
 * table. For both 'localhost' and '127.0.0.1': MySQL and MariaDB tell the two apart, and with
 * skip_name_resolve a connection to 127.0.0.1 does not match an account made for 'localhost'.
 */
export function leastPrivilegeStatements(
  schema: string,
  crmTables: string[],
  password: string,
  user = 'slims_crm',
): string[] {
  const accounts = ['localhost', '127.0.0.1'].map((host) => `'${user}'@'${host}'`);
  return [
    ...accounts.map((account) => `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY '${password}';`),
    // A user made by an earlier run keeps its old password otherwise, and the URL printed with this one would fail.
    ...accounts.map((account) => `ALTER USER ${account} IDENTIFIED BY '${password}';`),
    `GRANT SELECT ON \`${schema}\`.* TO ${accounts.join(', ')};`,
    ...crmTables.map((t) =>
      t === 'crm_migrations'
        ? `GRANT SELECT, INSERT ON \`${schema}\`.\`${t}\` TO ${accounts.join(', ')};`
        : `GRANT SELECT, INSERT, UPDATE, DELETE ON \`${schema}\`.\`${t}\` TO ${accounts.join(', ')};`,
    ),
  ];
}

/**
 * Reads the current user's rights on this database at every level (server, database, table).
 * `password` goes into the suggested statements for a dedicated user.
 */
export async function checkGrants(handle: DatabaseHandle, password = 'a-long-password'): Promise<GrantReport> {
  const db = handle.db;
  const me = (
    await sql<{ user: string; schema: string }>`SELECT CURRENT_USER() AS user, DATABASE() AS \`schema\``.execute(db)
  ).rows[0];
  const [name = '', host = ''] = (me?.user ?? '').split('@');
  const grantee = `'${name}'@'${host}'`;
  const schema = me?.schema ?? '';
  const global = (
    await sql<{
      p: string;
    }>`SELECT privilege_type AS p FROM information_schema.user_privileges WHERE grantee = ${grantee}`.execute(db)
  ).rows.map((r) => r.p);
  const onSchema = (
    await sql<{ p: string }>`SELECT privilege_type AS p FROM information_schema.schema_privileges
      WHERE grantee = ${grantee} AND ${schema} LIKE table_schema`.execute(db)
  ).rows.map((r) => r.p);
  const onTables = (
    await sql<{
      t: string;
      p: string;
    }>`SELECT table_name AS t, privilege_type AS p FROM information_schema.table_privileges
      WHERE grantee = ${grantee} AND table_schema = ${schema}`.execute(db)
  ).rows;
  const wide = new Set([...global, ...onSchema]);
  const rights = (table: string) =>
    new Set([...wide, ...onTables.filter((r) => r.t.toLowerCase() === table).map((r) => r.p)]);

  const tables = [...(await existingTables(handle))].sort();
  const crm = tables.filter((t) => t.startsWith('crm_'));
  const writableSlimsTables = tables.filter((t) => !t.startsWith('crm_') && WRITES.some((w) => rights(t).has(w)));
  const missingOnCrm = crm
    .map((table) => ({
      table,
      missing: (table === 'crm_migrations' ? ['SELECT'] : NEEDED).filter((p) => !rights(table).has(p)),
    }))
    .filter((entry) => entry.missing.length > 0);
  const serverWide = global.filter((p) => p !== 'USAGE').sort();
  return {
    user: me?.user ?? '',
    schema,
    writableSlimsTables,
    missingOnCrm,
    serverWide,
    suggested: leastPrivilegeStatements(schema, crm, password),
  };
}
