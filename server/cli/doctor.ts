// npm run doctor: checks configuration, database, SLiMS version, migrations and grants, and says how to fix each problem.
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrationFiles, pendingMigrations } from '../db/migrate.ts';
import { checkGrants } from '../db/grants.ts';
import { REQUIRED_SLIMS_TABLES, StartupError, checkSlimsDatabase, explainConnectionError } from '../db/preflight.ts';
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
  if (config.smtpUrl === null) {
    warn(
      'CRM_SMTP_URL tidak diatur: pemberitahuan e-mail tidak akan dikirim.',
      'CRM_SMTP_URL is not set: e-mail notices will not be sent.',
    );
  } else {
    const smtp = new URL(config.smtpUrl);
    ok(`SMTP: ${smtp.protocol}//${smtp.username ? `${decodeURIComponent(smtp.username)}:…@` : ''}${smtp.host}, from ${config.mailFrom ?? '?'}`);
    if (config.digestTo.length === 0) {
      warn(
        'CRM_DIGEST_TO tidak diatur: staf tidak menerima ringkasan harian kotak saran.',
        'CRM_DIGEST_TO is not set: staff get no daily digest of the suggestion box.',
      );
    } else ok(`Ringkasan harian / Daily digest: ${config.digestTo.join(', ')}, ${String(config.digestHour).padStart(2, '0')}:00 (${config.digestLang})`);
  }
}

async function reportGrants(handle: DatabaseHandle): Promise<void> {
  console.log('Hak akses basis data / Database grants');
  const report = await checkGrants(handle);
  const fix = () => {
    console.log('    Hak yang cukup untuk sidecar / The rights a sidecar needs (run as a database admin):');
    for (const line of report.suggested) console.log(`      ${line}`);
    console.log('    Jalankan npm run migrate dengan akun admin; sidecar cukup memakai hak di atas.');
    console.log('    Run npm run migrate with the admin account; the sidecar then needs only these rights.');
  };
  if (report.writableSlimsTables.length > 0) {
    fail(
      `Pengguna ${report.user} dapat mengubah ${report.writableSlimsTables.length} tabel SLiMS (mis. ${report.writableSlimsTables.slice(0, 3).join(', ')}); slims-crm hanya boleh membacanya.`,
      `User ${report.user} can change ${report.writableSlimsTables.length} SLiMS table(s) (e.g. ${report.writableSlimsTables.slice(0, 3).join(', ')}); slims-crm must only read them.`,
    );
  } else ok(`${report.user}: hanya membaca tabel SLiMS / reads SLiMS tables only`);
  for (const { table, missing } of report.missingOnCrm) {
    fail(`${report.user} tidak punya hak ${missing.join(', ')} pada ${table}.`, `${report.user} lacks ${missing.join(', ')} on ${table}.`);
  }
  if (report.missingOnCrm.length === 0) ok('hak penuh pada tabel crm_* / full rights on crm_* tables');
  if (report.writableSlimsTables.length > 0 || report.missingOnCrm.length > 0) fix();
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
    if (handle.dialect === 'mysql') await reportGrants(handle);
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
