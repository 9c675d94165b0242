// Reads and validates the sidecar's environment once; nothing else reads process.env.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { BilingualError } from './errors.ts';

export interface Config {
  /** mysql://user:pass@host:port/database of a SLiMS database; null means the embedded SQLite demo. */
  databaseUrl: string | null;
  /**
   * Show the made-up library website (/, /privasi), the demo accounts, and write the demo polls, survey and
   * suggestion-box items: always on the embedded SQLite demo; on a MariaDB test database with CRM_DEMO=1.
   */
  demo: boolean;
  dataDir: string;
  /**
   * CRM_SECRET from the environment, or null. Null is the usual case: with a SLiMS database the sidecar uses
   * the secret the SLiMS plugin stored (server/auth/secret.ts), with the demo one of its own in data/secret.
   */
  secret: string | null;
  /** The sidecar's public base URL, without a trailing slash. */
  publicUrl: string;
  /** Origins (scheme://host[:port]) whose pages may call the public API. */
  allowedOrigins: string[];
  port: number;
  host: string;
  /** Trust X-Forwarded-For from a reverse proxy when telling networks apart. */
  trustProxy: boolean;
  /** Responses one network may give to one survey per hour before answers are refused. */
  networkLimitPerHour: number;
  /** New anonymous board votes one network may add to one item in a library day. */
  boardVotesPerNetworkPerDay: number;
  /** The library's offset from UTC in minutes (WIB +420, WITA +480, WIT +540), for per-day figures. */
  utcOffsetMinutes: number;
  /** smtp(s)://user:pass@host:port of the mail server for e-mail notices; null means no e-mail channel. */
  smtpUrl: string | null;
  /** The From of e-mail notices, `notices@library.example` or `Library <notices@library.example>`. */
  mailFrom: string | null;
  /** Staff addresses that get the daily digest of new suggestion-box items; empty means no digest. */
  digestTo: string[];
  /** The local hour (0-23) after which the digest of the previous day is sent. */
  digestHour: number;
  digestLang: 'id' | 'en';
}

/** The environment holds a value the sidecar cannot use. */
export class ConfigError extends BilingualError {}

type Env = Record<string, string | undefined>;

/** Environment from process.env with a .env file (if present) underneath it. */
export function readEnvironment(cwd = process.cwd()): Env {
  const file = resolve(cwd, '.env');
  const fromFile = existsSync(file) ? parseEnv(readFileSync(file, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(env: Env = readEnvironment()): Config {
  const dataDir = resolve(env.CRM_DATA_DIR ?? 'data');
  const databaseUrl = parseDatabaseUrl(env.CRM_DATABASE_URL);
  const publicUrlGiven =
    env.CRM_PUBLIC_URL === undefined || env.CRM_PUBLIC_URL === '' ? null : parsePublicUrl(env.CRM_PUBLIC_URL);
  // A port written in CRM_PUBLIC_URL is the one to listen on unless PORT says otherwise; a URL without one
  // (https://crm.library.example) has a proxy in front, which forwards to 3000.
  const port = parsePort(env.PORT ?? ((publicUrlGiven === null ? '' : new URL(publicUrlGiven).port) || '3000'));
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = publicUrlGiven ?? `http://localhost:${port}`;
  const allowedOrigins = parseOrigins(env.CRM_ALLOWED_ORIGINS ?? '');
  const secret = parseSecret(env.CRM_SECRET);
  const networkLimitPerHour = parsePositiveInteger('CRM_NETWORK_LIMIT', env.CRM_NETWORK_LIMIT ?? '300');
  const boardVotesPerNetworkPerDay = parsePositiveInteger('CRM_BOARD_VOTE_LIMIT', env.CRM_BOARD_VOTE_LIMIT ?? '10');
  const utcOffsetMinutes = parseOffset(env.CRM_UTC_OFFSET ?? '+07:00');
  const smtpUrl = parseSmtpUrl(env.CRM_SMTP_URL);
  const mailFrom = parseMailFrom(env.CRM_MAIL_FROM);
  if (smtpUrl !== null && mailFrom === null) {
    throw new ConfigError(
      'CRM_SMTP_URL diatur tetapi CRM_MAIL_FROM tidak. Contoh: CRM_MAIL_FROM="Perpustakaan <layanan@perpustakaan.go.id>"',
      'CRM_SMTP_URL is set but CRM_MAIL_FROM is not. Example: CRM_MAIL_FROM="Library <notices@library.example>"',
    );
  }
  const digestTo = parseDigestTo(env.CRM_DIGEST_TO ?? '');
  const digestHour = Number(env.CRM_DIGEST_HOUR ?? '7');
  if (!Number.isInteger(digestHour) || digestHour < 0 || digestHour > 23) {
    throw new ConfigError('CRM_DIGEST_HOUR harus jam 0 sampai 23.', 'CRM_DIGEST_HOUR must be an hour from 0 to 23.');
  }
  const demoFlag = env.CRM_DEMO ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(demoFlag)) {
    throw new ConfigError(
      'CRM_DEMO harus 1 (perpustakaan contoh) atau 0.',
      'CRM_DEMO must be 1 (the demo library) or 0.',
    );
  }
  const digestLang = env.CRM_DIGEST_LANG ?? 'id';
  if (digestLang !== 'id' && digestLang !== 'en') {
    throw new ConfigError('CRM_DIGEST_LANG harus id atau en.', 'CRM_DIGEST_LANG must be id or en.');
  }
  return {
    smtpUrl,
    mailFrom,
    digestTo,
    digestHour,
    digestLang,
    utcOffsetMinutes,
    databaseUrl,
    demo: databaseUrl === null || demoFlag === '1' || demoFlag === 'true',
    dataDir,
    secret,
    publicUrl,
    allowedOrigins,
    port,
    host,
    trustProxy: env.CRM_TRUST_PROXY === '1' || env.CRM_TRUST_PROXY === 'true',
    networkLimitPerHour,
    boardVotesPerNetworkPerDay,
  };
}

function parseDatabaseUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      'CRM_DATABASE_URL bukan URL yang sah. Contoh: mysql://slims_crm:sandi@127.0.0.1:3306/slims',
      'CRM_DATABASE_URL is not a valid URL. Example: mysql://slims_crm:password@127.0.0.1:3306/slims',
    );
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw new ConfigError(
      `CRM_DATABASE_URL harus diawali mysql:// (tertulis ${url.protocol}//).`,
      `CRM_DATABASE_URL must start with mysql:// (got ${url.protocol}//).`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError(
      'CRM_DATABASE_URL tidak menyebut nama basis data SLiMS, misalnya .../slims',
      'CRM_DATABASE_URL names no database; add the SLiMS database name, e.g. .../slims',
    );
  }
  return value;
}

function parseSmtpUrl(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new ConfigError(
      'CRM_SMTP_URL harus seperti smtp://pengguna:sandi@mail.perpustakaan.go.id:587 (atau smtps:// untuk port 465).',
      'CRM_SMTP_URL must look like smtp://user:password@mail.library.example:587 (or smtps:// for port 465).',
    );
  }
  return value;
}

function parseMailFrom(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const address = /^[^<>]*<([^<>\s]+)>$/.exec(value.trim())?.[1] ?? value.trim();
  if (!/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(address)) {
    throw new ConfigError(
      `CRM_MAIL_FROM bukan alamat e-mail: "${value}". Contoh: layanan@perpustakaan.go.id atau Perpustakaan <layanan@perpustakaan.go.id>`,
      `CRM_MAIL_FROM is not an e-mail address: "${value}". Example: notices@library.example or Library <notices@library.example>`,
    );
  }
  return value.trim();
}

function parseDigestTo(value: string): string[] {
  const addresses = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  for (const address of addresses) {
    if (!/^[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+$/.test(address)) {
      throw new ConfigError(
        `CRM_DIGEST_TO berisi alamat e-mail yang tidak sah: "${address}". Pisahkan beberapa alamat dengan koma.`,
        `CRM_DIGEST_TO holds an address that is not an e-mail address: "${address}". Separate several with commas.`,
      );
    }
  }
  return addresses;
}

function parseOffset(value: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(value);
  if (match === null) {
    throw new ConfigError(
      `CRM_UTC_OFFSET harus seperti +07:00 (WIB), +08:00 (WITA) atau +09:00 (WIT); tertulis "${value}".`,
      `CRM_UTC_OFFSET must look like +07:00 (WIB), +08:00 (WITA) or +09:00 (WIT); got "${value}".`,
    );
  }
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT tidak sah: "${value}".`, `PORT is not a valid port: "${value}".`);
  }
  return port;
}

function parsePublicUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
    return url.href.replace(/\/+$/, '');
  } catch {
    throw new ConfigError(
      `CRM_PUBLIC_URL harus URL http(s), misalnya https://crm.perpustakaan.go.id (tertulis "${value}").`,
      `CRM_PUBLIC_URL must be an http(s) URL, e.g. https://crm.library.example (got "${value}").`,
    );
  }
}

function parseOrigins(value: string): string[] {
  const origins: string[] = [];
  for (const raw of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    let url: URL | null = null;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (
      url === null ||
      (url.protocol !== 'http:' && url.protocol !== 'https:') ||
      url.origin !== raw.replace(/\/$/, '')
    ) {
      throw new ConfigError(
        `CRM_ALLOWED_ORIGINS: "${raw}" bukan origin. Tulis skema dan host saja, misalnya https://opac.perpustakaan.go.id`,
        `CRM_ALLOWED_ORIGINS: "${raw}" is not an origin. Give scheme and host only, e.g. https://opac.library.example`,
      );
    }
    origins.push(url.origin);
  }
  return origins;
}

function parseSecret(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (value.length < 32) {
    throw new ConfigError(
      'CRM_SECRET terlalu pendek: minimal 32 karakter. Dengan plugin SLiMS, hapus saja CRM_SECRET: sidecar memakai rahasia plugin.',
      'CRM_SECRET is too short: at least 32 characters. With the SLiMS plugin, leave CRM_SECRET out: the sidecar uses the plugin’s secret.',
    );
  }
  return value;
}

function parsePositiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new ConfigError(`${name} harus bilangan bulat positif.`, `${name} must be a positive integer.`);
  }
  return number;
}
