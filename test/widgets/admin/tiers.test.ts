// The member tiers in the staff app, in Chromium: the profile's tier, score and reasons; the Tingkat anggota view
// (#/tiers) with its thresholds, defaults and explanations, saving them (and a refusal beside the form), the job's
// status and progress polled while a run goes on, "run now", read-only staff, and axe in both languages.
import type { TierSettingsView, TierStatus } from '../../../widgets/admin/api.ts';
import { formatRoute, parseRoute } from '../../../widgets/admin/routes.ts';
import { expectAccessible } from '../axe.ts';
import { tokenFor } from './feedback-fixtures.ts';
import { profileWithTier } from './member-fixtures.ts';
import {
  $,
  $$,
  button,
  cleanup,
  deepEqual,
  equal,
  includes,
  mount,
  stubFetch,
  textOf,
  typeInto,
  waitFor,
} from './helpers.ts';

const defaults = {
  windowDays: 365,
  newDays: 90,
  newMaxLoans: 3,
  activeScore: 25,
  loyalScore: 60,
  atRiskDays: 60,
  lapsedDays: 180,
  loansTarget: 24,
  visitsTarget: 24,
  topicsTarget: 8,
  engagementTarget: 3,
};

// Shaped as GET /api/v1/staff/tiers/settings answers (server/tiers/tiers.routes.ts).
const settingsView = (over: Partial<TierSettingsView> = {}): TierSettingsView => ({
  settings: { ...defaults },
  defaults: { ...defaults },
  ranges: Object.fromEntries(
    Object.keys(defaults).map((k) => [k, { min: 1, max: 1000 }]),
  ) as TierSettingsView['ranges'],
  explanations: Object.fromEntries(
    Object.keys(defaults).map((k) => [
      k,
      k === 'lapsedDays' ? 'Tidak aktif: tidak ada pinjaman atau kunjungan selama sekian hari.' : `Penjelasan ${k}`,
    ]),
  ) as TierSettingsView['explanations'],
  maxPoints: { recency: 30, loans: 30, visits: 20, breadth: 10, engagement: 10 },
  updated: null,
  ...over,
});

const status = (over: Partial<TierStatus> = {}): TierStatus => ({
  running: null,
  last: {
    kind: 'full',
    startedAt: '2026-11-23T00:00:00Z',
    finishedAt: '2026-11-23T00:00:12Z',
    durationMs: 12_400,
    members: 400,
  },
  lastError: null,
  requested: null,
  asOf: '2026-11-23',
  tiers: { new: 12, active: 150, loyal: 90, at_risk: 48, lapsed: 100 },
  ...over,
});

describe('slims-crm-admin: member tiers', () => {
  afterEach(cleanup);

  it('routes #/tiers to the tier view under the Anggota section', () => {
    deepEqual(parseRoute('/tiers'), { view: 'tiers' });
    equal(formatRoute({ view: 'tiers' }), '#/tiers');
  });

  it('shows the tier, the score and the reasons in words on the profile', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys: [] } },
      'GET /api/v1/staff/members/M001': { body: profileWithTier },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/members/M001' });
      const tier = await waitFor(() => $(el, 'p[data-tier]'), 'the tier');
      includes(textOf(tier), 'Setia');
      includes(textOf(tier), 'Skor 82 dari 100');
      equal(textOf($(el, '[data-reasons]')), '14 pinjaman dalam 12 bulan · kunjungan terakhir 3 hari lalu');
      includes(textOf(tier.closest('section')!), 'Kekinian 29 · pinjaman 18');
      equal($(el, 'section[aria-labelledby="mb-tier-title"] a')!.getAttribute('href'), '#/tiers');
    } finally {
      fetch.restore();
    }
  });

  it('shows the thresholds with their defaults and saves them, and a refusal beside the form', async () => {
    let saved: unknown = null;
    const fetch = stubFetch({
      'GET /api/v1/staff/tiers/settings': { body: settingsView() },
      'GET /api/v1/staff/tiers/status': { body: status() },
      'PUT /api/v1/staff/tiers/settings': (call) => {
        const body = call.body as Record<string, number>;
        if (body.loyalScore! <= body.activeScore!)
          return {
            status: 422,
            body: {
              error: {
                code: 'validation_failed',
                message: 'Periksa isian.',
                details: [{ field: 'loyalScore', message: 'Skor setia harus lebih tinggi dari skor aktif.' }],
              },
            },
          };
        saved = body;
        return {
          body: settingsView({
            settings: body as typeof defaults,
            updated: { uid: 2, name: 'Siti', at: '2026-11-23T03:00:00Z' },
          }),
        };
      },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/tiers' });
      await waitFor(() => $(el, '#tr-windowDays'), 'the form');
      equal(textOf($(el, 'h1')), 'Tingkat anggota');
      equal($(el, 'nav a[data-section="members"]')!.getAttribute('aria-current'), 'page');
      includes(textOf($(el, 'label[for="tr-lapsedDays"]')), 'Tidak aktif: tidak ada pinjaman');
      includes(textOf($(el, '#tr-lapsedDays-default')), 'Bawaan: 180');
      equal($$(el, 'form input[type="number"]').length, 11);
      includes(textOf($(el, '[data-last]')), '400 anggota dalam 12,4 detik.');
      equal(textOf($(el, '[data-count="loyal"]')), '90');
      equal($(el, '[data-tier-counts] a')!.getAttribute('href'), '#/members?tier=new');

      typeInto($(el, '#tr-loyalScore'), '20');
      button(el, 'Simpan ambang batas').click();
      const refusal = await waitFor(() => $(el, '[data-form-error]'), 'the refusal');
      includes(textOf(refusal), 'Skor setia harus lebih tinggi');
      equal(saved, null);

      typeInto($(el, '#tr-loyalScore'), '70');
      button(el, 'Simpan ambang batas').click();
      await waitFor(() => $(el, '[data-updated]'), 'saved');
      deepEqual(saved, { ...defaults, loyalScore: 70 });
      equal($(el, '[data-form-error]'), null);
      await expectAccessible(el, 'the tier view');
    } finally {
      fetch.restore();
    }
  });

  it('asks for a run and shows its progress until it is done, in English too', async () => {
    let reads = 0;
    const fetch = stubFetch({
      'GET /api/v1/staff/tiers/settings': { body: settingsView() },
      'GET /api/v1/staff/tiers/status': () => {
        reads++;
        if (reads === 1) return { body: status() };
        if (reads === 2) return { body: status({ requested: { kind: 'full', at: '2026-11-23T03:00:00Z' } }) };
        if (reads === 3)
          return { body: status({ running: { kind: 'full', since: '2026-11-23T03:00:01Z', done: 100, total: 400 } }) };
        return { body: status({ last: { ...status().last!, members: 401, durationMs: 39 } }) };
      },
      'POST /api/v1/staff/tiers/runs': {
        status: 202,
        body: { requested: { kind: 'full', at: '2026-11-23T03:00:00Z' } },
      },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/tiers', lang: 'en' });
      await waitFor(() => $(el, '[data-run-now]'), 'the button');
      equal(textOf($(el, '[data-run-now]')), 'Recompute now');
      $(el, '[data-run-now]')!.click();
      await waitFor(() => $(el, '[data-requested]'), 'the request');
      const running = await waitFor(() => $(el, '[data-running]'), 'the progress', 5000);
      includes(textOf(running), '100 of 400 members');
      equal($<HTMLProgressElement>(el, '[data-running] progress')!.value, 100);
      await waitFor(() => textOf($(el, '[data-last]')).includes('401 members'), 'the run done', 5000);
      includes(textOf($(el, '[data-last]')), '401 members in under a second.');
      deepEqual(fetch.calls.find((c) => c.method === 'POST')!.body, { kind: 'full' });
      await expectAccessible(el, 'the tier view in English');
    } finally {
      fetch.restore();
    }
  });

  it('shows the thresholds without the form buttons to staff who may only read', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/tiers/settings': { body: settingsView() },
      'GET /api/v1/staff/tiers/status': { body: status() },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/tiers' });
      el.token = tokenFor(3, 'Budi', { membership: { r: true, w: false } });
      await waitFor(() => $(el, '[data-read-only]'), 'the read-only notice');
      equal($(el, '[data-run-now]'), null);
      equal($<HTMLInputElement>(el, '#tr-windowDays')!.readOnly, true);
      equal($$(el, 'form button').length, 0);
    } finally {
      fetch.restore();
    }
  });
});
