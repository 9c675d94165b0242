// Starts the sidecar: environment, database, migrations, then HTTP. Nothing else lives here.
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { demoSecret, fixedSecret, type SharedSecret } from './auth/secret.ts';
import { createAvailability } from './db/availability.ts';
import { openDatabase, type DatabaseHandle } from './db/connection.ts';
import { applySlimsSubset, migrate } from './db/migrate.ts';
import { readPluginSettings, slimsSecret } from './auth/pairing.ts';
import { checkSlimsDatabase, explainConnectionError } from './db/preflight.ts';
import { loadConfig } from './env.ts';
import { BilingualError } from './errors.ts';
import { startBackgroundWork } from './jobs.ts';
import { openAddresses } from './network.ts';
import { seedDemoLibrary } from './seed/generate.ts';
import { ensureDemoContent, ensureDemoFeedback } from './site/demo-content.ts';
import { ensureDemoMemberWork } from './site/demo-members.ts';

const say = (line: string) => console.log(line);

async function prepareDemo(handle: DatabaseHandle): Promise<void> {
  await applySlimsSubset(handle);
  const member = await handle.db.selectFrom('member').select('member_id').limit(1).executeTakeFirst();
  if (member === undefined) {
    say('Membuat perpustakaan contoh (sekali saja) / Generating the demo library (first start only)…');
    await seedDemoLibrary(handle, { size: 'demo', seed: 1 });
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let secret: SharedSecret;
  try {
    if (config.databaseUrl === null) {
      await prepareDemo(handle);
      secret = config.secret !== null ? fixedSecret(config.secret) : demoSecret(config.dataDir, say);
    } else {
      const version = await checkSlimsDatabase(handle);
      say(`Basis data SLiMS ${version} terhubung / Connected to a SLiMS ${version} database`);
      const plugin = await readPluginSettings(handle);
      // A demo database (CRM_DEMO=1) without the plugin signs with the demo's own secret, as the embedded demo does.
      secret =
        config.demo && config.secret === null && !plugin?.secret
          ? demoSecret(config.dataDir, say)
          : slimsSecret(handle, config.secret, plugin, say);
      const pluginUrl = plugin?.sidecarUrl;
      if (pluginUrl && pluginUrl.replace(/\/+$/, '') !== config.publicUrl) {
        say(
          `PERINGATAN: plugin SLiMS memanggil sidecar di ${pluginUrl}, tetapi CRM_PUBLIC_URL adalah ${config.publicUrl}. Samakan keduanya.\n` +
            `WARNING: the SLiMS plugin calls the sidecar at ${pluginUrl}, but CRM_PUBLIC_URL is ${config.publicUrl}. Make them the same.`,
        );
      }
    }
    for (const name of await migrate(handle)) say(`migrasi diterapkan / migration applied: ${name}`);
    if (config.demo) {
      await ensureDemoContent(handle, new Date());
      await ensureDemoFeedback(handle, new Date());
      await ensureDemoMemberWork(handle, new Date(), config.utcOffsetMinutes);
    }
  } catch (error) {
    await handle.close();
    const explained = config.databaseUrl === null ? null : explainConnectionError(error, config.databaseUrl);
    throw explained ?? error;
  }

  // One outage tracker for requests and background work: a database restart is two log lines in all.
  const availability = createAvailability({ db: handle.db, log: (line) => console.error(line) });
  const app = createApp({
    db: handle.db,
    config,
    secret,
    clock: () => new Date(),
    availability,
  });
  const background = startBackgroundWork({ db: handle.db, config, availability });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    say('');
    say(`slims-crm berjalan di port ${info.port} / slims-crm is listening on port ${info.port}`);
    const addresses = openAddresses(config.publicUrl, config.host, info.port);
    const list = (path: string) => addresses.map((url) => `${url}${path}`).join('\n                               ');
    if (config.demo) {
      say(`  Halaman contoh / Demo page:  ${list('/')}`);
      say(`  Aplikasi staf / Staff app:   ${list('/admin')}`);
      say('  Akun contoh / Demo accounts: admin / admin, pustakawan / pustakawan; anggota / member M000001 / anggota');
      say(
        config.databaseUrl === null
          ? `  Basis data contoh / Demo database: SQLite in ${config.dataDir}`
          : `  Basis data contoh / Demo database: ${handle.dialect} (CRM_DEMO=1)`,
      );
    } else {
      say(`  Aplikasi staf / Staff app:   ${list('/admin')}`);
    }
    say(`  Widget:                       ${config.publicUrl}/widgets/slims-crm.js`);
    if (addresses.length > 1) {
      say(
        '  Widget di situs lain (OPAC, situs perpustakaan): tambahkan origin-nya ke CRM_ALLOWED_ORIGINS / widgets on other sites (OPAC, library website): add their origin to CRM_ALLOWED_ORIGINS',
      );
    }
    say(
      background.sending
        ? `  E-mail: pemberitahuan dikirim lewat / notices are sent through ${new URL(config.smtpUrl ?? '').host}`
        : '  E-mail: CRM_SMTP_URL belum diatur, pemberitahuan tidak dikirim / not set, no e-mail notices are sent',
    );
  });

  const stop = () => {
    server.close(() => {
      availability.stop();
      void background
        .stop()
        .then(() => handle.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof BilingualError) {
    console.error(`\nslims-crm tidak dapat dimulai:\n  ${error.id}\nslims-crm cannot start:\n  ${error.en}\n`);
  } else {
    console.error('slims-crm tidak dapat dimulai / cannot start:', error);
  }
  process.exit(1);
});
