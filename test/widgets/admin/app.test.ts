// The staff app shell: signing in and out, the survey list, the session ending, the language switch.
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { expectAccessible } from '../axe.ts';
import {
  $,
  $$,
  assert,
  button,
  cleanup,
  equal,
  includes,
  mount,
  session,
  stubFetch,
  surveys,
  textOf,
  typeInto,
  waitFor,
} from './helpers.ts';

describe('slims-crm-admin: sign-in', () => {
  afterEach(cleanup);

  it('signs in, keeps the token in sessionStorage and lists the surveys with it', async () => {
    const fetch = stubFetch({
      'POST /api/v1/staff/session': { body: session },
      'GET /api/v1/staff/surveys': { body: { surveys } },
    });
    try {
      const el = await mount();
      includes(textOf($(el, 'h1')), 'Masuk staf');
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'rahasia');
      button(el, 'Masuk').click();
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      const post = fetch.calls.find((c) => c.path === '/api/v1/staff/session')!;
      equal(post.url, 'https://crm.example/api/v1/staff/session');
      equal(JSON.stringify(post.body), JSON.stringify({ username: 'admin', password: 'rahasia' }));
      equal(sessionStorage.getItem('slims-crm:staff-token'), 'staff-token-1');
      assert(!document.cookie.includes('staff-token'), 'no cookie holds the token');
      const list = fetch.calls.find((c) => c.path === '/api/v1/staff/surveys')!;
      equal(list.headers.get('Authorization'), 'Bearer staff-token-1');
      includes(textOf(el.shadowRoot), 'Masuk sebagai Admin');
      await waitFor(() => el.shadowRoot!.activeElement?.tagName === 'H1', 'focus on the list heading');
    } finally {
      fetch.restore();
    }
  });

  it('shows the server message when the credentials are wrong, and stores nothing', async () => {
    const fetch = stubFetch({
      'POST /api/v1/staff/session': {
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'Nama pengguna atau kata sandi salah.' } },
      },
    });
    try {
      const el = await mount();
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'salah');
      button(el, 'Masuk').click();
      const alert = await waitFor(() => $(el, '#signin-error'), 'the error message');
      includes(textOf(alert), 'Nama pengguna atau kata sandi salah.');
      assert(alert.closest('[role="alert"]'), 'the error is announced');
      equal(sessionStorage.getItem('slims-crm:staff-token'), null);
      includes(textOf($(el, 'h1')), 'Masuk staf');
    } finally {
      fetch.restore();
    }
  });

  it('asks for both fields before calling the server', async () => {
    const fetch = stubFetch({});
    try {
      const el = await mount();
      button(el, 'Masuk').click();
      const alert = await waitFor(() => $(el, '#signin-error'), 'the error message');
      includes(textOf(alert), 'Isi nama pengguna dan kata sandi.');
      equal(fetch.calls.length, 0);
    } finally {
      fetch.restore();
    }
  });

  it('says the demo accounts on the embedded demo only (the sidecar sets `demo`)', async () => {
    const el = await mount();
    equal($(el, '[data-demo-accounts]'), null, 'a library sidecar says nothing of accounts');
    el.demo = true;
    await el.updateComplete;
    const hint = await waitFor(() => $(el, '[data-demo-accounts]'), 'the demo accounts');
    includes(textOf(hint), 'admin / admin');
    includes(textOf(hint), 'pustakawan / pustakawan');
  });

  it('returns to sign-in with "Sesi berakhir" when a call answers 401', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': {
        status: 401,
        body: { error: { code: 'invalid_token', message: 'Token tidak valid' } },
      },
    });
    try {
      const el = await mount({ signedIn: true });
      const form = await waitFor(() => $(el, '#signin-username'), 'the sign-in form');
      assert(form, 'sign-in shown');
      includes(textOf(el.shadowRoot), 'Sesi berakhir, silakan masuk lagi');
      equal(sessionStorage.getItem('slims-crm:staff-token'), null);
    } finally {
      fetch.restore();
    }
  });

  it("takes a renewed token from SLiMS without moving the librarian's focus", async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      const search = $(el, 'input');
      assert(search, 'an input to focus');
      search.focus();
      el.setAttribute('token', 'staff-token-2');
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      equal(el.shadowRoot!.activeElement, search);
    } finally {
      fetch.restore();
    }
  });

  it('signs out: the token is revoked at the sidecar and leaves sessionStorage', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'DELETE /api/v1/staff/session': { status: 204 },
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      button(el, 'Keluar').click();
      await waitFor(() => $(el, '#signin-username'), 'the sign-in form');
      const revoke = fetch.calls.find((c) => c.method === 'DELETE' && c.path === '/api/v1/staff/session');
      assert(revoke, 'DELETE /api/v1/staff/session was called');
      equal(revoke.headers.get('Authorization'), 'Bearer staff-token-1');
      equal(sessionStorage.getItem('slims-crm:staff-token'), null);
      includes(textOf(el.shadowRoot), 'Anda telah keluar.');
    } finally {
      fetch.restore();
    }
  });

  it('signs out even when the sidecar cannot be reached to revoke', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'DELETE /api/v1/staff/session': { status: 503, body: { error: { code: 'unavailable', message: 'x' } } },
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      button(el, 'Keluar').click();
      await waitFor(() => $(el, '#signin-username'), 'the sign-in form');
      equal(sessionStorage.getItem('slims-crm:staff-token'), null);
    } finally {
      fetch.restore();
    }
  });

  it('solves the proof of work a busy network needs, saying Memeriksa…, then signs in', async () => {
    const secrets = { hmacSignatureSecret: 'test-signature-secret', hmacKeySignatureSecret: 'test-key-secret' };
    // A counter large enough that solving takes a moment in which "Memeriksa…" shows.
    const issued = await createChallenge({
      algorithm: 'SHA-256',
      cost: 1,
      counter: 20_000,
      deriveKey,
      data: { purpose: 'signin' },
      ...secrets,
    });
    const requested = (file: string): boolean =>
      performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(file));
    let sent = 0;
    const fetch = stubFetch({
      'POST /api/v1/staff/session': () =>
        sent++ === 0
          ? { status: 401, body: { error: { code: 'proof_required', message: 'x', details: { challenge: issued } } } }
          : { body: session },
      'GET /api/v1/staff/surveys': { body: { surveys } },
    });
    try {
      const el = await mount();
      assert(!requested('/widgets/shared/pow.ts'), 'the solver is not loaded with the sign-in view');
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'rahasia');
      // The check may be over before a polling timer runs (the solver keeps the main thread busy), so every
      // state the form shows is recorded as it renders.
      const shown = new Set<string>();
      const recorder = new MutationObserver(() => {
        const form = $(el, 'slims-crm-admin-signin');
        if (form !== null)
          shown.add(`${textOf($(el, 'form button'))} | ${textOf(form.querySelector('[role="status"]'))}`);
      });
      recorder.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
      button(el, 'Masuk').click();
      await waitFor(() => $(el, 'table.surveys'), 'the survey list', 10_000);
      recorder.disconnect();
      assert(
        shown.has('Memeriksa… | Memeriksa…'),
        `the button and the status say Memeriksa…: ${[...shown].join('; ')}`,
      );
      const posts = fetch.calls.filter((c) => c.path === '/api/v1/staff/session');
      equal(posts.length, 2);
      const pow = (posts[1]!.body as { pow: string }).pow;
      const decoded = JSON.parse(atob(pow)) as { challenge: Challenge; solution: Solution };
      assert(
        (await verifySolution({ challenge: decoded.challenge, solution: decoded.solution, deriveKey, ...secrets }))
          .verified,
        'the proof verifies',
      );
      assert(requested('/widgets/shared/pow.ts'), 'the solver loaded when asked for');
    } finally {
      fetch.restore();
    }
  });

  it('shows the lock message the sidecar gives, saying how long', async () => {
    const locked = stubFetch({
      'POST /api/v1/staff/session': {
        status: 429,
        body: { error: { code: 'rate_limited', message: 'Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.' } },
      },
    });
    try {
      const el = await mount();
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'rahasia');
      button(el, 'Masuk').click();
      const alert = await waitFor(() => $(el, '#signin-error'), 'the error message');
      includes(textOf(alert), 'Terlalu banyak percobaan masuk. Coba lagi dalam 15 menit.');
    } finally {
      locked.restore();
    }
  });
});

describe('slims-crm-admin: survey list', () => {
  afterEach(cleanup);

  it('shows title, kind, state badge, responses and dates for every survey', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      const rows = $$(el, 'tbody tr');
      equal(rows.length, 4);
      const row = (id: number) => textOf($(el, `tr[data-survey="${id}"]`));
      includes(row(7), 'Jam buka perpustakaan');
      includes(row(7), 'Jajak pendapat');
      includes(row(7), '128');
      includes(row(8), 'Survei');
      equal(textOf($(el, 'tr[data-survey="7"] .badge')), 'Dibuka');
      equal(textOf($(el, 'tr[data-survey="8"] .badge')), 'Draf');
      equal(textOf($(el, 'tr[data-survey="9"] .badge')), 'Ditutup');
      equal(textOf($(el, 'tr[data-survey="10"] .badge')), 'Terjadwal');
      includes(row(10), 'Dibuka ');
      includes(row(9), 'Ditutup ');
      // Open surveys offer Close; drafts and closed ones offer Open.
      equal(textOf($(el, 'tr[data-survey="7"] [data-action="close"]')), 'Tutup');
      equal(textOf($(el, 'tr[data-survey="8"] [data-action="open"]')), 'Buka');
    } finally {
      fetch.restore();
    }
  });

  it('opens a draft and updates its badge', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'POST /api/v1/staff/surveys/8/open': {
        body: { survey: { ...surveys[1], status: 'open', state: 'open', description: null, questions: [] } },
      },
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      $(el, 'tr[data-survey="8"] [data-action="open"]')!.click();
      await waitFor(() => textOf($(el, 'tr[data-survey="8"] .badge')) === 'Dibuka', 'the open badge');
      includes(textOf($(el, '.toast')), 'dibuka');
    } finally {
      fetch.restore();
    }
  });

  it('deletes only after the confirm dialog says so', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'DELETE /api/v1/staff/surveys/9': { status: 204 },
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      $(el, 'tr[data-survey="9"] [data-action="delete"]')!.click();
      const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the confirm dialog');
      includes(textOf(dialog), 'Koleksi baru');
      includes(textOf(dialog), '45');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog to close');
      equal(fetch.calls.filter((c) => c.method === 'DELETE').length, 0, 'cancel deletes nothing');

      $(el, 'tr[data-survey="9"] [data-action="delete"]')!.click();
      await waitFor(() => $(el, 'dialog[open]'), 'the confirm dialog again');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => !$(el, 'tr[data-survey="9"]'), 'the row to go');
      equal(fetch.calls.filter((c) => c.method === 'DELETE').length, 1);
      equal(fetch.calls.find((c) => c.method === 'DELETE')!.headers.get('Authorization'), 'Bearer staff-token-1');
    } finally {
      fetch.restore();
    }
  });

  it('switches to English: headings, badges and the lang attribute', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      $(el, 'button[aria-label="EN (English)"]')!.click();
      await el.updateComplete;
      await waitFor(() => textOf($(el, 'h1')) === 'Surveys & polls', 'the English heading');
      equal(el.getAttribute('lang'), 'en');
      equal(textOf($(el, 'tr[data-survey="7"] .badge')), 'Open');
      equal(textOf($(el, 'tr[data-survey="10"] .badge')), 'Scheduled');
      includes(textOf($(el, 'tr[data-survey="7"]')), 'Poll');
      equal($(el, 'button[aria-label="EN (English)"]')!.getAttribute('aria-pressed'), 'true');
      button(el, 'Create new');
      button(el, 'Sign out');
    } finally {
      fetch.restore();
    }
  });

  it('starts in English with lang="en" and sends Accept-Language: en', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys: [] } } });
    try {
      const el = await mount({ signedIn: true, lang: 'en' });
      await waitFor(() => textOf(el.shadowRoot).includes('No surveys yet'), 'the English empty state');
      equal(fetch.calls[0]!.headers.get('Accept-Language'), 'en');
    } finally {
      fetch.restore();
    }
  });
});

describe('slims-crm-admin: accessibility (axe-core, WCAG 2.1 A/AA)', () => {
  afterEach(cleanup);

  it('the sign-in view: empty, with an error, on the demo, after signing out, in both languages', async () => {
    const fetch = stubFetch({
      'POST /api/v1/staff/session': {
        status: 401,
        body: { error: { code: 'invalid_credentials', message: 'Nama pengguna atau kata sandi salah.' } },
      },
      'GET /api/v1/staff/surveys': { body: { surveys } },
    });
    try {
      for (const lang of ['id', 'en']) {
        const el = await mount({ lang });
        await expectAccessible(el, `the sign-in view (${lang})`);
        $<HTMLButtonElement>(el, 'form button[type=submit], form button:not([type])')!.click();
        await waitFor(() => $(el, '#signin-error'), 'the error message');
        await expectAccessible(el, `sign-in asking for both fields (${lang})`);
        typeInto($(el, '#signin-username'), 'admin');
        typeInto($(el, '#signin-password'), 'salah');
        $<HTMLButtonElement>(el, 'form button[type=submit], form button:not([type])')!.click();
        await waitFor(() => textOf($(el, '#signin-error')).includes('salah'), 'the server message');
        await expectAccessible(el, `sign-in after wrong credentials (${lang})`);
        el.demo = true;
        await el.updateComplete;
        await waitFor(() => $(el, '[data-demo-accounts]'), 'the demo accounts');
        await expectAccessible(el, `sign-in on the demo (${lang})`);
        cleanup();
      }
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      button(el, 'Keluar').click();
      await waitFor(() => $(el, '#signin-username'), 'the sign-in form');
      await expectAccessible(el, 'sign-in after signing out');
    } finally {
      fetch.restore();
    }
  });

  it('the survey list: loading, every state, empty, an error, the confirm dialog, in both languages', async () => {
    let answer = (): void => undefined;
    const held = new Promise<void>((r) => (answer = r));
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    const original = window.fetch;
    window.fetch = async (...args) => (await held, original(...args));
    try {
      const el = await mount({ signedIn: true });
      await expectAccessible(el, 'the list while loading');
      answer();
      await waitFor(() => $(el, 'table.surveys'), 'the list');
      await expectAccessible(el, 'the survey list');
      $(el, 'tr[data-survey="9"] [data-action="delete"]')!.click();
      await waitFor(() => $(el, 'dialog[open]'), 'the confirm dialog');
      await expectAccessible(el, 'the confirm dialog');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog to close');
      $(el, 'button[lang="en"]')!.click();
      await waitFor(() => textOf($(el, 'h1')) === 'Surveys & polls', 'the English heading');
      await expectAccessible(el, 'the English survey list');
    } finally {
      window.fetch = original;
      fetch.restore();
    }
    cleanup();
    const empty = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys: [] } } });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => textOf(el.shadowRoot).includes('Belum ada'), 'the empty state');
      await expectAccessible(el, 'the empty list');
    } finally {
      empty.restore();
    }
    cleanup();
    const broken = stubFetch({
      'GET /api/v1/staff/surveys': {
        status: 500,
        body: { error: { code: 'internal_error', message: 'Terjadi kesalahan' } },
      },
    });
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, '[role=alert]'), 'the error');
      await expectAccessible(el, 'the list that cannot load');
    } finally {
      broken.restore();
    }
  });
});
