// Signed events from the SLiMS plugin (circulation, members, biblios): verified, checked for freshness, kept once.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError, requestLang } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { storeEvent } from './hooks.queries.ts';
import { parseEvent } from './hooks.schemas.ts';
import { signatureMatches } from './hooks.signature.ts';

/** How far the plugin's clock may be from ours; beyond it a captured request can no longer be replayed. */
const MAX_SKEW_SECONDS = 300;

export function hookRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  return new Hono<AppEnv>().post('/slims', async (c) => {
    // Server to server only: no page, not even one from an allowed origin, may post events.
    if (c.req.header('origin') !== undefined) throw new ApiError(403, 'origin_not_allowed');
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) throw new ApiError(415, 'unsupported_media_type');
    // The signature covers the bytes as sent, so it is checked on the raw text before anything parses it.
    const raw = await c.req.text();
    const timestamp = c.req.header('x-slims-crm-timestamp') ?? '';
    if (!signatureMatches(config.secret, timestamp, raw, c.req.header('x-slims-crm-signature') ?? '')) {
      throw new ApiError(401, 'bad_signature');
    }
    const now = clock();
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) throw new ApiError(401, 'stale_timestamp');
    const event = parseEvent(raw, requestLang(c));
    if (!(await storeEvent(db, event, raw, now))) throw new ApiError(409, 'replayed');
    return c.json({ status: 'accepted' }, 202);
  });
}
