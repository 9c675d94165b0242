// Sending an answer: POST with an Idempotency-Key, retried with backoff while the server may not
// have acted. Only respond.ts needs it, so it loads after the first paint.
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

/** Retries after a network failure or a 5xx, with exponential backoff; tests shorten it. */
export const retry = { times: 3, backoffMs: 400 };

/**
 * POSTs `body` as JSON. The caller keeps `key` for one submission, so a visitor's own second try is
 * recognised by the server as the same submission.
 */
export async function apiPost<T>(path: string, body: unknown, opts: RequestOptions & { key: string }): Promise<ApiResult<T>> {
  try {
    const url = apiUrl(path, opts);
    const init = { method: 'POST', body: JSON.stringify(body) };
    for (let n = 0; ; n++) {
      if (!navigator.onLine) return failure('offline');
      const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': opts.key, 'X-Device-Id': deviceId() };
      const result = await send<T>(url, { ...init, headers });
      // Retry only when the server may not have acted; the Idempotency-Key makes a repeated POST safe.
      if (result.ok || (result.error.status && result.error.status < 500) || n >= retry.times) return result;
      await new Promise((r) => setTimeout(r, retry.backoffMs * 2 ** n * (0.75 + Math.random() / 2)));
    }
  } catch (e) {
    return failure('network_error', 0, String(e));
  }
}
