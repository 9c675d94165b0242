// Telling networks apart for the soft limits.
import { describe, expect, it } from 'vitest';
import { createNetworkLimiter, ipv6Prefix64, networkId, openAddresses } from '../../server/network.ts';

describe('networks', () => {
  it('groups IPv6 addresses by their /64, however they are written', () => {
    expect(ipv6Prefix64('2001:db8::5')).toBe('2001:0db8:0000:0000');
    expect(ipv6Prefix64('2001:db8:0:0:ffff::1')).toBe('2001:0db8:0000:0000');
    expect(ipv6Prefix64('2001:DB8:1:2:3:4:5:6')).toBe('2001:0db8:0001:0002');
    expect(ipv6Prefix64('::1')).toBe('0000:0000:0000:0000');
    expect(ipv6Prefix64('fe80::1%eth0')).toBe('fe80:0000:0000:0000');
    expect(networkId('2001:db8::5', 's')).toBe(networkId('2001:db8::ffff:9', 's'));
    expect(networkId('2001:db8:0:1::5', 's')).not.toBe(networkId('2001:db8::5', 's'));
  });

  it('treats IPv4 and IPv4-mapped addresses alike and keeps no address', () => {
    expect(networkId('::ffff:10.1.2.3', 's')).toBe(networkId('10.1.2.3', 's'));
    expect(networkId('10.1.2.3', 's')).toMatch(/^[0-9a-f]{32}$/);
    expect(networkId('10.1.2.3', 's')).not.toBe(networkId('10.1.2.3', 'other secret'));
    expect(networkId(null, 's')).toBeNull();
  });

  it('counts per hour window and starts again in the next', () => {
    const limiter = createNetworkLimiter(2);
    const at = new Date('2026-11-23T03:10:00Z');
    limiter.count('a', at);
    limiter.count('a', at);
    expect(limiter.atLimit('a', at)).toBe(true);
    expect(limiter.atLimit('b', at)).toBe(false);
    expect(limiter.atLimit('a', new Date('2026-11-23T04:00:00Z'))).toBe(false);
  });

  it('lists the addresses the demo can be opened at: CRM_PUBLIC_URL, localhost and the LAN addresses', () => {
    const interfaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.10', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '169.254.3.4', family: 'IPv4', internal: false }],
    } as unknown as Parameters<typeof openAddresses>[3];
    expect(openAddresses('http://localhost:3000', '0.0.0.0', 3000, interfaces)).toEqual([
      'http://localhost:3000',
      'http://192.168.1.10:3000',
    ]);
    expect(openAddresses('https://crm.perpustakaan.test/', '0.0.0.0', 3000, interfaces)).toEqual([
      'https://crm.perpustakaan.test',
      'http://localhost:3000',
      'http://192.168.1.10:3000',
    ]);
    // Bound to one address: only that one answers.
    expect(openAddresses('http://localhost:3000', '127.0.0.1', 3000, interfaces)).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });
});
