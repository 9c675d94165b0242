// The tiers for staff: the library's thresholds (read with Membership read, changed with Membership write), the
// job's status and progress, and "run now". The job itself runs from the background tick (server/jobs.ts).
import { Hono } from 'hono';
import { requireStaff } from '../auth/require-staff.ts';
import type { TierCode, TierRunKind } from '../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { fromDbTime } from '../db/time.ts';
import { requestLang } from '../errors.ts';
import type { AppEnv } from '../http.ts';
import { jsonBody } from '../validate.ts';
import { MAX_POINTS, SETTING_WORDS, TIER_DEFAULTS, type TierSettings } from './score.ts';
import { readRunState, readSettings, requestRun, saveSettings, tierCounts } from './tiers.queries.ts';
import { SETTING_RANGES, tierRunBody, tierSettingsBody } from './tiers.schemas.ts';

/** GET /api/v1/staff/tiers/settings. */
export interface TierSettingsView {
  settings: TierSettings;
  defaults: TierSettings;
  ranges: typeof SETTING_RANGES;
  /** What each threshold means, in the request's language. */
  explanations: Record<keyof TierSettings, string>;
  maxPoints: typeof MAX_POINTS;
  updated: { uid: number; name: string; at: string } | null;
}

/** GET /api/v1/staff/tiers/status. */
export interface TierStatus {
  running: { kind: TierRunKind; since: string; done: number; total: number } | null;
  last: { kind: TierRunKind; startedAt: string; finishedAt: string; durationMs: number; members: number } | null;
  lastError: string | null;
  requested: { kind: TierRunKind; at: string } | null;
  /** The library date of the last full run. */
  asOf: string | null;
  tiers: Record<TierCode, number>;
}

const MODULE = 'membership';

export function tierRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  const read = requireStaff(deps, MODULE, 'r');
  const write = requireStaff(deps, MODULE, 'w');

  async function settingsView(lang: 'id' | 'en'): Promise<TierSettingsView> {
    const { settings, updated } = await readSettings(db);
    const explanations = Object.fromEntries(
      (Object.keys(SETTING_WORDS) as Array<keyof TierSettings>).map((key) => [key, SETTING_WORDS[key][lang]]),
    ) as Record<keyof TierSettings, string>;
    return {
      settings,
      defaults: { ...TIER_DEFAULTS },
      ranges: SETTING_RANGES,
      explanations,
      maxPoints: MAX_POINTS,
      updated: updated === null ? null : { ...updated, at: fromDbTime(updated.at) },
    };
  }

  return new Hono<AppEnv>()
    .get('/settings', read, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json((await settingsView(requestLang(c))) satisfies TierSettingsView);
    })
    .put('/settings', write, jsonBody(tierSettingsBody), async (c) => {
      const body = c.req.valid('json');
      const settings = Object.fromEntries(
        (Object.keys(TIER_DEFAULTS) as Array<keyof TierSettings>).map((key) => [key, body[key]]),
      ) as unknown as TierSettings;
      const staff = c.get('staff');
      // The next tick sees the change and recomputes every member with the new thresholds.
      await saveSettings(db, settings, { uid: staff.uid, name: staff.name }, clock());
      return c.json((await settingsView(requestLang(c))) satisfies TierSettingsView);
    })
    .get('/status', read, async (c) => {
      const [state, tiers] = await Promise.all([readRunState(db), tierCounts(db)]);
      c.header('Cache-Control', 'no-store');
      return c.json({
        running:
          state.running_kind === null || state.running_since === null
            ? null
            : {
                kind: state.running_kind,
                since: fromDbTime(state.running_since),
                done: Number(state.done),
                total: Number(state.total),
              },
        last:
          state.last_kind === null || state.last_started_at === null || state.last_finished_at === null
            ? null
            : {
                kind: state.last_kind,
                startedAt: fromDbTime(state.last_started_at),
                finishedAt: fromDbTime(state.last_finished_at),
                durationMs: Number(state.last_duration_ms ?? 0),
                members: Number(state.last_members ?? 0),
              },
        lastError: state.last_error,
        requested:
          state.requested_kind === null || state.requested_at === null
            ? null
            : { kind: state.requested_kind, at: fromDbTime(state.requested_at) },
        asOf: state.full_as_of,
        tiers,
      } satisfies TierStatus);
    })
    .post('/runs', write, jsonBody(tierRunBody), async (c) => {
      const kind = c.req.valid('json').kind;
      const now = clock();
      // Any sidecar's tier check (every few seconds) takes the request up under the job's lease.
      await requestRun(db, kind, now);
      return c.json({ requested: { kind, at: now.toISOString().replace('.000Z', 'Z') } }, 202);
    });
}
