// Pairing with the SLiMS plugin without copying secrets by hand: when enabled, the plugin generates the
// shared secret and keeps it in SLiMS's `setting` table (name 'slims_crm'), which the sidecar can read.
import { unserializePairs } from '../staff/php-serialize.ts';
import type { DatabaseHandle } from './connection.ts';

export interface PluginSettings {
  secret: string | null;
  sidecarUrl: string | null;
}

/** The plugin's settings, or null when the plugin has not stored any (or `setting` is not readable). */
export async function readPluginSettings(handle: DatabaseHandle): Promise<PluginSettings | null> {
  let row: { setting_value: string | null } | undefined;
  try {
    row = await handle.db.selectFrom('setting').select('setting_value').where('setting_name', '=', 'slims_crm').executeTakeFirst();
  } catch {
    return null;
  }
  if (row === undefined) return null;
  const settings = new Map(unserializePairs(row.setting_value));
  const secret = settings.get('secret') ?? '';
  const url = settings.get('sidecarUrl') ?? '';
  return { secret: secret.length >= 32 ? secret : null, sidecarUrl: url === '' ? null : url };
}
