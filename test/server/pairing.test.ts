// The sidecar finds the secret the SLiMS plugin generated, in SLiMS's setting table (PHP-serialized).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { applySlimsSubset } from '../../server/db/migrate.ts';
import { readPluginSettings } from '../../server/auth/pairing.ts';
import { unserializeList, unserializePairs } from '../../server/db/php-serialize.ts';

const secret = 'a1b2c3d4'.repeat(8);
const serialized = `a:2:{s:10:"sidecarUrl";s:24:"https://crm.perpus.go.id";s:6:"secret";s:64:"${secret}";}`;

describe('PHP serialize()d values', () => {
  it('reads lists and maps, counting string lengths in bytes as PHP does', () => {
    expect(unserializeList('a:2:{i:0;s:1:"1";i:1;s:1:"3";}')).toEqual(['1', '3']);
    expect(unserializePairs(serialized)).toEqual([
      ['sidecarUrl', 'https://crm.perpus.go.id'],
      ['secret', secret],
    ]);
    expect(unserializePairs('a:1:{s:4:"nama";s:5:"Bukù";}')).toEqual([['nama', 'Bukù']]);
    expect(unserializePairs('a:2:{i:0;b:1;i:1;i:-5;}')).toEqual([
      ['0', '1'],
      ['1', '-5'],
    ]);
    for (const broken of [
      '',
      's:3:"abc";',
      'a:2:{i:0;s:1:"1";}',
      'a:1:{i:0;O:8:"stdClass":0:{}}',
      'a:1:{i:0;s:9:"short";}',
    ]) {
      expect(unserializePairs(broken), broken).toEqual([]);
    }
  });
});

describe('pairing with the plugin', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await applySlimsSubset(handle);
  });
  afterAll(async () => {
    await handle.close();
  });

  it('finds nothing before the plugin has stored its settings', async () => {
    expect(await readPluginSettings(handle)).toBeNull();
  });

  it('reads the secret and sidecar URL the plugin stored', async () => {
    await handle.db.insertInto('setting').values({ setting_name: 'slims_crm', setting_value: serialized }).execute();
    expect(await readPluginSettings(handle)).toEqual({ secret, sidecarUrl: 'https://crm.perpus.go.id' });
  });

  it('ignores a secret too short to trust', async () => {
    await handle.db
      .updateTable('setting')
      .set({ setting_value: 'a:1:{s:6:"secret";s:5:"12345";}' })
      .where('setting_name', '=', 'slims_crm')
      .execute();
    expect(await readPluginSettings(handle)).toEqual({ secret: null, sidecarUrl: null });
  });
});
