// Start-up: the environment is validated once, and database problems are named with their fix, in both languages.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { demoSecret } from '../../server/auth/secret.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { applySlimsSubset } from '../../server/db/migrate.ts';
import {
  StartupError,
  checkSlimsDatabase,
  explainConnectionError,
  guessSlimsVersion,
} from '../../server/db/preflight.ts';
import { ConfigError, loadConfig } from '../../server/env.ts';
import { createMysqlDatabase, isMysqlReachable } from '../helpers/databases.ts';

const mysql = await isMysqlReachable();
const SECRET = 'x'.repeat(40);

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ CRM_SECRET: SECRET, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('environment', () => {
  it('defaults to the embedded SQLite demo on port 3000', () => {
    const config = loadConfig({ CRM_SECRET: SECRET, CRM_DATA_DIR: '/tmp/crm-defaults' });
    expect(config).toMatchObject({
      databaseUrl: null,
      port: 3000,
      publicUrl: 'http://localhost:3000',
      allowedOrigins: [],
      utcOffsetMinutes: 420,
      networkLimitPerHour: 300,
      boardVotesPerNetworkPerDay: 10,
    });
  });

  it('refuses bad values with a bilingual message naming the fix', () => {
    expect(configError({ CRM_DATABASE_URL: 'postgres://x@y/z' }).en).toMatch(/must start with mysql:\/\//);
    expect(configError({ CRM_DATABASE_URL: 'mysql://root@127.0.0.1:3306' }).id).toMatch(
      /tidak menyebut nama basis data/,
    );
    expect(configError({ CRM_DATABASE_URL: 'bukan url' }).en).toMatch(/not a valid URL/);
    expect(configError({ CRM_SECRET: 'pendek' }).en).toMatch(/at least 32 characters.*leave CRM_SECRET out/);
    expect(configError({ CRM_ALLOWED_ORIGINS: 'https://opac.example/katalog' }).en).toMatch(/not an origin/);
    expect(configError({ PORT: 'delapan' }).en).toMatch(/PORT/);
    expect(configError({ CRM_PUBLIC_URL: 'ftp://x' }).en).toMatch(/http\(s\)/);
    expect(configError({ CRM_UTC_OFFSET: 'WIB' }).id).toMatch(/\+07:00/);
    expect(configError({ CRM_NETWORK_LIMIT: '0' }).en).toBe('CRM_NETWORK_LIMIT must be a positive integer.');
    expect(configError({ CRM_BOARD_VOTE_LIMIT: '2.5' }).id).toBe('CRM_BOARD_VOTE_LIMIT harus bilangan bulat positif.');
  });

  it('reads the optional mail settings and refuses malformed ones', () => {
    expect(loadConfig({ CRM_SECRET: SECRET })).toMatchObject({ smtpUrl: null, mailFrom: null });
    const config = loadConfig({
      CRM_SECRET: SECRET,
      CRM_SMTP_URL: 'smtp://crm:sandi@mail.perpustakaan.test:587',
      CRM_MAIL_FROM: 'Perpustakaan <layanan@perpustakaan.test>',
    });
    expect(config).toMatchObject({
      smtpUrl: 'smtp://crm:sandi@mail.perpustakaan.test:587',
      mailFrom: 'Perpustakaan <layanan@perpustakaan.test>',
    });
    expect(configError({ CRM_SMTP_URL: 'http://mail.example', CRM_MAIL_FROM: 'a@b.example' }).en).toMatch(
      /smtp:\/\/user:password@/,
    );
    expect(configError({ CRM_SMTP_URL: 'bukan url', CRM_MAIL_FROM: 'a@b.example' }).id).toMatch(/CRM_SMTP_URL harus/);
    expect(configError({ CRM_MAIL_FROM: 'layanan perpustakaan' }).en).toMatch(/not an e-mail address/);
    expect(configError({ CRM_SMTP_URL: 'smtp://mail.example:25' }).en).toMatch(/CRM_MAIL_FROM is not/);
  });

  it('reads the digest settings and refuses malformed ones', () => {
    expect(loadConfig({ CRM_SECRET: SECRET })).toMatchObject({ digestTo: [], digestHour: 7, digestLang: 'id' });
    const config = loadConfig({
      CRM_SECRET: SECRET,
      CRM_DIGEST_TO: 'kepala@perpustakaan.test, cro@perpustakaan.test',
      CRM_DIGEST_HOUR: '6',
      CRM_DIGEST_LANG: 'en',
    });
    expect(config).toMatchObject({
      digestTo: ['kepala@perpustakaan.test', 'cro@perpustakaan.test'],
      digestHour: 6,
      digestLang: 'en',
    });
    expect(configError({ CRM_DIGEST_TO: 'kepala@perpustakaan.test, bukan-alamat' }).id).toMatch(
      /CRM_DIGEST_TO berisi alamat e-mail yang tidak sah: "bukan-alamat"/,
    );
    expect(configError({ CRM_DIGEST_HOUR: '24' }).en).toBe('CRM_DIGEST_HOUR must be an hour from 0 to 23.');
    expect(configError({ CRM_DIGEST_LANG: 'fr' }).id).toBe('CRM_DIGEST_LANG harus id atau en.');
  });

  it('shows the demo on the embedded database, and on MariaDB only with CRM_DEMO=1', () => {
    const mysql = 'mysql://crm:rahasia@127.0.0.1:3306/slims';
    expect(loadConfig({ CRM_SECRET: SECRET }).demo).toBe(true);
    expect(loadConfig({ CRM_SECRET: SECRET, CRM_DATABASE_URL: mysql }).demo).toBe(false);
    expect(loadConfig({ CRM_SECRET: SECRET, CRM_DATABASE_URL: mysql, CRM_DEMO: '1' }).demo).toBe(true);
    expect(loadConfig({ CRM_SECRET: SECRET, CRM_DATABASE_URL: mysql, CRM_DEMO: '0' }).demo).toBe(false);
    expect(configError({ CRM_DEMO: 'ya' }).en).toBe('CRM_DEMO must be 1 (the demo library) or 0.');
  });

  it('parses a list of origins and the library time zone', () => {
    const config = loadConfig({
      CRM_SECRET: SECRET,
      CRM_ALLOWED_ORIGINS: 'https://opac.example, http://localhost:8080/',
      CRM_UTC_OFFSET: '+08:00',
    });
    expect(config.allowedOrigins).toEqual(['https://opac.example', 'http://localhost:8080']);
    expect(config.utcOffsetMinutes).toBe(480);
  });

  it('reads the configuration without inventing a secret or writing anything (npm run migrate, doctor)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-config-'));
    const config = loadConfig({ CRM_DATA_DIR: dir, CRM_DATABASE_URL: 'mysql://slims_crm:x@127.0.0.1:3306/slims' });
    expect(config.secret).toBeNull();
    expect(existsSync(join(dir, 'secret'))).toBe(false);
  });

  it('listens on the port CRM_PUBLIC_URL names, unless PORT says otherwise', () => {
    expect(loadConfig({ CRM_PUBLIC_URL: 'http://192.168.1.10:8787' })).toMatchObject({
      port: 8787,
      publicUrl: 'http://192.168.1.10:8787',
    });
    expect(loadConfig({ CRM_PUBLIC_URL: 'http://192.168.1.10:8787', PORT: '9000' }).port).toBe(9000);
    // No port in the URL: a proxy in front forwards to the default.
    expect(loadConfig({ CRM_PUBLIC_URL: 'https://crm.perpustakaan.go.id' }).port).toBe(3000);
    expect(loadConfig({ PORT: '4000' })).toMatchObject({ port: 4000, publicUrl: 'http://localhost:4000' });
  });

  it('generates the demo secret once, says so, and keeps it private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-secret-'));
    const lines: string[] = [];
    const first = demoSecret(dir, (line) => lines.push(line));
    expect(first.source).toBe('demo');
    expect(first.value).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join('\n')).toMatch(/Generated the demo's secret/);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first.value);
    expect(statSync(join(dir, 'secret')).mode & 0o077).toBe(0);
    expect(demoSecret(dir).value).toBe(first.value);
  });
});

describe('database checks', () => {
  it('explains an unreachable database', async () => {
    const url = 'mysql://root@127.0.0.1:1/slims';
    const handle = await openDatabase({ url, connections: 1 });
    const error = await sql`SELECT 1`.execute(handle.db).then(
      () => null,
      (e: unknown) => e,
    );
    await handle.close();
    const explained = explainConnectionError(error, url);
    expect(explained).toBeInstanceOf(StartupError);
    expect(explained?.en).toMatch(/Cannot reach the database at 127\.0\.0\.1:1\/slims/);
    expect(explained?.id).toMatch(/tidak dapat dihubungi/);
  });

  it.runIf(mysql)('explains wrong credentials and a missing database', async () => {
    for (const [url, pattern] of [
      ['mysql://root:salah-sekali@127.0.0.1:3306/test', /refused the user name or password/],
      ['mysql://root@127.0.0.1:3306/tidak_ada_basis_data_ini', /does not exist/],
    ] as const) {
      const handle = await openDatabase({ url, connections: 1 });
      const error = await sql`SELECT 1`.execute(handle.db).then(
        () => null,
        (e: unknown) => e,
      );
      await handle.close();
      expect(explainConnectionError(error, url)?.en).toMatch(pattern);
    }
  });

  it('says which SLiMS table is missing from a database that is not SLiMS', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await sql`CREATE TABLE member (member_id TEXT)`.execute(handle.db);
    const error = await checkSlimsDatabase(handle).catch((e: unknown) => e);
    await handle.close();
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).en).toMatch(/not a SLiMS database: missing table\(s\) mst_member_type, loan/);
  });

  it('refuses a SLiMS older than 9.4 and recognises newer ones', async () => {
    const handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await applySlimsSubset(handle);
    await sql`DROP TABLE IF EXISTS plugins`.execute(handle.db);
    await sql`DROP TABLE IF EXISTS user_tokens`.execute(handle.db);
    await sql`CREATE TABLE plugins (id TEXT, path TEXT)`.execute(handle.db);
    const old = await checkSlimsDatabase(handle).catch((e: unknown) => e);
    expect((old as StartupError).en).toMatch(/looks like version 9\.3; slims-crm needs SLiMS 9\.4 or newer/);
    await sql`DROP TABLE plugins`.execute(handle.db);
    await sql`CREATE TABLE plugins (id TEXT, path TEXT, options TEXT, deleted_at TEXT)`.execute(handle.db);
    expect(await checkSlimsDatabase(handle)).toBe('9.4');
    await sql`CREATE TABLE user_tokens (id INTEGER)`.execute(handle.db);
    expect(await guessSlimsVersion(handle)).toBe('9.7');
    await handle.close();
  });

  it.runIf(mysql)('accepts the SLiMS subset on MariaDB as SLiMS 9.7', async () => {
    const database = await createMysqlDatabase();
    const handle = await openDatabase({ url: database.url, connections: 1 });
    try {
      await applySlimsSubset(handle);
      expect(await checkSlimsDatabase(handle)).toBe('9.7');
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
