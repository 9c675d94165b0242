// <slims-poll> in a real browser, with window.fetch stubbed at the API seam.
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/poll/slims-poll.ts';
import { ids } from '../../widgets/shared/api.ts';
import { retry } from '../../widgets/shared/send.ts';
import type { SlimsPoll } from '../../widgets/poll/slims-poll.ts';
import { expectAccessible } from './axe.ts';
import {
  apiError,
  assert,
  button,
  equal,
  fakeSlimsCRM,
  includes,
  json,
  loaded,
  mount,
  pollResults,
  shadow,
  statusText,
  stubFetch,
  surveyPayload,
  until,
  visibleText,
  watchUncaught,
  type FetchStub,
} from './helpers.ts';

const GET = 'GET /api/v1/surveys/jam-buka';
const POST = 'POST /api/v1/surveys/jam-buka/responses';

let stub: FetchStub;

async function poll(
  routes: FetchStub['routes'],
  markup = '<slims-poll poll="jam-buka"></slims-poll>',
): Promise<SlimsPoll> {
  stub = stubFetch(routes);
  const host = mount<HTMLElement>(markup);
  const el = host.localName === 'slims-poll' ? (host as SlimsPoll) : host.querySelector('slims-poll')!;
  await loaded(el, 'the poll to load');
  await el.updateComplete;
  return el;
}

const radios = (el: Element): HTMLInputElement[] => [
  ...shadow(el).querySelectorAll<HTMLInputElement>('input[type=radio]'),
];

const THANKS = 'Terima kasih, jawaban Anda sudah tercatat.';
const MEMBERS = 'Khusus anggota perpustakaan. Silakan masuk untuk menjawab.';
const OFFLINE = 'Tidak dapat terhubung. Periksa koneksi internet Anda.';
const ERROR = 'Maaf, terjadi gangguan. Silakan coba lagi.';

/** The question is shown with its send button ready (it is aria-disabled while an answer is on its way). */
const votable = (el: Element, send = 'Kirim'): boolean => button(el, send)?.getAttribute('aria-disabled') === 'false';
/** An answer is on its way: the send button says so and is aria-disabled. */
const sending = (el: Element): boolean => button(el, 'Mengirim…')?.getAttribute('aria-disabled') === 'true';
/** Nothing to answer, only a button to try loading again. */
const retryOnly = (el: Element, retry = 'Coba lagi'): boolean =>
  !!button(el, retry) && !shadow(el).querySelector('form');

describe('<slims-poll>', () => {
  beforeEach(() => {
    retry.backoffMs = 1;
    localStorage.removeItem('slims-crm:device');
    ids.device = '';
  });

  afterEach(() => {
    stub?.restore();
    document.body.replaceChildren();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    delete window.SlimsCRM;
  });

  it('renders the question as a form with a fieldset, legend and one radio per option', async () => {
    const el = await poll({ [GET]: () => json(200, surveyPayload()) });
    const root = shadow(el);
    equal(root.querySelector('[part=title]')?.textContent, 'Jam buka perpustakaan');
    includes(
      root.querySelector('form fieldset legend')?.textContent,
      'Kapan sebaiknya perpustakaan buka pada hari Sabtu?',
    );
    equal(
      [...root.querySelectorAll('[part=option]')].map((o) => o.textContent?.trim()),
      ['Pagi', 'Siang', 'Sore'],
    );
    equal(radios(el).length, 3);
    equal(root.querySelector('button')?.textContent?.trim(), 'Kirim');
    const [call] = stub.calls;
    assert(call);
    equal(call.url.searchParams.get('lang'), 'id');
    // a browser that has never answered has no device id yet, so the sidecar reads no table for it
    equal(call.url.searchParams.get('device'), null);
    equal(localStorage.getItem('slims-crm:device'), null, 'reading creates no device id');
    // no custom headers: a cross-origin read is a CORS simple request, without a preflight
    equal([...call.headers.keys()], [], 'a GET sends no headers');
  });

  it('votes by keyboard only: arrow keys choose, Tab reaches the button, Enter submits', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => json(201, { responseId: 991, results: pollResults }),
    });
    radios(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    assert(radios(el)[1]!.checked, 'ArrowDown checks the next option');
    await sendKeys({ press: 'Tab' });
    equal(shadow(el).activeElement?.getAttribute('part'), 'button');
    await sendKeys({ press: 'Enter' });
    await until(() => statusText(el) === THANKS, 'thank-you');
    const post = stub.calls.find((c) => c.method === 'POST');
    equal(post?.body, { answers: [{ questionId: 12, optionIds: [32] }], lang: 'id' });
    await el.updateComplete;
    equal(shadow(el).activeElement?.getAttribute('role'), 'status', 'focus moves to the thank-you message');
  });

  it('submits with Space on the button too', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => json(201, { responseId: 992, results: null }),
    });
    radios(el)[2]!.focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await until(() => statusText(el) === THANKS, 'thank-you');
    equal((stub.calls.at(-1)?.body as { answers: unknown }).answers, [{ questionId: 12, optionIds: [33] }]);
  });

  it('sends Idempotency-Key and X-Device-Id, and the same key again when retrying after a 503', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: (_call, n) =>
        n === 0 ? apiError(503, 'internal_error') : json(201, { responseId: 7, results: pollResults }),
    });
    radios(el)[0]!.click();
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === THANKS, 'thank-you');
    const posts = stub.calls.filter((c) => c.method === 'POST');
    equal(posts.length, 2);
    const key = posts[0]!.headers.get('Idempotency-Key') ?? '';
    assert(/^[A-Za-z0-9_-]{8,64}$/.test(key), `key ${key} matches the contract`);
    equal(posts[1]!.headers.get('Idempotency-Key'), key);
    equal(posts[0]!.headers.get('Content-Type'), 'application/json');
    equal(posts[0]!.headers.get('X-Device-Id'), localStorage.getItem('slims-crm:device'));
    assert(
      /^[0-9a-f-]{36}$/.test(localStorage.getItem('slims-crm:device') ?? ''),
      'the first answer makes a uuid device id',
    );
  });

  it('keeps sending through a database outage (503 database_unavailable, Retry-After) with one key, in its sending state', async () => {
    const seen: string[] = [];
    const waits: number[] = [];
    const wait = retry.wait;
    retry.wait = async (ms) => void waits.push(ms);
    try {
      const el = await poll({
        [GET]: () => json(200, surveyPayload()),
        [POST]: async (_call, n) => {
          await el.updateComplete;
          seen.push(sending(el) ? 'sending' : visibleText(el));
          return n < 5
            ? json(
                503,
                {
                  error: {
                    code: 'database_unavailable',
                    message: 'Layanan sedang tidak dapat menghubungi basis data.',
                  },
                },
                { 'Retry-After': n === 4 ? '60' : '3' },
              )
            : json(201, { responseId: 7, results: pollResults });
        },
      });
      radios(el)[1]!.click();
      shadow(el).querySelector('button')!.click();
      await until(() => statusText(el) === THANKS, 'thank-you after the outage');
      const posts = stub.calls.filter((c) => c.method === 'POST');
      equal(posts.length, 6, 'more tries than a plain 5xx gets (retry.times + 1)');
      equal(new Set(posts.map((c) => c.headers.get('Idempotency-Key'))).size, 1, 'one Idempotency-Key on every try');
      equal(new Set(posts.map((c) => c.headers.get('X-Device-Id'))).size, 1);
      equal([...new Set(seen)], ['sending'], 'the sending state the whole time');
      equal(statusText(el), THANKS);
      equal(waits.length, 5);
      assert(
        waits.slice(0, 4).every((ms) => ms >= 3000 && ms <= 3750),
        `waits as Retry-After asks, with a little jitter: ${waits.join(', ')}`,
      );
      equal(waits[4], 5000, 'a long Retry-After is capped');
    } finally {
      retry.wait = wait;
    }
  });

  it('sends its device id on reads once it has answered, so the sidecar can say it already did', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => json(201, { responseId: 9, results: pollResults }),
    });
    radios(el)[1]!.click();
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === THANKS, 'thank-you');
    const device = localStorage.getItem('slims-crm:device');
    assert(device, 'a device id is stored after answering');
    stub.restore();
    document.body.replaceChildren();
    await poll({ [GET]: () => json(200, surveyPayload({}, { answered: true, results: pollResults })) });
    equal(stub.calls[0]?.url.searchParams.get('device'), device);
  });

  it('keeps the same key when the visitor submits again after the connection failed', async () => {
    let online = false;
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => (online ? json(201, { responseId: 8, results: null }) : 'offline'),
    });
    radios(el)[0]!.click();
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === OFFLINE, 'offline note');
    assert(votable(el), 'the question stays, ready to send again');
    assert(radios(el)[0]!.checked, 'the answer is kept');
    online = true;
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === THANKS, 'thank-you');
    const keys = new Set(stub.calls.filter((c) => c.method === 'POST').map((c) => c.headers.get('Idempotency-Key')));
    equal(stub.calls.filter((c) => c.method === 'POST').length, 5, 'four attempts, then the visitor retry');
    equal(keys.size, 1);
  });

  it('thanks the visitor and shows results as text with counts and percentages, plus bars', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => json(201, { responseId: 991, results: pollResults }),
    });
    radios(el)[0]!.click();
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === THANKS && shadow(el).querySelector('[part=results]'), 'results');
    const rows = [...shadow(el).querySelectorAll('[part=result]')];
    equal(rows.length, 3);
    includes(rows[0]!.textContent?.replace(/\s+/g, ' '), 'Pagi 80 suara (66,7%)');
    equal(rows[0]!.querySelector('[part=bar]')?.getAttribute('aria-hidden'), 'true');
    equal(rows[0]!.querySelector<HTMLElement>('[part=bar-fill]')?.style.width, '66.7%');
    includes(shadow(el).querySelector('[part=results-total]')?.textContent, 'Total: 120 suara');
  });

  it('shows "already answered" with results, or a note when results come after closing', async () => {
    const el = await poll({ [GET]: () => json(200, surveyPayload({}, { answered: true, results: pollResults })) });
    equal(statusText(el), 'Anda sudah menjawab.');
    await until(() => shadow(el).querySelector('[part=results]'), 'results');
    assert(!shadow(el).querySelector('form'), 'no form');
    stub.restore();
    document.body.replaceChildren();
    const later = await poll({
      [GET]: () => json(200, surveyPayload({ resultsVisibility: 'after_close' }, { answered: true })),
    });
    equal(statusText(later), 'Anda sudah menjawab.');
    includes(shadow(later).querySelector('[part=note]')?.textContent, 'Hasil akan ditampilkan setelah ditutup.');
  });

  it('shows a closed poll with its results', async () => {
    const el = await poll({ [GET]: () => json(200, surveyPayload({ state: 'closed' }, { results: pollResults })) });
    equal(statusText(el), 'Jajak pendapat ditutup.');
    assert(!shadow(el).querySelector('form'), 'no form');
    await until(() => shadow(el).querySelectorAll('[part=result]').length === 3, 'results');
  });

  it('shows when a scheduled poll opens', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload({ state: 'scheduled', opensAt: '2030-03-01T01:00:00Z' })),
    });
    includes(statusText(el), 'Jajak pendapat belum dibuka. Dibuka ');
    includes(statusText(el), '2030');
  });

  it('asks visitors to sign in for a members-only poll, and sends the member token once given', async () => {
    const el = await poll({ [GET]: () => json(200, surveyPayload({ audience: 'members' })) });
    equal(statusText(el), MEMBERS);
    assert(!shadow(el).querySelector('form'), 'no form');
    stub.restore();
    document.body.replaceChildren();
    window.SlimsCRM = {
      version: 'test',
      apiBase: location.origin,
      memberToken: 'member-token-1',
      setMemberToken: () => undefined,
    };
    const member = await poll({ [GET]: () => json(200, surveyPayload({ audience: 'members' })) });
    assert(votable(member) && radios(member).length === 3, 'the member gets the question');
    equal(stub.calls[0]?.headers.get('Authorization'), 'Bearer member-token-1');
  });

  it('shows the members state when voting answers members_only', async () => {
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => apiError(401, 'members_only'),
    });
    radios(el)[0]!.click();
    shadow(el).querySelector('button')!.click();
    await until(() => statusText(el) === MEMBERS && !shadow(el).querySelector('form'), 'members view');
  });

  it("renews an expired member token from the OPAC's token page and sends the answer once more", async () => {
    const crm = fakeSlimsCRM('expired-token');
    const meta = Object.assign(document.createElement('meta'), {
      name: 'slims-crm-token-url',
      content: '/api/opac/index.php?p=slims_crm_token',
    });
    document.head.append(meta);
    try {
      const el = await poll({
        [GET]: () => json(200, surveyPayload()),
        [POST]: (call) =>
          call.headers.get('Authorization') === 'Bearer fresh-token'
            ? json(201, { responseId: 5, results: pollResults })
            : apiError(401, 'invalid_token'),
        'GET /api/opac/index.php': () =>
          json(200, { token: 'fresh-token', expiresAt: new Date(Date.now() + 900_000).toISOString() }),
      });
      radios(el)[0]!.click();
      shadow(el).querySelector('button')!.click();
      await until(() => statusText(el) === THANKS, 'thank-you after the renewal');
      equal(crm.memberToken, 'fresh-token');
      const posts = stub.calls.filter((c) => c.method === 'POST');
      equal(posts.length, 2);
      equal(posts[0]!.headers.get('Idempotency-Key'), posts[1]!.headers.get('Idempotency-Key'));
    } finally {
      meta.remove();
    }
  });

  it('forgets an expired member token and shows a poll open to anyone again', async () => {
    const crm = fakeSlimsCRM('expired-token');
    sessionStorage.setItem('slims-crm:member-token', 'expired-token');
    const el = await poll({
      [GET]: () => json(200, surveyPayload()),
      [POST]: () => apiError(401, 'invalid_token'),
    });
    radios(el)[0]!.click();
    shadow(el).querySelector('button')!.click();
    await until(
      () => stub.calls.filter((c) => c.method === 'GET').length === 2 && votable(el),
      'a reload as a visitor',
    );
    equal(crm.memberToken, null);
    equal(sessionStorage.getItem('slims-crm:member-token'), null);
    equal(stub.calls.at(-1)?.headers.get('Authorization'), null);
  });

  it('shows a polite offline state with a retry button when the network is down', async () => {
    let up = false;
    const el = await poll({ [GET]: () => (up ? json(200, surveyPayload()) : 'offline') });
    assert(retryOnly(el), 'a retry button, no form');
    equal(statusText(el), OFFLINE);
    up = true;
    shadow(el).querySelector<HTMLButtonElement>('[part~=retry]')!.click();
    await until(() => votable(el), 'open after retry');
  });

  it('on a site the sidecar does not accept, says "not available here" (no retry) and tells the console what to set', async () => {
    // The browser hides a CORS refusal as a failed fetch; the sidecar still answers a no-cors request.
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await poll(
        { [GET]: () => 'offline', 'GET /api/v1/health': () => json(200, { status: 'ok' }) },
        '<slims-poll poll="jam-buka" api="http://crm.perpustakaan.test"></slims-poll>',
      );
      equal(statusText(el), 'Layanan ini belum tersedia di situs ini.');
      equal(shadow(el).querySelector('form'), null, 'no form');
      equal(shadow(el).querySelector('button'), null, 'no retry button');
      equal(stub.calls.find((c) => c.path === '/api/v1/health')?.url.origin, 'http://crm.perpustakaan.test');
      assert(
        warnings.some((w) => w.includes(`CRM_ALLOWED_ORIGINS=${location.origin}`)),
        `console: ${warnings.join(' | ')}`,
      );
      await expectAccessible(el, 'the poll on a site it is not available on');
      stub.restore();
      document.body.replaceChildren();
      const en = await poll(
        { [GET]: () => 'offline', 'GET /api/v1/health': () => json(200, { status: 'ok' }) },
        '<slims-poll poll="jam-buka" api="http://crm.perpustakaan.test" lang="en"></slims-poll>',
      );
      equal(statusText(en), 'This service is not available on this site.');
      stub.restore();
      document.body.replaceChildren();
      // No answer from the sidecar at all: the connection, as before.
      const down = await poll(
        { [GET]: () => 'offline', 'GET /api/v1/health': () => 'offline' },
        '<slims-poll poll="jam-buka" api="http://crm.perpustakaan.test"></slims-poll>',
      );
      assert(retryOnly(down), 'a retry button, no form');
      equal(statusText(down), OFFLINE);
    } finally {
      console.warn = warn;
    }
  });

  it('does not even try when the browser says it is offline', async () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    const el = await poll({ [GET]: () => json(200, surveyPayload()) });
    equal(statusText(el), OFFLINE);
    assert(retryOnly(el), 'a retry button, no form');
    equal(stub.calls.length, 0);
  });

  it('shows an error with a retry button after server errors, and recovers on retry', async () => {
    let fixed = false;
    const el = await poll({ [GET]: () => (fixed ? json(200, surveyPayload()) : apiError(500, 'internal_error')) });
    assert(retryOnly(el), 'a retry button, no form');
    equal(stub.calls.length, 1, "a read is not retried behind the visitor's back");
    equal(statusText(el), ERROR);
    fixed = true;
    shadow(el).querySelector<HTMLButtonElement>('[part~=retry]')!.click();
    await until(() => votable(el), 'open after retry');
  });

  it('says so when the poll does not exist', async () => {
    const el = await poll({}, '<slims-poll poll="tidak-ada"></slims-poll>');
    equal(statusText(el), 'Jajak pendapat tidak ditemukan.');
    equal(shadow(el).querySelector('form, button'), null, 'nothing to answer or retry');
    equal(stub.calls.length, 1, '4xx is not retried');
  });

  it('speaks English with lang="en", or when an ancestor says so', async () => {
    const el = await poll(
      { [GET]: () => json(200, surveyPayload()) },
      '<slims-poll poll="jam-buka" lang="en"></slims-poll>',
    );
    equal(shadow(el).querySelector('button')?.textContent?.trim(), 'Send');
    equal(stub.calls[0]?.url.searchParams.get('lang'), 'en');
    stub.restore();
    document.body.replaceChildren();
    const nested = await poll(
      { [GET]: () => json(200, surveyPayload({ state: 'closed' })) },
      '<section lang="en-GB"><slims-poll poll="jam-buka"></slims-poll></section>',
    );
    equal(statusText(nested), 'Poll closed.');
  });

  it('follows the OPAC’s language the SLiMS plugin gives (window.SlimsCRM.lang) over an <html lang> it cannot trust', async () => {
    const before = window.SlimsCRM;
    const html = document.documentElement;
    const lang = html.getAttribute('lang');
    html.setAttribute('lang', 'id');
    window.SlimsCRM = {
      ...(before ?? { version: 'test', apiBase: location.origin, memberToken: null, setMemberToken: () => undefined }),
      lang: 'en',
    };
    try {
      const el = await poll({ [GET]: () => json(200, surveyPayload()) });
      equal(shadow(el).querySelector('button')?.textContent?.trim(), 'Send');
      equal(stub.calls[0]?.url.searchParams.get('lang'), 'en');
      stub.restore();
      document.body.replaceChildren();
      // Its own lang still wins.
      const own = await poll(
        { [GET]: () => json(200, surveyPayload()) },
        '<slims-poll poll="jam-buka" lang="id"></slims-poll>',
      );
      equal(shadow(own).querySelector('button')?.textContent?.trim(), 'Kirim');
    } finally {
      window.SlimsCRM = before;
      if (lang === null) html.removeAttribute('lang');
      else html.setAttribute('lang', lang);
    }
  });

  it('says "Loading…" in English while the English strings and the poll are on their way', async () => {
    let release = (): void => undefined;
    const held = new Promise<void>((r) => (release = r));
    stub = stubFetch({ [GET]: async () => (await held, json(200, surveyPayload())) });
    const el = mount<SlimsPoll>('<slims-poll poll="jam-buka" lang="en"></slims-poll>');
    await el.updateComplete;
    equal(statusText(el), 'Loading…');
    release();
    await until(() => shadow(el).querySelector('form'), 'open');
    await el.updateComplete;
    equal(shadow(el).querySelector('button')?.textContent?.trim(), 'Send');
  });

  it('fires prefixed, bubbling, composed events the page can hear on document', async () => {
    const seen: CustomEvent[] = [];
    const listen = (e: Event): void => void seen.push(e as CustomEvent);
    const types = ['slims-loading', 'slims-loaded', 'slims-vote', 'slims-error'] as const;
    for (const t of types) document.addEventListener(t, listen);
    try {
      const el = await poll({
        [GET]: () => json(200, surveyPayload()),
        [POST]: (_c, n) =>
          n === 0
            ? apiError(429, 'rate_limited', 'Terlalu banyak permintaan')
            : json(201, { responseId: 55, results: null }),
      });
      radios(el)[0]!.click();
      shadow(el).querySelector('button')!.click();
      await until(() => seen.some((e) => e.type === 'slims-error'), 'slims-error');
      shadow(el).querySelector('button')!.click();
      await until(() => seen.some((e) => e.type === 'slims-vote'), 'slims-vote');
      equal(
        seen.map((e) => e.type),
        ['slims-loading', 'slims-loaded', 'slims-error', 'slims-vote'],
      );
      for (const e of seen) assert(e.bubbles && e.composed, `${e.type} bubbles and is composed`);
      equal(seen[1]!.detail, { slug: 'jam-buka', state: 'open' });
      equal(seen[2]!.detail, { slug: 'jam-buka', code: 'rate_limited', message: 'Terlalu banyak permintaan' });
      equal(seen[3]!.detail, { slug: 'jam-buka', responseId: 55 });
    } finally {
      for (const t of types) document.removeEventListener(t, listen);
    }
  });

  it('never throws into the page when the API answers garbage', async () => {
    const watch = watchUncaught();
    const warn = console.warn;
    const warnings: unknown[][] = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const a = await poll({ [GET]: () => new Response('<html>502 Bad Gateway', { status: 200 }) });
      assert(retryOnly(a) && statusText(a) === ERROR, 'the polite error');
      stub.restore();
      const b = await poll(
        { [GET]: () => json(200, { survey: { questions: 'nope' } }) },
        '<slims-poll poll="jam-buka"></slims-poll>',
      );
      assert(retryOnly(b) && statusText(b) === ERROR, 'the polite error');
      stub.restore();
      const c = await poll({
        [GET]: () =>
          json(
            200,
            surveyPayload(
              { questions: [{ id: 1, type: 'single', prompt: { x: 1 }, options: 'x' }, null, { id: 'x' }] },
              {
                answered: true,
                results: {
                  total: 'many',
                  questions: [null, 5, { id: 1, options: [null, { label: 3, count: 'x' }] }, { distribution: {} }],
                },
              },
            ),
          ),
      });
      equal(statusText(c), 'Anda sudah menjawab.');
      await c.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      equal(watch.errors, []);
      assert(
        warnings.every((w) => String(w[0]).startsWith('[slims-crm]')),
        'warnings are prefixed',
      );
      assert(warnings.length >= 2, 'failures are logged');
    } finally {
      console.warn = warn;
      watch.stop();
    }
  });

  it('exposes themable parts', async () => {
    const el = await poll({ [GET]: () => json(200, surveyPayload({ description: 'Bantu kami memilih jam buka.' })) });
    for (const part of [
      'container',
      'title',
      'description',
      'status',
      'form',
      'question',
      'prompt',
      'option',
      'button',
    ]) {
      assert(shadow(el).querySelector(`[part~="${part}"]`), `part ${part}`);
    }
    el.style.setProperty('--slims-accent', 'rgb(1, 2, 3)');
    equal(getComputedStyle(shadow(el).querySelector('button')!).backgroundColor, 'rgb(1, 2, 3)');
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA) in every state', () => {
    it('while loading, with the question, with a validation error, while sending and after thanks with results', async () => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      stub = stubFetch({
        [GET]: async () => (await held, json(200, surveyPayload({ description: 'Bantu kami memilih jam buka.' }))),
      });
      const el = mount<SlimsPoll>('<slims-poll poll="jam-buka"></slims-poll>');
      await el.updateComplete;
      equal(statusText(el), 'Memuat…');
      await expectAccessible(el, 'the poll while loading');
      release();
      await until(() => votable(el), 'the question');
      await el.updateComplete;
      await expectAccessible(el, 'the poll question');
      shadow(el).querySelector('button')!.click();
      await until(() => shadow(el).querySelector('[part=error]'), 'the validation error');
      await expectAccessible(el, 'the poll with a validation error');
      let answer = (): void => undefined;
      const sent = new Promise<void>((r) => (answer = r));
      stub.routes[POST] = async () => (await sent, json(201, { responseId: 1, results: pollResults }));
      radios(el)[0]!.click();
      shadow(el).querySelector('button')!.click();
      await until(() => sending(el), 'sending');
      await el.updateComplete;
      await expectAccessible(el, 'the poll while sending');
      answer();
      await until(() => statusText(el) === THANKS && shadow(el).querySelector('[part=results]'), 'thanks with results');
      await expectAccessible(el, 'the poll after thanks, with results');
    });

    it('answered (with results, or a note), closed, scheduled and members only', async () => {
      // each state: its status line, and what shows below it once drawn
      const states: [string, string, unknown, string | null][] = [
        [
          'answered',
          'Anda sudah menjawab.',
          surveyPayload({}, { answered: true, results: pollResults }),
          '[part=results]',
        ],
        [
          'answered',
          'Anda sudah menjawab.',
          surveyPayload({ resultsVisibility: 'after_close' }, { answered: true }),
          '[part=note]',
        ],
        [
          'closed',
          'Jajak pendapat ditutup.',
          surveyPayload({ state: 'closed' }, { results: pollResults }),
          '[part=results]',
        ],
        [
          'scheduled',
          'Jajak pendapat belum dibuka.',
          surveyPayload({ state: 'scheduled', opensAt: '2030-03-01T01:00:00Z' }),
          null,
        ],
        ['members', MEMBERS, surveyPayload({ audience: 'members' }), null],
      ];
      for (const [view, status, payload, below] of states) {
        const el = await poll({ [GET]: () => json(200, payload) });
        includes(statusText(el), status, view);
        equal(shadow(el).querySelector('form'), null, `no form when ${view}`);
        if (below) await until(() => shadow(el).querySelector(below), `${below} when ${view}`);
        await expectAccessible(el, `the poll ${view}`);
        stub.restore();
        document.body.replaceChildren();
      }
    });

    it('offline, error, not found, a failed send, and in English', async () => {
      const el = await poll({ [GET]: () => 'offline' });
      assert(retryOnly(el) && statusText(el) === OFFLINE, 'offline');
      await expectAccessible(el, 'the poll offline');
      stub.restore();
      document.body.replaceChildren();
      const broken = await poll({ [GET]: () => apiError(500, 'internal_error') });
      assert(retryOnly(broken) && statusText(broken) === ERROR, 'the polite error');
      await expectAccessible(broken, 'the poll after a server error');
      stub.restore();
      document.body.replaceChildren();
      const missing = await poll({}, '<slims-poll poll="tidak-ada"></slims-poll>');
      equal(statusText(missing), 'Jajak pendapat tidak ditemukan.');
      await expectAccessible(missing, 'the poll not found');
      stub.restore();
      document.body.replaceChildren();
      const en = await poll(
        { [GET]: () => json(200, surveyPayload()), [POST]: () => 'offline' },
        '<slims-poll poll="jam-buka" lang="en"></slims-poll>',
      );
      radios(en)[1]!.click();
      shadow(en).querySelector('button')!.click();
      await until(
        () => votable(en, 'Send') && statusText(en) === 'Cannot connect. Please check your internet connection.',
        'the offline note',
      );
      await expectAccessible(en, 'the English poll after a failed send');
    });
  });
});
