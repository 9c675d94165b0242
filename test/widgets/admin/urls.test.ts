// The staff app's URLs in a real browser: clicks write the fragment, an edited fragment or the back
// button moves between views, a reload (a new element with the fragment set) opens the same view,
// and the unsaved-work guard holds for navigation by URL too.
import { BASE, item, page } from './feedback-fixtures.ts';
import {
  $,
  assert,
  button,
  cleanup,
  equal,
  includes,
  mount,
  pollDetail,
  session,
  stubFetch,
  surveyDetail,
  surveys,
  textOf,
  typeInto,
  waitFor,
  type Call,
} from './helpers.ts';

const routes = {
  'GET /api/v1/staff/surveys': { body: { surveys } },
  'GET /api/v1/staff/surveys/7': { body: { survey: pollDetail } },
  'GET /api/v1/staff/surveys/8': { body: { survey: surveyDetail } },
  [`GET ${BASE}`]: { body: page() },
  [`GET ${BASE}/41`]: { body: { item: item() } },
  [`GET ${BASE}/staff`]: { body: { staff: [] } },
  [`GET ${BASE}/categories`]: { body: { categories: [] } },
  'POST /api/v1/staff/session': { body: session },
};

const heading = (el: HTMLElement & { shadowRoot: ShadowRoot | null }) =>
  textOf(el.shadowRoot!.querySelector('[data-view] h1'));

/** Runs a test with the staff API stubbed; the calls made are in `calls`. */
async function withApi(body: (calls: Call[]) => Promise<void>): Promise<void> {
  const fetch = stubFetch(routes);
  try {
    await body(fetch.calls);
  } finally {
    fetch.restore();
  }
}

/**
 * The back or forward button to the entry whose fragment is `hash`, as the app sees it: the URL
 * becomes that entry's, then hashchange. Chromium skips entries a script added without user
 * activation, and with test files side by side history.go() can leave the test page for about:blank,
 * so the move itself is made here; that each view adds an entry for it is checked by counting the
 * app's pushState calls (history.length stops at Chromium's cap of 50 entries in a long test file).
 */
function traverse(hash: string): void {
  history.replaceState(null, '', hash || location.pathname + location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/** Waits for the hashchange the browser queues after a history move or an edited fragment. */
const hashSettled = () => new Promise((resolve) => setTimeout(resolve, 50));

/** The browser's own, put back after each test that counts the app's calls to it. */
const pushState = history.pushState;

describe('slims-crm-admin: URLs', () => {
  // An entry of this page's own before each test: going back past a test's first view stays in the page.
  beforeEach(() => history.pushState(null, '', location.pathname + location.search));
  afterEach(() => {
    history.pushState = pushState;
    cleanup();
  });

  it('writes each view into the fragment as it is opened by clicking', async () => {
    await withApi(async () => {
      const search = location.search;
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      equal(location.hash, '', 'the first view leaves the URL as the host page had it');
      const pushed: string[] = [];
      history.pushState = function (this: History, ...args: Parameters<History['pushState']>) {
        pushed.push(String(args[2]));
        return pushState.apply(this, args);
      };
      equal($(el, 'nav a[data-section="feedback"]')!.getAttribute('href'), '#/feedback');
      $(el, 'nav a[data-section="feedback"]')!.click();
      await waitFor(() => $(el, 'table.feedback'), 'the inbox');
      equal(location.hash, '#/feedback');
      const row = $(el, 'table.feedback [data-row-link]')!;
      equal(row.getAttribute('href'), '#/feedback/41', 'a row links to its item');
      row.click();
      await waitFor(() => $(el, '[data-text]'), 'the item');
      equal(location.hash, '#/feedback/41');
      equal(pushed.join(' '), '#/feedback #/feedback/41', 'each view opened adds a history entry for the back button');
      $(el, 'nav a[data-section="surveys"]')!.click();
      await waitFor(() => $(el, 'table.surveys'), 'the list again');
      button(el, 'Ubah', 'tr[data-survey="8"]').click();
      await waitFor(() => $(el, '#f-title'), 'the builder');
      equal(location.hash, '#/surveys/8/edit');
      equal(location.search, search, 'the host page’s query string is left alone');
    });
  });

  it('opens the view an edited fragment names, and the back button returns to the one before', async () => {
    await withApi(async () => {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      location.hash = '#/measures';
      await waitFor(() => $(el, 'slims-crm-admin-feedback-measures'), 'the measures view');
      location.hash = '#/surveys/8/edit';
      await waitFor(
        () => $<HTMLInputElement>(el, '#f-title')?.value === surveyDetail.title,
        'the survey in the builder',
      );
      traverse('#/measures');
      await waitFor(() => $(el, 'slims-crm-admin-feedback-measures'), 'the measures view after back');
      equal(location.hash, '#/measures');
      traverse('');
      await waitFor(() => $(el, 'table.surveys'), 'the list after back again');
      traverse('#/measures');
      await waitFor(() => $(el, 'slims-crm-admin-feedback-measures'), 'the measures view after forward');
    });
  });

  it("shows the other survey when only the survey's number in the URL changes", async () => {
    await withApi(async () => {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      location.hash = '#/surveys/7/edit';
      await waitFor(() => $<HTMLInputElement>(el, '#f-title')?.value === pollDetail.title, 'the poll in the builder');
      location.hash = '#/surveys/8/edit';
      await waitFor(
        () => $<HTMLInputElement>(el, '#f-title')?.value === surveyDetail.title,
        'the other survey in the builder',
      );
      location.hash = '#/surveys/7/results';
      await waitFor(() => heading(el) === pollDetail.title, "the poll's results");
      traverse('#/surveys/8/results');
      await waitFor(() => heading(el) === surveyDetail.title, "the other survey's results after back");
    });
  });

  it('reopens the view in the URL after a reload, with its filters', async () => {
    await withApi(async (calls) => {
      let el = await mount({ signedIn: true, hash: '#/surveys/7/edit' });
      await waitFor(() => $<HTMLInputElement>(el, '#f-title')?.value === pollDetail.title, 'the poll in the builder');
      el.remove();
      el = await mount({ signedIn: true, hash: '#/feedback?status=new&q=jam' });
      await waitFor(() => $(el, 'table.feedback'), 'the inbox');
      const query = new URL(calls.filter((c) => c.path === BASE).at(-1)!.url).searchParams;
      equal(query.get('status'), 'new');
      equal(query.get('q'), 'jam');
      equal($<HTMLInputElement>(el, '#fb-search')!.value, 'jam');
      equal($(el, '[data-status="new"]')!.getAttribute('aria-pressed'), 'true');
      $(el, '[data-status="done"]')!.click();
      await waitFor(() => location.hash === '#/feedback?status=done&q=jam', 'the new filter in the URL');
    });
  });

  it('opens the view in the URL once the staff member has signed in', async () => {
    await withApi(async () => {
      const el = await mount({ hash: '#/feedback/41' });
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'rahasia');
      button(el, 'Masuk').click();
      await waitFor(() => $(el, '[data-text]'), 'the item');
      includes(heading(el), item().code);
      equal(location.hash, '#/feedback/41');
    });
  });

  it('lands on the surveys list for an unknown route, and ignores fragments that are not routes', async () => {
    await withApi(async () => {
      const el = await mount({ signedIn: true, hash: '#/surveys/abc/results' });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      equal($(el, '[role="alert"]'), null, 'no error');
      location.hash = '#/placements';
      await waitFor(() => $(el, 'slims-crm-admin-placements'), 'the placements view');
      location.hash = '#top';
      await hashSettled();
      assert($(el, 'slims-crm-admin-placements'), 'an anchor of the host page leaves the view alone');
    });
  });

  it('asks before a URL navigation leaves unsaved work; keeping it puts the URL back', async () => {
    await withApi(async () => {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      button(el, 'Ubah', 'tr[data-survey="8"]').click();
      await waitFor(() => $<HTMLInputElement>(el, '#f-title')?.value === surveyDetail.title, 'the builder');
      typeInto($(el, '#f-title'), 'Belum disimpan');
      const builder = $(el, 'slims-crm-admin-builder');
      traverse('');
      await waitFor(() => $(el, 'dialog[open]'), 'the unsaved-changes dialog');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => location.hash === '#/surveys/8/edit', 'the URL to name the builder again');
      equal($(el, 'dialog[open]'), null, 'the dialog closed');
      equal($(el, 'slims-crm-admin-builder'), builder, 'the builder was not rendered anew');
      equal($<HTMLInputElement>(el, '#f-title')!.value, 'Belum disimpan', 'still editing');
      location.hash = '#/feedback';
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog for an edited URL');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => $(el, 'table.feedback'), 'the inbox');
      equal(location.hash, '#/feedback');
    });
  });
});
