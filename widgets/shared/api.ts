// The one network seam: every request a widget makes goes through here and comes back as a result,
// never as a thrown error. Browser tests stub window.fetch underneath it by path. This file is on
// the first-paint path, so it holds only what reading a survey needs; sending lives in send.ts.
import type { ErrorShape } from '../../server/errors.ts';
import './global.ts';

/** The server's error shape, plus what the client knows of the answer. */
export interface ApiError extends ErrorShape {
  /** HTTP status, or 0 when no answer came back (offline, timeout). */
  status: number;
  /** Seconds the server asked to wait before trying again (its Retry-After header), when it said. */
  retryAfter?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface RequestOptions {
  /** The element's `api` attribute; otherwise the loader's base. */
  base?: string | null;
  lang: string;
}

/** How long one attempt may take; tests shorten it. */
export const timeout = { ms: 10_000 };

/** This browser's id once it has answered anything ('slims-crm:device' in localStorage, or memory when storage is blocked). */
export const ids = { device: '' };

/** The stored device id, or '' before this browser's first answer; reads never create one. */
export function storedDevice(): string {
  try {
    ids.device ||= localStorage.getItem('slims-crm:device') || '';
  } catch {
    // storage blocked (privacy settings, sandboxed iframe): only the in-memory id
  }
  return ids.device;
}

export const failure = (
  code: string,
  status = 0,
  message = code,
  details?: unknown,
): ApiResult<never> & { ok: false } => ({
  ok: false,
  error: { code, message, status, details },
});

/** `path` under the sidecar, with the caller's language as ?lang= (the one way the API is told it). */
export function apiUrl(path: string, { base, lang }: RequestOptions): URL {
  // The loader sits in /widgets/ below the sidecar's root; chunks and sources sit one level deeper.
  base ||= window.SlimsCRM?.apiBase || new URL(/* @vite-ignore */ '../..', import.meta.url).href;
  const url = new URL(path, base.endsWith('/') ? base : `${base}/`);
  url.searchParams.set('lang', lang);
  return url;
}

/** One attempt, with a timeout; the member token rides along when the page gave one. */
export async function send<T>(
  url: URL,
  init: RequestInit & { headers: Record<string, string> },
): Promise<ApiResult<T>> {
  const token = window.SlimsCRM?.memberToken;
  if (token) init.headers.Authorization = `Bearer ${token}`;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeout.ms);
  try {
    const res = await fetch(url, { ...init, signal: abort.signal, credentials: 'omit' });
    // A proxy's HTML error page is no JSON: then only the status speaks.
    const body = (await res.json().catch((e: unknown) => {
      if (abort.signal.aborted) throw e;
      return null;
    })) as { error?: Partial<ApiError> } | null;
    if (res.ok && body) return { ok: true, data: body as T };
    const e = body?.error;
    const failed = failure(
      String(e?.code ?? (res.ok ? 'bad_response' : `http_${res.status}`)),
      res.status,
      String(e?.message ?? res.statusText),
      e?.details,
    );
    const wait = Number(res.headers.get('retry-after'));
    if (wait > 0) failed.error.retryAfter = wait;
    return failed;
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

/** Why the browser would not complete a request (blocked.ts, fetched only then); offline when that cannot come either. */
export const whyBlocked = (url: URL): Promise<ApiResult<never>> =>
  import('./blocked.ts').then(
    (mod) => mod.blocked(url),
    () => failure('offline'),
  );

/**
 * Reads `path`. No custom header is set, so a cross-origin read is a CORS simple request (no preflight)
 * unless a member token adds Authorization. The device id goes in the query only once this browser has
 * answered something, so a first visit costs the sidecar no database read. Not retried: the element
 * shows a retry button instead.
 */
export function apiGet<T>(path: string, opts: RequestOptions): Promise<ApiResult<T>> {
  try {
    if (!navigator.onLine) return Promise.resolve(failure('offline'));
    const url = apiUrl(path, opts);
    const device = storedDevice();
    if (device) url.searchParams.set('device', device);
    return send<T>(url, { headers: {} });
  } catch (e) {
    return Promise.resolve(failure('network_error', 0, String(e)));
  }
}
