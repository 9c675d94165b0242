// Tells networks apart without keeping addresses: a keyed hash of the IPv4 address or IPv6 /64.
import { createHmac } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from './http.ts';

export function clientAddress(c: AppContext, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not running under @hono/node-server (in-process tests)
  }
}

export function networkId(address: string | null, secret: string): string | null {
  if (address === null || address === '') return null;
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const network = v4 ? v4[1] : address.split(':').slice(0, 4).join(':');
  return createHmac('sha256', secret).update(`network:${network}`).digest('hex').slice(0, 32);
}
