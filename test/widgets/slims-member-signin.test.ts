// <slims-member-signin> in a real browser, with the real loader and window.fetch stubbed at the API seam.
import { sendKeys } from '@web/test-runner-commands';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import '../../widgets/member-signin/slims-member-signin.ts';
import '../../widgets/poll/slims-poll.ts';
import { STORAGE_KEY } from '../../widgets/member-signin/session.ts';
import type { SlimsMemberSignin } from '../../widgets/member-signin/slims-member-signin.ts';
import type { SlimsPoll } from '../../widgets/poll/slims-poll.ts';
import { expectAccessible } from './axe.ts';
import {
  apiError,
  assert,
  equal,
  includes,
  json,
  mount,
  shadow,
  statusText,
  stubFetch,
  surveyPayload,
  until,
  watchUncaught,
  type FetchStub,
  type Route,
} from './helpers.ts';

const SESSION = 'POST /api/v1/members/session';

const b64url = (value: unknown): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** A member token shaped as the sidecar mints it (the signature is not the widget's business). */
function memberToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    aud: 'slims-crm',
    typ: 'member',
    sub: 'M000001',
    name: 'Budi Santoso',
    iat: now,
    exp: now + 900,
    ...claims,
  };
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}

const session = (token = memberToken()): Response =>
  json(200, {
    token,
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
    member: { id: 'M000001', name: 'Budi Santoso' },
  });

let stub: FetchStub | undefined;
let loads = 0;

/** A fresh copy of the loader (widgets/index.ts), as on a new page: it restores a stored token. */
async function startLoader(): Promise<void> {
  delete window.SlimsCRM;
  const url = `../../widgets/index.ts?page=${++loads}`;
  await import(url);
}

async function signin(
  routes: Record<string, Route>,
  markup = '<slims-member-signin></slims-member-signin>',
): Promise<SlimsMemberSignin> {
  stub = stubFetch(routes);
  const el = mount<SlimsMemberSignin>(markup);
  await el.updateComplete;
  return el;
}

const field = (el: Element, name: string): HTMLInputElement => {
  const input = shadow(el).querySelector<HTMLInputElement>(`input[name=${name}]`);
  assert(input, `input ${name}`);
  return input;
};

/** Fills the form and presses the button, as a mouse user would. */
function submit(el: Element, cardNumber = 'M000001', password = 'rahasia'): void {
  field(el, 'cardNumber').value = cardNumber;
  field(el, 'password').value = password;
  shadow(el).querySelector<HTMLButtonElement>('form button')!.click();
}

const focused = (el: Element): Element | null => shadow(el).activeElement;

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  return fn().finally(() => (console.warn = warn));
}

describe('<slims-member-signin>', () => {
  beforeEach(async () => {
    sessionStorage.clear();
    await startLoader();
  });

  afterEach(() => {
    stub?.restore();
    stub = undefined;
    document.body.replaceChildren();
    sessionStorage.clear();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
  });

  it('renders a labelled form for card number and OPAC password, in Indonesian by default', async () => {
    const el = await signin({});
    const root = shadow(el);
    equal(root.querySelector('[part=title]')?.textContent, 'Masuk anggota');
    const card = field(el, 'cardNumber');
    const password = field(el, 'password');
    equal(root.querySelector(`label[for=${card.id}]`)?.textContent, 'Nomor anggota');
    equal(root.querySelector(`label[for=${password.id}]`)?.textContent, 'Kata sandi');
    equal(card.autocomplete, 'username');
    equal(password.autocomplete, 'current-password');
    equal(password.type, 'password');
    includes(password.getAttribute('aria-describedby'), 'hint');
    equal(root.querySelector('form button')?.textContent?.trim(), 'Masuk');
    equal(statusText(el), '');
    equal(root.querySelector('[role=status]')?.getAttribute('aria-live'), 'polite');
    equal(stub!.calls.length, 0, 'nothing is fetched before the member signs in');
  });

  it('signs in: the token goes to sessionStorage (not localStorage, not a cookie) and to SlimsCRM', async () => {
    const token = memberToken();
    const seen: CustomEvent[] = [];
    const listen = (e: Event): void => void seen.push(e as CustomEvent);
    document.addEventListener('slims-signin', listen);
    try {
      const el = await signin({ [SESSION]: () => session(token) });
      submit(el, '  M000001 ', 'rahasia');
      await until(() => el.member, 'signed in');
      await el.updateComplete;
      equal(stub!.calls.length, 1);
      const [post] = stub!.calls;
      equal(post!.body, { cardNumber: 'M000001', password: 'rahasia' });
      equal(post!.headers.get('Content-Type'), 'application/json');
      equal(post!.headers.get('Idempotency-Key'), null, 'a sign-in needs no Idempotency-Key');
      equal(post!.url.searchParams.get('lang'), 'id');

      equal(sessionStorage.getItem(STORAGE_KEY), token);
      for (let i = 0; i < localStorage.length; i++)
        assert(!localStorage.getItem(localStorage.key(i)!)?.includes(token), 'not in localStorage');
      assert(!document.cookie.includes(token), 'not in a cookie');
      equal(window.SlimsCRM?.memberToken, token, 'SlimsCRM.setMemberToken was given the token');

      equal(statusText(el), 'Masuk sebagai Budi Santoso');
      assert(!shadow(el).querySelector('form'), 'the form is gone');
      // The heading stays (the section keeps its name) and the card number fills the reserved space.
      equal(shadow(el).querySelector('[part=title]')?.textContent, 'Akun anggota');
      equal(shadow(el).querySelector('[part=member] dd')?.textContent, 'M000001');
      includes(shadow(el).querySelector('[part=hint]')?.textContent, 'khusus anggota');
      equal(shadow(el).querySelector('[part~=signout]')?.textContent, 'Keluar');
      equal(el.member, { id: 'M000001', name: 'Budi Santoso' });
      equal(seen.length, 1);
      equal(seen[0]!.detail, { memberId: 'M000001', name: 'Budi Santoso' });
      assert(seen[0]!.bubbles && seen[0]!.composed, 'slims-signin bubbles and is composed');
    } finally {
      document.removeEventListener('slims-signin', listen);
    }
  });

  it('lets a members-only poll on the same page reload as the member', async () => {
    const token = memberToken();
    stub = stubFetch({
      'GET /api/v1/surveys/jam-buka': () => json(200, surveyPayload({ audience: 'members' })),
      [SESSION]: () => session(token),
    });
    const host = mount<HTMLElement>(
      '<div><slims-poll poll="jam-buka"></slims-poll><slims-member-signin></slims-member-signin></div>',
    );
    const poll = host.querySelector<SlimsPoll>('slims-poll')!;
    const el = host.querySelector<SlimsMemberSignin>('slims-member-signin')!;
    await until(
      () => statusText(poll) === 'Khusus anggota perpustakaan. Silakan masuk untuk menjawab.',
      'the poll asks for a member',
    );
    equal(stub.calls[0]?.headers.get('Authorization'), null);
    submit(el);
    await until(() => shadow(poll).querySelector('[part=form]'), 'the poll opens for the member');
    const gets = stub.calls.filter((c) => c.method === 'GET');
    equal(gets.length, 2);
    equal(gets[1]!.headers.get('Authorization'), `Bearer ${token}`);
  });

  const errors: [code: string, status: number, id: string, en: string][] = [
    ['invalid_credentials', 401, 'Nomor anggota atau kata sandi salah.', 'Wrong member number or password.'],
    [
      'member_pending',
      403,
      'Keanggotaan Anda sedang ditangguhkan. Silakan hubungi perpustakaan.',
      'Your membership is on hold. Please contact the library.',
    ],
    [
      'member_expired',
      403,
      'Masa keanggotaan Anda sudah habis. Silakan perpanjang di perpustakaan.',
      'Your membership has expired. Please renew it at the library.',
    ],
    [
      'no_password',
      403,
      'Akun Anda belum memiliki kata sandi OPAC. Mintalah perpustakaan untuk membuatkannya.',
      'Your account has no OPAC password yet. Please ask the library to set one.',
    ],
    [
      'rate_limited',
      429,
      'Terlalu banyak percobaan masuk. Silakan coba lagi nanti.',
      'Too many sign-in attempts. Please try again later.',
    ],
    ['validation_failed', 422, 'Isi nomor anggota dan kata sandi Anda.', 'Enter your member number and password.'],
    [
      'offline',
      0,
      'Tidak dapat terhubung. Periksa koneksi internet Anda.',
      'Cannot connect. Please check your internet connection.',
    ],
    [
      'internal_error',
      500,
      'Maaf, terjadi gangguan. Silakan coba lagi.',
      'Sorry, something went wrong. Please try again.',
    ],
  ];
  for (const [code, status, id, en] of errors) {
    it(`says ${code} in Indonesian and English, with focus on the message`, () =>
      quietly(async () => {
        for (const [lang, text] of [
          ['id', id],
          ['en', en],
        ] as const) {
          const seen: CustomEvent[] = [];
          const el = await signin(
            { [SESSION]: () => (status ? apiError(status, code, `server says ${code}`) : 'offline') },
            `<slims-member-signin lang="${lang}"></slims-member-signin>`,
          );
          el.addEventListener('slims-error', (e) => void seen.push(e));
          submit(el);
          await until(() => statusText(el) === text, `${code} in ${lang}`);
          await until(() => focused(el)?.getAttribute('role') === 'status', 'focus on the message');
          includes(shadow(el).querySelector('[role=status]')?.getAttribute('part'), 'error');
          equal(stub!.calls.length, 1, 'sent once, never retried');
          equal(stub!.calls[0]!.url.searchParams.get('lang'), lang);
          equal(
            seen.map((e) => e.detail.code),
            [code],
          );
          assert(seen[0]!.bubbles && seen[0]!.composed, 'slims-error bubbles and is composed');
          equal(sessionStorage.getItem(STORAGE_KEY), null);
          equal(window.SlimsCRM?.memberToken, null);
          assert(shadow(el).querySelector('form'), 'the form stays');
          stub!.restore();
          document.body.replaceChildren();
        }
      }));
  }

  it('marks the fields after wrong credentials and keeps the card number', () =>
    quietly(async () => {
      const el = await signin({ [SESSION]: () => apiError(401, 'invalid_credentials') });
      submit(el);
      await until(() => statusText(el).includes('salah'), 'message');
      equal(field(el, 'cardNumber').value, 'M000001');
      equal(field(el, 'cardNumber').getAttribute('aria-invalid'), 'true');
      equal(field(el, 'password').getAttribute('aria-invalid'), 'true');
      includes(field(el, 'password').getAttribute('aria-describedby'), 'status');
    }));

  it("tells how long to wait from Retry-After, in the sidecar's words", () =>
    quietly(async () => {
      const cases: [string, 'id' | 'en', string][] = [
        ['600', 'id', 'Terlalu banyak percobaan masuk. Coba lagi dalam 10 menit.'],
        ['600', 'en', 'Too many sign-in attempts. Try again in 10 minutes.'],
        ['900', 'en', 'Too many sign-in attempts. Try again in 15 minutes.'],
        ['45', 'en', 'Too many sign-in attempts. Try again in 45 seconds.'],
        ['1', 'en', 'Too many sign-in attempts. Try again in 1 second.'],
        ['30', 'id', 'Terlalu banyak percobaan masuk. Coba lagi dalam 30 detik.'],
        ['61', 'id', 'Terlalu banyak percobaan masuk. Coba lagi dalam 2 menit.'],
        [new Date(Date.now() + 5 * 60_000).toUTCString(), 'en', 'Too many sign-in attempts. Try again in 5 minutes.'],
      ];
      for (const [retryAfter, lang, text] of cases) {
        const el = await signin(
          {
            [SESSION]: () =>
              json(429, { error: { code: 'rate_limited', message: 'x' } }, { 'Retry-After': retryAfter }),
          },
          `<slims-member-signin lang="${lang}"></slims-member-signin>`,
        );
        submit(el);
        await until(() => statusText(el) === text, `Retry-After ${retryAfter} in ${lang}`);
        stub!.restore();
        document.body.replaceChildren();
      }
    }));

  it('solves the proof of work a busy network needs, saying Memeriksa…, and sends once more with it', () =>
    quietly(async () => {
      const secrets = { hmacSignatureSecret: 'test-signature-secret', hmacKeySignatureSecret: 'test-key-secret' };
      const issued = await createChallenge({
        algorithm: 'SHA-256',
        cost: 1,
        counter: 50,
        deriveKey,
        data: { purpose: 'signin' },
        ...secrets,
      });
      const requested = (file: string): boolean =>
        performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(file));
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let verified = false;
      const el = await signin({
        [SESSION]: async (call, n) => {
          if (n === 0)
            return json(401, { error: { code: 'proof_required', message: 'x', details: { challenge: issued } } });
          const pow = (call.body as { pow?: string }).pow;
          const decoded = JSON.parse(atob(pow ?? '')) as { challenge: Challenge; solution: Solution };
          verified = (
            await verifySolution({ challenge: decoded.challenge, solution: decoded.solution, deriveKey, ...secrets })
          ).verified;
          await held;
          return session();
        },
      });
      assert(!requested('/widgets/shared/pow.ts'), 'the solver is not loaded with the page');
      submit(el);
      await until(() => statusText(el) === 'Memeriksa…', 'Memeriksa… while checking');
      await until(() => stub!.calls.length === 2, 'sent again with the proof');
      assert(requested('/widgets/shared/pow.ts'), 'the solver loaded when asked for');
      equal((stub!.calls[1]!.body as Record<string, unknown>).cardNumber, 'M000001');
      release();
      await until(() => el.member, 'signed in');
      assert(verified, 'the proof verifies');
    }));

  it('says the check did not finish when a second proof_required comes', () =>
    quietly(async () => {
      const issued = await createChallenge({
        algorithm: 'SHA-256',
        cost: 1,
        counter: 5,
        deriveKey,
        hmacSignatureSecret: 'a-secret-of-sorts',
        hmacKeySignatureSecret: 'another-secret-x',
      });
      const el = await signin(
        {
          [SESSION]: () =>
            json(401, { error: { code: 'proof_required', message: 'x', details: { challenge: issued } } }),
        },
        '<slims-member-signin lang="en"></slims-member-signin>',
      );
      submit(el);
      await until(() => statusText(el) === 'The security check did not finish. Please try again.', 'the check failed');
      equal(stub!.calls.length, 2, 'one resend, no loop');
    }));

  it('does not retry a 5xx with the same password; the member can press again', () =>
    quietly(async () => {
      const el = await signin({ [SESSION]: (_call, n) => (n === 0 ? apiError(503, 'internal_error') : session()) });
      submit(el);
      await until(() => statusText(el) === 'Maaf, terjadi gangguan. Silakan coba lagi.', 'error');
      await new Promise((r) => setTimeout(r, 100));
      equal(stub!.calls.length, 1, 'one attempt only');
      shadow(el).querySelector<HTMLButtonElement>('form button')!.click();
      await until(() => el.member, 'signed in on the second press');
      equal(stub!.calls.length, 2);
    }));

  it('sends one request however often the button is pressed while it is under way', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    const el = await signin({ [SESSION]: async () => (await held, session()) });
    submit(el);
    await el.updateComplete;
    equal(shadow(el).querySelector('form button')?.getAttribute('aria-disabled'), 'true');
    equal(shadow(el).querySelector('form button')?.textContent?.trim(), 'Memeriksa…');
    shadow(el).querySelector<HTMLButtonElement>('form button')!.click();
    shadow(el).querySelector<HTMLButtonElement>('form button')!.click();
    release();
    await until(() => el.member, 'signed in');
    equal(stub!.calls.length, 1);
  });

  it('does not even try when the browser says it is offline', () =>
    quietly(async () => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      const el = await signin({ [SESSION]: () => session() });
      submit(el);
      await until(() => statusText(el) === 'Tidak dapat terhubung. Periksa koneksi internet Anda.', 'offline');
      equal(stub!.calls.length, 0);
    }));

  it('asks for both fields before sending anything', () =>
    quietly(async () => {
      const el = await signin({ [SESSION]: () => session() });
      submit(el, '   ', '');
      await until(() => statusText(el) === 'Isi nomor anggota dan kata sandi Anda.', 'validation');
      equal(stub!.calls.length, 0);
      equal(field(el, 'cardNumber').getAttribute('aria-invalid'), 'true');
      equal(field(el, 'password').getAttribute('aria-invalid'), 'true');
      await until(() => focused(el)?.getAttribute('role') === 'status', 'focus on the message');
      submit(el, 'M000001', '');
      await el.updateComplete;
      equal(field(el, 'cardNumber').getAttribute('aria-invalid'), null);
      equal(field(el, 'password').getAttribute('aria-invalid'), 'true');
    }));

  it('signs in and out with the keyboard only', async () => {
    const el = await signin({ [SESSION]: () => session() });
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    equal(focused(el)?.getAttribute('name'), 'cardNumber');
    await sendKeys({ type: 'M000001' });
    await sendKeys({ press: 'Tab' });
    equal(focused(el)?.getAttribute('name'), 'password');
    await sendKeys({ type: 'rahasia' });
    await sendKeys({ press: 'Enter' });
    await until(() => el.member, 'signed in by Enter');
    equal(stub!.calls[0]?.body, { cardNumber: 'M000001', password: 'rahasia' });
    await until(() => focused(el)?.getAttribute('role') === 'status', 'focus stays in the element, on the greeting');
    await sendKeys({ press: 'Tab' });
    includes(focused(el)?.getAttribute('part'), 'signout');
    await sendKeys({ press: 'Enter' });
    await until(() => !el.member, 'signed out by Enter');
    await until(() => focused(el)?.getAttribute('role') === 'status', 'focus on the status');
    equal(statusText(el), 'Anda sudah keluar.');
  });

  it('shows a visible focus ring', async () => {
    const el = await signin({});
    el.style.setProperty('--slims-focus', 'rgb(200, 0, 0)');
    const before = document.createElement('button');
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    const style = getComputedStyle(field(el, 'cardNumber'));
    equal(style.outlineColor, 'rgb(200, 0, 0)');
    equal(style.outlineStyle, 'solid');
  });

  it('signs out: clears sessionStorage and SlimsCRM, and says so', async () => {
    const seen: CustomEvent[] = [];
    const el = await signin({ [SESSION]: () => session() });
    el.addEventListener('slims-signout', (e) => void seen.push(e));
    submit(el);
    await until(() => el.member, 'signed in');
    await el.updateComplete;
    shadow(el).querySelector<HTMLButtonElement>('[part~=signout]')!.click();
    await el.updateComplete;
    equal(sessionStorage.getItem(STORAGE_KEY), null);
    equal(window.SlimsCRM?.memberToken, null);
    equal(el.member, null);
    equal(statusText(el), 'Anda sudah keluar.');
    assert(shadow(el).querySelector('form'), 'the form is back');
    equal(
      seen.map((e) => e.detail),
      [{ memberId: 'M000001', reason: 'signout' }],
    );
    assert(seen[0]!.bubbles && seen[0]!.composed, 'slims-signout bubbles and is composed');
  });

  it('takes up the token kept for this tab on a new page, with the name from the token', async () => {
    const token = memberToken({ name: 'Ni Putu Ayu Wédari' });
    sessionStorage.setItem(STORAGE_KEY, token);
    await startLoader();
    const el = await signin({});
    equal(statusText(el), 'Masuk sebagai Ni Putu Ayu Wédari');
    equal(el.member, { id: 'M000001', name: 'Ni Putu Ayu Wédari' });
    equal(window.SlimsCRM?.memberToken, token);
    equal(stub!.calls.length, 0, 'no request to restore');
  });

  it('shows the member the page signed in (the OPAC) over one kept in this tab from earlier', async () => {
    const earlier = memberToken({ sub: 'M000002', name: 'Pemustaka Sebelumnya' });
    const opac = memberToken({ sub: 'M000003', name: 'Rina Lubis' });
    sessionStorage.setItem(STORAGE_KEY, earlier);
    delete window.SlimsCRM;
    (window as unknown as { SlimsCRM: { memberToken: string } }).SlimsCRM = { memberToken: opac };
    await import(`../../widgets/index.ts?page=${++loads}`);
    const el = await signin({});
    equal(statusText(el), 'Masuk sebagai Rina Lubis');
    equal((window.SlimsCRM as { memberToken?: string | null } | undefined)?.memberToken, opac);
    equal(sessionStorage.getItem(STORAGE_KEY), null, 'the earlier member is forgotten');
  });

  it('ignores an expired or unreadable stored token, also where the loader already gave it out', async () => {
    for (const token of [
      memberToken({ iat: 1_700_000_000, exp: 1_700_000_900 }),
      'not-a-token',
      `x.${b64url({ sub: 'M1' })}.y`,
    ]) {
      sessionStorage.setItem(STORAGE_KEY, token);
      await startLoader();
      equal(window.SlimsCRM?.memberToken, token, 'the loader does not check expiry');
      const el = await signin({});
      equal(el.member, null);
      assert(shadow(el).querySelector('form'), 'the form is shown');
      equal(statusText(el), '');
      equal(sessionStorage.getItem(STORAGE_KEY), null, 'dropped from storage');
      equal(window.SlimsCRM?.memberToken, null, 'and from SlimsCRM');
      stub!.restore();
      document.body.replaceChildren();
    }
  });

  it('signs out by itself when the token expires', async function (this: { timeout(ms: number): void }) {
    this.timeout(9000);
    const seen: CustomEvent[] = [];
    // Whole seconds: at least two left, so a slow machine still finds it valid when the element takes it up.
    const token = memberToken({ exp: Math.floor(Date.now() / 1000) + 3 });
    sessionStorage.setItem(STORAGE_KEY, token);
    await startLoader();
    const el = await signin({});
    el.addEventListener('slims-signout', (e) => void seen.push(e));
    assert(el.member, 'signed in until the token expires');
    await until(() => !el.member, 'signed out at expiry', 6000);
    await el.updateComplete;
    equal(statusText(el), 'Sesi Anda sudah berakhir. Silakan masuk lagi.');
    equal(sessionStorage.getItem(STORAGE_KEY), null);
    equal(window.SlimsCRM?.memberToken, null);
    equal(
      seen.map((e) => e.detail),
      [{ memberId: 'M000001', reason: 'expired' }],
    );
  });

  it('follows another sign-in element and a sign-out by the page', async () => {
    const host = mount<HTMLElement>(
      '<div><slims-member-signin></slims-member-signin><slims-member-signin></slims-member-signin></div>',
    );
    stub = stubFetch({ [SESSION]: () => session() });
    const [a, b] = [...host.querySelectorAll('slims-member-signin')];
    await a!.updateComplete;
    submit(a!);
    await until(() => b!.member, 'the other element knows the member');
    window.SlimsCRM!.setMemberToken(null);
    equal(a!.member, null);
    equal(b!.member, null);
    equal(sessionStorage.getItem(STORAGE_KEY), null);
  });

  it('speaks English with lang="en", or when an ancestor says so', async () => {
    const el = await signin({}, '<section lang="en-GB"><slims-member-signin></slims-member-signin></section>');
    const inner = el.querySelector('slims-member-signin')!;
    await inner.updateComplete;
    equal(shadow(inner).querySelector('[part=title]')?.textContent, 'Member sign-in');
    equal(shadow(inner).querySelector('label[for=card]')?.textContent, 'Member number');
    equal(shadow(inner).querySelector('label[for=password]')?.textContent, 'Password');
    equal(shadow(inner).querySelector('form button')?.textContent?.trim(), 'Sign in');
    stub!.restore();
    const en = await signin({ [SESSION]: () => session() }, '<slims-member-signin lang="en"></slims-member-signin>');
    submit(en);
    await until(() => statusText(en) === 'Signed in as Budi Santoso', 'greeting in English');
    equal(shadow(en).querySelector('[part~=signout]')?.textContent, 'Sign out');
  });

  it('never throws into the page when the API answers garbage', async () => {
    const watch = watchUncaught();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const answers: (() => Response)[] = [
        () => new Response('<html>502 Bad Gateway', { status: 200 }),
        () => json(200, { token: 5, member: 'x' }),
        () => json(200, {}),
        () => json(200, { token: 'a.b.c', member: { id: 1, name: { x: 1 } } }),
        () => json(200, { token: memberToken({ exp: 'soon' }) }),
        () => new Response('Too Many Requests', { status: 429, headers: { 'Retry-After': 'whenever' } }),
        () => json(401, { error: 'nope' }),
        () => json(500, null),
      ];
      for (const answer of answers) {
        const el = await signin({ [SESSION]: answer });
        submit(el);
        await until(() => shadow(el).querySelector('[part~=error]'), 'an error shown');
        assert(statusText(el), 'a message');
        equal(el.member, null);
        equal(window.SlimsCRM?.memberToken, null);
        equal(sessionStorage.getItem(STORAGE_KEY), null);
        stub!.restore();
        document.body.replaceChildren();
      }
      await new Promise((r) => setTimeout(r, 50));
      equal(watch.errors, []);
      assert(warnings.length >= answers.length, 'failures are logged');
      assert(
        warnings.every((w) => String(w[0]).startsWith('[slims-crm]')),
        'warnings are prefixed',
      );
    } finally {
      console.warn = warn;
      watch.stop();
    }
  });

  it('works with sessionStorage blocked, in memory only', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(window, 'sessionStorage');
    assert(descriptor?.configurable, 'sessionStorage can be replaced in this browser');
    Object.defineProperty(window, 'sessionStorage', {
      configurable: true,
      get: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    const watch = watchUncaught();
    try {
      await startLoader();
      equal(window.SlimsCRM?.memberToken, null);
      const el = await signin({ [SESSION]: () => session() });
      submit(el);
      await until(() => el.member, 'signed in');
      equal(typeof window.SlimsCRM?.memberToken, 'string');
      shadow(el).querySelector<HTMLButtonElement>('[part~=signout]')!.click();
      equal(window.SlimsCRM?.memberToken, null);
      equal(watch.errors, []);
    } finally {
      Object.defineProperty(window, 'sessionStorage', descriptor!);
      watch.stop();
    }
  });

  it('exposes themable parts', async () => {
    const el = await signin({ [SESSION]: () => session() });
    for (const part of ['container', 'title', 'status', 'form', 'field', 'label', 'input', 'hint', 'button']) {
      assert(shadow(el).querySelector(`[part~="${part}"]`), `part ${part}`);
    }
    el.style.setProperty('--slims-accent', 'rgb(1, 2, 3)');
    equal(getComputedStyle(shadow(el).querySelector('form button')!).backgroundColor, 'rgb(1, 2, 3)');
    submit(el);
    await until(() => el.member, 'signed in');
    await el.updateComplete;
    for (const part of ['container', 'status', 'button', 'signout'])
      assert(shadow(el).querySelector(`[part~="${part}"]`), `part ${part}`);
  });
});

describe('loader (widgets/index.ts) and the stored member token', () => {
  afterEach(() => {
    stub?.restore();
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  it('restores the token kept for this tab, so a members-only poll loads as the member', async () => {
    const token = memberToken();
    sessionStorage.setItem(STORAGE_KEY, token);
    await startLoader();
    equal(window.SlimsCRM?.memberToken, token);
    stub = stubFetch({ 'GET /api/v1/surveys/jam-buka': () => json(200, surveyPayload({ audience: 'members' })) });
    const poll = mount<SlimsPoll>('<slims-poll poll="jam-buka"></slims-poll>');
    await until(() => shadow(poll).querySelector('[part=form]'), 'open for the member');
    equal(stub.calls[0]?.headers.get('Authorization'), `Bearer ${token}`);
  });

  it('keeps a token the page gave over the stored one, and starts without one when there is none', async () => {
    sessionStorage.setItem(STORAGE_KEY, memberToken());
    // what the SLiMS plugin does on an OPAC page where a member is logged in
    Object.assign(window, { SlimsCRM: { memberToken: 'from-the-opac' } });
    await import(`../../widgets/index.ts?page=${++loads}`);
    equal(window.SlimsCRM?.memberToken, 'from-the-opac');
    sessionStorage.clear();
    await startLoader();
    equal(window.SlimsCRM?.memberToken, null);
  });

  it('passes axe-core (WCAG 2.1 A/AA) in every state: form, checking, each error, signed in, signed out, English', () =>
    quietly(async () => {
      for (const lang of ['id', 'en']) {
        let release = (): void => undefined;
        const held = new Promise<void>((r) => (release = r));
        const el = await signin(
          {
            [SESSION]: async (_call, n) =>
              n === 0
                ? apiError(401, 'invalid_credentials')
                : n === 1
                  ? json(429, { error: { code: 'rate_limited', message: 'x' } }, { 'Retry-After': '600' })
                  : (await held, session()),
          },
          `<slims-member-signin lang="${lang}"></slims-member-signin>`,
        );
        await expectAccessible(el, `the sign-in form (${lang})`);
        submit(el, ' ', '');
        await until(() => field(el, 'password').getAttribute('aria-invalid') === 'true', 'the empty fields marked');
        await expectAccessible(el, `the form with both fields missing (${lang})`);
        submit(el);
        await until(
          () => stub!.calls.length === 1 && field(el, 'password').getAttribute('aria-invalid') === 'true',
          'wrong credentials',
        );
        await el.updateComplete;
        await expectAccessible(el, `the form after wrong credentials (${lang})`);
        submit(el);
        await until(() => stub!.calls.length === 2 && /10/.test(statusText(el)), 'rate limited');
        await expectAccessible(el, `the form when rate limited (${lang})`);
        submit(el);
        await until(
          () => shadow(el).querySelector('form button')?.getAttribute('aria-disabled') === 'true',
          'checking',
        );
        await expectAccessible(el, `the form while checking (${lang})`);
        release();
        await until(() => el.member, 'signed in');
        await el.updateComplete;
        await expectAccessible(el, `signed in (${lang})`);
        shadow(el).querySelector<HTMLButtonElement>('[part~=signout]')!.click();
        await until(() => !el.member, 'signed out');
        await el.updateComplete;
        await expectAccessible(el, `signed out (${lang})`);
        stub!.restore();
        document.body.replaceChildren();
      }
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      const offline = await signin({});
      submit(offline);
      await until(() => statusText(offline).startsWith('Tidak dapat terhubung'), 'offline');
      await expectAccessible(offline, 'the form offline');
    }));
});
