// The shared secret that tokens and the plugin's webhooks are signed with. With a SLiMS database it is the
// one the plugin keeps in SLiMS's settings, never one the sidecar invents; it is read again when a signature
// fails, so a secret replaced on the plugin's settings page (or first stored after the sidecar started) is
// picked up without a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** environment: CRM_SECRET; demo: data/secret of the SQLite demo; slims-plugin: the plugin's, from SLiMS's `setting`. */
export type SecretSource = 'environment' | 'demo' | 'slims-plugin';

export interface SharedSecret {
  readonly source: SecretSource;
  /** False while the plugin has stored no secret yet: nothing the plugin signs can be checked then. */
  readonly paired: boolean;
  /**
   * The secret to sign and check with now. Until the plugin has stored one, a random one of this process:
   * the sidecar's own sign-ins still work, and nothing the plugin signed can match it.
   */
  readonly value: string;
  /** Reads the plugin's secret again, at most once per interval however often asked; true when it changed. */
  refresh(): Promise<boolean>;
}

export function fixedSecret(value: string, source: 'environment' | 'demo' = 'environment'): SharedSecret {
  return { source, paired: true, value, refresh: async () => false };
}

export interface PluginSecretOptions {
  /** Reads the plugin's stored secret; null when there is none (or it cannot be read). */
  read: () => Promise<string | null>;
  /** What the first read found. */
  initial: string | null;
  clock?: () => Date;
  /** Re-reads are at most this often: a stream of forged tokens costs one query per interval, not one each. */
  minIntervalMs?: number;
  log?: (line: string) => void;
}

export function pluginSecret({
  read,
  initial,
  clock = () => new Date(),
  minIntervalMs = 2000,
  log = () => {},
}: PluginSecretOptions): SharedSecret {
  const unpaired = randomBytes(32).toString('hex');
  let stored = initial;
  // The first re-read may come at once (a secret replaced just after the sidecar started); later ones wait.
  let lastRead = Number.NEGATIVE_INFINITY;
  let reading: Promise<boolean> | null = null;

  const reread = async (): Promise<boolean> => {
    let next: string | null;
    try {
      next = await read();
    } catch {
      // The database is away for a moment: keep what we have.
      return false;
    }
    if (next === null || next === stored) return false;
    log(
      stored === null
        ? 'Rahasia bersama dari plugin SLiMS ditemukan: sidecar kini terhubung / Found the SLiMS plugin’s shared secret: the sidecar is now paired'
        : 'Rahasia bersama di pengaturan plugin SLiMS berganti: memakai yang baru / The shared secret in the SLiMS plugin’s settings changed: using the new one',
    );
    stored = next;
    return true;
  };

  return {
    source: 'slims-plugin',
    get paired() {
      return stored !== null;
    },
    get value() {
      return stored ?? unpaired;
    },
    refresh() {
      if (reading !== null) return reading;
      const now = clock().getTime();
      if (now - lastRead < minIntervalMs) return Promise.resolve(false);
      lastRead = now;
      reading = reread().finally(() => (reading = null));
      return reading;
    },
  };
}

/** Checks something signed with the current secret; when that fails, once more after re-reading the plugin's. */
export async function verifyWith<T>(
  secret: SharedSecret,
  check: (value: string) => Promise<T | null> | T | null,
): Promise<T | null> {
  const first = await check(secret.value);
  if (first !== null) return first;
  if (!(await secret.refresh())) return null;
  return check(secret.value);
}

/** The demo's own secret, kept in data/secret so demo sign-ins survive a restart. Never used with a SLiMS database. */
export function demoSecret(dataDir: string, log: (line: string) => void = () => {}): SharedSecret {
  const file = resolve(dataDir, 'secret');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 32) return fixedSecret(kept, 'demo');
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log(`Rahasia contoh dibuat dan disimpan di / Generated the demo's secret and kept it in ${file}`);
  return fixedSecret(secret, 'demo');
}
