// <slims-feedback-board> in a real browser, with window.fetch stubbed at the API seam.
import { sendKeys } from '@web/test-runner-commands';
import '../../widgets/feedback-board/slims-feedback-board.ts';
import type { SlimsFeedbackBoard } from '../../widgets/feedback-board/slims-feedback-board.ts';
import { ids } from '../../widgets/shared/api.ts';
import { retry } from '../../widgets/shared/send.ts';
import { expectAccessible } from './axe.ts';
import {
  HOSTILE,
  apiError,
  assert,
  boardItem,
  button,
  equal,
  fakeSlimsCRM,
  includes,
  json,
  loaded,
  mount,
  shadow,
  statusText,
  stubFetch,
  until,
  watchUncaught,
  type Call,
  type FetchStub,
  type Route,
} from './helpers.ts';

const BOARD = 'GET /api/v1/feedback/board';
const vote = (id: number): string => `POST /api/v1/feedback/board/${id}/votes`;

const page = (items: unknown[], total = items.length, extra: Record<string, unknown> = {}): Response =>
  json(200, { items, total, page: 1, pageSize: 20, ...extra });

let stub: FetchStub | undefined;

async function board(
  routes: Record<string, Route>,
  markup = '<slims-feedback-board></slims-feedback-board>',
): Promise<SlimsFeedbackBoard> {
  stub = stubFetch(routes);
  const el = mount<SlimsFeedbackBoard>(markup);
  await loaded(el, 'the board to load');
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T => {
  const found = shadow(el).querySelector<T>(selector);
  assert(found, `no ${selector}`);
  return found;
};
const calls = (key: string): Call[] => stub!.calls.filter((c) => `${c.method} ${c.path}` === key);
const query = (call: Call | undefined): Record<string, string> => Object.fromEntries(call?.url.searchParams ?? []);
const items = (el: Element): HTMLElement[] => [...shadow(el).querySelectorAll<HTMLElement>('[part=item]')];
const focused = (el: Element): Element | null => shadow(el).activeElement;

function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  return fn().finally(() => (console.warn = warn));
}

describe('<slims-feedback-board>', () => {
  beforeEach(() => {
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

  it('shows published items with their status, the public reply and votes, under "Anda berkata, kami lakukan"', async () => {
    const watch = watchUncaught();
    const events: string[] = [];
    const log = (e: Event): void => void events.push(`${e.type}:${JSON.stringify((e as CustomEvent).detail)}`);
    document.addEventListener('slims-loading', log);
    document.addEventListener('slims-loaded', log);
    try {
      const el = await board({
        [BOARD]: () =>
          page([
            boardItem(7, {
              status: 'done',
              publicReply: { text: 'Colokan sudah dipasang di lantai 2.', at: '2026-03-05T00:00:00Z' },
              fromMember: true,
            }),
            boardItem(8, {
              kind: 'purchase',
              purchase: { title: 'Laut Bercerita', author: 'Leila S. Chudori', isbn: '9786024246945' },
              votes: 1,
            }),
            boardItem(9, { kind: 'praise', votable: false, votes: 0, status: 'new' }),
          ]),
      });
      equal($(el, '[part=title]').textContent, 'Anda berkata, kami lakukan');
      const [call] = stub!.calls;
      equal(
        query(call),
        { sort: 'newest', pageSize: '20', page: '1', lang: 'id' },
        'no device id before this browser has voted',
      );
      equal(call!.headers.get('Authorization'), null);
      const [done, purchase, praise] = items(el);
      includes(done!.textContent, 'Saran');
      equal(done!.querySelector('[part~=badge]')?.textContent, 'Selesai');
      includes(done!.querySelector('[part=reply]')?.textContent, 'Tanggapan perpustakaan');
      includes(done!.querySelector('[part=reply]')?.textContent, 'Colokan sudah dipasang di lantai 2.');
      includes(done!.textContent, 'Dari anggota');
      includes(purchase!.querySelector('[part=purchase]')?.textContent, 'Laut Bercerita');
      includes(purchase!.querySelector('[part=purchase]')?.textContent, 'oleh Leila S. Chudori');
      includes(purchase!.textContent, 'Dari pengunjung');
      const button = done!.querySelector<HTMLButtonElement>('[part=vote]')!;
      equal(button.textContent?.trim(), 'Dukung');
      equal(button.getAttribute('aria-pressed'), 'false');
      equal(shadow(el).getElementById(button.getAttribute('aria-describedby')!)?.textContent, '3 dukungan');
      equal(praise!.querySelector('[part=vote]'), null, 'no vote on praise');
      equal(statusText(el), 'Menampilkan 3 dari 3');
      equal(shadow(el).querySelector('[part=more]'), null);
      equal(events, ['slims-loading:{"slug":""}', 'slims-loaded:{"slug":"","state":"board"}']);
      equal(watch.errors, []);
    } finally {
      document.removeEventListener('slims-loading', log);
      document.removeEventListener('slims-loaded', log);
      watch.stop();
    }
  });

  it('takes its first filters from the attributes and speaks English with lang="en"', async () => {
    const el = await board(
      { [BOARD]: () => page([boardItem(1, { votes: 1 })]) },
      '<slims-feedback-board lang="en" kind="purchase" status="done" sort="answered" page-size="5"></slims-feedback-board>',
    );
    equal(query(stub!.calls[0]), {
      sort: 'answered',
      pageSize: '5',
      kind: 'purchase',
      status: 'done',
      page: '1',
      lang: 'en',
    });
    equal($(el, '[part=title]').textContent, 'You said, we did');
    equal($(el, 'label[for=f-kind]').textContent, 'Kind');
    equal($<HTMLSelectElement>(el, '#f-kind').value, 'purchase');
    equal($<HTMLSelectElement>(el, '#f-status').value, 'done');
    equal($<HTMLSelectElement>(el, '#f-sort').value, 'answered');
    equal(
      [...$<HTMLSelectElement>(el, '#f-sort').options].map((o) => o.textContent),
      ['Newest', 'Most supported', 'Recently answered'],
    );
    equal($(el, '[part=vote]').textContent?.trim(), 'Support');
    equal($(el, '[part=votes]').textContent, '1 vote');
    equal(statusText(el), 'Showing 1 of 1');

    // bad attribute values fall back to all kinds, newest first, 20 a page
    stub!.restore();
    document.body.replaceChildren();
    await board(
      { [BOARD]: () => page([]) },
      '<slims-feedback-board kind="bogus" sort="x" page-size="500"></slims-feedback-board>',
    );
    equal(query(stub!.calls[0]), { sort: 'newest', pageSize: '50', page: '1', lang: 'id' });
  });

  it('filters and sorts from labelled selects, by keyboard too', async () => {
    const el = await board({
      [BOARD]: (call) => page([boardItem(1, { kind: call.url.searchParams.get('kind') ?? 'suggestion' })]),
    });
    for (const [id, label] of [
      ['f-kind', 'Jenis'],
      ['f-status', 'Status'],
      ['f-sort', 'Urutkan'],
    ]) {
      equal($(el, `label[for=${id}]`).textContent, label);
    }
    equal($(el, '[part=filters]').getAttribute('role'), 'group');
    const kind = $<HTMLSelectElement>(el, '#f-kind');
    equal(kind.options[0]!.textContent, 'Semua jenis');
    kind.focus();
    await sendKeys({ press: 'ArrowDown' });
    await until(() => calls(BOARD).length === 2, 'a reload with the kind');
    equal(query(calls(BOARD)[1]).kind, 'suggestion');
    await until(() => statusText(el) === 'Menampilkan 1 dari 1', 'the filtered board');

    const sort = $<HTMLSelectElement>(el, '#f-sort');
    sort.value = 'votes';
    sort.dispatchEvent(new Event('change'));
    await until(() => calls(BOARD).length === 3, 'a reload sorted by votes');
    equal(query(calls(BOARD)[2]), { sort: 'votes', pageSize: '20', kind: 'suggestion', page: '1', lang: 'id' });

    const status = $<HTMLSelectElement>(el, '#f-status');
    status.value = 'planned';
    status.dispatchEvent(new Event('change'));
    await until(() => calls(BOARD).length === 4);
    equal(query(calls(BOARD)[3]).status, 'planned');
    status.value = '';
    status.dispatchEvent(new Event('change'));
    await until(() => calls(BOARD).length === 5);
    equal('status' in query(calls(BOARD)[4]), false, '"all statuses" drops the filter');
  });

  it('votes once: aria-pressed and the count follow, a double click sends one POST, a retry keeps the key', async () => {
    const el = await board({
      [BOARD]: () => page([boardItem(7), boardItem(8)]),
      [vote(7)]: () => json(201, { votes: 4, voted: true }),
      [vote(8)]: (_, n) => (n === 0 ? 'offline' : json(200, { votes: 9, voted: true })),
    });
    const [first, second] = items(el);
    const button = first!.querySelector<HTMLButtonElement>('[part=vote]')!;
    button.click();
    button.click();
    await until(() => button.getAttribute('aria-pressed') === 'true', 'pressed');
    equal(calls(vote(7)).length, 1, 'one POST for a double click');
    const [post] = calls(vote(7));
    equal(post!.body, {});
    assert(/^[\w-]{8,64}$/.test(post!.headers.get('Idempotency-Key') ?? ''), 'Idempotency-Key');
    const device = post!.headers.get('X-Device-Id');
    assert(device && device === localStorage.getItem('slims-crm:device'), 'the device id is made at the first vote');
    equal(first!.querySelector('[part=votes]')?.textContent, '4 dukungan');
    equal(statusText(el), 'Terima kasih, dukungan Anda tercatat.');
    button.click();
    await el.updateComplete;
    equal(calls(vote(7)).length, 1, 'pressing again sends nothing');

    // the connection drops (every retry too): the next press is the same vote, with the same key
    retry.times = 0;
    try {
      const other = second!.querySelector<HTMLButtonElement>('[part=vote]')!;
      await quietly(async () => {
        other.click();
        await until(() => statusText(el) === 'Tidak dapat terhubung. Periksa koneksi internet Anda.', 'offline');
      });
      equal(other.getAttribute('aria-pressed'), 'false');
      other.click();
      await until(() => other.getAttribute('aria-pressed') === 'true', 'pressed after the retry');
      const [a, b] = calls(vote(8));
      equal(a!.headers.get('Idempotency-Key'), b!.headers.get('Idempotency-Key'));
      equal(second!.querySelector('[part=votes]')?.textContent, '9 dukungan');
    } finally {
      retry.times = 3;
    }

    // reads now carry the device id, so the board knows this browser's votes
    el.setAttribute('sort', 'votes');
    await until(() => calls(BOARD).length === 2);
    equal(query(calls(BOARD)[1]).device, device);
  });

  it("shows voting_closed in the sidecar's words", async () => {
    const el = await board({
      [BOARD]: () => page([boardItem(7)]),
      [vote(7)]: () => apiError(409, 'voting_closed', 'Masukan ini tidak dapat didukung.'),
    });
    const errors: CustomEvent[] = [];
    el.addEventListener('slims-error', (e) => errors.push(e));
    await quietly(async () => {
      $<HTMLButtonElement>(el, '[part=vote]').click();
      await until(() => errors.length, 'the error');
    });
    await el.updateComplete;
    equal(statusText(el), 'Masukan ini tidak dapat didukung.');
    equal(errors[0]!.detail, { slug: '', code: 'voting_closed', message: 'Masukan ini tidak dapat didukung.' });
    equal($(el, '[part=vote]').getAttribute('aria-pressed'), 'false');
  });

  it('loads more pages, moves focus to the first new item and drops the button at the end', async () => {
    const el = await board(
      {
        [BOARD]: (call) => {
          const n = Number(call.url.searchParams.get('page'));
          return page(n === 1 ? [boardItem(1), boardItem(2)] : [boardItem(2), boardItem(3)], 3, {
            page: n,
            pageSize: 2,
          });
        },
      },
      '<slims-feedback-board page-size="2"></slims-feedback-board>',
    );
    equal(statusText(el), 'Menampilkan 2 dari 3');
    const more = $<HTMLButtonElement>(el, '[part=more]');
    equal(more.textContent?.trim(), 'Muat lebih banyak');
    more.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => items(el).length === 3, 'the next page');
    equal(query(calls(BOARD)[1]).page, '2');
    equal(
      items(el).map((i) => i.dataset.id),
      ['1', '2', '3'],
      'an item that moved between pages is shown once',
    );
    await new Promise((r) => setTimeout(r, 20));
    equal(focused(el), items(el)[2], 'focus on the first new item');
    equal(shadow(el).querySelector('[part=more]'), null);
    equal(statusText(el), 'Menampilkan 3 dari 3');
  });

  it('stops offering more at the last page, even when an item published meanwhile made one show up twice', async () => {
    // newest first, two a page: item 6 is published after page 1, so page 2 starts again at item 4
    const pages: Record<string, [number[], number]> = {
      '1': [[5, 4], 5],
      '2': [[4, 3], 6],
      '3': [[2, 1], 6],
      '4': [[], 6],
    };
    const el = await board(
      {
        [BOARD]: (call) => {
          const [ids, total] = pages[call.url.searchParams.get('page')!]!;
          return page(
            ids.map((id) => boardItem(id)),
            total,
          );
        },
      },
      '<slims-feedback-board page-size="2"></slims-feedback-board>',
    );
    for (const n of [2, 3]) {
      $<HTMLButtonElement>(el, '[part=more]').click();
      // drawn as busy ("Memuat…") by now; done once it is not
      await el.updateComplete;
      await until(() => calls(BOARD).length === n && !button(el, 'Memuat…'), `page ${n}`);
      await el.updateComplete;
    }
    equal(
      items(el).map((i) => i.dataset.id),
      ['5', '4', '3', '2', '1'],
    );
    equal(shadow(el).querySelector('[part=more]'), null, 'no "load more" past the last page');
  });

  it("shows a proxy's 4xx in the board's own words, not its English status text", async () => {
    const el = await board({
      [BOARD]: () => page([boardItem(7)]),
      [vote(7)]: () =>
        new Response('<html>Forbidden</html>', {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'text/html' },
        }),
    });
    await quietly(async () => {
      $<HTMLButtonElement>(el, '[part=vote]').click();
      await until(() => statusText(el) !== 'Menampilkan 1 dari 1', 'the error');
    });
    equal(statusText(el), 'Maaf, terjadi gangguan. Silakan coba lagi.');
  });

  it('has an empty state, with and without filters', async () => {
    const el = await board({ [BOARD]: () => page([]) });
    equal(statusText(el), 'Belum ada masukan yang ditampilkan.');
    equal(shadow(el).querySelector('[part=list]'), null);
    el.status = 'done';
    await until(() => calls(BOARD).length === 2 && statusText(el) !== 'Memuat…', 'the filtered board');
    await el.updateComplete;
    equal(statusText(el), 'Tidak ada masukan yang cocok dengan pilihan ini.');
  });

  it('says politely when the board cannot load, offline or not, and retries on request', async () => {
    const errors: CustomEvent[] = [];
    document.addEventListener('slims-error', (e) => errors.push(e), { once: true });
    const el = await quietly(() =>
      board({ [BOARD]: (_, n) => (n === 0 ? apiError(500, 'internal', 'boom') : page([boardItem(1)])) }),
    );
    equal(shadow(el).querySelector('[part=list]'), null, 'no list');
    equal(statusText(el), 'Papan masukan tidak dapat dimuat. Maaf, terjadi gangguan. Silakan coba lagi.');
    equal(errors[0]?.detail.code, 'internal');
    const retryButton = $<HTMLButtonElement>(el, '[part=retry]');
    equal(retryButton.textContent, 'Coba lagi');
    retryButton.focus();
    await sendKeys({ press: 'Space' });
    await until(() => items(el).length === 1, 'loaded after the retry');

    stub!.restore();
    document.body.replaceChildren();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    const offline = await quietly(() => board({ [BOARD]: () => page([]) }));
    equal(
      statusText(offline),
      'Papan masukan tidak dapat dimuat. Tidak dapat terhubung. Periksa koneksi internet Anda.',
    );
    equal(stub!.calls.length, 0);
  });

  it('reads as the member when there is one, and reloads when the member changes', async () => {
    const crm = fakeSlimsCRM('tok-a');
    const el = await board({ [BOARD]: () => page([boardItem(1, { voted: true })]) });
    equal(calls(BOARD)[0]!.headers.get('Authorization'), 'Bearer tok-a');
    equal($(el, '[part=vote]').getAttribute('aria-pressed'), 'true');
    crm.setMemberToken(null);
    await until(() => calls(BOARD).length === 2, 'a reload without the member');
    equal(calls(BOARD)[1]!.headers.get('Authorization'), null);
  });

  it('forgets a member token the server refuses, so the next vote counts for this device', async () => {
    const crm = fakeSlimsCRM('tok-expired');
    sessionStorage.setItem('slims-crm:member-token', 'tok-expired');
    const el = await board({
      [BOARD]: () => page([boardItem(1, { votes: 4 })]),
      [vote(1)]: (call) =>
        call.headers.get('Authorization') ? apiError(401, 'invalid_token') : json(201, { votes: 5, voted: true }),
    });
    $(el, '[part=vote]').click();
    await until(() => crm.memberToken === null, 'the refused token to be forgotten');
    equal(sessionStorage.getItem('slims-crm:member-token'), null);
    await until(() => calls(BOARD).length === 2, 'a reload as a visitor');
    // The reload's answer is drawn a moment after it was asked for.
    await until(() => shadow(el).querySelector('[part=vote]'), 'the reloaded board');
    $(el, '[part=vote]').click();
    await until(() => $(el, '[part=vote]').getAttribute('aria-pressed') === 'true', 'the vote as this device');
    const votes = calls(vote(1));
    equal(votes.length, 2);
    equal(votes[1]!.headers.get('Authorization'), null);
  });

  it('shows HTML and script from any text field as text, never as elements', async () => {
    const el = await board({
      [BOARD]: () =>
        page([
          boardItem(1, {
            kind: 'purchase',
            text: `teks ${HOSTILE}`,
            purchase: { title: `judul ${HOSTILE}`, author: `pengarang ${HOSTILE}`, isbn: `isbn ${HOSTILE}` },
            publicReply: { text: `publik ${HOSTILE}`, at: '2026-03-03T00:00:00Z' },
            createdAt: `"><img src=x onerror=1>`,
          }),
        ]),
    });
    await new Promise((r) => setTimeout(r, 50));
    equal(shadow(el).querySelectorAll('img, script').length, 0, 'no element made from text');
    equal((window as { __slimsXss?: number }).__slimsXss, undefined);
    const [item] = items(el);
    for (const part of ['teks', 'judul', 'pengarang', 'isbn', 'publik'])
      includes(item!.textContent, `${part} ${HOSTILE}`);
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA) in every state', () => {
    const list = (): unknown[] => [
      boardItem(7, {
        status: 'done',
        publicReply: { text: 'Colokan sudah dipasang di lantai 2.', at: '2026-03-05T00:00:00Z' },
        fromMember: true,
      }),
      boardItem(8, {
        kind: 'purchase',
        purchase: { title: 'Laut Bercerita', author: 'Leila S. Chudori', isbn: '9786024246945' },
        votes: 1,
        voted: true,
      }),
      boardItem(9, { kind: 'praise', votable: false, votes: 0, status: 'new' }),
      boardItem(10, { kind: 'complaint', status: 'in_review' }),
      boardItem(11, { kind: 'question', status: 'declined' }),
    ];

    it('while loading, the list with every status and a vote cast, load more, and a failed vote', async () => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      stub = stubFetch({
        [BOARD]: async (call) => {
          const n = Number(call.url.searchParams.get('page'));
          if (n === 1) await held;
          return page(n === 1 ? list() : [boardItem(12)], 6, { page: n, pageSize: 5 });
        },
        [vote(7)]: () => apiError(409, 'voting_closed', 'Dukungan untuk masukan ini sudah ditutup.'),
      });
      const el = mount<SlimsFeedbackBoard>('<slims-feedback-board page-size="5"></slims-feedback-board>');
      await el.updateComplete;
      equal(statusText(el), 'Memuat…');
      await expectAccessible(el, 'the board while loading');
      release();
      await until(() => items(el).length === 5, 'the list');
      await el.updateComplete;
      await expectAccessible(el, 'the list with a "load more" button');
      $<HTMLButtonElement>(el, '[part=more]').click();
      await until(() => items(el).length === 6 && !shadow(el).querySelector('[part=more]'), 'the last page');
      await expectAccessible(el, 'the list after loading more');
      await quietly(async () => {
        $<HTMLButtonElement>(el, '[data-id="7"] [part=vote]').click();
        await until(() => statusText(el).includes('ditutup'), 'the refused vote');
      });
      await expectAccessible(el, 'the list after a refused vote');
    });

    it('empty, empty under filters, error, offline, and in English', async () => {
      const empty = await board({ [BOARD]: () => page([]) });
      await expectAccessible(empty, 'the empty board');
      empty.status = 'done';
      await until(() => calls(BOARD).length === 2 && statusText(empty) !== 'Memuat…', 'the filtered board');
      await empty.updateComplete;
      await expectAccessible(empty, 'the empty board under a filter');
      stub!.restore();
      document.body.replaceChildren();
      const broken = await quietly(() => board({ [BOARD]: () => apiError(500, 'internal', 'boom') }));
      assert(button(broken, 'Coba lagi'), 'a retry button');
      await expectAccessible(broken, 'the board that cannot load');
      stub!.restore();
      document.body.replaceChildren();
      const offline = await quietly(() => board({ [BOARD]: () => 'offline' }));
      await expectAccessible(offline, 'the board offline');
      stub!.restore();
      document.body.replaceChildren();
      const en = await board(
        { [BOARD]: () => page(list(), 9) },
        '<slims-feedback-board lang="en" page-size="5"></slims-feedback-board>',
      );
      await until(() => items(en).length === 5, 'the English list');
      await expectAccessible(en, 'the English board');
    });
  });
});
