// After a request the browser would not complete: is the sidecar down, or does it refuse this page's site?
// Fetched only then (whyBlocked in api.ts), so it costs a first paint nothing.
import { failure, type ApiResult } from './api.ts';

/**
 * Why a request the browser would not complete failed. When the sidecar still answers a no-cors request,
 * it is up but does not accept this page's site (CORS): the visitor reads "not available here" and the
 * console names the setting that changes it. Otherwise the connection is down.
 */
export async function blocked(url: URL): Promise<ApiResult<never>> {
  const origin = location.origin;
  try {
    if (url.origin === origin) throw url;
    await fetch(url.href.replace(/api\/v1\/.*$/, 'api/v1/health'), { mode: 'no-cors', credentials: 'omit' });
  } catch {
    return failure('offline');
  }
  console.warn(
    `[slims-crm] ${url.origin} tidak menerima halaman dari ${origin} / does not accept pages from ${origin}: CRM_ALLOWED_ORIGINS=${origin}`,
  );
  return failure(
    'origin_not_allowed',
    403,
    url.searchParams.get('lang') === 'en'
      ? 'This service is not available on this site.'
      : 'Layanan ini belum tersedia di situs ini.',
  );
}
