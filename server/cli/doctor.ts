// npm run doctor: checks configuration, database, SLiMS version, migrations, grants and the SLiMS plugin
// (enabled, same sidecar URL, same secret proven by a signed round trip), and says how to fix each problem.
import { randomBytes } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../db/connection.ts';
import { migrationFiles, pendingMigrations } from '../db/migrate.ts';
import { checkGrants } from '../db/grants.ts';
import { readPluginSettings } from '../auth/pairing.ts';
import { pingProof, webhookSignature } from '../hooks/hooks.signature.ts';
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
  if (config.databaseUrl === null)
    ok(`basis data contoh, rahasia di / demo database, secret in ${config.dataDir}/secret`);
  else if (config.secret === null)
    ok(
      'CRM_SECRET tidak diatur: sidecar memakai rahasia plugin SLiMS / not set: the sidecar uses the SLiMS plugin’s secret',
    );
  else {
    warn(
      'CRM_SECRET diatur. Dengan plugin SLiMS, hapus CRM_SECRET (juga dari .env): sidecar lalu memakai rahasia plugin dengan sendirinya.',
      'CRM_SECRET is set. With the SLiMS plugin, remove CRM_SECRET (from .env too): the sidecar then uses the plugin’s secret by itself.',
    );
  }
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
    ok(
      `SMTP: ${smtp.protocol}//${smtp.username ? `${decodeURIComponent(smtp.username)}:…@` : ''}${smtp.host}, from ${config.mailFrom ?? '?'}`,
    );
    if (config.digestTo.length === 0) {
      warn(
        'CRM_DIGEST_TO tidak diatur: staf tidak menerima ringkasan harian kotak saran.',
        'CRM_DIGEST_TO is not set: staff get no daily digest of the suggestion box.',
      );
    } else
      ok(
        `Ringkasan harian / Daily digest: ${config.digestTo.join(', ')}, ${String(config.digestHour).padStart(2, '0')}:00 (${config.digestLang})`,
      );
  }
}

async function reportGrants(handle: DatabaseHandle): Promise<void> {
  console.log('Hak akses basis data / Database grants');
  const password = randomBytes(18).toString('base64url');
  const report = await checkGrants(handle, password);
  const overPrivileged = report.writableSlimsTables.length > 0 || report.serverWide.length > 0;
  if (report.writableSlimsTables.length > 0) {
    fail(
      `Pengguna ${report.user} dapat mengubah ${report.writableSlimsTables.length} tabel SLiMS (mis. ${report.writableSlimsTables.slice(0, 3).join(', ')}); slims-crm hanya boleh membacanya.`,
      `User ${report.user} can change ${report.writableSlimsTables.length} SLiMS table(s) (e.g. ${report.writableSlimsTables.slice(0, 3).join(', ')}); slims-crm must only read them.`,
    );
  } else ok(`${report.user}: hanya membaca tabel SLiMS / reads SLiMS tables only`);
  if (report.serverWide.length > 0) {
    fail(
      `Pengguna ${report.user} memegang hak atas semua basis data di server (${report.serverWide.slice(0, 5).join(', ')}${report.serverWide.length > 5 ? ', …' : ''}).`,
      `User ${report.user} holds rights on every database of the server (${report.serverWide.slice(0, 5).join(', ')}${report.serverWide.length > 5 ? ', …' : ''}).`,
    );
  }
  for (const { table, missing } of report.missingOnCrm) {
    fail(
      `${report.user} tidak punya hak ${missing.join(', ')} pada ${table}.`,
      `${report.user} lacks ${missing.join(', ')} on ${table}.`,
    );
  }
  if (report.missingOnCrm.length === 0) ok('hak penuh pada tabel crm_* / full rights on crm_* tables');
  if (overPrivileged || report.missingOnCrm.length > 0) {
    console.log('    Buat pengguna khusus untuk sidecar (jalankan sebagai admin basis data, mis. mariadb -u root):');
    console.log('    Make the sidecar a user of its own (run as a database admin, e.g. mariadb -u root):');
    for (const line of report.suggested) console.log(`      ${line}`);
    console.log(`    Lalu / Then: CRM_DATABASE_URL='mysql://slims_crm:${password}@127.0.0.1:3306/${report.schema}'`);
    console.log('    npm run migrate tetap dengan akun admin; sidecar cukup memakai pengguna ini.');
    console.log('    Keep running npm run migrate with the admin account; the sidecar needs only this user.');
  }
}

/** The plugin, as SLiMS sees it: enabled, pointing at this sidecar, and holding the secret the sidecar answers to. */
async function reportPlugin(handle: DatabaseHandle, config: Config): Promise<void> {
  console.log('Plugin SLiMS / The SLiMS plugin');
  const enabled = await handle.db
    .selectFrom('plugins')
    .select('path')
    .where('path', 'like', '%slims_crm.plugin.php')
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
    .catch(() => undefined);
  if (enabled === undefined) {
    fail(
      'Plugin "SLiMS CRM" belum aktif: salin plugin/slims_crm ke folder plugins/ SLiMS, lalu aktifkan di Sistem > Plugin.',
      'The "SLiMS CRM" plugin is not enabled: copy plugin/slims_crm into SLiMS’s plugins/ folder, then enable it in System > Plugins.',
    );
    return;
  }
  ok(`aktif / enabled: ${enabled.path}`);
  const settings = await readPluginSettings(handle);
  if (settings?.sidecarUrl == null) {
    fail(
      `URL sidecar belum diisi: buka Keanggotaan > CRM > Pengaturan CRM dan isi ${config.publicUrl}`,
      `The sidecar URL is not set: open Membership > CRM > CRM settings and enter ${config.publicUrl}`,
    );
  } else if (settings.sidecarUrl.replace(/\/+$/, '') !== config.publicUrl) {
    fail(
      `Plugin memanggil ${settings.sidecarUrl}, tetapi CRM_PUBLIC_URL adalah ${config.publicUrl}. Samakan di Keanggotaan > CRM > Pengaturan CRM (plugin juga menambahkan asal ini ke CSP OPAC).`,
      `The plugin calls ${settings.sidecarUrl}, but CRM_PUBLIC_URL is ${config.publicUrl}. Make them the same in Membership > CRM > CRM settings (the plugin also adds this origin to the OPAC’s CSP).`,
    );
  } else
    ok(
      `URL sidecar di SLiMS = CRM_PUBLIC_URL / sidecar URL in SLiMS = CRM_PUBLIC_URL (${config.publicUrl}); CSP: ${new URL(config.publicUrl).origin}`,
    );
  if (settings?.secret == null) {
    fail(
      'Plugin belum membuat rahasia bersama: buka Keanggotaan > CRM > Pengaturan CRM sekali.',
      'The plugin has not made its shared secret yet: open Membership > CRM > CRM settings once.',
    );
    return;
  }
  if (config.secret !== null && config.secret !== settings.secret) {
    fail(
      'CRM_SECRET berbeda dengan rahasia plugin: hapus CRM_SECRET (juga dari .env) lalu mulai ulang sidecar.',
      'CRM_SECRET differs from the plugin’s secret: remove CRM_SECRET (from .env too) and restart the sidecar.',
    );
  }
  if (settings.sidecarUrl != null) await pingSidecar(settings.sidecarUrl, settings.secret);
}

/** The settings page's connection test, from here: a signed ping that only a sidecar with the same secret answers. */
async function pingSidecar(sidecarUrl: string, secret: string): Promise<void> {
  const nonce = randomBytes(16).toString('hex');
  const body = JSON.stringify({ nonce });
  const timestamp = String(Math.floor(Date.now() / 1000));
  let answer: { status: number; body: Record<string, unknown> | null };
  try {
    const res = await fetch(`${sidecarUrl.replace(/\/+$/, '')}/api/v1/hooks/ping`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Slims-Crm-Timestamp': timestamp,
        'X-Slims-Crm-Signature': webhookSignature(secret, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(3000),
    });
    answer = { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  } catch (error) {
    warn(
      `Sidecar di ${sidecarUrl} tidak menjawab (${String(error)}). Jalankan npm start, lalu jalankan doctor lagi.`,
      `The sidecar at ${sidecarUrl} does not answer (${String(error)}). Run npm start, then run doctor again.`,
    );
    return;
  }
  if (answer.status === 200 && answer.body?.proof === pingProof(secret, nonce)) {
    ok(`sidecar di ${sidecarUrl} memegang rahasia plugin / the sidecar at ${sidecarUrl} holds the plugin’s secret`);
    return;
  }
  if (answer.status === 404) {
    fail(
      `Sidecar di ${sidecarUrl} lebih lama dari plugin: perbarui sidecar.`,
      `The sidecar at ${sidecarUrl} is older than the plugin: update the sidecar.`,
    );
    return;
  }
  fail(
    `Sidecar di ${sidecarUrl} memegang rahasia lain (HTTP ${answer.status}). Pastikan sidecar itu memakai basis data SLiMS ini (CRM_DATABASE_URL) tanpa CRM_SECRET.`,
    `The sidecar at ${sidecarUrl} holds another secret (HTTP ${answer.status}). Make sure that sidecar runs on this SLiMS database (CRM_DATABASE_URL) without CRM_SECRET.`,
  );
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
    else
      warn(
        `${pending.length} migrasi belum diterapkan: jalankan npm run migrate (atau npm start).`,
        `${pending.length} migration(s) pending: run npm run migrate (or npm start).`,
      );
    if (handle.dialect === 'mysql') {
      await reportGrants(handle);
      await reportPlugin(handle, config);
    }
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
