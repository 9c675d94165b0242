// Signed tokens for members and staff: HS256 JWTs with the algorithm pinned, audience checked, short lives.
import { randomUUID } from 'node:crypto';
import { sign, verify } from 'hono/jwt';

export const AUDIENCE = 'slims-crm';
/** How far past `exp` a token is still taken (clocks differ); a revocation is kept as long. */
export const CLOCK_SKEW_SECONDS = 60;

export type Privileges = Record<string, { r: boolean; w: boolean }>;

export interface StaffClaims {
  uid: number;
  name: string;
  privileges: Privileges;
  exp: number;
  /** Minted by the sidecar's own password sign-in (`amr: ["pwd"]`), not by the SLiMS plugin for a SLiMS session. */
  byPassword: boolean;
}

export interface MemberClaims {
  memberId: string;
  /** The member's name as the token's issuer knew it; '' when the token carries none. */
  name: string;
  exp: number;
}

/** How long a member token lives; the plugin mints its own with the same lifetime. */
export const MEMBER_TOKEN_SECONDS = 900;

export async function signStaffToken(
  secret: string,
  staff: { uid: number; name: string; privileges: Privileges },
  now: Date,
  lifetimeSeconds = 8 * 3600,
): Promise<{ token: string; exp: number }> {
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + lifetimeSeconds;
  // jti: two sign-ins in one second are two sessions, each revoked by its own sign-out.
  const token = await sign(
    {
      aud: AUDIENCE,
      typ: 'staff',
      sub: String(staff.uid),
      name: staff.name,
      priv: staff.privileges,
      amr: ['pwd'],
      jti: randomUUID(),
      iat,
      exp,
    },
    secret,
    'HS256',
  );
  return { token, exp };
}

/** A member token; pass `{ id, name }` to carry the name (a bare id keeps older callers working). */
export async function signMemberToken(
  secret: string,
  member: string | { id: string; name: string },
  now: Date,
  lifetimeSeconds = MEMBER_TOKEN_SECONDS,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const { id, name } = typeof member === 'string' ? { id: member, name: undefined } : member;
  return sign(
    { aud: AUDIENCE, typ: 'member', sub: id, ...(name === undefined ? {} : { name }), iat, exp: iat + lifetimeSeconds },
    secret,
    'HS256',
  );
}

/** Verifies signature (HS256 only), audience and lifetime; null for any token that is not good. */
async function verifyClaims(token: string, secret: string, now: Date): Promise<Record<string, unknown> | null> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify(token, secret, {
      alg: 'HS256',
      aud: AUDIENCE,
      exp: false,
      nbf: false,
      iat: false,
    })) as Record<string, unknown>;
  } catch {
    return null;
  }
  const seconds = now.getTime() / 1000;
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_SKEW_SECONDS < seconds) return null;
  if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_SKEW_SECONDS > seconds) return null;
  if (typeof payload.iat === 'number' && payload.iat - CLOCK_SKEW_SECONDS > seconds) return null;
  return payload;
}

export async function verifyStaffToken(token: string, secret: string, now: Date): Promise<StaffClaims | null> {
  const claims = await verifyClaims(token, secret, now);
  if (claims === null || claims.typ !== 'staff' || typeof claims.sub !== 'string' || !/^\d+$/.test(claims.sub))
    return null;
  const privileges: Privileges = {};
  if (typeof claims.priv === 'object' && claims.priv !== null) {
    for (const [module, value] of Object.entries(claims.priv as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null) continue;
      const { r, w } = value as Record<string, unknown>;
      privileges[module] = { r: r === true || r === 1, w: w === true || w === 1 };
    }
  }
  return {
    uid: Number(claims.sub),
    name: typeof claims.name === 'string' ? claims.name : '',
    privileges,
    exp: claims.exp as number,
    byPassword: Array.isArray(claims.amr) && claims.amr.includes('pwd'),
  };
}

export async function verifyMemberToken(token: string, secret: string, now: Date): Promise<MemberClaims | null> {
  const claims = await verifyClaims(token, secret, now);
  if (claims === null || claims.typ !== 'member' || typeof claims.sub !== 'string') return null;
  if (claims.sub.length === 0 || claims.sub.length > 20) return null;
  return { memberId: claims.sub, name: typeof claims.name === 'string' ? claims.name : '', exp: claims.exp as number };
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header ?? '');
  return match?.[1] ?? null;
}
