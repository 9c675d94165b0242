// Sending an answer: POST with an Idempotency-Key, retried with backoff while the server may not
// have acted. Never on a first paint: respond.ts imports it after the poll's, and the feedback widgets
// fetch it when a visitor starts to write or votes (loadSend in feedback.ts).
import { apiUrl, failure, ids, send, storedDevice, type ApiResult, type RequestOptions } from './api.ts';

/** A v4 UUID; crypto.randomUUID is missing on plain-http pages, which many library sites still are. */
export const uuid = (): string =>
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
    (+c ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (+c / 4)))).toString(16),
  );

/** This browser's id, made and kept at its first answer. */
function deviceId(): string {
  if (!storedDevice()) {
    ids.device = uuid();
    try {
      localStorage.setItem('slims-crm:device', ids.device);
    } catch {
      // storage blocked: the id lives as long as the page
    }
  }
  return ids.device;
}

/**
 * A fresh member token from the page's own site: the SLiMS plugin names its same-origin token page in
 * <meta name="slims-crm-token-url">. Null when there is none, or the member is no longer logged in.
 */
async function renewMemberToken(): Promise<string | null> {
  const url = document.querySelector<HTMLMetaElement>('meta[name="slims-crm-token-url"]')?.content;
  if (!url) return null;
  try {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const body = (await res.json()) as { token?: unknown } | null;
    return res.ok && typeof body?.token === 'string' ? body.token : null;
  } catch {
    return null;
  }
}

/**
 * Retries after a network failure or a 5xx: `times` more tries with exponential backoff, or after the
 * server's Retry-After (at most `maxWaitMs`). While the sidecar says its database is away (503
 * database_unavailable, e.g. MariaDB restarting) it keeps trying for up to `outageMs` in all. Tests shorten it.
 */
export const retry = {
  times: 3,
  backoffMs: 400,
  maxWaitMs: 5_000,
  outageMs: 30_000,
  wait: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
};

/**
 * POSTs (or PUTs, with `method`) `body` as JSON. The caller keeps `key` for one submission, so a visitor's own second try is
 * recognised by the server as the same submission. A member token the server refuses (they last a quarter
 * of an hour) is renewed from the OPAC once; when it cannot be, it is forgotten everywhere (this tab's
 * storage and every widget on the page) and the caller gets the invalid_token error.
 */
export async function apiPost<T>(
  path: string,
  body: unknown,
  opts: RequestOptions & { key: string; method?: 'POST' | 'PUT' },
): Promise<ApiResult<T>> {
  try {
    const url = apiUrl(path, opts);
    const init = { method: opts.method ?? 'POST', body: JSON.stringify(body) };
    let renewed = false;
    const started = Date.now();
    for (let n = 0; ; n++) {
      if (!navigator.onLine) return failure('offline');
      const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': opts.key, 'X-Device-Id': deviceId() };
      const result = await send<T>(url, { ...init, headers });
      if (!result.ok && result.error.code === 'invalid_token' && !renewed) {
        renewed = true;
        const fresh = await renewMemberToken();
        if (!fresh) {
          try {
            sessionStorage.removeItem('slims-crm:member-token');
          } catch {
            // storage blocked: only the in-memory token goes
          }
        }
        window.SlimsCRM?.setMemberToken(fresh);
        if (fresh) {
          n--;
          continue;
        }
        return result;
      }
      // Retry only when the server may not have acted; the Idempotency-Key makes a repeated POST safe.
      if (result.ok || (result.error.status && result.error.status < 500)) return result;
      const outage = result.error.code === 'database_unavailable';
      if (n >= retry.times && !(outage && Date.now() - started < retry.outageMs)) return result;
      const asked = result.error.retryAfter;
      // The widget stays in its sending state meanwhile; the jitter keeps many visitors from retrying in step.
      await retry.wait(
        Math.min((asked ? asked * 1000 : retry.backoffMs * 2 ** n) * (1 + Math.random() / 4), retry.maxWaitMs),
      );
    }
  } catch (e) {
    return failure('network_error', 0, String(e));
  }
}
