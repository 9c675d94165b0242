// Signed calls from the SLiMS plugin: events (circulation, members, biblios), verified, checked for freshness
// and kept once; and the settings page's connection test, which proves that both sides hold the same secret.
import { Hono } from 'hono';
import { verifyWith } from '../auth/secret.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError, requestLang } from '../errors.ts';
import type { AppContext, AppEnv } from '../http.ts';
import { nudgeIncremental } from '../tiers/tiers.queries.ts';
import { VERSION } from '../version.ts';
import { storeEvent } from './hooks.queries.ts';
import { check } from '../validate.ts';
import { jsonObjectOf, parseEvent, pingBody } from './hooks.schemas.ts';
import { pingProof, signatureMatches } from './hooks.signature.ts';

/** How far the plugin's clock may be from ours; beyond it a captured request can no longer be replayed. */
const MAX_SKEW_SECONDS = 300;

export function hookRoutes(deps: AppDeps) {
  const { db, clock } = deps;

  /**
   * The raw body when it is signed with the shared secret and fresh; otherwise a 401. Only the connection test
   * (`explain`) says where the sidecar's secret comes from, so the settings page can say what to change.
   */
  async function signedBody(c: AppContext, explain = false): Promise<string> {
    // Server to server only: no page, not even one from an allowed origin, may post here.
    if (c.req.header('origin') !== undefined) throw new ApiError(403, 'origin_not_allowed');
    if (!/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? ''))
      throw new ApiError(415, 'unsupported_media_type');
    // The signature covers the bytes as sent, so it is checked on the raw text before anything parses it.
    const raw = await c.req.text();
    const timestamp = c.req.header('x-slims-crm-timestamp') ?? '';
    const signature = c.req.header('x-slims-crm-signature') ?? '';
    if (
      (await verifyWith(deps.secret, (secret) => signatureMatches(secret, timestamp, raw, signature) || null)) === null
    ) {
      // Never the secret itself; and to events, nothing at all.
      throw new ApiError(
        401,
        'bad_signature',
        explain ? { secretSource: deps.secret.source, paired: deps.secret.paired } : undefined,
      );
    }
    if (Math.abs(clock().getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS)
      throw new ApiError(401, 'stale_timestamp');
    return raw;
  }

  return new Hono<AppEnv>()
    .post('/slims', async (c) => {
      const raw = await signedBody(c);
      const event = parseEvent(raw, requestLang(c));
      if (!(await storeEvent(db, event, raw, clock()))) throw new ApiError(409, 'replayed');
      // A loan, a return or a changed member moves tiers: the member tiers' next look runs an incremental run.
      if (event.event === 'circulation.transaction' || event.event.startsWith('member.'))
        await nudgeIncremental(db, clock());
      return c.json({ status: 'accepted' }, 202);
    })
    .post('/ping', async (c) => {
      const { nonce } = check(pingBody, jsonObjectOf(await signedBody(c, true)) ?? {}, requestLang(c));
      // The proof answers the plugin's nonce with the same secret: a sidecar holding another secret cannot make it.
      return c.json({
        status: 'paired',
        proof: pingProof(deps.secret.value, nonce),
        version: VERSION,
        secretSource: deps.secret.source,
        time: clock().toISOString(),
      });
    });
}
