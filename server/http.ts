// Shared HTTP pieces: the app's context type and reading a JSON body at the edge.
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { verifyWith, type SharedSecret } from './auth/secret.ts';
import { bearerToken, verifyMemberToken, type StaffClaims } from './auth/tokens.ts';
import { ApiError, pick, requestLang, type Lang } from './errors.ts';

export interface AppEnv {
  Variables: {
    lang: Lang | undefined;
    staff: StaffClaims;
    /** The member a member token names, on the routes that require one. */
    memberId: string;
  };
}

export type AppContext = Context<AppEnv>;

/** `lang`, known to every JSON body (see readJsonObject), in the bodies' schemas. */
export const lang = z.enum(['id', 'en']).nullish().describe('The language of error messages: "id" (default) or "en".');

/**
 * Reads a JSON object body; anything else is a 415 or a 400, before a handler sees it.
 *
 * The one rule for fields, on every route: each field a route knows is checked for its exact JSON type by that
 * route's schema, and a wrong type is a 422 validation_failed naming the field (never coerced: "1" is not 1,
 * "" is not an empty list); fields a route does not know are ignored, so a widget or SLiMS plugin one version
 * ahead that sends one more field still works. `lang`, known to every route, must be "id" or "en".
 */
export async function readJsonObject(c: AppContext): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError(415, 'unsupported_media_type');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'invalid_json');
  const record = body as Record<string, unknown>;
  if (record.lang === 'id' || record.lang === 'en') c.set('lang', record.lang);
  else if (record.lang !== undefined && record.lang !== null) {
    throw new ApiError(422, 'validation_failed', [
      {
        field: 'lang',
        message: pick(requestLang(c), 'Bahasa harus "id" atau "en".', 'The language must be "id" or "en".'),
      },
    ]);
  }
  return record;
}

/** What a validating middleware hands its handler, as `c.req.valid(target)`. */
export type Validated<Target extends 'json' | 'query' | 'param', T> = MiddlewareHandler<
  AppEnv,
  string,
  { in: { [K in Target]: unknown }; out: { [K in Target]: T } }
>;

/** Route middleware: `:id` as a positive number, else a 404; the handler reads `c.req.valid('param').id`. */
export const idParam = (): Validated<'param', { id: number }> => async (c, next) => {
  c.req.addValidatedData('param', { id: parseId(c.req.param('id') ?? '') });
  await next();
};

export function parseId(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new ApiError(404, 'not_found');
  return Number(value);
}

/** Idempotency keys and device ids: what a widget makes (a UUID) and nothing that could smuggle anything else. */
const REQUEST_TOKEN = /^[A-Za-z0-9_-]{8,64}$/;

/** The Idempotency-Key every widget write carries; a write without one is refused. */
export function idempotencyKeyOf(c: AppContext): string {
  const key = c.req.header('idempotency-key') ?? '';
  if (!REQUEST_TOKEN.test(key)) throw new ApiError(400, 'idempotency_key_required');
  return key;
}

/** The widget's device id: a header on writes; on reads also ?device=, which spares a CORS preflight. */
export function deviceIdOf(c: AppContext): string | null {
  const value = c.req.header('x-device-id') ?? (c.req.method === 'GET' ? c.req.query('device') : undefined);
  return value !== undefined && REQUEST_TOKEN.test(value) ? value : null;
}

/** The member when a valid member token came; a bad token is a 401 when `strict`, else ignored. */
export async function memberOf(
  c: AppContext,
  secret: SharedSecret,
  now: Date,
  strict: boolean,
): Promise<string | null> {
  const header = c.req.header('authorization');
  if (header === undefined) return null;
  const token = bearerToken(header);
  const claims = token === null ? null : await verifyWith(secret, (value) => verifyMemberToken(token, value, now));
  if (claims === null && strict) throw new ApiError(401, 'invalid_token');
  return claims?.memberId ?? null;
}

/** Who writes: the member ('m:<id>'), else the device ('d:<id>'); a write with neither is refused. */
export async function writerOf(
  c: AppContext,
  secret: SharedSecret,
  now: Date,
): Promise<{ memberId: string | null; key: string }> {
  const memberId = await memberOf(c, secret, now, true);
  if (memberId !== null) return { memberId, key: `m:${memberId}` };
  const device = deviceIdOf(c);
  if (device === null) {
    throw new ApiError(400, 'validation_failed', [
      {
        field: 'X-Device-Id',
        message: pick(requestLang(c), 'Header X-Device-Id tidak ada.', 'The X-Device-Id header is missing.'),
      },
    ]);
  }
  return { memberId: null, key: `d:${device}` };
}

/**
 * Whether `origin` is the address this request reached the sidecar at (its own pages: the demo, the staff
 * app), by host and port; the scheme is left out so a TLS proxy in front changes nothing. Behind a trusted
 * proxy the host it was asked for (X-Forwarded-Host) counts too.
 */
export function isOwnOrigin(c: AppContext, origin: string, trustProxy: boolean): boolean {
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const asked = [c.req.header('host')];
  if (trustProxy) asked.push(c.req.header('x-forwarded-host')?.split(',')[0]?.trim());
  return asked.some((h) => h !== undefined && h !== '' && h.toLowerCase() === host);
}
