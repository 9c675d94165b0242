// "Tampilkan di OPAC": placing a poll from its embed view and any widget from the OPAC section, removing
// one, and what a refused placement says. And the app inside SLiMS: a refused token is renewed, never a sign-in form.
import { reservedHeight } from '../../../widgets/admin/embed.ts';
import { reservedPx } from '../../../widgets/admin/reserve.ts';
import type { Placement } from '../../../widgets/admin/api.ts';
import { expectAccessible } from '../axe.ts';
import {
  $,
  API,
  assert,
  cleanup,
  deepEqual,
  equal,
  includes,
  pollDetail,
  stubFetch,
  surveys,
  textOf,
  typeInto,
  waitFor,
} from './helpers.ts';

const placed = (overrides: Partial<Placement>): Placement => ({
  id: 1,
  widget: 'poll',
  place: 'home',
  target: null,
  reservePx: 300,
  survey: { id: 7, slug: 'jam-buka', title: pollDetail.title, kind: 'poll' },
  createdAt: '2026-12-01T02:00:00Z',
  ...overrides,
});

async function mountApp(attributes: Record<string, string> = {}) {
  sessionStorage.setItem('slims-crm:staff-token', 'staff-token-1');
  const el = document.createElement('slims-crm-admin');
  el.setAttribute('api', API);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('slims-crm-admin: Tampilkan di OPAC', () => {
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('places a poll on every title’s detail page from its embed view, with the height its embed code reserves', async () => {
    let list: Placement[] = [];
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys/7': { body: { survey: pollDetail } },
      'GET /api/v1/staff/placements': () => ({ body: { placements: list } }),
      'POST /api/v1/staff/placements': () => {
        list = [placed({ id: 5, place: 'detail' })];
        return { status: 201, body: { placement: list[0] } };
      },
    });
    try {
      const el = await mountApp();
      el.route = { view: 'embed', id: 7 };
      await waitFor(() => $(el, '#placements-empty'), 'no placement yet');
      await expectAccessible(el, 'the embed view with no placement yet');
      includes(textOf(el.shadowRoot), 'Tampilkan di OPAC');
      $<HTMLInputElement>(el, 'input[name="placement-place"][value="detail"]')!.click();
      await el.updateComplete;
      includes(textOf($(el, '#placement-target-hint')), 'Kosongkan');
      $<HTMLButtonElement>(el, '#placement-add')!.click();
      await waitFor(() => $(el, '#placements-list'), 'the list');
      const post = fetch.calls.find((c) => c.method === 'POST');
      deepEqual(post?.body, { widget: 'poll', surveyId: 7, reservePx: reservedHeight(pollDetail), place: 'detail' });
      includes(textOf($(el, '#placements-list')), 'Halaman detail judul');
      includes(textOf(el.shadowRoot), 'Widget ditampilkan di Halaman detail judul.');
    } finally {
      fetch.restore();
    }
  });

  it('places the suggestion box on a given page from the OPAC section, says what was wrong, and removes a placement', async () => {
    let list: Placement[] = [
      placed({
        id: 3,
        widget: 'feedback-board',
        survey: null,
        place: 'footer',
        reservePx: reservedPx('feedback-board', 'footer'),
      }),
    ];
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'GET /api/v1/staff/placements': () => ({ body: { placements: list } }),
      'POST /api/v1/staff/placements': (call) => {
        const body = call.body as { target?: string };
        if (body.target !== 'libinfo') {
          return {
            status: 422,
            body: {
              error: {
                code: 'validation_failed',
                message: 'x',
                details: [{ field: 'target', message: 'Tulis nama halaman OPAC.' }],
              },
            },
          };
        }
        list = [
          ...list,
          placed({
            id: 4,
            widget: 'suggestion-box',
            survey: null,
            place: 'page',
            target: 'libinfo',
            reservePx: reservedPx('suggestion-box', 'page'),
          }),
        ];
        return { status: 201, body: { placement: list.at(-1) } };
      },
      'DELETE /api/v1/staff/placements/3': () => {
        list = list.filter((p) => p.id !== 3);
        return { status: 204 };
      },
    });
    try {
      const el = await mountApp();
      el.route = { view: 'placements' };
      await waitFor(() => $(el, '#placements-list'), 'the list');
      includes(textOf($(el, '#placements-list')), 'Papan tanggapan');
      includes(textOf($(el, '#placements-list')), 'Kaki setiap halaman');
      await expectAccessible(el, 'the OPAC placements list');
      const select = await waitFor(
        () =>
          ($<HTMLSelectElement>(el, '#placement-widget')?.options.length ?? 0) > 3 &&
          $<HTMLSelectElement>(el, '#placement-widget'),
        'the surveys to choose from',
      );
      select.value = 'suggestion-box';
      select.dispatchEvent(new Event('change'));
      $<HTMLInputElement>(el, 'input[name="placement-place"][value="page"]')!.click();
      await el.updateComplete;
      typeInto($<HTMLInputElement>(el, '#placement-target'), 'lib info');
      $<HTMLButtonElement>(el, '#placement-add')!.click();
      equal(textOf(await waitFor(() => $(el, '#placement-error'), 'the refusal')), 'Tulis nama halaman OPAC.');
      await expectAccessible(el, 'a placement refused');
      typeInto($<HTMLInputElement>(el, '#placement-target'), 'libinfo');
      $<HTMLButtonElement>(el, '#placement-add')!.click();
      await waitFor(() => textOf($(el, '#placements-list')).includes('Halaman OPAC "libinfo"'), 'the new placement');
      const posts = fetch.calls.filter((c) => c.method === 'POST');
      deepEqual(posts[1]?.body, {
        widget: 'suggestion-box',
        reservePx: reservedPx('suggestion-box', 'page'),
        place: 'page',
        target: 'libinfo',
      });
      $<HTMLButtonElement>(el, 'tr[data-placement="3"] button')!.click();
      await waitFor(() => !$(el, 'tr[data-placement="3"]'), 'the board removed');
      assert(
        fetch.calls.some((c) => c.method === 'DELETE'),
        'DELETE sent',
      );
    } finally {
      fetch.restore();
    }
  });
});

describe('slims-crm-admin inside SLiMS (host="slims")', () => {
  afterEach(cleanup);

  it('asks the page for a new token when one is refused, sends the call again, and never shows a sign-in form', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': (call) =>
        call.headers.get('authorization') === 'Bearer renewed'
          ? { body: { surveys } }
          : { status: 401, body: { error: { code: 'invalid_token', message: 'Sesi tidak sah' } } },
    });
    try {
      sessionStorage.clear();
      const el = document.createElement('slims-crm-admin');
      el.setAttribute('api', API);
      el.setAttribute('host', 'slims');
      el.setAttribute('token', 'expired');
      let asked = 0;
      el.addEventListener('slims-admin-token-expired', () => {
        asked++;
        setTimeout(() => el.setAttribute('token', 'renewed'), 10);
      });
      document.body.append(el);
      await waitFor(() => textOf(el.shadowRoot).includes(surveys[0]!.title), 'the list, with the renewed token');
      equal(asked, 1);
      equal(el.shadowRoot!.querySelector('slims-crm-admin-signin'), null);
      // The SLiMS session ended: the page says so; still no sign-in form of our own.
      el.setAttribute('host-ended', 'Sesi SLiMS Anda sudah berakhir.');
      await waitFor(() => textOf(el.shadowRoot).includes('Sesi SLiMS Anda sudah berakhir.'), 'the ended notice');
      equal(el.shadowRoot!.querySelector('slims-crm-admin-signin'), null);
      includes(textOf(el.shadowRoot), 'Muat ulang halaman');
      await expectAccessible(el, 'the SLiMS session ended notice');
    } finally {
      fetch.restore();
    }
  });
});
