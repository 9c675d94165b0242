// Service measures in the staff app: the cards, the charts (chart.js loaded on demand), the date
// range as a query string, the numbers as tables, the CSV download with the staff token, errors.
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import { BASE, XSS, measures, problem } from './feedback-fixtures.ts';
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
  textOf,
  typeInto,
  waitFor,
  type Call,
} from './helpers.ts';

const routes = {
  [`GET ${BASE}/measures`]: { body: measures },
  [`GET ${BASE}/measures.csv`]: {
    text: '\uFEFFperiod,kind,category,count\n2026-01-05,suggestion,Koleksi,3\n',
    type: 'text/csv',
  },
};

const measureCalls = (calls: Call[]) => calls.filter((c) => c.path === `${BASE}/measures`);

async function openMeasures(lang?: string): Promise<SlimsCrmAdmin> {
  const el = await mount({ signedIn: true, ...(lang ? { lang } : {}) });
  el.route = { view: 'feedback-measures' };
  await waitFor(() => $(el, '[data-measure="first"]') || $(el, '[role="alert"]'), 'the measures');
  return el;
}

describe('slims-crm-admin: service measures', () => {
  afterEach(cleanup);

  it('shows the duration cards in hours and days, and the counts', async () => {
    const fetch = stubFetch(routes);
    try {
      const el = await openMeasures();
      equal(textOf($(el, 'h1')), 'Ukuran layanan');
      equal($(el, 'nav a[data-section="measures"]')!.getAttribute('aria-current'), 'page');
      equal(
        measureCalls(fetch.calls)[0]!.url,
        'https://crm.example/api/v1/staff/feedback/measures',
        'the server picks the default range',
      );
      const first = $(el, '[data-measure="first"]')!;
      includes(textOf(first), 'Waktu hingga tanggapan pertama');
      equal(textOf(first.querySelector('.value')), '5,5 jam');
      equal(textOf(first.querySelector('[data-mean]')), '20,3 jam');
      equal(textOf(first.querySelector('[data-p90]')), '3 hari');
      equal(textOf(first.querySelector('[data-count]')), '40');
      const close = $(el, '[data-measure="close"]')!;
      includes(textOf(close), 'Waktu hingga selesai');
      equal(textOf(close.querySelector('.value')), '4 hari');
      equal(textOf(close.querySelector('[data-p90]')), '16,7 hari');
      equal(textOf($(el, '[data-measure="open"] .value')), '10');
      equal(textOf($(el, '[data-measure="received"] .value')), '10');
      includes(textOf($(el, '[data-measure="received"]')), 'Saran 4 · Keluhan 2 · Usulan pembelian buku 4');
      await expectAccessible(el, 'the service measures');
      equal($<HTMLInputElement>(el, '#fm-from')!.value, '2026-01-05');
      equal($<HTMLInputElement>(el, '#fm-to')!.value, '2026-03-29');
      equal($<HTMLSelectElement>(el, '#fm-bucket')!.value, 'week');
    } finally {
      fetch.restore();
    }
  });

  it('draws the age bars and the volume charts, with every number as text', async () => {
    const fetch = stubFetch(routes);
    try {
      const el = await openMeasures();
      const { Chart } = await import('chart.js');
      const chart = (key: string) => Chart.getChart($<HTMLCanvasElement>(el, `canvas[data-chart="${key}"]`)!);
      await waitFor(() => chart('age') && chart('volume-kind') && chart('volume-category'), 'the three charts');
      await expectAccessible(el, 'the measures with their charts');
      deepEqual(chart('age')!.data.datasets[0]!.data, [4, 3, 0, 2, 1]);
      includes(
        $(el, 'canvas[data-chart="age"]')!.getAttribute('aria-label')!,
        '< 1 hari: 4, 1–3 hari: 3, 3–7 hari: 0, 7–30 hari: 2, > 30 hari: 1',
      );

      const kinds = chart('volume-kind')!;
      equal((kinds.config as { type?: string }).type, 'bar');
      assert((kinds.options.scales as { y?: { stacked?: boolean } }).y?.stacked, 'stacked by kind');
      deepEqual(
        kinds.data.datasets.map((d) => d.label),
        ['Saran', 'Keluhan', 'Usulan pembelian buku'],
      );
      // 5 Jan to 29 Mar 2026 is twelve weeks from Monday 5 Jan: the quiet weeks after the last item count as zero too.
      equal(kinds.data.labels!.length, 12, 'every week of the range, empty ones drawn as zero');
      deepEqual(kinds.data.datasets[0]!.data, [3, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      deepEqual(kinds.data.datasets[2]!.data, [0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

      const categories = chart('volume-category')!;
      equal((categories.config as { type?: string }).type, 'bar');
      assert((categories.options.scales as { y?: { stacked?: boolean } }).y?.stacked, 'stacked by category');
      deepEqual(
        categories.data.datasets.map((d) => d.label),
        [XSS, 'Koleksi', 'Tanpa kategori'],
      );

      const table = $(el, 'table[data-volume="category"]')!;
      deepEqual(
        $$(el, 'table[data-volume="kind"] thead th').map((th) => textOf(th)),
        ['Periode', 'Saran', 'Keluhan', 'Usulan pembelian buku'],
      );
      const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => textOf(cell)));
      deepEqual(rows.slice(0, 4), [
        ['Pekan 5 Jan', '0', '3', '2'],
        ['Pekan 12 Jan', '0', '0', '0'],
        ['Pekan 19 Jan', '1', '4', '0'],
        ['Pekan 26 Jan', '0', '0', '0'],
      ]);
      deepEqual(rows.at(-1), ['Pekan 23 Mar', '0', '0', '0'], 'the week holding the end of the range');
      includes(textOf(table.querySelector('thead')), '<img src=x onerror="window.__pwned=true">');
      equal(el.shadowRoot!.querySelectorAll('img, script, b').length, 0, 'category names are text');
      await new Promise((r) => setTimeout(r, 50));
      equal((window as { __pwned?: boolean }).__pwned, undefined);
    } finally {
      fetch.restore();
    }
  });

  it('asks for the chosen range and bucket, and refuses an end before the start', async () => {
    const fetch = stubFetch({
      ...routes,
      [`GET ${BASE}/measures`]: (call) => {
        const q = new URL(call.url).searchParams;
        return {
          body: {
            ...measures,
            from: q.get('from') ?? measures.from,
            to: q.get('to') ?? measures.to,
            bucket: q.get('bucket') ?? measures.bucket,
          },
        };
      },
    });
    try {
      const el = await openMeasures();
      typeInto($(el, '#fm-from'), '2026-03-10');
      typeInto($(el, '#fm-to'), '2026-03-01');
      button(el, 'Tampilkan').click();
      await waitFor(() => textOf($(el, '#fm-range-error')).includes('Tanggal akhir'), 'the range error');
      await expectAccessible(el, 'the measures with a range error');
      equal(measureCalls(fetch.calls).length, 1, 'nothing asked');
      typeInto($(el, '#fm-to'), '2026-03-31');
      const bucket = $<HTMLSelectElement>(el, '#fm-bucket')!;
      bucket.value = 'day';
      bucket.dispatchEvent(new Event('change'));
      button(el, 'Tampilkan').click();
      await waitFor(() => measureCalls(fetch.calls).length === 2, 'the measures for the range');
      equal(
        measureCalls(fetch.calls)[1]!.url,
        'https://crm.example/api/v1/staff/feedback/measures?from=2026-03-10&to=2026-03-31&bucket=day',
      );
      await waitFor(() => textOf($(el, '[data-range]')).includes('10 Mar 2026'), 'the range shown');
      equal(textOf($(el, '#fm-range-error')), '');
    } finally {
      fetch.restore();
    }
  });

  it('starts the periods at the start of the range, not at the first item', async () => {
    const monthly = {
      ...measures,
      from: '2025-12-15',
      to: '2026-03-10',
      bucket: 'month',
      volume: [{ period: '2026-02-01', kind: 'praise', category: null, count: 2 }],
    };
    const fetch = stubFetch({ [`GET ${BASE}/measures`]: { body: monthly } });
    try {
      const el = await openMeasures();
      const rows = $$(el, 'table[data-volume="kind"] tbody tr').map((tr) =>
        [...tr.children].map((cell) => textOf(cell)),
      );
      deepEqual(rows, [
        ['Des 2025', '0'],
        ['Jan 2026', '0'],
        ['Feb 2026', '2'],
        ['Mar 2026', '0'],
      ]);
    } finally {
      fetch.restore();
    }
  });

  it('shows a range the server refuses beside the dates and keeps the figures', async () => {
    const fetch = stubFetch({
      [`GET ${BASE}/measures`]: (call) =>
        new URL(call.url).searchParams.get('from') === '2020-01-01'
          ? {
              status: 422,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'Isian belum benar.',
                  details: [{ field: 'from', message: 'Rentang paling panjang 3 tahun.' }],
                },
              },
            }
          : { body: measures },
    });
    try {
      const el = await openMeasures();
      typeInto($(el, '#fm-from'), '2020-01-01');
      button(el, 'Tampilkan').click();
      await waitFor(
        () => textOf($(el, '#fm-range-error')).includes('Rentang paling panjang 3 tahun.'),
        'the server’s reason by the dates',
      );
      assert($(el, '[data-measure="first"]'), 'the figures shown before stay');
      assert(!$(el, '.notice.error'), 'no page-wide error');
      equal(el.shadowRoot!.activeElement, $(el, '#fm-from'), 'focus on the date to fix');
      button(el, 'Unduh CSV');
    } finally {
      fetch.restore();
    }
  });

  it('keeps focus on the CSV button after the download', async () => {
    const fetch = stubFetch(routes);
    const originalCreate = URL.createObjectURL;
    const originalClick = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = () => 'blob:https://crm.example/measures';
    HTMLAnchorElement.prototype.click = () => {};
    // A download that takes a few frames, as over a network: long enough for a disabled button to lose focus.
    const stubbed = window.fetch;
    window.fetch = (input, init) => new Promise((resolve) => setTimeout(resolve, 100)).then(() => stubbed(input, init));
    try {
      const el = await openMeasures();
      const csv = button(el, 'Unduh CSV');
      csv.focus();
      csv.click();
      await waitFor(() => textOf($(el, '.toast')).includes('CSV diunduh'), 'the download');
      await el.updateComplete;
      equal(el.shadowRoot!.activeElement, csv);
    } finally {
      URL.createObjectURL = originalCreate;
      HTMLAnchorElement.prototype.click = originalClick;
      fetch.restore();
    }
  });

  it('downloads the CSV with the staff token', async () => {
    const fetch = stubFetch(routes);
    const created: Blob[] = [];
    const originalCreate = URL.createObjectURL;
    const originalClick = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push(blob as Blob);
      return 'blob:https://crm.example/measures';
    };
    const clicks: HTMLAnchorElement[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this);
    };
    try {
      const el = await openMeasures();
      button(el, 'Unduh CSV').click();
      const link = await waitFor(() => clicks[0], 'the download link');
      const call = fetch.calls.find((c) => c.path.endsWith('measures.csv'))!;
      equal(
        call.url,
        'https://crm.example/api/v1/staff/feedback/measures.csv?from=2026-01-05&to=2026-03-29&bucket=week',
      );
      equal(call.headers.get('Authorization'), 'Bearer staff-token-1');
      equal(call.headers.get('Accept'), 'text/csv');
      includes(await created[0]!.text(), 'period,kind,category,count');
      equal(link.download, 'layanan-masukan-2026-01-05-2026-03-29.csv');
      await waitFor(() => textOf($(el, '.toast')).includes('CSV diunduh'), 'the status message');
    } finally {
      URL.createObjectURL = originalCreate;
      HTMLAnchorElement.prototype.click = originalClick;
      fetch.restore();
    }
  });

  it('shows a dash for hours when nothing was answered, and no chart for an empty range', async () => {
    const empty = {
      ...measures,
      firstResponse: { count: 0, medianHours: null, meanHours: null, p90Hours: null },
      volume: [],
      byKind: {},
      openByAge: [],
    };
    const fetch = stubFetch({ [`GET ${BASE}/measures`]: { body: empty } });
    try {
      const el = await openMeasures();
      equal(textOf($(el, '[data-measure="first"] .value')), '–');
      equal(textOf($(el, '[data-measure="first"] [data-count]')), '0');
      assert(!$(el, 'canvas[data-chart="volume-kind"]'), 'no volume chart');
      includes(textOf(el.shadowRoot), 'Tidak ada masukan dalam rentang ini.');
    } finally {
      fetch.restore();
    }
  });

  it('shows the server error on a 500 and the forbidden message on a 403', async () => {
    let fetch = stubFetch({ [`GET ${BASE}/measures`]: problem(500, 'internal_error', 'Terjadi kesalahan di server.') });
    try {
      const el = await openMeasures();
      includes(textOf($(el, '[role="alert"]')), 'Terjadi kesalahan di server.');
      await expectAccessible(el, 'the measures after a 500');
      button(el, 'Coba lagi');
    } finally {
      fetch.restore();
      cleanup();
    }
    fetch = stubFetch({
      [`GET ${BASE}/measures`]: problem(403, 'forbidden', 'Anda tidak memiliki hak akses keanggotaan.'),
    });
    try {
      const el = await openMeasures();
      const alert = $(el, '[data-error="forbidden"]')!;
      includes(textOf(alert), 'Anda tidak memiliki hak akses keanggotaan.');
      assert(!$(el, '#fm-from'), 'no range form');
      await expectAccessible(el, 'the measures refused (403)');
    } finally {
      fetch.restore();
    }
  });

  it('speaks English', async () => {
    const fetch = stubFetch(routes);
    try {
      const el = await openMeasures('en');
      equal(textOf($(el, 'h1')), 'Service measures');
      includes(textOf($(el, '[data-measure="first"]')), 'Time to first response');
      equal(textOf($(el, '[data-measure="first"] .value')), '5.5 hours');
      equal(textOf($(el, '[data-measure="close"] .value')), '4 days');
      await expectAccessible(el, 'the English measures');
      button(el, 'Download CSV');
    } finally {
      fetch.restore();
    }
  });
});
