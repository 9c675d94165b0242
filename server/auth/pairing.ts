// Pairing with the SLiMS plugin without copying secrets by hand: when enabled, the plugin generates the
// shared secret and keeps it in SLiMS's `setting` table (name 'slims_crm'), which the sidecar can read.
import type { DatabaseHandle } from '../db/connection.ts';
import { unserializePairs } from '../db/php-serialize.ts';
import { fixedSecret, pluginSecret, type SharedSecret } from './secret.ts';

export interface PluginSettings {
  secret: string | null;
  sidecarUrl: string | null;
}

/** The plugin's settings, or null when the plugin has not stored any (or `setting` is not readable). */
export async function readPluginSettings(handle: DatabaseHandle): Promise<PluginSettings | null> {
  let row: { setting_value: string | null } | undefined;
  try {
    row = await handle.db
      .selectFrom('setting')
      .select('setting_value')
      .where('setting_name', '=', 'slims_crm')
      .executeTakeFirst();
  } catch {
    return null;
  }
  if (row === undefined) return null;
  const settings = new Map(unserializePairs(row.setting_value));
  const secret = settings.get('secret') ?? '';
  const url = settings.get('sidecarUrl') ?? '';
  return { secret: secret.length >= 32 ? secret : null, sidecarUrl: url === '' ? null : url };
}

/**
 * The shared secret of a sidecar on a SLiMS database: the plugin's, re-read when a signature fails. CRM_SECRET
 * from the environment wins when given (a SLiMS without the plugin); a plugin that holds another one is told.
 */
export function slimsSecret(
  handle: DatabaseHandle,
  envSecret: string | null,
  stored: PluginSettings | null,
  log: (line: string) => void,
): SharedSecret {
  if (envSecret !== null) {
    if (stored?.secret && stored.secret !== envSecret) {
      log(
        'PERINGATAN: CRM_SECRET berbeda dengan rahasia plugin SLiMS, jadi token dan webhook dari plugin akan ditolak. Hapus CRM_SECRET (juga dari .env) lalu mulai ulang sidecar.\n' +
          'WARNING: CRM_SECRET differs from the SLiMS plugin’s secret, so the plugin’s tokens and webhooks will be refused. Remove CRM_SECRET (from .env too) and restart the sidecar.',
      );
    }
    return fixedSecret(envSecret);
  }
  if (stored?.secret)
    log('Rahasia bersama diambil dari plugin SLiMS / Shared secret read from the SLiMS plugin’s settings');
  else {
    log(
      'Menunggu plugin SLiMS: aktifkan "SLiMS CRM" di Sistem > Plugin, lalu buka Keanggotaan > CRM > Pengaturan CRM. Sidecar mengambil rahasianya sendiri, tanpa dimulai ulang.\n' +
        'Waiting for the SLiMS plugin: enable "SLiMS CRM" in System > Plugins, then open Membership > CRM > CRM settings. The sidecar picks up its secret by itself, no restart needed.',
    );
  }
  return pluginSecret({
    read: async () => (await readPluginSettings(handle))?.secret ?? null,
    initial: stored?.secret ?? null,
    log,
  });
}
