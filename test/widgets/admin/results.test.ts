// The results view: charts on canvases, every number in text, text answers kept inert, live
// refresh pausing with the page, and the CSV download with the staff token.
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import {
  $,
  $$,
  assert,
  cleanup,
  equal,
  includes,
  mount,
  stubFetch,
  surveyDetail,
  surveyResults,
  textOf,
  waitFor,
} from './helpers.ts';

const routes = {
  'GET /api/v1/staff/surveys/8': { body: { survey: surveyDetail } },
  'GET /api/v1/staff/surveys/8/results': { body: surveyResults },
  'GET /api/v1/staff/surveys/8/export.csv': { text: 'response_id,created_at\n1,2026-03-01\n', type: 'text/csv' },
};

async function openResults(): Promise<SlimsCrmAdmin> {
  const el = await mount({ signedIn: true });
  el.route = { view: 'results', id: 8 };
  await waitFor(() => $(el, '[data-total]') && $(el, 'h1')?.textContent?.includes(surveyDetail.title), 'the results');
  return el;
}

describe('slims-crm-admin: results', () => {
  afterEach(cleanup);

  it('draws charts and gives every number as text', async () => {
    const fetch = stubFetch(routes);
    try {
      const el = await openResults();
      equal(textOf($(el, '[data-total]')), '128');
      assert($(el, 'canvas[data-chart="timeline"]'), 'a timeline chart');
      for (const id of [20, 21, 23]) assert($(el, `[data-question="${id}"] canvas`), `a chart for question ${id}`);
      // chart.js (loaded on demand) has drawn on the canvases.
      const { Chart } = await import('chart.js');
      await waitFor(() => Chart.getChart($<HTMLCanvasElement>(el, '[data-question="23"] canvas')!), 'the bar chart');
      equal(
        Chart.getChart($<HTMLCanvasElement>(el, '[data-question="23"] canvas')!)!.options.indexAxis,
        'y',
        'bars are horizontal',
      );
      assert(Chart.getChart($<HTMLCanvasElement>(el, 'canvas[data-chart="timeline"]')!), 'the timeline is drawn');

      const choices = textOf($(el, '[data-question="23"]'));
      includes(choices, 'Layanan yang dipakai');
      includes(choices, 'Sirkulasi');
      includes(choices, '80');
      includes(choices, '88,9%');
      includes(choices, '33,3%');

      const rating = $(el, '[data-question="20"]')!;
      includes(textOf(rating), 'Rata-rata 4,2 dari 5');
      includes(rating.querySelector('canvas')!.getAttribute('aria-label')!, '1: 3, 2: 0, 3: 0, 4: 50, 5: 67');

      const nps = $(el, '[data-question="21"]')!;
      equal(textOf(nps.querySelector('[data-nps]')), '41');
      includes(textOf(nps), 'Promotor (9–10) 50');
      includes(textOf(nps), 'Pasif (7–8) 20');
      includes(textOf(nps), 'Detraktor (0–6) 15');
      includes(nps.querySelector('canvas')!.getAttribute('aria-label')!, '10: 50');
      includes($(el, 'canvas[data-chart="timeline"]')!.getAttribute('aria-label')!, '2026-03-01: 100');
      await expectAccessible(el, 'the results with charts');
    } finally {
      fetch.restore();
    }
  });

  it('shows text answers as text, never as HTML', async () => {
    const fetch = stubFetch(routes);
    try {
      const el = await openResults();
      const list = $(el, '[data-question="22"] ul.texts')!;
      const items = $$(el, '[data-question="22"] li');
      equal(items.length, 2);
      includes(textOf(items[0]!), '<script>window.__pwned = true</script><b>tebal</b>');
      includes(textOf(items[1]!), '<img src=x onerror="window.__pwned=true">');
      equal(list.querySelectorAll('script, b, img').length, 0, 'no elements were made from the answers');
      await new Promise((r) => setTimeout(r, 50));
      equal((window as { __pwned?: boolean }).__pwned, undefined);
    } finally {
      fetch.restore();
    }
  });

  it('pauses the live refresh while the page is hidden', async () => {
    const fetch = stubFetch(routes);
    const hidden = Object.getOwnPropertyDescriptor(Document.prototype, 'hidden')!;
    // The runner may run this page in a background tab: start from a visible page.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    try {
      const el = await openResults();
      includes(textOf($(el, '.live-dot')), 'Langsung');
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(() => textOf($(el, '.live-dot')) === 'Dijeda', 'the paused state');
      await expectAccessible(el, 'the results with the live refresh paused');
      const before = fetch.calls.filter((c) => c.path.endsWith('/results')).length;
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
      await waitFor(
        () => fetch.calls.filter((c) => c.path.endsWith('/results')).length === before + 1,
        'a refresh on return',
      );
      await waitFor(() => textOf($(el, '.live-dot')) === 'Langsung', 'live again');
    } finally {
      delete (document as { hidden?: boolean }).hidden;
      Object.defineProperty(Document.prototype, 'hidden', hidden);
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
      return 'blob:https://crm.example/test';
    };
    const clicks: HTMLAnchorElement[] = [];
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicks.push(this);
    };
    try {
      const el = await openResults();
      $(el, '#download-csv')!.click();
      const link = await waitFor(() => clicks[0], 'the download link');
      const call = fetch.calls.find((c) => c.path.endsWith('export.csv'))!;
      equal(call.url, 'https://crm.example/api/v1/staff/surveys/8/export.csv');
      equal(call.headers.get('Authorization'), 'Bearer staff-token-1');
      equal(created.length, 1);
      includes(await created[0]!.text(), 'response_id');
      equal(link.getAttribute('href'), 'blob:https://crm.example/test');
      equal(link.download, 'kepuasan-2026.csv');
      await waitFor(() => textOf($(el, '.toast')).includes('CSV diunduh'), 'the status message');
    } finally {
      URL.createObjectURL = originalCreate;
      HTMLAnchorElement.prototype.click = originalClick;
      fetch.restore();
    }
  });
});
