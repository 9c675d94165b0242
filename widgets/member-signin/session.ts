// A member's session on a site outside SLiMS: signing in with card number and OPAC password, and the
// token kept for this tab in sessionStorage (never a cookie, never localStorage).
import {
  apiUrl,
  failure,
  timeout,
  whyBlocked,
  type ApiError,
  type ApiResult,
  type RequestOptions,
} from '../shared/api.ts';

/** Where the token lives for this tab; the loader (widgets/index.ts) reads it back on every page. */
export const STORAGE_KEY = 'slims-crm:member-token';

export interface MemberSession {
  token: string;
  memberId: string;
  name: string;
  /** When the token stops working, in ms on this browser's clock. */
  expiresAt: number;
}

interface SessionCreated {
  token?: unknown;
  member?: { id?: unknown; name?: unknown } | null;
}

interface Claims {
  sub?: unknown;
  name?: unknown;
  iat?: unknown;
  exp?: unknown;
}

/** The claims of a JWT, unverified (the sidecar verifies; the widget only needs the expiry and the name). */
function claims(token: string): Claims | null {
  try {
    const base64 = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const value = JSON.parse(json) as unknown;
    return value && typeof value === 'object' ? value : null;
  } catch {
    return null;
  }
}

const text = (x: unknown): string => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

/**
 * The session a token stands for, or null when it is no token or has expired. `receivedNow` says
 * the sidecar has just issued it: then its lifetime (exp - iat) counts from now, so a library PC
 * whose clock is wrong does not throw a fresh token away.
 */
export function readSession(
  token: unknown,
  receivedNow = false,
  member?: SessionCreated['member'],
): MemberSession | null {
  if (typeof token !== 'string' || !token) return null;
  const c = claims(token);
  if (typeof c?.exp !== 'number') return null;
  const lifetime = receivedNow && typeof c.iat === 'number' ? c.exp - c.iat : c.exp - Date.now() / 1000;
  if (!(lifetime > 0)) return null;
  return {
    token,
    memberId: text(member?.id) || text(c.sub),
    name: text(member?.name) || text(c.name),
    expiresAt: Date.now() + lifetime * 1000,
  };
}

/** The token kept for this tab, or null (also when storage is blocked). */
export function storedToken(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // storage blocked (privacy settings, sandboxed iframe): the session lives only in memory
    return null;
  }
}

export function keep(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(STORAGE_KEY, token);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage blocked: see storedToken
  }
}

/** Also says, for rate_limited, how many seconds the sidecar asks to wait (Retry-After). */
export type SignInResult = ApiResult<MemberSession> & { retryAfter?: number };

/**
 * POSTs the card number and password once. Never retried behind the member's back: each attempt
 * counts towards the sidecar's lockout, so a retry is the member's own press of the button. The one
 * exception is the element's resend with `pow` after a proof_required answer, which checked no password.
 * It calls fetch itself rather than through api.ts `send`, only because it needs a response header
 * (Retry-After) that `send` does not pass on, and `send` sits in the code every poll downloads
 * before it can paint; the rest (URL, timeout, error shape) is the seam's.
 */
export async function signIn(
  cardNumber: string,
  password: string,
  opts: RequestOptions,
  pow?: string,
): Promise<SignInResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout.ms);
  const url = apiUrl('api/v1/members/session', opts);
  try {
    if (!navigator.onLine) return failure('offline');
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(pow === undefined ? { cardNumber, password } : { cardNumber, password, pow }),
      signal: abort.signal,
      credentials: 'omit',
    });
    const body = (await res.json().catch((e: unknown) => {
      if (abort.signal.aborted) throw e;
      return null;
    })) as (SessionCreated & { error?: Partial<ApiError> }) | null;
    if (res.ok) {
      const session = readSession(body?.token, true, body?.member);
      return session ? { ok: true, data: session } : failure('bad_response', res.status, 'unexpected session payload');
    }
    const e = body?.error;
    return {
      ...failure(String(e?.code ?? `http_${res.status}`), res.status, String(e?.message ?? res.statusText), e?.details),
      retryAfter: seconds(res.headers.get('Retry-After')),
    };
  } catch (e) {
    return abort.signal.aborted
      ? failure('timeout', 0, String(e))
      : e instanceof TypeError
        ? whyBlocked(url)
        : failure('network_error', 0, String(e));
  } finally {
    clearTimeout(timer);
  }
}

/** Retry-After as seconds, from either of its forms (delta-seconds or an HTTP date). */
function seconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const s = /^\d+$/.test(header.trim()) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return s > 0 ? s : undefined;
}
