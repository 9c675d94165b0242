// <slims-interest-profile> in a real browser, window.fetch stubbed at the API seam: the sign-in prompt and an
// expired session, a member who picks topics, a tag, media, a channel, an e-mail address (SLiMS has none) and
// consents with the keyboard only, both languages, the downloads, the erasure request with its deadline, refusals.
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/interest-profile/slims-interest-profile.ts';
import { SEARCH_DELAY, type SlimsInterestProfile } from '../../widgets/interest-profile/slims-interest-profile.ts';
import { retry } from '../../widgets/shared/send.ts';
import { expectAccessible } from './axe.ts';
import {
  apiError,
  assert,
  button,
  equal,
  fakeSlimsCRM,
  includes,
  json,
  mount,
  shadow,
  statusText,
  stubFetch,
  until,
  visibleText,
  watchUncaught,
  type FetchStub,
  type Route,
} from './helpers.ts';

const PROFILE = 'GET /api/v1/members/me/profile';
const SAVE = 'PUT /api/v1/members/me/profile';
const TOPICS = 'GET /api/v1/topics';
const EXPORT = 'GET /api/v1/members/me/export';
const ERASE = 'POST /api/v1/members/me/erasure-request';

const WORDING = {
  id: {
    version: '2026-12-id1',
    purposes: { service: 'Pemberitahuan layanan.', news: 'Berita dan acara.', recommendations: 'Rekomendasi pribadi.' },
    channels: { email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', letter: 'Surat' },
  },
  en: {
    version: '2026-12-id1',
    purposes: { service: 'Service notices.', news: 'News and events.', recommendations: 'Personal recommendations.' },
    channels: { email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', letter: 'Letter' },
  },
};

/** A profile as GET /api/v1/members/me/profile answers it: by default a member SLiMS has no e-mail for. */
function profile(lang: 'id' | 'en' = 'id', over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    member: { id: 'M002', name: 'Budi Santoso', email: null, phone: '081234567890' },
    interests: { topics: [{ id: 1, topic: 'Pertanian' }], tags: [] },
    media: ['print'],
    gmds: [],
    channel: null,
    contact: { email: null, whatsapp: null },
    consents: [
      {
        channel: 'email',
        purpose: 'service',
        granted: true,
        at: '2026-11-23T03:00:00Z',
        wordingVersion: '2026-12-id1',
        source: 'member',
      },
    ],
    wording: WORDING[lang],
    choices: { gmds: [{ id: 24, name: 'Video Recording' }] },
    erasureRequest: null,
    ...over,
  };
}

const profileRoute: Route = (call) => json(200, profile(call.url.searchParams.get('lang') === 'en' ? 'en' : 'id'));
const topicsRoute: Route = (call) =>
  json(200, {
    items: [
      { id: 4, topic: 'Sejarah' },
      { id: 2, topic: 'Sejarah Riau' },
      { id: 1, topic: 'Pertanian' },
    ].filter((t) => t.topic.toLowerCase().includes((call.url.searchParams.get('q') ?? '').toLowerCase())),
  });

let stub: FetchStub | undefined;

async function widget(routes: Record<string, Route>, markup = '<slims-interest-profile></slims-interest-profile>') {
  stub = stubFetch(routes);
  const el = mount<SlimsInterestProfile>(markup);
  await until(() => shadow(el).querySelector('[part=title]'), 'the profile to draw');
  return el;
}

const ready = (el: Element) => until(() => shadow(el).querySelector('form'), 'the form');
const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = shadow(el).querySelector<T>(selector);
  assert(found, `${selector} is shown`);
  return found;
};
const focus = async (el: Element, selector: string) => {
  $(el, selector).focus();
  await until(() => shadow(el).activeElement === $(el, selector), `${selector} to have focus`);
};
const focused = (el: Element) => shadow(el).activeElement as HTMLElement | null;

describe('slims-interest-profile', () => {
  beforeEach(() => {
    SEARCH_DELAY.ms = 10;
    retry.backoffMs = 1;
  });
  afterEach(() => {
    stub?.restore();
    stub = undefined;
    document.body.replaceChildren();
    delete window.SlimsCRM;
  });

  it('asks a visitor without a member token to sign in, politely, and loads the profile once they do', async () => {
    const crm = fakeSlimsCRM(null);
    const states: string[] = [];
    document.addEventListener('slims-loaded', (e) => void states.push(e.detail.state));
    const el = await widget({ [PROFILE]: profileRoute, [TOPICS]: topicsRoute });
    await until(() => statusText(el) === 'Silakan masuk sebagai anggota untuk mengatur minat dan privasi Anda.');
    equal(stub!.calls.length, 0, 'nothing asked without a member');
    assert(!shadow(el).querySelector('form'), 'no form');
    crm.setMemberToken('tok-member');
    await ready(el);
    equal(stub!.calls[0]!.headers.get('authorization'), 'Bearer tok-member');
    equal(states, ['signin', 'profile']);
    await expectAccessible(el, 'the profile');
  });

  for (const lang of ['id', 'en'] as const) {
    it(`tells a member whose session ended to sign in again (${lang}), and never breaks the page`, async () => {
      fakeSlimsCRM('tok-expired');
      const watch = watchUncaught();
      const el = await widget(
        { [PROFILE]: () => apiError(401, 'invalid_token', 'Sesi tidak sah') },
        `<slims-interest-profile lang="${lang}"></slims-interest-profile>`,
      );
      const expected =
        lang === 'id'
          ? 'Sesi anggota Anda sudah berakhir. Silakan masuk lagi untuk melanjutkan.'
          : 'Your member session has ended. Please sign in again to continue.';
      await until(() => statusText(el) === expected, `the expired prompt in ${lang}`);
      equal($(el, '[part=title]').textContent, lang === 'id' ? 'Minat dan privasi saya' : 'My interests and privacy');
      watch.stop();
      equal(watch.errors, []);
    });
  }

  it('lets a member without an e-mail in SLiMS set everything with the keyboard only, and sends it whole', async () => {
    fakeSlimsCRM('tok-member');
    const saved: string[] = [];
    document.addEventListener('slims-profile-saved', (e) => void saved.push(e.detail.memberId));
    const el = await widget(
      {
        [PROFILE]: profileRoute,
        [TOPICS]: topicsRoute,
        [SAVE]: (call) => {
          const body = call.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
          return json(
            200,
            profile('id', {
              interests: {
                topics: [
                  { id: 1, topic: 'Pertanian' },
                  { id: 2, topic: 'Sejarah Riau' },
                ],
                tags: body.interests.tags,
              },
              channel: body.channel,
              contact: { email: body.contact.email, whatsapp: null },
            }),
          );
        },
      },
      '<slims-interest-profile privacy-url="/privasi"></slims-interest-profile>',
    );
    await ready(el);
    equal(($(el, '[part=privacy]') as HTMLAnchorElement).getAttribute('href'), '/privasi');
    // SLiMS has the phone: shown, not asked; the e-mail is asked for.
    includes(visibleText(el), 'Tercatat di perpustakaan: 081234567890');
    assert(!shadow(el).querySelector('#whatsapp'), 'no WhatsApp field');

    // Type to search; arrow into the list; Enter adds the topic, and focus stays in the list.
    await focus(el, '#topic-search');
    await sendKeys({ type: 'sej' });
    await until(() => shadow(el).querySelectorAll('.results button').length === 2, 'two topics found');
    includes(visibleText(el), '2 topik ditemukan.');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    equal(focused(el)?.getAttribute('aria-label'), 'Tambah Sejarah Riau');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.getAttribute('aria-label') === 'Tambah Sejarah', 'focus on the topic left');
    includes([...shadow(el).querySelectorAll('[part=chip]')].map((c) => c.textContent).join('|'), 'Sejarah Riau');
    await sendKeys({ press: 'Escape' });
    equal(focused(el)?.id, 'topic-search');

    // A tag of their own, with Enter (the form is not sent).
    await focus(el, '#tag');
    await sendKeys({ type: 'Kopi Riau' });
    await sendKeys({ press: 'Enter' });
    await until(() => button(el, 'Hapus Kopi Riau'), 'the tag chip');
    equal(stub!.calls.filter((c) => c.method === 'PUT').length, 0, 'Enter in a field sends nothing');

    // Media, channel, e-mail and a consent, each by Space or typing.
    await focus(el, 'input[type=checkbox]:not([data-consent])');
    await sendKeys({ press: 'Space' });
    await focus(el, 'input[name=channel]');
    await sendKeys({ press: 'Space' });
    await focus(el, '#email');
    await sendKeys({ type: 'budi@contoh.id' });
    await focus(el, '[data-consent="whatsapp:news"]');
    await sendKeys({ press: 'Space' });
    await focus(el, '[data-consent="email:service"]');
    await sendKeys({ press: 'Space' });
    await focus(el, '[part~=save]');
    await sendKeys({ press: 'Enter' });
    await until(() => statusText(el) === 'Tersimpan.', 'saved');
    const put = stub!.calls.find((c) => c.method === 'PUT')!;
    equal(put.headers.get('authorization'), 'Bearer tok-member');
    assert(put.headers.get('idempotency-key'), 'an Idempotency-Key');
    const body = put.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    equal(body.interests, { topics: [1, 2], tags: ['Kopi Riau'] });
    equal(body.media, []);
    equal(body.gmds, []);
    equal(body.channel, 'email');
    equal(body.contact, { email: 'budi@contoh.id' });
    equal(body.wordingVersion, '2026-12-id1');
    equal(body.consents.length, 12);
    equal(
      body.consents.filter((c: { granted: boolean }) => c.granted),
      [{ channel: 'whatsapp', purpose: 'news', granted: true }],
    );
    equal(saved, ['M002']);
  });

  it('speaks English with the library’s English wording, and says when a consent was given', async () => {
    fakeSlimsCRM('tok-member');
    const el = await widget({ [PROFILE]: profileRoute }, '<slims-interest-profile lang="en"></slims-interest-profile>');
    await ready(el);
    await until(() => statusText(el) === 'Your profile is ready to edit.');
    const text = visibleText(el);
    for (const part of [
      'Topics that interest me',
      'Service notices.',
      'Do not contact me',
      'The library has no e-mail address for you.',
      'since 23 Nov 2026',
      'Consent wording version: 2026-12-id1',
    ])
      includes(text, part);
    equal(stub!.calls[0]!.url.searchParams.get('lang'), 'en');
    await expectAccessible(el, 'the English profile');
  });

  it('shows the server’s reasons when it refuses a change, marking the field', async () => {
    fakeSlimsCRM('tok-member');
    const el = await widget({
      [PROFILE]: profileRoute,
      [SAVE]: () =>
        apiError(422, 'validation_failed', 'Periksa isian', [
          { field: 'contact.email', message: 'Alamat e-mail tidak sah.' },
        ]),
    });
    await ready(el);
    $(el, '[part~=save]').click();
    await until(() => statusText(el) === 'Belum tersimpan. Alamat e-mail tidak sah.', 'the reason');
    equal($(el, '#email').getAttribute('aria-invalid'), 'true');
    assert($(el, '[part~=status]').getAttribute('part')!.includes('error'), 'shown as an error');
  });

  it('downloads the data as JSON and CSV with the member token', async () => {
    fakeSlimsCRM('tok-member');
    const el = await widget({
      [PROFILE]: profileRoute,
      [EXPORT]: (call) =>
        call.url.searchParams.get('format') === 'csv'
          ? new Response('section,row,field,value\r\n', { headers: { 'Content-Type': 'text/csv' } })
          : json(200, { exportedAt: '2026-11-23T03:00:00Z', slims: {}, crm: {} }),
    });
    await ready(el);
    includes(
      visibleText(el),
      'Yang disimpan CRM perpustakaan tentang Anda: 1 topik, 0 minat lain, 1 media, 1 izin yang berlaku.',
    );
    button(el, 'Unduh data (CSV)')!.click();
    await until(() => statusText(el) === 'Unduhan dimulai.');
    button(el, 'Unduh data (JSON)')!.click();
    await until(() => stub!.calls.filter((c) => c.path === '/api/v1/members/me/export').length === 2);
    const exports = stub!.calls.filter((c) => c.path === '/api/v1/members/me/export');
    equal(
      exports.map((c) => [c.url.searchParams.get('format'), c.headers.get('authorization')]),
      [
        ['csv', 'Bearer tok-member'],
        ['json', 'Bearer tok-member'],
      ],
    );
  });

  it('asks once more before queuing the erasure request, then shows its deadline', async () => {
    fakeSlimsCRM('tok-member');
    const asked: string[] = [];
    document.addEventListener('slims-erasure-requested', (e) => void asked.push(e.detail.dueAt));
    const el = await widget({
      [PROFILE]: profileRoute,
      [ERASE]: () =>
        json(201, {
          request: { id: 7, status: 'pending', requestedAt: '2026-11-25T03:30:00Z', dueAt: '2026-11-28T03:30:00Z' },
        }),
    });
    await ready(el);
    await focus(el, '[data-erase=ask]');
    await sendKeys({ press: 'Enter' });
    // The question takes focus on its safe answer; cancelling goes back.
    await until(() => focused(el)?.dataset.erase === 'no', 'focus on Batal');
    includes(visibleText(el), 'Hapus semua data CRM tentang Anda?');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.dataset.erase === 'ask', 'back on the button');
    equal(stub!.calls.filter((c) => c.method === 'POST').length, 0, 'nothing sent');
    await sendKeys({ press: 'Enter' });
    await until(() => focused(el)?.dataset.erase === 'no');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    equal(focused(el)?.dataset.erase, 'yes');
    await sendKeys({ press: 'Enter' });
    await until(() => shadow(el).querySelector('p[part=erasure]'), 'the deadline');
    const line = $(el, 'p[part=erasure]').textContent!;
    includes(line, 'paling lambat 28 November 2026');
    equal(asked, ['2026-11-28T03:30:00Z']);
    assert(!shadow(el).querySelector('[data-erase]'), 'no second request offered');
  });

  it('shows a pending request from the start, and a retry when the sidecar cannot be reached', async () => {
    fakeSlimsCRM('tok-member');
    const watch = watchUncaught();
    const el = await widget({ [PROFILE]: () => 'offline' });
    await until(() => statusText(el) === 'Tidak dapat terhubung. Periksa koneksi internet Anda.');
    stub!.routes[PROFILE] = () =>
      json(
        200,
        profile('id', {
          erasureRequest: {
            id: 7,
            status: 'pending',
            requestedAt: '2026-11-25T03:30:00Z',
            dueAt: '2026-11-28T03:30:00Z',
          },
        }),
      );
    button(el, 'Coba lagi')!.click();
    await ready(el);
    includes($(el, 'p[part=erasure]').textContent, 'Perpustakaan menindaklanjutinya paling lambat');
    watch.stop();
    equal(watch.errors, []);
  });
});
