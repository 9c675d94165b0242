// Shared HTTP pieces: the app's context type and reading a JSON body at the edge.
import type { Context } from 'hono';
import { ApiError, type Lang } from './errors.ts';
import type { StaffClaims } from './auth/tokens.ts';

export interface AppEnv {
  Variables: {
    lang: Lang | undefined;
    staff: StaffClaims;
  };
}

export type AppContext = Context<AppEnv>;

/** Reads a JSON object body; anything else is a 415 or a 400, before a handler sees it. */
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
  return record;
}

export function parseId(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new ApiError(404, 'not_found');
  return Number(value);
}
