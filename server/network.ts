// Tells networks apart without keeping addresses: a keyed hash of the IPv4 address or IPv6 /64.
import { createHmac } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppContext } from './http.ts';

export function clientAddress(c: AppContext, trustProxy: boolean): string | null {
  if (trustProxy) {
    // The proxy appends the address it saw; anything to its left was written by the client.
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null; // not running under @hono/node-server (in-process tests)
  }
}

/** The first 64 bits of an IPv6 address, written out in full (2001:db8::5 -> 2001:0db8:0000:0000). */
export function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return groups
    .slice(0, 4)
    .map((g) => g.padStart(4, '0'))
    .join(':');
}

export function networkId(address: string | null, secret: string): string | null {
  if (address === null || address === '') return null;
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const network = v4 ? v4[1] : ipv6Prefix64(address);
  return createHmac('sha256', secret).update(`network:${network}`).digest('hex').slice(0, 32);
}

/**
 * A soft limit on answers per network: counts in fixed one-hour windows, in this process's memory.
 * Soft on purpose: several sidecars each count their own share, and a restart forgets, so it only slows a
 * flood from one address; the hard rule (one answer per member or device) lives in the database.
 */
export function createNetworkLimiter(limit: number, windowMs = 3600_000) {
  const windows = new Map<string, { window: number; count: number }>();
  const current = (key: string, now: number) => {
    const window = Math.floor(now / windowMs);
    const entry = windows.get(key);
    return entry !== undefined && entry.window === window ? entry : { window, count: 0 };
  };
  return {
    atLimit: (key: string, now: Date) => current(key, now.getTime()).count >= limit,
    /** Takes back one count of this window, for an attempt that turned out to add nothing (a repeat vote). */
    uncount(key: string, now: Date) {
      const entry = windows.get(key);
      if (entry !== undefined && entry.window === Math.floor(now.getTime() / windowMs) && entry.count > 0)
        entry.count--;
    },
    count(key: string, now: Date) {
      const entry = current(key, now.getTime());
      entry.count++;
      windows.set(key, entry);
      if (windows.size > 50_000) {
        const window = Math.floor(now.getTime() / windowMs);
        for (const [k, e] of windows) if (e.window !== window) windows.delete(k);
        // Still full within one window (a flood of distinct networks): forget the oldest half.
        if (windows.size > 50_000) for (const k of [...windows.keys()].slice(0, 25_000)) windows.delete(k);
      }
    },
  };
}

/**
 * The addresses a browser can open the sidecar at, for the start-up lines: CRM_PUBLIC_URL first, then, when it
 * listens on every interface, localhost and this machine's IPv4 LAN addresses (a librarian's PC reaches the
 * library's server by one of those). Link-local and IPv6 addresses are left out: nobody types them.
 */
export function openAddresses(
  publicUrl: string,
  host: string,
  port: number,
  interfaces: ReturnType<typeof networkInterfaces> = networkInterfaces(),
): string[] {
  const urls = [publicUrl.replace(/\/+$/, '')];
  const add = (hostname: string) => {
    const url = `http://${hostname}:${port}`;
    if (!urls.includes(url)) urls.push(url);
  };
  if (host === '0.0.0.0' || host === '::' || host === '') {
    add('localhost');
    for (const list of Object.values(interfaces)) {
      for (const entry of list ?? []) {
        if (entry.family === 'IPv4' && !entry.internal && !entry.address.startsWith('169.254.')) add(entry.address);
      }
    }
  } else {
    add(host.includes(':') ? `[${host}]` : host);
  }
  return urls;
}

/**
 * Whether the page answered is in what browsers call a secure context: https (as the proxy says, when it is
 * trusted), or a loopback host. On plain http at a LAN address a browser ignores the isolation headers and
 * logs an error for each page, so they are only sent where they work.
 */
export function isSecureContext(c: AppContext, trustProxy: boolean): boolean {
  const proto = trustProxy ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined;
  const url = new URL(c.req.url);
  if ((proto ?? url.protocol.replace(':', '')) === 'https') return true;
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\./.test(url.hostname);
}
