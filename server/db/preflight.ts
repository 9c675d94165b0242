// Start-up checks on the database, each failure said in Indonesian and English with its fix.
import { sql } from 'kysely';
import { BilingualError } from '../errors.ts';
import type { DatabaseHandle } from './connection.ts';

/** The database cannot serve the sidecar as it is. */
export class StartupError extends BilingualError {}

/** The SLiMS tables the sidecar reads; a database without them is not SLiMS. */
export const REQUIRED_SLIMS_TABLES = [
  'member',
  'mst_member_type',
  'loan',
  'item',
  'biblio',
  'biblio_topic',
  'mst_topic',
  'biblio_author',
  'mst_author',
  'visitor_count',
  'user',
  'user_group',
  'group_access',
  'mst_module',
] as const;

function describeTarget(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '3306'}/${u.pathname.slice(1)} (${decodeURIComponent(u.username) || 'tanpa pengguna'})`;
}

/** Turns a driver's connection error into a message that names the fix. */
export function explainConnectionError(error: unknown, url: string): StartupError | null {
  const e = error as { code?: string; errno?: number; message?: string };
  const target = describeTarget(url);
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
    case 'EAI_AGAIN':
      return new StartupError(
        `Basis data tidak dapat dihubungi di ${target} (${e.code}). Pastikan MySQL/MariaDB berjalan dan host serta port di CRM_DATABASE_URL benar.`,
        `Cannot reach the database at ${target} (${e.code}). Check that MySQL/MariaDB is running and that the host and port in CRM_DATABASE_URL are right.`,
      );
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return new StartupError(
        `Basis data menolak nama pengguna atau kata sandi untuk ${target}. Periksa CRM_DATABASE_URL, atau buat pengguna dengan hak yang ditunjukkan README (npm run doctor).`,
        `The database refused the user name or password for ${target}. Check CRM_DATABASE_URL, or create the user with the grants the README gives (npm run doctor).`,
      );
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return new StartupError(
        `Pengguna basis data di ${target} tidak berhak atas perintah ini (${e.message ?? e.code}). Jalankan npm run migrate dengan akun admin basis data, lalu periksa hak akses dengan npm run doctor.`,
        `The database user at ${target} may not do this (${e.message ?? e.code}). Run npm run migrate with a database admin account, then check the grants with npm run doctor.`,
      );
    case 'ER_BAD_DB_ERROR':
      return new StartupError(
        `Basis data di ${target} tidak ada. Tulis nama basis data SLiMS Anda di akhir CRM_DATABASE_URL (lihat config/database.php SLiMS).`,
        `The database at ${target} does not exist. Put your SLiMS database's name at the end of CRM_DATABASE_URL (see SLiMS's config/database.php).`,
      );
    default:
      return null;
  }
}

export async function existingTables(handle: DatabaseHandle): Promise<Set<string>> {
  const rows =
    handle.dialect === 'mysql'
      ? await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()`.execute(handle.db)
      : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(handle.db);
  return new Set(rows.rows.map((row) => row.name.toLowerCase()));
}

async function columns(handle: DatabaseHandle, table: string): Promise<Set<string>> {
  const rows =
    handle.dialect === 'mysql'
      ? await sql<{
          name: string;
        }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ${table}`.execute(
          handle.db,
        )
      : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(handle.db);
  return new Set(rows.rows.map((row) => row.name.toLowerCase()));
}

/** Which SLiMS the schema looks like, by the features each release added (SLIMS.md 1.10). */
export async function guessSlimsVersion(handle: DatabaseHandle, tables?: Set<string>): Promise<string> {
  const have = tables ?? (await existingTables(handle));
  if (have.has('user_tokens') || have.has('item_custom')) return '9.7';
  if (have.has('mst_visitor_room')) return '9.6';
  if (have.has('biblio_mark')) return '9.5.2';
  if (have.has('content') && (await columns(handle, 'content')).has('is_draft')) return '9.5';
  if (have.has('plugins')) {
    const plugin = await columns(handle, 'plugins');
    return plugin.has('options') && plugin.has('deleted_at') ? '9.4' : '9.3';
  }
  return 'older than 9.3';
}

const SUPPORTED = ['9.4', '9.5', '9.5.2', '9.6', '9.7'];

/** Checks that a MySQL database is a SLiMS 9.4+ database; returns the version it looks like. */
export async function checkSlimsDatabase(handle: DatabaseHandle): Promise<string> {
  const tables = await existingTables(handle);
  const missing = REQUIRED_SLIMS_TABLES.filter((table) => !tables.has(table));
  if (missing.length > 0) {
    throw new StartupError(
      `Basis data ini bukan basis data SLiMS: tabel berikut tidak ada: ${missing.join(', ')}. Arahkan CRM_DATABASE_URL ke basis data yang dipakai SLiMS (lihat config/database.php).`,
      `This database is not a SLiMS database: missing table(s) ${missing.join(', ')}. Point CRM_DATABASE_URL at the database SLiMS uses (see config/database.php).`,
    );
  }
  const version = await guessSlimsVersion(handle, tables);
  if (!SUPPORTED.includes(version)) {
    throw new StartupError(
      `SLiMS di basis data ini tampaknya versi ${version}; slims-crm memerlukan SLiMS 9.4 atau lebih baru. Perbarui SLiMS terlebih dahulu.`,
      `The SLiMS in this database looks like version ${version}; slims-crm needs SLiMS 9.4 or newer. Upgrade SLiMS first.`,
    );
  }
  return version;
}
