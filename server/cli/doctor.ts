// npm run doctor: checks configuration, database, SLiMS version, migrations and grants, and says how to fix each problem.
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrationFiles, pendingMigrations } from '../db/migrate.ts';
import { REQUIRED_SLIMS_TABLES, StartupError, checkSlimsDatabase, existingTables, explainConnectionError } from '../db/preflight.ts';
import { ConfigError, loadConfig, type Config } from '../env.ts';

let problems = 0;
const ok = (line: string) => console.log(`  ✔ ${line}`);
const warn = (id: string, en: string) => console.log(`  ! ${id}\n    ${en}`);
const fail = (id: string, en: string) => {
  problems++;
  console.log(`  ✘ ${id}\n    ${en}`);
};

function checkConfig(config: Config): void {
  console.log('Konfigurasi / Configuration');
  if (config.secretSource === 'environment') ok('CRM_SECRET diatur / is set');
  else warn(`CRM_SECRET diambil dari ${config.dataDir}/secret.`, `CRM_SECRET comes from ${config.dataDir}/secret; set it in the environment when the plugin must share it.`);
  if (config.allowedOrigins.length === 0) {
    warn(
      'CRM_ALLOWED_ORIGINS kosong: hanya halaman dari sidecar sendiri yang dapat memakai widget. Tambahkan alamat OPAC dan situs perpustakaan.',
      'CRM_ALLOWED_ORIGINS is empty: only the sidecar’s own pages can use the widgets. Add the OPAC’s and the library website’s origins.',
    );
  } else ok(`CRM_ALLOWED_ORIGINS: ${config.allowedOrigins.join(', ')}`);
  if (!config.publicUrl.startsWith('https://') && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(config.publicUrl)) {
    warn(
      `CRM_PUBLIC_URL (${config.publicUrl}) bukan https: token anggota dan staf akan melintas tanpa enkripsi.`,
      `CRM_PUBLIC_URL (${config.publicUrl}) is not https: member and staff tokens would travel unencrypted.`,
    );
  } else ok(`CRM_PUBLIC_URL: ${config.publicUrl}`);
}

async function checkGrants(handle: DatabaseHandle, config: Config): Promise<void> {
  console.log('Hak akses basis data / Database grants');
  const url = new URL(config.databaseUrl ?? '');
  const database = decodeURIComponent(url.pathname.slice(1));
  const user = decodeURIComponent(url.username);
  const grants = (await sql<Record<string, string>>`SHOW GRANTS`.execute(handle.db)).rows.map((row) => Object.values(row)[0] ?? '');
  // Write rights over the whole server or the whole SLiMS database reach SLiMS's own tables.
  const wide = (g: string) => g.includes(' ON *.* ') || g.includes(` ON \`${database}\`.* `) || g.includes(` ON \`${database.replace(/_/g, '\\_')}\`.* `);
  const broad = grants.filter((g) => wide(g) && /ALL PRIVILEGES|INSERT|UPDATE|DELETE|ALTER|DROP/.test(g.split(' ON ')[0] ?? ''));
  if (broad.length > 0) {
    warn(
      `Pengguna ${user} dapat mengubah tabel SLiMS. slims-crm hanya membaca tabel SLiMS; berikan hak sekecil mungkin:`,
      `User ${user} can change SLiMS tables. slims-crm only reads them; grant the least it needs:`,
    );
    const crm = [...(await existingTables(handle))].filter((t) => t.startsWith('crm_')).sort();
    console.log(`      GRANT SELECT ON \`${database}\`.* TO '${user}'@'localhost';`);
    for (const table of crm) {
      console.log(`      GRANT SELECT, INSERT, UPDATE, DELETE ON \`${database}\`.\`${table}\` TO '${user}'@'localhost';`);
    }
    console.log('    (Jalankan npm run migrate dengan akun admin basis data; sidecar cukup memakai pengguna di atas.)');
    console.log('    (Run npm run migrate with a database admin account; the sidecar then needs only the user above.)');
  } else ok(`${user}: ${grants.length} grant(s), no write rights on SLiMS tables`);
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      fail(error.id, error.en);
      return;
    }
    throw error;
  }
  checkConfig(config);
  console.log('Basis data / Database');
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, connections: 1 });
  try {
    if (config.databaseUrl === null) ok(`SQLite (demo) di / in ${config.dataDir}`);
    try {
      const version = await checkSlimsDatabase(handle);
      ok(`SLiMS ${version}: ${REQUIRED_SLIMS_TABLES.length} tabel yang dibaca ada / tables read are present`);
    } catch (error) {
      if (error instanceof StartupError) fail(error.id, error.en);
      else throw error;
    }
    const files = migrationFiles(handle.dialect).map((f) => f.name);
    const pending = await pendingMigrations(handle);
    if (pending.length === 0) ok(`migrasi lengkap / migrations up to date (${files.length})`);
    else warn(`${pending.length} migrasi belum diterapkan: jalankan npm run migrate (atau npm start).`, `${pending.length} migration(s) pending: run npm run migrate (or npm start).`);
    if (handle.dialect === 'mysql') await checkGrants(handle, config);
  } catch (error) {
    const explained = config.databaseUrl === null ? null : explainConnectionError(error, config.databaseUrl);
    if (explained === null) throw error;
    fail(explained.id, explained.en);
  } finally {
    await handle.close();
  }
}

await main();
console.log(problems === 0 ? '\nTidak ada masalah / No problems found.' : `\n${problems} masalah / problem(s) found.`);
process.exitCode = problems === 0 ? 0 : 1;
