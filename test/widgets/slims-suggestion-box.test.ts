// <slims-suggestion-box> in a real browser, window.fetch stubbed at the API seam; the proof of work is real:
// the stub hands out altcha-lib challenges made here in the page and checks the solutions it gets back.
import { sendKeys } from '@web/test-runner-commands';
import { createChallenge, verifySolution, type Challenge, type Solution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import '../../widgets/suggestion-box/slims-suggestion-box.ts';
import { fillTime, type SlimsSuggestionBox } from '../../widgets/suggestion-box/slims-suggestion-box.ts';
import { ids } from '../../widgets/shared/api.ts';
import { retry } from '../../widgets/shared/send.ts';
import { expectAccessible } from './axe.ts';
import {
  HOSTILE,
  apiError,
  assert,
  button,
  equal,
  fakeSlimsCRM,
  includes,
  json,
  mount,
  ownItem,
  shadow,
  statusText,
  stubFetch,
  until,
  visibleText,
  watchUncaught,
  type Call,
  type FetchStub,
  type Route,
} from './helpers.ts';

const POW = 'GET /api/v1/feedback/pow';
const POST = 'POST /api/v1/feedback';
const MINE = 'GET /api/v1/feedback/mine';
const ITEM = 'GET /api/v1/feedback/items/ABCDE-FGHJK';

const secrets = { hmacSignatureSecret: 'test-signature-secret', hmacKeySignatureSecret: 'test-key-secret' };

/** A signed challenge as the sidecar makes it, with a small counter so the real solver is quick. */
const challenge = (): Promise<Challenge> =>
  createChallenge({
    algorithm: 'SHA-256',
    cost: 1,
    counter: 20 + Math.floor(Math.random() * 60),
    deriveKey,
    expiresAt: new Date(Date.now() + 60_000),
    data: { issuedAt: Date.now() },
    ...secrets,
  });

const powRoute: Route = async () => json(200, { challenge: await challenge() });

/** The `pow` field decoded, or null. */
function decodePow(value: unknown): { challenge: Challenge; solution: Solution } | null {
  if (typeof value !== 'string') return null;
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as { challenge: Challenge; solution: Solution };
}

/** A POST route that, like the sidecar, refuses a submission without a valid proof of work. */
const created =
  (item: Record<string, unknown> = ownItem()): Route =>
  async (call) => {
    const body = call.body as Record<string, unknown>;
    if (body.asMember !== true) {
      const pow = decodePow(body.pow);
      if (!pow) return apiError(400, 'pow_required');
      const result = await verifySolution({ challenge: pow.challenge, solution: pow.solution, deriveKey, ...secrets });
      if (!result.verified) return apiError(400, 'pow_invalid');
    }
    return json(201, { item: { ...item, kind: body.kind } });
  };

let stub: FetchStub | undefined;

async function box(
  routes: Record<string, Route>,
  markup = '<slims-suggestion-box></slims-suggestion-box>',
): Promise<SlimsSuggestionBox> {
  stub = stubFetch(routes);
  const el = mount<SlimsSuggestionBox>(markup);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = shadow(el).querySelector<T>(selector);
  assert(found, `no ${selector}`);
  return found;
};

/** Types into a field as a script would: sets the value and fires input, which starts the proof of work. */
function fill(el: Element, name: string, value: string): void {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(el, `form [name="${name}"]`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

function choose(el: Element, name: string, value: string): void {
  const radio = $<HTMLInputElement>(el, `input[name=${name}][value=${value}]`);
  radio.click();
}

/** The send button is busy (aria-disabled, "Mengirim…" or "Sending…") while a submission is under way. */
const sending = (el: Element): boolean =>
  shadow(el).querySelector('[part=submit]')?.getAttribute('aria-disabled') === 'true';
/** The form is shown, ready to send. */
const formReady = (el: Element): boolean => button(el, 'Kirim')?.getAttribute('aria-disabled') === 'false';
/** The tracking code shown in place of the form once the library has the item; null while the form is shown. */
const trackingCode = (el: Element): string | null => shadow(el).querySelector('[part=code] #code')?.textContent ?? null;

async function submit(el: SlimsSuggestionBox): Promise<void> {
  $<HTMLButtonElement>(el, '[part=submit]').click();
  // drawn as sending by now, or still as the form when a local check stopped it
  await el.updateComplete;
  await until(() => !sending(el), 'sending to finish', 4000);
  await el.updateComplete;
}

const requested = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(file));
const calls = (key: string): Call[] => stub!.calls.filter((c) => `${c.method} ${c.path}` === key);
const focused = (el: Element): Element | null => shadow(el).activeElement;

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  return fn().finally(() => (console.warn = warn));
}

describe('<slims-suggestion-box>', () => {
  beforeEach(() => {
    fillTime.ms = 0;
    retry.backoffMs = 1;
    localStorage.removeItem('slims-crm:device');
    ids.device = '';
  });

  afterEach(() => {
    stub?.restore();
    stub = undefined;
    document.body.replaceChildren();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    delete window.SlimsCRM;
  });

  it('fetches nothing and loads no solver until the first input; then solves a real challenge and sends it', async () => {
    const watch = watchUncaught();
    const sent: CustomEvent[] = [];
    document.addEventListener('slims-feedback-sent', (e) => sent.push(e), { once: true });
    try {
      const el = await box({ [POW]: powRoute, [POST]: created() });
      await new Promise((r) => setTimeout(r, 100));
      equal(stub!.calls.length, 0, 'nothing fetched on page load');
      assert(!requested('/widgets/shared/pow.ts'), 'the solver is not loaded before any input');

      $(el, 'textarea').focus();
      await sendKeys({ type: 'Tolong tambah kursi' });
      await until(() => calls(POW).length === 1, 'the challenge to be fetched');
      await until(() => requested('/widgets/shared/pow.ts'), 'the solver to load');
      equal(calls(POW)[0]!.url.searchParams.get('lang'), 'id');

      await submit(el);
      includes(visibleText(el), 'Kode pelacakan: ABCDE-FGHJK');
      equal(calls(POW).length, 1, 'one challenge for all those keystrokes');
      const [post] = calls(POST);
      const body = post!.body as Record<string, unknown>;
      equal(body.kind, 'suggestion');
      equal(body.text, 'Tolong tambah kursi');
      equal('asMember' in body, false, 'no member choice without a member');
      equal('contact' in body || 'website' in body, false);
      const pow = decodePow(body.pow);
      assert(
        pow?.challenge.signature && Number.isInteger(pow.solution.counter),
        'pow is base64 JSON { challenge, solution }',
      );
      assert(/^[\w-]{8,64}$/.test(post!.headers.get('Idempotency-Key') ?? ''), 'Idempotency-Key');
      assert(/^[\w-]{8,64}$/.test(post!.headers.get('X-Device-Id') ?? ''), 'X-Device-Id');

      equal($(el, '[part=code] #code').textContent, 'ABCDE-FGHJK');
      equal(statusText(el), 'Terima kasih, masukan Anda sudah kami terima.');
      equal(sent[0]?.detail, { code: 'ABCDE-FGHJK', kind: 'suggestion' });
      equal(focused(el), $(el, '#sent'), 'focus moves to the tracking code');
      equal($(el, '#sent').getAttribute('role'), 'group', 'a role that may carry the name "Kode pelacakan"');
      equal(watch.errors, []);
    } finally {
      watch.stop();
    }
  });

  it('labels every control, offers the five kinds as a radio group and hides the honeypot from people', async () => {
    const events: string[] = [];
    const log = (e: Event): void => void events.push(`${e.type}:${JSON.stringify((e as CustomEvent).detail)}`);
    document.addEventListener('slims-loading', log);
    document.addEventListener('slims-loaded', log);
    const el = await box({}).finally(() => {
      document.removeEventListener('slims-loading', log);
      document.removeEventListener('slims-loaded', log);
    });
    equal(events, ['slims-loading:{"slug":""}', 'slims-loaded:{"slug":"","state":"form"}']);
    const root = shadow(el);
    equal($(el, '[part=title]').textContent, 'Kotak saran');
    const group = $(el, '[role=radiogroup]');
    equal(root.getElementById(group.getAttribute('aria-labelledby')!)?.textContent, 'Jenis masukan');
    equal(
      [...group.querySelectorAll('label')].map((l) => l.textContent?.trim()),
      ['Saran', 'Keluhan', 'Pujian', 'Pertanyaan', 'Usulan pembelian buku'],
    );
    equal($<HTMLInputElement>(el, 'input[value=suggestion]').checked, true);
    for (const control of root.querySelectorAll<HTMLInputElement>('form input, form textarea, form select')) {
      const label = control.closest('label') ?? root.querySelector(`label[for="${control.id}"]`);
      assert(label?.textContent?.trim(), `a label for ${control.name}`);
    }
    equal($(el, 'label[for=text]').textContent, 'Saran Anda');
    includes($(el, 'textarea').getAttribute('aria-describedby'), 'text-h');
    equal($(el, '[part=submit]').textContent?.trim(), 'Kirim');
    equal(root.querySelector('[part=privacy]'), null, 'no privacy link without privacy-url');
    equal(root.querySelector('[part=mine]'), null, 'no "my feedback" for a visitor');
    equal(root.querySelector('input[name=as]'), null, 'no member choice for a visitor');

    const honeypot = $<HTMLInputElement>(el, 'input[name=website]');
    equal(honeypot.tabIndex, -1);
    equal(honeypot.getAttribute('autocomplete'), 'off');
    equal(honeypot.closest('[aria-hidden=true]') !== null, true);
    assert(honeypot.getBoundingClientRect().right < 0, 'off-screen');

    // the purchase request asks for the book
    choose(el, 'kind', 'purchase');
    await el.updateComplete;
    equal($(el, 'label[for=purchase-title]').textContent, 'Judul buku');
    equal($(el, 'label[for=purchase-isbn]').textContent, 'ISBN (opsional)');
    equal($(el, 'label[for=text]').textContent, 'Alasan usulan');
  });

  it('follows kinds, kind and privacy-url, and speaks English with lang="en"', async () => {
    const el = await box(
      {},
      '<slims-suggestion-box lang="en" kinds="question, purchase, bogus" kind="purchase" privacy-url="https://perpus.example/privasi"></slims-suggestion-box>',
    );
    equal($(el, '[part=title]').textContent, 'Suggestion box');
    equal(
      [...shadow(el).querySelectorAll('input[name=kind]')].map((r) => (r as HTMLInputElement).value),
      ['question', 'purchase'],
    );
    equal($<HTMLInputElement>(el, 'input[value=purchase]').checked, true);
    equal($(el, 'label[for=purchase-title]').textContent, 'Book title');
    equal($(el, 'label[for=text]').textContent, 'Why the library should buy it');
    equal($(el, 'label[for=contact-phone]').textContent, 'WhatsApp number');
    const link = $<HTMLAnchorElement>(el, '[part=privacy]');
    equal(link.href, 'https://perpus.example/privasi');
    equal(link.textContent, 'Read the privacy notice');
    equal($(el, '[part=submit]').textContent?.trim(), 'Send');
    equal($(el, 'summary').textContent, 'Sent something before? Check its status with the tracking code');

    el.setAttribute('privacy-url', 'javascript:alert(1)');
    await el.updateComplete;
    equal(shadow(el).querySelector('[part=privacy]'), null, 'a javascript: URL is never linked');
  });

  it('checks required fields and consent before sending anything, and focuses the first to fix', async () => {
    const el = await box({ [POW]: powRoute });
    await submit(el);
    equal(calls(POST).length, 0);
    const text = $(el, 'textarea');
    equal(text.getAttribute('aria-invalid'), 'true');
    equal(getComputedStyle(text).borderTopColor, 'rgb(180, 35, 24)', 'the error colour marks it');
    includes(text.getAttribute('aria-describedby'), 'e-text');
    equal($(el, '#e-text').textContent, 'Tulis masukan Anda.');
    equal(focused(el), text);
    equal(statusText(el), 'Ada 1 isian yang perlu diperbaiki.');

    fill(el, 'text', 'Ada saran');
    fill(el, 'contact.email', 'budi@example.id');
    await submit(el);
    equal(calls(POST).length, 0);
    equal($(el, '#consent').getAttribute('aria-invalid'), 'true');
    equal(focused(el), $(el, '#consent'));
    equal(text.getAttribute('aria-invalid'), null, 'the fixed field is no longer marked');
  });

  it('shows the 422 field errors under their fields and focuses the first bad one in form order', async () => {
    const el = await box({
      [POW]: powRoute,
      [POST]: () =>
        apiError(422, 'validation_failed', 'Periksa isian Anda.', [
          { field: 'contact.email', message: 'Alamat e-mail tidak valid.' },
          { field: 'purchase.isbn', message: 'ISBN tidak valid.' },
        ]),
    });
    const errors: CustomEvent[] = [];
    el.addEventListener('slims-error', (e) => errors.push(e));
    choose(el, 'kind', 'purchase');
    await el.updateComplete;
    fill(el, 'purchase.title', 'Laskar Pelangi');
    fill(el, 'purchase.isbn', '978-979-3062-79-1');
    fill(el, 'text', 'Banyak yang mencari');
    fill(el, 'contact.email', 'budi@');
    $<HTMLInputElement>(el, '#consent').click();
    await quietly(() => submit(el));

    const body = calls(POST)[0]!.body as Record<string, unknown>;
    equal(body.purchase, { title: 'Laskar Pelangi', isbn: '978-979-3062-79-1' });
    equal(body.contact, { email: 'budi@' });
    equal(body.consent, true);
    const isbn = $(el, '#purchase-isbn');
    const email = $(el, '#contact-email');
    for (const [input, message] of [
      [isbn, 'ISBN tidak valid.'],
      [email, 'Alamat e-mail tidak valid.'],
    ] as const) {
      equal(input.getAttribute('aria-invalid'), 'true');
      equal(getComputedStyle(input).borderTopColor, 'rgb(180, 35, 24)', `${input.id} has the error colour's border`);
      const described = input
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => shadow(el).getElementById(id)?.textContent);
      assert(described.includes(message), `${input.id} is described by its message`);
    }
    equal(focused(el), isbn, 'focus on the first bad field in the form');
    equal(statusText(el), 'Ada 2 isian yang perlu diperbaiki.');
    equal(errors[0]?.detail.code, 'validation_failed');
    assert(formReady(el), 'the form stays, ready to send again');
    equal($<HTMLTextAreaElement>(el, 'textarea').value, 'Banyak yang mencari', 'what was typed stays');
  });

  for (const [code, status, message] of [
    ['rate_limited', 429, 'Terlalu banyak masukan dari perangkat ini. Coba lagi nanti.'],
    ['spam_suspected', 400, 'Masukan ini tidak dapat diterima.'],
    ['too_fast', 400, 'Terlalu cepat. Tunggu sebentar lalu kirim lagi.'],
  ] as const) {
    it(`shows the sidecar's own words for ${code}`, async () => {
      const el = await box({
        [POW]: powRoute,
        [POST]: (_, n) => (n === 0 ? apiError(status, code, message) : created()(_, n)),
      });
      fill(el, 'text', 'Halo');
      if (code === 'spam_suspected') $<HTMLInputElement>(el, 'input[name=website]').value = 'http://spam.example';
      await quietly(() => submit(el));
      equal(statusText(el), message);
      equal($(el, '#status').className, 'error');
      assert(formReady(el), 'the form stays, ready to send again');
      if (code === 'spam_suspected')
        equal((calls(POST)[0]!.body as { website?: string }).website, 'http://spam.example');
      // The proof of work was not spent: sending again needs no new challenge, but a new key.
      await submit(el);
      equal(trackingCode(el), 'ABCDE-FGHJK');
      equal(calls(POW).length, 1);
      const [first, second] = calls(POST);
      assert(
        first!.headers.get('Idempotency-Key') !== second!.headers.get('Idempotency-Key'),
        'a refused submission leaves its key',
      );
      equal((first!.body as { pow: string }).pow, (second!.body as { pow: string }).pow);
    });
  }

  it('sends one POST for a double click, and a new Idempotency-Key for the next submission', async () => {
    const el = await box({ [POW]: powRoute, [POST]: created() });
    fill(el, 'text', 'Satu kali saja');
    const button = $<HTMLButtonElement>(el, '[part=submit]');
    button.click();
    button.click();
    await sendKeys({ press: 'Enter' });
    await until(() => trackingCode(el), 'sent', 4000);
    equal(calls(POST).length, 1, 'one POST for two clicks and an Enter');
    $<HTMLButtonElement>(el, '[part=code] button:last-child').click();
    await el.updateComplete;
    fill(el, 'text', 'Masukan kedua');
    await submit(el);
    equal(trackingCode(el), 'ABCDE-FGHJK');
    const [a, b] = calls(POST);
    assert(
      b && a!.headers.get('Idempotency-Key') !== b.headers.get('Idempotency-Key'),
      'a new key for a new submission',
    );
    equal(calls(POW).length, 2, 'a fresh challenge for the second submission');
  });

  it('does not ask a failing sidecar for a challenge at every keystroke; sending asks again and the form recovers', async () => {
    const el = await box({ [POW]: () => apiError(503, 'http_503', 'Service Unavailable') });
    fill(el, 'text', 'H');
    // the challenge has failed once its answer and the solver's chunk are both here (a moment later)
    await until(() => calls(POW).length === 1 && requested('/widgets/shared/pow.ts'), 'the first challenge');
    await new Promise((r) => setTimeout(r, 50));
    for (const text of ['Ha', 'Hal', 'Halo']) {
      fill(el, 'text', text);
      await new Promise((r) => setTimeout(r, 20));
    }
    equal(calls(POW).length, 1, 'typing does not retry a failed challenge');
    await quietly(() => submit(el));
    equal(calls(POW).length, 2, 'sending tries again');
    assert(formReady(el), 'not stuck in sending');
    equal(statusText(el), 'Maaf, terjadi gangguan. Silakan coba lagi.');
    stub!.routes[POW] = powRoute;
    stub!.routes[POST] = created();
    await submit(el);
    equal(trackingCode(el), 'ABCDE-FGHJK');
  });

  it("never shows a proxy's English status text: a 4xx without the sidecar's JSON reads as the widget's own words", async () => {
    const el = await box({
      [POW]: powRoute,
      [POST]: () =>
        new Response('<html><body>Forbidden</body></html>', {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'text/html' },
        }),
    });
    fill(el, 'text', 'Halo');
    await quietly(() => submit(el));
    equal(statusText(el), 'Maaf, terjadi gangguan. Silakan coba lagi.');
  });

  it('puts a 422 about a field the form does not show (one kind only) in the status line', async () => {
    const el = await box(
      {
        [POW]: powRoute,
        [POST]: () =>
          apiError(422, 'validation_failed', 'Isian belum benar.', [
            { field: 'kind', message: 'Pilih jenis masukan yang tersedia.' },
          ]),
      },
      '<slims-suggestion-box kinds="question"></slims-suggestion-box>',
    );
    fill(el, 'text', 'Kapan buka?');
    await quietly(() => submit(el));
    equal(statusText(el), 'Pilih jenis masukan yang tersedia.');
    equal(focused(el), $(el, '#status'));
  });

  it('says it is offline when the browser is, and when the connection drops; the text stays for a retry', async () => {
    const el = await box({ [POW]: powRoute, [POST]: () => 'offline' });
    fill(el, 'text', 'Wifi lambat');
    await quietly(() => submit(el));
    equal(statusText(el), 'Tidak dapat terhubung. Periksa koneksi internet Anda, lalu coba lagi.');
    equal(calls(POST).length, retry.times + 1, 'retried with the same key');
    equal(new Set(calls(POST).map((c) => c.headers.get('Idempotency-Key'))).size, 1);

    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await quietly(() => submit(el));
    equal(calls(POST).length, retry.times + 1, 'nothing sent while offline');
    equal(statusText(el), 'Tidak dapat terhubung. Periksa koneksi internet Anda, lalu coba lagi.');
    equal($<HTMLTextAreaElement>(el, 'textarea').value, 'Wifi lambat');

    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    stub!.routes[POST] = created();
    await submit(el);
    equal(trackingCode(el), 'ABCDE-FGHJK');
    equal(
      new Set(calls(POST).map((c) => c.headers.get('Idempotency-Key'))).size,
      1,
      'the retry is the same submission',
    );
  });

  it('fetches a fresh challenge and retries once on pow_expired, and gives up after a second one', async () => {
    let expired = 1;
    const el = await box({
      [POW]: powRoute,
      [POST]: (call, n) => (n < expired ? apiError(400, 'pow_expired', 'Tantangan kedaluwarsa.') : created()(call, n)),
    });
    fill(el, 'text', 'Ditulis pelan-pelan');
    await submit(el);
    equal(trackingCode(el), 'ABCDE-FGHJK');
    equal(calls(POW).length, 2, 'a fresh challenge');
    const [a, b] = calls(POST);
    assert((a!.body as { pow: string }).pow !== (b!.body as { pow: string }).pow, 'the retry carries the new proof');
    assert(a!.headers.get('Idempotency-Key') !== b!.headers.get('Idempotency-Key'));

    stub!.restore();
    document.body.replaceChildren();
    expired = 2;
    const again = await box({
      [POW]: powRoute,
      [POST]: (call, n) =>
        n < expired ? apiError(409, 'pow_replayed', 'Bukti kerja sudah dipakai.') : created()(call, n),
    });
    fill(again, 'text', 'Lagi');
    await quietly(() => submit(again));
    equal(calls(POST).length, 2, 'one automatic retry only');
    equal(statusText(again), 'Bukti kerja sudah dipakai.');
    assert(formReady(again), 'the form stays, ready to send again');
  });

  it('lets a member send as member (no proof of work) or anonymously, and lists their own items', async () => {
    fakeSlimsCRM('tok-member');
    const mine = [
      ownItem({ status: 'done', publicReply: { text: 'Sudah dipasang.', at: '2026-03-05T00:00:00Z' } }),
      ownItem({ code: 'KLMNP-QRSTU', kind: 'question' }),
    ];
    const el = await box({
      [POW]: powRoute,
      [POST]: created(ownItem({ code: 'VWXYZ-23456' })),
      [MINE]: () => json(200, { items: mine }),
    });
    await until(() => shadow(el).querySelectorAll('[part=mine] [part=item]').length === 2, 'my items');
    equal(calls(MINE)[0]!.headers.get('Authorization'), 'Bearer tok-member');
    const section = $(el, '[part=mine]');
    equal(section.querySelector('h3')?.textContent, 'Masukan saya');
    includes(section.textContent, 'Selesai');
    includes(section.textContent, 'Sudah dipasang.');
    includes(section.textContent, 'KLMNP-QRSTU');
    equal($<HTMLInputElement>(el, 'input[name=as][value=member]').checked, true);

    fill(el, 'text', 'Sebagai anggota');
    await submit(el);
    equal(trackingCode(el), 'VWXYZ-23456');
    equal(calls(POW).length, 0, 'a member sending as member needs no proof of work');
    equal((calls(POST)[0]!.body as Record<string, unknown>).asMember, true);
    equal(calls(POST)[0]!.headers.get('Authorization'), 'Bearer tok-member');
    await until(() => calls(MINE).length === 2, 'my items reload after sending');

    $<HTMLButtonElement>(el, '[part=code] button:last-child').click();
    await el.updateComplete;
    choose(el, 'as', 'anonymous');
    await until(() => calls(POW).length === 1, 'choosing anonymous starts the proof of work');
    fill(el, 'text', 'Tanpa nama');
    await submit(el);
    equal(trackingCode(el), 'VWXYZ-23456');
    const body = calls(POST)[1]!.body as Record<string, unknown>;
    equal(body.asMember, false);
    assert(decodePow(body.pow), 'an anonymous item carries a proof of work');
  });

  it('forgets an expired member token and offers to send anonymously', async () => {
    const crm = fakeSlimsCRM('tok-old');
    const el = await box({
      [POW]: powRoute,
      [POST]: () => apiError(401, 'invalid_token'),
      [MINE]: () => json(200, { items: [] }),
    });
    await until(() => shadow(el).querySelector('input[name=as]'), 'the member choice');
    fill(el, 'text', 'Halo');
    await quietly(() => submit(el));
    equal(crm.memberToken, null);
    equal(statusText(el), 'Sesi anggota Anda sudah berakhir. Silakan masuk lagi, atau kirim tanpa nama.');
    await el.updateComplete;
    equal(shadow(el).querySelector('input[name=as]'), null);
    equal(shadow(el).querySelector('[part=mine]'), null);
  });

  it('looks an item up by tracking code in either form, and says when it is unknown or malformed', async () => {
    const el = await box({
      [ITEM]: () =>
        json(200, {
          item: ownItem({
            status: 'in_review',
            replies: [{ text: 'Kami sedang memeriksa.', at: '2026-03-03T00:00:00Z' }],
            history: [{ status: 'in_review', at: '2026-03-03T00:00:00Z' }],
          }),
        }),
      'GET /api/v1/feedback/items/ZZZZZ-ZZZZZ': () => apiError(404, 'feedback_not_found'),
    });
    $(el, 'summary').click();
    const input = $<HTMLInputElement>(el, '#lookup-code');
    equal($(el, 'label[for=lookup-code]').textContent, 'Kode pelacakan');
    input.value = 'abcde fghjk';
    $<HTMLButtonElement>(el, '[part=lookup] button').click();
    await until(() => shadow(el).querySelector('#found'), 'the item');
    equal(calls(ITEM).length, 1);
    equal(calls(ITEM)[0]!.headers.get('Idempotency-Key'), null, 'a read sends no custom header');
    const found = $(el, '#found');
    includes(found.textContent, 'Sedang ditinjau');
    includes(found.textContent, 'Kami sedang memeriksa.');
    includes(found.textContent, 'Riwayat status');
    equal(focused(el), found);

    input.value = 'zzzzz-zzzzz';
    $<HTMLButtonElement>(el, '[part=lookup] button').click();
    await quietly(() => until(() => $(el, '#lookup-s').textContent === 'Kode pelacakan tidak ditemukan.', 'not found'));
    equal(input.getAttribute('aria-invalid'), 'true');

    input.value = 'abc';
    $<HTMLButtonElement>(el, '[part=lookup] button').click();
    await el.updateComplete;
    equal($(el, '#lookup-s').textContent, 'Kode pelacakan terdiri dari 10 huruf dan angka, misalnya ABCDE-FGHJK.');
    equal(calls('GET /api/v1/feedback/items/ABC').length, 0);
  });

  it('after sending: copies the code, checks its status and starts over', async () => {
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (t: string) => void (copied = t) },
    });
    try {
      const el = await box({
        [POW]: powRoute,
        [POST]: created(),
        [ITEM]: () => json(200, { item: ownItem({ status: 'planned' }) }),
      });
      fill(el, 'text', 'Halo');
      await submit(el);
      const [copy, check, another] = shadow(el).querySelectorAll<HTMLButtonElement>('[part=code] button');
      equal(
        [copy, check, another].map((b) => b!.textContent),
        ['Salin kode', 'Cek status', 'Kirim masukan lain'],
      );
      copy!.click();
      await until(() => statusText(el) === 'Kode pelacakan disalin.', 'copied');
      equal(copied, 'ABCDE-FGHJK');
      check!.click();
      await until(() => shadow(el).querySelector('[part=code] [part=item]'), 'the status');
      includes($(el, '[part=code] [part=item]').textContent, 'Direncanakan');
      another!.click();
      await el.updateComplete;
      assert(formReady(el) && !trackingCode(el), 'the form again, in place of the code');
      equal($<HTMLTextAreaElement>(el, 'textarea').value, '');
      await new Promise((r) => setTimeout(r, 20));
      equal(focused(el), $(el, 'textarea'));
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('shows HTML and script typed into any field as text, never as elements', async () => {
    const hostile = ownItem({
      code: 'ABCDE-FGHJK',
      kind: 'purchase',
      text: `teks ${HOSTILE}`,
      purchase: { title: `judul ${HOSTILE}`, author: `pengarang ${HOSTILE}`, isbn: `isbn ${HOSTILE}` },
      publicReply: { text: `publik ${HOSTILE}`, at: '2026-03-03T00:00:00Z' },
      replies: [{ text: `pribadi ${HOSTILE}`, at: '2026-03-03T00:00:00Z' }],
    });
    fakeSlimsCRM('tok');
    const el = await box({ [MINE]: () => json(200, { items: [hostile] }), [ITEM]: () => json(200, { item: hostile }) });
    $(el, 'summary').click();
    $<HTMLInputElement>(el, '#lookup-code').value = 'ABCDE-FGHJK';
    $<HTMLButtonElement>(el, '[part=lookup] button').click();
    await until(
      () => shadow(el).querySelector('#found') && shadow(el).querySelector('[part=mine] [part=item]'),
      'both items',
    );
    await new Promise((r) => setTimeout(r, 50));
    equal(shadow(el).querySelectorAll('img, script').length, 0, 'no element made from text');
    equal((window as { __slimsXss?: number }).__slimsXss, undefined);
    for (const item of shadow(el).querySelectorAll('[part=item]')) {
      for (const part of ['teks', 'judul', 'pengarang', 'isbn', 'publik', 'pribadi'])
        includes(item.textContent, `${part} ${HOSTILE}`);
    }
  });

  it('works from the keyboard alone: arrows pick the kind, Tab walks the fields, Enter sends', async () => {
    const el = await box({ [POW]: powRoute, [POST]: created() });
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    equal(focused(el), $(el, 'input[value=suggestion]'), 'Tab enters at the checked kind');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    equal($<HTMLInputElement>(el, 'input[name=kind]:checked').value, 'purchase');
    equal($(el, 'label[for=text]').textContent, 'Alasan usulan', 'the form asks for a purchase request');
    await sendKeys({ press: 'Tab' });
    equal(focused(el), $(el, '#purchase-title'));
    await sendKeys({ type: 'Bumi Manusia' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    equal(focused(el), $(el, 'textarea'));
    await sendKeys({ type: 'Untuk tugas sekolah' });
    await sendKeys({ press: 'Tab' });
    equal(focused(el), $(el, '#contact-email'), 'the honeypot is never in the tab order');
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 4; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    equal(focused(el), $(el, '#purchase-title'));
    await sendKeys({ press: 'Enter' });
    await until(() => trackingCode(el), 'sent with Enter', 4000);
    equal(calls(POST)[0]!.body && (calls(POST)[0]!.body as { purchase: unknown }).purchase, { title: 'Bumi Manusia' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    equal(focused(el)?.textContent, 'Salin kode');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    equal(focused(el)?.textContent, 'Kirim masukan lain');
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    assert(formReady(el) && !trackingCode(el), 'the form again, in place of the code');
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA) in every state', () => {
    it('the form, every kind, local and server errors, the proof of work under way, and sent with its tracking code', async () => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      const el = await box(
        {
          [POW]: async (call, n) => (await held, powRoute(call, n)),
          [POST]: (call, n) =>
            n === 0
              ? apiError(422, 'validation_failed', 'Periksa isian Anda.', [
                  { field: 'contact.email', message: 'Alamat e-mail tidak valid.' },
                  { field: 'website', message: 'Isian tersembunyi.' },
                ])
              : created()(call, n),
          [ITEM]: () =>
            json(200, {
              item: ownItem({
                status: 'planned',
                publicReply: { text: 'Akan kami pesan.', at: '2026-03-05T00:00:00Z' },
              }),
            }),
        },
        '<slims-suggestion-box privacy-url="/privasi"></slims-suggestion-box>',
      );
      await expectAccessible(el, 'the empty form');
      await submit(el);
      await expectAccessible(el, 'the form with a required field missing');
      choose(el, 'kind', 'purchase');
      await el.updateComplete;
      fill(el, 'purchase.title', 'Laskar Pelangi');
      fill(el, 'text', 'Banyak yang mencari');
      fill(el, 'contact.email', 'budi@');
      await submit(el);
      await expectAccessible(el, 'the purchase form without consent');
      $<HTMLInputElement>(el, '#consent').click();
      $<HTMLButtonElement>(el, '[part=submit]').click();
      await until(() => sending(el), 'sending');
      await el.updateComplete;
      equal(statusText(el), 'Menyiapkan pengiriman…');
      await expectAccessible(el, 'the form while the proof of work is under way');
      release();
      await quietly(() =>
        until(() => formReady(el) && shadow(el).querySelector('#e-contact-email'), 'the 422 under its field', 4000),
      );
      await el.updateComplete;
      await expectAccessible(el, "the form with the server's 422");
      fill(el, 'contact.email', 'budi@example.id');
      await submit(el);
      equal(trackingCode(el), 'ABCDE-FGHJK');
      await expectAccessible(el, 'sent, with the tracking code');
      shadow(el).querySelectorAll<HTMLButtonElement>('[part=code] button')[1]!.click();
      await until(() => shadow(el).querySelector('[part=code] [part=item]'), 'the status');
      await expectAccessible(el, 'sent, with its status checked');
    });

    it('the tracking view: an item found with replies and history, not found, a malformed code', async () => {
      const el = await box({
        [ITEM]: () =>
          json(200, {
            item: ownItem({
              kind: 'purchase',
              purchase: { title: 'Bumi Manusia', author: 'Pramoedya Ananta Toer', isbn: null },
              status: 'declined',
              publicReply: { text: 'Sudah ada di koleksi.', at: '2026-03-04T00:00:00Z' },
              replies: [{ text: 'Kami sedang memeriksa.', at: '2026-03-03T00:00:00Z' }],
              history: [
                { status: 'in_review', at: '2026-03-03T00:00:00Z' },
                { status: 'declined', at: '2026-03-04T00:00:00Z' },
              ],
            }),
          }),
        'GET /api/v1/feedback/items/ZZZZZ-ZZZZZ': () => apiError(404, 'feedback_not_found'),
      });
      $(el, 'summary').click();
      await expectAccessible(el, 'the look-up form open');
      const input = $<HTMLInputElement>(el, '#lookup-code');
      input.value = 'ABCDE-FGHJK';
      $<HTMLButtonElement>(el, '[part=lookup] button').click();
      await until(() => shadow(el).querySelector('#found'), 'the item');
      await expectAccessible(el, 'an item found by its tracking code');
      input.value = 'ZZZZZ-ZZZZZ';
      $<HTMLButtonElement>(el, '[part=lookup] button').click();
      await quietly(() =>
        until(() => $(el, '#lookup-s').textContent === 'Kode pelacakan tidak ditemukan.', 'not found'),
      );
      await expectAccessible(el, 'a tracking code not found');
      input.value = 'abc';
      $<HTMLButtonElement>(el, '[part=lookup] button').click();
      await el.updateComplete;
      await expectAccessible(el, 'a malformed tracking code');
    });

    it('a member with their own items (and none, and a failed load), offline, and in English', async () => {
      fakeSlimsCRM('tok-member');
      const mine = [
        ownItem({ status: 'done', publicReply: { text: 'Sudah dipasang.', at: '2026-03-05T00:00:00Z' } }),
        ownItem({ code: 'KLMNP-QRSTU', kind: 'question', status: 'in_review' }),
      ];
      const member = await box({ [MINE]: () => json(200, { items: mine }) });
      await until(() => shadow(member).querySelectorAll('[part=mine] [part=item]').length === 2, 'my items');
      await expectAccessible(member, 'a member with their own items');
      stub!.restore();
      document.body.replaceChildren();
      const none = await box({ [MINE]: () => json(200, { items: [] }) });
      await until(() => shadow(none).querySelector('[part=mine] p.m'), 'no items yet');
      await expectAccessible(none, 'a member with no items yet');
      stub!.restore();
      document.body.replaceChildren();
      const failed = await quietly(async () => {
        const el = await box({ [MINE]: () => apiError(500, 'internal_error') });
        await until(() => shadow(el).querySelector('[part=mine] button'), 'the retry button');
        return el;
      });
      await expectAccessible(failed, 'a member whose items could not load');
      stub!.restore();
      document.body.replaceChildren();
      delete window.SlimsCRM;

      const en = await box(
        { [POW]: powRoute, [POST]: () => 'offline' },
        '<slims-suggestion-box lang="en" privacy-url="/privacy"></slims-suggestion-box>',
      );
      await expectAccessible(en, 'the English form');
      fill(en, 'text', 'Slow Wi-Fi');
      await quietly(() => submit(en));
      includes(statusText(en), 'Cannot connect');
      await expectAccessible(en, 'the English form after the connection dropped');
    });
  });
});
