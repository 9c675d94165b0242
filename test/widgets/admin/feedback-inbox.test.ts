// The suggestion-box inbox in the staff app: the section navigation, rows, filters as query
// strings, the debounced search, paging, keyboard use, inert text, and the empty and error states.
import { sendKeys } from '@web/test-runner-commands';
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import { BASE, XSS, items, page, problem, staff, tokenFor } from './feedback-fixtures.ts';
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

const choices = {
  [`GET ${BASE}/staff`]: { body: { staff } },
  [`GET ${BASE}/categories`]: { body: { categories: ['Fasilitas', 'Jam layanan', 'Koleksi'] } },
};

const listCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && c.path === BASE);
const lastQuery = (calls: Call[]) => Object.fromEntries(new URL(listCalls(calls).at(-1)!.url).searchParams);

async function openInbox(el?: SlimsCrmAdmin): Promise<SlimsCrmAdmin> {
  const app = el ?? (await mount({ signedIn: true }));
  app.route = { view: 'feedback' };
  await waitFor(() => $(app, 'table.feedback') || $(app, '.empty') || $(app, '[role="alert"]'), 'the inbox');
  return app;
}

function choose(el: SlimsCrmAdmin, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(el, selector);
  assert(select, `a select ${selector}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('slims-crm-admin: feedback inbox', () => {
  afterEach(cleanup);

  it('offers the six sections and opens the inbox from the navigation', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      [`GET ${BASE}`]: { body: page() },
      ...choices,
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      const nav = $(el, 'nav.sections')!;
      equal(nav.getAttribute('aria-label'), 'Bagian aplikasi');
      deepEqual(
        $$(el, 'nav.sections a').map((a) => textOf(a)),
        ['Jajak pendapat & survei', 'Anggota', 'Segmen', 'Kotak saran', 'Ukuran layanan', 'OPAC'],
      );
      equal($(el, 'nav a[data-section="surveys"]')!.getAttribute('aria-current'), 'page');
      button(el, 'Kotak saran').click();
      await waitFor(() => $(el, 'table.feedback'), 'the inbox table');
      equal($(el, 'nav a[data-section="feedback"]')!.getAttribute('aria-current'), 'page');
      equal($(el, 'nav a[data-section="surveys"]')!.getAttribute('aria-current'), 'false');
      await waitFor(() => el.shadowRoot!.activeElement?.tagName === 'H1', 'focus on the inbox heading');
      equal(textOf($(el, 'h1')), 'Kotak saran');
      const call = listCalls(fetch.calls)[0]!;
      equal(call.url, 'https://crm.example/api/v1/staff/feedback?sort=newest&page=1&pageSize=25');
      equal(call.headers.get('Authorization'), 'Bearer staff-token-1');
    } finally {
      fetch.restore();
    }
  });

  it('shows code, kind, first words, status, votes, assignee and age per row, and counts per status', async () => {
    const fetch = stubFetch({ [`GET ${BASE}`]: { body: page() }, ...choices });
    try {
      const el = await openInbox();
      equal($$(el, 'table.feedback tbody tr').length, 3);
      const row = (id: number) => $(el, `tr[data-feedback="${id}"]`)!;
      equal(textOf(row(41).querySelector('a')), 'KQ7MX-9RT2P');
      includes(textOf(row(41)), 'Saran');
      includes(textOf(row(41)), 'Tolong tambah jam buka pada hari Sabtu');
      assert(textOf(row(41).querySelector('.snippet > span')).endsWith('…'), 'long text is cut to its first words');
      assert(!textOf(row(41)).includes('antre lama sekali'), 'not the whole text');
      equal(textOf(row(41).querySelector('.badge')), 'Sedang ditinjau');
      includes(textOf(row(41)), '12');
      includes(textOf(row(41)), 'Sari Pustakawan');
      includes(textOf(row(41)), '3 hari yang lalu');
      includes(textOf(row(42)), 'Keluhan');
      includes(textOf(row(42)), 'Belum ditugaskan');
      includes(textOf(row(42)), '2 jam yang lalu');
      includes(textOf(row(43)), 'Usulan pembelian');
      includes(textOf(row(43)), 'Pengantar Algoritma');
      equal(textOf(row(43).querySelector('.badge')), 'Direncanakan');
      const tabs = $$(el, '.status-tabs button').map((b) => textOf(b));
      deepEqual(tabs, [
        'Semua 16',
        'Baru 5',
        'Sedang ditinjau 2',
        'Direncanakan 1',
        'Selesai 7',
        'Tidak dilanjutkan 1',
      ]);
      equal($(el, '.status-tabs [data-status="all"]')!.getAttribute('aria-pressed'), 'true');
      includes(textOf($(el, '.result-count')), '3 masukan');
      await expectAccessible(el, 'the feedback inbox');
    } finally {
      fetch.restore();
    }
  });

  it('sends each filter as the contract names it, back on page 1', async () => {
    const fetch = stubFetch({ [`GET ${BASE}`]: { body: page({ total: 60 }) }, ...choices });
    try {
      const el = await mount({ signedIn: true });
      el.token = tokenFor(3, 'Sari Pustakawan');
      await openInbox(el);
      await waitFor(
        () => $$(el, '#fb-assigned option').length > 3 && $$(el, '#fb-category option').length > 1,
        'the staff and categories',
      );

      $(el, 'nav.pager [data-page="next"]')!.click();
      await waitFor(() => lastQuery(fetch.calls).page === '2', 'page 2');

      $(el, '.status-tabs [data-status="in_review"]')!.click();
      await waitFor(() => lastQuery(fetch.calls).status === 'in_review', 'the status filter');
      equal(lastQuery(fetch.calls).page, '1');
      await el.updateComplete;
      equal($(el, '.status-tabs [data-status="in_review"]')!.getAttribute('aria-pressed'), 'true');

      choose(el, '#fb-kind', 'complaint');
      await waitFor(() => lastQuery(fetch.calls).kind === 'complaint', 'the kind filter');
      choose(el, '#fb-category', 'Jam layanan');
      await waitFor(() => lastQuery(fetch.calls).category === 'Jam layanan', 'the category filter');
      choose(el, '#fb-published', '0');
      await waitFor(() => lastQuery(fetch.calls).published === '0', 'the board filter');
      choose(el, '#fb-sort', 'votes');
      await waitFor(() => lastQuery(fetch.calls).sort === 'votes', 'the sort');

      const assigned = $$<HTMLOptionElement>(el, '#fb-assigned option').map((o) => [o.value, textOf(o)]);
      deepEqual(assigned, [
        ['', 'Semua'],
        ['3', 'Saya'],
        ['none', 'Belum ditugaskan'],
        ['1', 'Admin'],
      ]);
      choose(el, '#fb-assigned', 'none');
      await waitFor(() => lastQuery(fetch.calls).assigned === 'none', 'unassigned');
      choose(el, '#fb-assigned', '3');
      await waitFor(() => lastQuery(fetch.calls).assigned === '3', 'assigned to me');
      deepEqual(lastQuery(fetch.calls), {
        status: 'in_review',
        kind: 'complaint',
        category: 'Jam layanan',
        assigned: '3',
        published: '0',
        sort: 'votes',
        page: '1',
        pageSize: '25',
      });
    } finally {
      fetch.restore();
    }
  });

  it('debounces the search: one request once typing pauses, and Enter searches at once', async () => {
    const fetch = stubFetch({ [`GET ${BASE}`]: { body: page() }, ...choices });
    try {
      const el = await openInbox();
      const before = listCalls(fetch.calls).length;
      const search = $<HTMLInputElement>(el, '#fb-search')!;
      for (const partial of ['a', 'ac', 'ac ', 'ac rusak']) {
        typeInto(search, partial);
        await new Promise((r) => setTimeout(r, 40));
      }
      equal(listCalls(fetch.calls).length, before, 'nothing sent while typing');
      await waitFor(() => listCalls(fetch.calls).length === before + 1, 'one search request');
      equal(lastQuery(fetch.calls).q, 'ac rusak');
      await new Promise((r) => setTimeout(r, 400));
      equal(listCalls(fetch.calls).length, before + 1, 'only one request for the burst');

      typeInto(search, 'kq7mx-9rt2p');
      search.form!.requestSubmit();
      await waitFor(
        () => lastQuery(fetch.calls).q === 'kq7mx-9rt2p',
        'Enter searches at once (the server reads the code in either form)',
      );
    } finally {
      fetch.restore();
    }
  });

  it('keeps the filters when coming back from an item', async () => {
    const fetch = stubFetch({
      [`GET ${BASE}`]: { body: page() },
      [`GET ${BASE}/41`]: { status: 500, body: { error: { code: 'internal', message: 'x' } } },
      ...choices,
    });
    try {
      const el = await openInbox();
      choose(el, '#fb-kind', 'praise');
      await waitFor(() => lastQuery(fetch.calls).kind === 'praise', 'the kind filter');
      el.route = { view: 'feedback-item', id: 41 };
      await waitFor(() => $(el, 'slims-crm-admin-feedback-item'), 'the item view');
      button(el, 'Kotak saran', '.crumb').click();
      await waitFor(() => $(el, 'table.feedback'), 'the inbox again');
      equal(lastQuery(fetch.calls).kind, 'praise');
      equal($<HTMLSelectElement>(el, '#fb-kind')!.value, 'praise');
    } finally {
      fetch.restore();
    }
  });

  it('is usable from the keyboard: Tab to the first row, arrows between rows, Enter opens', async () => {
    const fetch = stubFetch({
      [`GET ${BASE}`]: { body: page() },
      [`GET ${BASE}/42`]: {
        body: {
          item: { ...items[1], memberId: null, contact: null, publicReply: null, events: [], watchers: 0, merged: [] },
        },
      },
      ...choices,
    });
    try {
      const el = await openInbox();
      $<HTMLSelectElement>(el, '#fb-sort')!.focus();
      await sendKeys({ press: 'Tab' });
      const first = $(el, 'tr[data-feedback="41"] a')!;
      equal(el.shadowRoot!.activeElement, first, 'the first row link follows the filters');
      await sendKeys({ press: 'ArrowDown' });
      equal(el.shadowRoot!.activeElement, $(el, 'tr[data-feedback="42"] a'));
      await sendKeys({ press: 'End' });
      equal(el.shadowRoot!.activeElement, $(el, 'tr[data-feedback="43"] a'));
      await sendKeys({ press: 'ArrowUp' });
      equal(el.shadowRoot!.activeElement, $(el, 'tr[data-feedback="42"] a'));
      await sendKeys({ press: 'Enter' });
      await waitFor(() => textOf($(el, 'h1')) === 'Masukan P2W8N-HJ4KD', 'the item the focused row names');

      // The status filter buttons work with Space too.
      button(el, 'Kotak saran', '.crumb').focus();
      await sendKeys({ press: 'Enter' });
      const tab = await waitFor(() => $<HTMLButtonElement>(el, '.status-tabs [data-status="done"]'), 'the inbox again');
      tab.focus();
      await sendKeys({ press: 'Space' });
      await waitFor(() => lastQuery(fetch.calls).status === 'done', 'the status filter by keyboard');
    } finally {
      fetch.restore();
    }
  });

  it('shows text, purchase titles, categories and staff names as text, never as HTML', async () => {
    const nasty = [
      { ...items[0]!, text: XSS, category: XSS, assigned: { uid: 9, name: XSS } },
      { ...items[2]!, purchase: { title: XSS, author: XSS, isbn: null } },
    ];
    const fetch = stubFetch({
      [`GET ${BASE}`]: { body: page({ items: nasty }) },
      [`GET ${BASE}/staff`]: { body: { staff: [{ uid: 9, name: XSS }] } },
      [`GET ${BASE}/categories`]: { body: { categories: [XSS] } },
    });
    try {
      const el = await openInbox();
      await waitFor(() => $$(el, '#fb-assigned option').length > 2, 'the staff list');
      const table = $(el, 'table.feedback')!;
      equal(table.querySelectorAll('img, script, b').length, 0, 'no elements were made from the text');
      equal(el.shadowRoot!.querySelectorAll('img, script, b').length, 0, 'nor anywhere in the app');
      includes(textOf($(el, 'tr[data-feedback="41"] .snippet')), '<img src=x onerror="window.__pwned=true">');
      includes(textOf($(el, 'tr[data-feedback="41"] .tag')), '<script>');
      includes(textOf($(el, 'tr[data-feedback="41"]')), '<b>tebal</b>');
      includes(textOf($(el, 'tr[data-feedback="43"] strong')), '<script>window.__pwned=true</script>');
      includes(textOf($(el, '#fb-category')), '<b>tebal</b>');
      includes(textOf($(el, '#fb-assigned')), '<b>tebal</b>');
      await new Promise((r) => setTimeout(r, 50));
      equal((window as { __pwned?: boolean }).__pwned, undefined);
    } finally {
      fetch.restore();
    }
  });

  it('has an empty state, and a no-match state that clears the filters', async () => {
    const fetch = stubFetch({
      [`GET ${BASE}`]: {
        body: page({ items: [], total: 0, counts: { new: 0, in_review: 0, planned: 0, done: 0, declined: 0 } }),
      },
      ...choices,
    });
    try {
      const el = await openInbox();
      includes(textOf($(el, '.empty')), 'Belum ada masukan');
      await expectAccessible(el, 'the empty inbox');
      choose(el, '#fb-kind', 'praise');
      await waitFor(() => textOf($(el, '.empty')).includes('Tidak ada yang cocok'), 'the no-match state');
      await expectAccessible(el, 'the inbox with no match');
      button(el, 'Hapus filter').click();
      await waitFor(() => !lastQuery(fetch.calls).kind, 'the filters cleared');
      await waitFor(() => textOf($(el, '.empty')).includes('Belum ada masukan'), 'the empty state again');
      equal($<HTMLSelectElement>(el, '#fb-kind')!.value, '');
    } finally {
      fetch.restore();
    }
  });

  it('shows the server error on a 500, and tries again', async () => {
    let fail = true;
    const fetch = stubFetch({
      [`GET ${BASE}`]: () => (fail ? problem(500, 'internal_error', 'Terjadi kesalahan di server.') : { body: page() }),
      ...choices,
    });
    try {
      const el = await openInbox();
      const alert = await waitFor(() => $(el, '[role="alert"]'), 'the error');
      includes(textOf(alert), 'Terjadi kesalahan di server.');
      await expectAccessible(el, 'the inbox after a 500');
      fail = false;
      button(el, 'Coba lagi').click();
      await waitFor(() => $(el, 'table.feedback'), 'the rows after retrying');
    } finally {
      fetch.restore();
    }
  });

  it('shows the forbidden message from the server on a 403, without filters or retry', async () => {
    const fetch = stubFetch({
      [`GET ${BASE}`]: problem(403, 'forbidden', 'Anda tidak memiliki hak akses keanggotaan.'),
      ...choices,
    });
    try {
      const el = await openInbox();
      const alert = await waitFor(() => $(el, '[data-error="forbidden"]'), 'the forbidden message');
      includes(textOf(alert), 'Akses ditolak');
      includes(textOf(alert), 'Anda tidak memiliki hak akses keanggotaan.');
      await expectAccessible(el, 'the inbox refused (403)');
      assert(!$(el, '#fb-search'), 'no filters to use');
      assert(!alert.querySelector('button'), 'no retry');
      assert($(el, 'nav.sections'), 'the navigation stays');
    } finally {
      fetch.restore();
    }
  });

  it('speaks English', async () => {
    const fetch = stubFetch({ [`GET ${BASE}`]: { body: page() }, ...choices });
    try {
      const el = await mount({ signedIn: true, lang: 'en' });
      await openInbox(el);
      equal(textOf($(el, 'h1')), 'Suggestion box');
      deepEqual(
        $$(el, '.status-tabs button').map((b) => textOf(b).replace(/ \d+$/, '')),
        ['All', 'New', 'In review', 'Planned', 'Done', 'Declined'],
      );
      deepEqual(
        $$<HTMLOptionElement>(el, '#fb-kind option').map((o) => textOf(o)),
        ['All', 'Suggestion', 'Complaint', 'Praise', 'Question', 'Purchase request'],
      );
      includes(textOf($(el, 'tr[data-feedback="42"]')), 'Not assigned');
      includes(textOf($(el, 'tr[data-feedback="41"]')), '3 days ago');
      await expectAccessible(el, 'the English inbox');
      equal(listCalls(fetch.calls)[0]!.headers.get('Accept-Language'), 'en');
    } finally {
      fetch.restore();
    }
  });
});
