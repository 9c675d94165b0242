// Segments in the staff app, in Chromium: the Segmen section's filter builder with its live count (asked once
// the changes pause, the last answer winning), saving a segment under a name, a saved segment's URL with its
// filters, members linked to their profiles, the CSV download, the server's refusals beside their fields, and
// axe in both languages.
import type { SavedSegment, SegmentList, SegmentMemberPage } from '../../../widgets/admin/api.ts';
import { formatRoute, parseRoute } from '../../../widgets/admin/routes.ts';
import { definitionOf, draftOf } from '../../../widgets/admin/segments.ts';
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import {
  $,
  $$,
  assert,
  button,
  cleanup,
  deepEqual,
  equal,
  includes,
  mount,
  stubFetch,
  surveys,
  textOf,
  typeInto,
  waitFor,
  type Call,
} from './helpers.ts';

const BASE = '/api/v1/staff/segments';

// Shaped as the segment routes answer (server/segments/segments.routes.ts).
const saved: SavedSegment = {
  id: 7,
  name: 'Guru aktif',
  definition: { memberTypes: [1], labels: ['guru'], loans: { from: '2026-01-01', to: '2026-12-31', atLeast: 3 } },
  createdAt: '2026-11-20T03:00:00Z',
  createdBy: { uid: 2, name: 'Siti Rahmawati' },
  updatedAt: '2026-11-20T03:00:00Z',
  updatedBy: { uid: 2, name: 'Siti Rahmawati' },
};
const list = (segments: SavedSegment[] = [saved]): SegmentList => ({
  segments,
  types: [
    { id: 2, name: 'Mahasiswa' },
    { id: 1, name: 'Umum' },
  ],
  labels: ['guru', 'komunitas baca'],
});
const members: SegmentMemberPage = {
  items: [
    {
      id: 'K/0042',
      name: 'Dewi Lestari',
      type: { id: 1, name: 'Umum' },
      institution: 'SMA Negeri 1',
      expireDate: '2027-01-01',
      expired: false,
      pending: false,
      tier: null,
      score: null,
    },
  ],
  total: 1,
  page: 1,
  pageSize: 25,
};

/** The count the stub answers: 500 members, 100 fewer for each filter in the definition. */
const countOf = (body: unknown) => 500 - 100 * Object.keys(body as object).length;

function routes(over: Record<string, Parameters<typeof stubFetch>[0][string]> = {}) {
  return stubFetch({
    'GET /api/v1/staff/surveys': { body: { surveys } },
    [`GET ${BASE}`]: { body: list() },
    [`POST ${BASE}/count`]: (call) => ({ body: { count: countOf(call.body), minorsLeftOut: 12 } }),
    [`GET ${BASE}/7`]: { body: { segment: saved } },
    [`GET ${BASE}/7/members`]: { body: members },
    [`GET ${BASE}/7/members.csv`]: { text: '\uFEFFid_anggota,nama\r\nK/0042,Dewi Lestari\r\n', type: 'text/csv' },
    ...over,
  });
}

const counts = (calls: Call[]) => calls.filter((c) => c.path === `${BASE}/count`);
const shownCount = (el: SlimsCrmAdmin) => $(el, '.segment-count [role="status"]')?.getAttribute('data-count') ?? '';

function tick(el: SlimsCrmAdmin, selector: string): void {
  const box = $<HTMLInputElement>(el, selector);
  assert(box, `a checkbox ${selector}`);
  box.click();
}

describe('slims-crm-admin: segments', () => {
  afterEach(cleanup);

  it('has a Segmen section whose builder counts as filters change, the last answer winning', async () => {
    const fetch = routes();
    // The count of the first change answers late, after the second's: it must not replace it.
    const stubbed = window.fetch;
    let countCalls = 0;
    window.fetch = async (input, init) => {
      const response = await stubbed(input, init);
      if (String(input).endsWith('/count') && ++countCalls === 2) await new Promise((r) => setTimeout(r, 900));
      return response;
    };
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      const link = $(el, 'nav a[data-section="segments"]')!;
      equal(textOf(link), 'Segmen');
      link.click();
      await waitFor(() => shownCount(el) === '500', 'the count of every member');
      equal(location.hash, '#/segments');
      deepEqual(counts(fetch.calls)[0]!.body, {}, 'an empty builder is the empty definition');
      includes(textOf($(el, '.segment-count')), '500 anggota');
      includes(textOf($(el, '[data-minors]')), '12 anggota di bawah 18 tahun tidak termasuk');
      deepEqual(
        $$(el, '[data-group="memberTypes"] label').map((l) => textOf(l)),
        ['Mahasiswa', 'Umum'],
      );

      tick(el, 'input[name="memberTypes"][value="1"]');
      await new Promise((r) => setTimeout(r, 500));
      typeInto($<HTMLInputElement>(el, '#sg-ageMin'), '1');
      typeInto($<HTMLInputElement>(el, '#sg-ageMin'), '18');
      await waitFor(() => counts(fetch.calls).length === 3, 'the second change counted');
      deepEqual(counts(fetch.calls)[2]!.body, { memberTypes: [1], age: { min: 18 } });
      await waitFor(() => shownCount(el) === '300', 'the newest count');
      // The late answer to the first change arrives now, and is dropped.
      await new Promise((r) => setTimeout(r, 1000));
      equal(shownCount(el), '300');
      equal(counts(fetch.calls).length, 3, 'typing twice quickly asked once');
    } finally {
      window.fetch = stubbed;
      fetch.restore();
    }
  });

  it('saves a segment under a name, then shows it at its own URL with its members and CSV', async () => {
    const created = { ...saved, id: 8, name: 'Pelajar', definition: { minors: 'include' as const } };
    const fetch = routes({
      [`POST ${BASE}`]: { status: 201, body: { segment: created } },
      [`GET ${BASE}/8`]: { body: { segment: created } },
      [`GET ${BASE}/8/members`]: { body: members },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/segments' });
      await waitFor(() => shownCount(el) === '500', 'the count');
      button(el, 'Simpan segmen').click();
      await waitFor(() => $(el, '#sg-name-error'), 'the name asked for');
      equal($(el, '#sg-name')!.getAttribute('aria-invalid'), 'true');
      const minors = $<HTMLSelectElement>(el, '#sg-minors')!;
      minors.value = 'include';
      minors.dispatchEvent(new Event('change', { bubbles: true }));
      typeInto($<HTMLInputElement>(el, '#sg-name'), 'Pelajar');
      button(el, 'Simpan segmen').click();
      const post = await waitFor(() => fetch.calls.find((c) => c.method === 'POST' && c.path === BASE), 'the save');
      deepEqual(post.body, { name: 'Pelajar', definition: { minors: 'include' } });
      await waitFor(() => location.hash === '#/segments/8', 'the saved segment URL');
      await waitFor(() => $(el, 'tr[data-member="K/0042"]'), 'the members');
      equal(textOf($(el, 'h1')), 'Pelajar');
      equal($(el, 'tr[data-member="K/0042"] a')!.getAttribute('href'), '#/members/K%2F0042');
      equal(
        fetch.calls.find((c) => c.path === `${BASE}/8/members`)!.url,
        'https://crm.example/api/v1/staff/segments/8/members?page=1&pageSize=25',
      );

      button(el, 'Unduh CSV').click();
      await waitFor(() => fetch.calls.find((c) => c.path === `${BASE}/8/members.csv`), 'the CSV fetched');
    } finally {
      fetch.restore();
    }
  });

  it("opens a saved segment's URL with its filters, and says what the server refused beside the field", async () => {
    const fetch = routes({
      [`POST ${BASE}/count`]: (call) =>
        (call.body as { loans?: { atLeast?: number } }).loans?.atLeast === undefined && 'loans' in (call.body as object)
          ? {
              status: 422,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'Isian belum benar.',
                  details: [
                    { field: 'loans.atLeast', message: 'Isi "paling sedikit", "paling banyak", atau keduanya.' },
                  ],
                },
              },
            }
          : { body: { count: countOf(call.body), minorsLeftOut: 0 } },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/segments/7' });
      await waitFor(() => $(el, 'tr[data-member]'), 'the members');
      equal(textOf($(el, 'h1')), 'Guru aktif');
      assert($<HTMLInputElement>(el, 'input[name="memberTypes"][value="1"]')!.checked, 'the type is ticked');
      assert(!$<HTMLInputElement>(el, 'input[name="memberTypes"][value="2"]')!.checked, 'the other is not');
      assert($<HTMLInputElement>(el, 'input[name="labels"][value="guru"]')!.checked, 'the label is ticked');
      equal($<HTMLInputElement>(el, '#sg-loansFrom')!.value, '2026-01-01');
      equal($<HTMLInputElement>(el, '#sg-loansAtLeast')!.value, '3');
      equal($<HTMLInputElement>(el, '#sg-name')!.value, 'Guru aktif');
      await waitFor(() => shownCount(el) === '200', 'the saved filters counted');
      equal($(el, '.segment-list a[data-segment="7"]')!.getAttribute('aria-current'), 'page');

      typeInto($<HTMLInputElement>(el, '#sg-loansAtLeast'), '');
      const problem = await waitFor(() => $(el, '#sg-loansAtLeast-error'), 'the refusal beside its field');
      includes(textOf(problem), 'paling sedikit');
      equal($(el, '#sg-loansAtLeast')!.getAttribute('aria-invalid'), 'true');
      includes(textOf($(el, '.segment-count')), 'Belum dapat dihitung');
      assert(
        $<HTMLElement & { dirty: boolean }>(el, 'slims-crm-admin-segments')!.dirty,
        'a changed segment is unsaved work',
      );

      el.lang = 'en';
      await waitFor(() => textOf($(el, 'h2#sg-builder-title')) === 'Filters', 'English');
      await expectAccessible(el, 'the segment builder (en)');
    } finally {
      fetch.restore();
    }
  });

  it('is accessible in Indonesian, and says when the segment is gone', async () => {
    const fetch = routes({
      [`GET ${BASE}/9`]: {
        status: 404,
        body: { error: { code: 'segment_not_found', message: 'Segmen ini tidak ditemukan.' } },
      },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/segments' });
      await waitFor(() => shownCount(el) === '500', 'the count');
      await expectAccessible(el, 'the segment builder (id)');
      el.route = { view: 'segment', id: 9 };
      const failure = await waitFor(() => $(el, '[data-error]'), 'the failure');
      includes(textOf(failure), 'Segmen ini tidak ditemukan.');
    } finally {
      fetch.restore();
    }
  });

  it('reads the routes it writes, and the definitions it builds', () => {
    equal(formatRoute({ view: 'segments' }), '#/segments');
    equal(formatRoute({ view: 'segment', id: 12 }), '#/segments/12');
    deepEqual(parseRoute('/segments'), { view: 'segments' });
    deepEqual(parseRoute('/segments/12'), { view: 'segment', id: 12 });
    deepEqual(parseRoute('/segments/abc'), { view: 'list' });
    deepEqual(definitionOf(draftOf({})), {});
    const full = {
      memberTypes: [1, 2],
      age: { min: 18, max: 30 },
      gender: 'female' as const,
      institution: 'SMA',
      city: 'Pekanbaru',
      postalCode: '28',
      loans: { from: '2026-01-01', to: '2026-06-30', atMost: 0 },
      lastLoan: { before: '2026-01-01' },
      lastVisit: { after: '2026-01-01', before: '2026-06-01' },
      joined: { from: '2026-01-01' },
      expiring: { to: '2026-12-31' },
      labels: ['guru'],
      hasEmail: true,
      hasPhone: false,
      minors: 'only' as const,
    };
    deepEqual(definitionOf(draftOf(full)), full);
  });
});
