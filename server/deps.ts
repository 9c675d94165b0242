// What the app is built from; tests build their own.
import type { Kysely } from 'kysely';
import type { SharedSecret } from './auth/secret.ts';
import type { DatabaseAvailability } from './db/availability.ts';
import type { Database } from './db/database.ts';
import type { Config } from './env.ts';

export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  /** The secret shared with the SLiMS plugin (see auth/secret.ts); config.secret is only what the environment said. */
  secret: SharedSecret;
  clock: () => Date;
  /** How long public reads may be served from memory; 0 turns the cache off. */
  cacheTtlMs?: number;
  log?: (line: string) => void;
  /** Tracks database outages (503 and one log line); server/index.ts shares one with the background work. */
  availability?: DatabaseAvailability;
}
