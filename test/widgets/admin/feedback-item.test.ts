// One feedback item in the staff app: what it shows, the PUT/POST bodies of every action and what
// the view shows after, merging behind the confirm dialog, inert text, keyboard use, errors.
import { sendKeys } from '@web/test-runner-commands';
import type { FeedbackItem } from '../../../widgets/admin/api.ts';
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import { BASE, XSS, after, item, items, page, problem, purchaseItem, staff, tokenFor } from './feedback-fixtures.ts';
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
  textOf,
  typeInto,
  waitFor,
  type Call,
} from './helpers.ts';

const choices = {
  [`GET ${BASE}/staff`]: { body: { staff } },
  [`GET ${BASE}/categories`]: { body: { categories: ['Fasilitas', 'Jam layanan', 'Koleksi'] } },
};

const routesFor = (shown: FeedbackItem, more: Parameters<typeof stubFetch>[0] = {}) => ({
  [`GET ${BASE}/${shown.id}`]: { body: { item: shown } },
  ...choices,
  ...more,
});

async function openItem(id: number, lang?: string): Promise<SlimsCrmAdmin> {
  const el = await mount({ signedIn: true, ...(lang ? { lang } : {}) });
  el.route = { view: 'feedback-item', id };
  await waitFor(() => $(el, '[data-text]') || $(el, '[role="alert"]'), 'the item');
  return el;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

function choose(el: SlimsCrmAdmin, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(el, selector)!;
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks Save once the form has seen the change (the button is marked disabled while nothing differs). */
async function save(el: SlimsCrmAdmin): Promise<void> {
  const button = $<HTMLButtonElement>(el, '.fb-side form button[type="submit"]')!;
  await waitFor(() => button.getAttribute('aria-disabled') === 'false', 'Save to be enabled');
  button.click();
}

/** The element focused inside the app. */
const focused = (el: SlimsCrmAdmin) => el.shadowRoot!.activeElement;

describe('slims-crm-admin: feedback item', () => {
  afterEach(cleanup);

  it('shows the full text, the contact with its consent, the status history and the timeline', async () => {
    const shown = item();
    const fetch = stubFetch(routesFor(shown));
    try {
      const el = await openItem(41);
      equal(textOf($(el, 'h1')), 'Masukan KQ7MX-9RT2P');
      equal($(el, '[data-text]')!.textContent, shown.text, 'the whole text, line break included');
      equal(textOf($(el, '[data-from]')), 'Anonim');
      const contact = textOf($(el, '[data-contact]'));
      includes(contact, 'budi@example.org');
      includes(contact, 'Setuju dihubungi pada');
      equal($(el, '[data-contact] a')!.getAttribute('href'), 'mailto:budi@example.org');
      await expectAccessible(el, 'a feedback item');
      const history = $$(el, '[data-status-history] li').map((li) => textOf(li));
      equal(history.length, 2);
      includes(history[0]!, 'Baru');
      includes(history[0]!, 'Pengirim');
      includes(history[1]!, 'Sedang ditinjau');
      includes(history[1]!, 'Admin');
      const timeline = $$(el, '[data-events] li').map((li) => textOf(li));
      includes(timeline[0]!, 'Masukan dikirim');
      includes(timeline[1]!, 'Status: Baru → Sedang ditinjau');
      includes(timeline[2]!, 'Ditugaskan ke Sari Pustakawan');
      includes(timeline[3]!, 'Kategori: Jam layanan');
      includes(timeline[4]!, 'Catatan internal');
      includes(timeline[4]!, 'Tanyakan ke kepala perpustakaan.');
      includes(timeline[4]!, 'Sari Pustakawan');
      includes(timeline[5]!, 'Diterbitkan di papan publik');
      const time = $(el, '[data-events] li time')!;
      equal(time.getAttribute('datetime'), '2026-03-01T02:00:00Z');
      equal(
        textOf(time),
        new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date('2026-03-01T02:00:00Z'),
        ),
        'local time',
      );
      equal($<HTMLSelectElement>(el, '#fb-status')!.value, 'in_review');
      equal($<HTMLInputElement>(el, '#fb-category-input')!.value, 'Jam layanan');
      await waitFor(() => $<HTMLSelectElement>(el, '#fb-assign')!.value === '3', 'the assignee selected');
      deepEqual(
        $$<HTMLOptionElement>(el, '#fb-category-list option').map((o) => o.value),
        ['Fasilitas', 'Jam layanan', 'Koleksi'],
      );
    } finally {
      fetch.restore();
    }
  });

  it('shows a purchase request with its details, from a member, with no contact', async () => {
    const fetch = stubFetch(routesFor(purchaseItem()));
    try {
      const el = await openItem(43);
      const purchase = textOf($(el, '[data-purchase]'));
      deepEqual(
        $$(el, '[data-purchase] dt').map((d) => textOf(d)),
        ['Judul', 'Pengarang', 'ISBN'],
      );
      deepEqual(
        $$(el, '[data-purchase] dd').map((d) => textOf(d)),
        ['Pengantar Algoritma', 'Cormen', '9780262046305'],
      );
      includes(purchase, 'Pengantar Algoritma');
      equal(textOf($(el, '[data-from]')), 'Anggota M000123');
      assert(!$(el, '[data-contact]'), 'no contact shown when none was given');
      includes(textOf($(el, '#fb-content-title')), 'Usulan pembelian');
    } finally {
      fetch.restore();
    }
  });

  it('changes the status with PUT and shows the new history entry', async () => {
    const shown = item();
    const fetch = stubFetch(
      routesFor(shown, {
        [`PUT ${BASE}/41`]: {
          body: {
            item: after(
              shown,
              { status: 'planned' },
              {
                type: 'status',
                from: 'in_review',
                to: 'planned',
                text: null,
                staff: { uid: 3, name: 'Sari Pustakawan' },
              },
            ),
          },
        },
      }),
    );
    try {
      const el = await openItem(41);
      const save = button(el, 'Simpan') as HTMLButtonElement;
      equal(save.getAttribute('aria-disabled'), 'true', 'nothing to save before a change');
      choose(el, '#fb-status', 'planned');
      await el.updateComplete;
      equal(save.getAttribute('aria-disabled'), 'false', 'a change to save');
      save.click();
      await waitFor(() => $$(el, '[data-status-history] li').length === 3, 'the new history entry');
      const put = writes(fetch.calls)[0]!;
      equal(put.method, 'PUT');
      equal(put.url, 'https://crm.example/api/v1/staff/feedback/41');
      equal(put.headers.get('Authorization'), 'Bearer staff-token-1');
      deepEqual(put.body, { status: 'planned' });
      const entry = textOf($$(el, '[data-status-history] li')[2]!);
      includes(entry, 'Direncanakan');
      includes(entry, 'Sari Pustakawan');
      equal(textOf($(el, '[data-status-badge]')), 'Direncanakan');
      includes(textOf($$(el, '[data-events] li').at(-1)!), 'Status: Sedang ditinjau → Direncanakan');
      await waitFor(() => textOf($(el, '.toast')).includes('Perubahan disimpan'), 'the status message');
    } finally {
      fetch.restore();
    }
  });

  it('sets a new category (free text) and the assignee in one PUT, and clears them with null', async () => {
    const shown = item({ category: null, assigned: null, events: item().events.slice(0, 2) });
    let answer = shown;
    const fetch = stubFetch(routesFor(shown, { [`PUT ${BASE}/41`]: () => ({ body: { item: answer } }) }));
    try {
      const el = await openItem(41);
      await waitFor(() => $$(el, '#fb-assign option').length === 3, 'the staff list');
      deepEqual(
        $$<HTMLOptionElement>(el, '#fb-assign option').map((o) => textOf(o)),
        ['Belum ditugaskan', 'Admin', 'Sari Pustakawan'],
      );
      typeInto($(el, '#fb-category-input'), '  Ruang baca  ');
      choose(el, '#fb-assign', '3');
      answer = after(
        after(
          shown,
          { category: 'Ruang baca', assigned: staff[1]! },
          { type: 'category', from: null, to: 'Ruang baca', text: null, staff: staff[0]! },
        ),
        {},
        { type: 'assign', from: null, to: 'Sari Pustakawan', text: null, staff: staff[0]! },
      );
      await save(el);
      await waitFor(() => writes(fetch.calls).length === 1, 'the PUT');
      deepEqual(writes(fetch.calls)[0]!.body, { category: 'Ruang baca', assignedUid: 3 });
      await waitFor(() => textOf($(el, '[data-events]')).includes('Ditugaskan ke Sari Pustakawan'), 'the assign event');
      includes(textOf($(el, '[data-events]')), 'Kategori: Ruang baca');
      assert(
        $$<HTMLOptionElement>(el, '#fb-category-list option').some((o) => o.value === 'Ruang baca'),
        'the new category is offered next time',
      );

      typeInto($(el, '#fb-category-input'), '');
      choose(el, '#fb-assign', '');
      await save(el);
      await waitFor(() => writes(fetch.calls).length === 2, 'the second PUT');
      deepEqual(writes(fetch.calls)[1]!.body, { category: null, assignedUid: null });
    } finally {
      fetch.restore();
    }
  });

  it('publishes and hides with PUT { published }', async () => {
    const shown = item({ published: false, events: item().events.slice(0, 2) });
    const published = after(
      shown,
      { published: true },
      { type: 'publish', from: null, to: null, text: null, staff: staff[0]! },
    );
    const fetch = stubFetch(
      routesFor(shown, {
        [`PUT ${BASE}/41`]: (call) => ({
          body: {
            item: (call.body as { published: boolean }).published
              ? published
              : after(
                  published,
                  { published: false },
                  { type: 'hide', from: null, to: null, text: null, staff: staff[0]! },
                ),
          },
        }),
      }),
    );
    try {
      const el = await openItem(41);
      includes(textOf($(el, '[data-board-state]')), 'tidak tampil');
      button(el, 'Terbitkan di papan').click();
      await waitFor(() => $(el, '#fb-publish')?.dataset.publish === 'hide', 'the hide button');
      deepEqual(writes(fetch.calls)[0]!.body, { published: true });
      includes(textOf($(el, '[data-board-state]')), 'tampil di papan');
      includes(textOf($$(el, '[data-events] li').at(-1)!), 'Diterbitkan di papan publik');
      button(el, 'Sembunyikan dari papan').click();
      await waitFor(() => $(el, '#fb-publish')?.dataset.publish === 'publish', 'the publish button again');
      deepEqual(writes(fetch.calls)[1]!.body, { published: false });
      includes(textOf($$(el, '[data-events] li').at(-1)!), 'Disembunyikan dari papan publik');
    } finally {
      fetch.restore();
    }
  });

  it('sends a public reply and a private one with the right bodies', async () => {
    const shown = item();
    const fetch = stubFetch(
      routesFor(shown, {
        [`POST ${BASE}/41/replies`]: (call) => {
          const { text, visibility } = call.body as { text: string; visibility: string };
          const change = visibility === 'public' ? { publicReply: { text, at: '2026-03-02T06:30:00Z' } } : {};
          return {
            status: 201,
            body: {
              item: after(shown, change, {
                type: visibility === 'public' ? 'reply_public' : 'reply_private',
                from: null,
                to: null,
                text,
                staff: staff[0]!,
              }),
            },
          };
        },
      }),
    );
    try {
      const el = await openItem(41);
      equal($<HTMLInputElement>(el, 'input[name="fb-visibility"][value="public"]')!.checked, true, 'public by default');
      includes(textOf($(el, '#fb-vis-public-hint')), 'Tampil di papan');
      includes(textOf($(el, '#fb-vis-private-hint')), 'e-mail');
      typeInto($(el, '#fb-reply'), '  Mulai bulan depan kami buka hari Sabtu.  ');
      button(el, 'Kirim balasan').click();
      await waitFor(() => $(el, '[data-public-reply]'), 'the public reply shown');
      deepEqual(writes(fetch.calls)[0]!.body, {
        text: 'Mulai bulan depan kami buka hari Sabtu.',
        visibility: 'public',
      });
      equal(writes(fetch.calls)[0]!.path, '/api/v1/staff/feedback/41/replies');
      includes(textOf($(el, '[data-public-reply]')), 'Mulai bulan depan kami buka hari Sabtu.');
      equal($<HTMLTextAreaElement>(el, '#fb-reply')!.value, '', 'the box is emptied after sending');

      $<HTMLInputElement>(el, 'input[name="fb-visibility"][value="private"]')!.click();
      typeInto($(el, '#fb-reply'), 'Terima kasih, Budi.');
      button(el, 'Kirim balasan').click();
      await waitFor(() => writes(fetch.calls).length === 2, 'the private reply');
      deepEqual(writes(fetch.calls)[1]!.body, { text: 'Terima kasih, Budi.', visibility: 'private' });
      await waitFor(
        () => textOf($$(el, '[data-events] li').at(-1)!).includes('Balasan pribadi'),
        'the private reply in the timeline',
      );
      includes(textOf($$(el, '[data-events] li').at(-1)!), 'Terima kasih, Budi.');
    } finally {
      fetch.restore();
    }
  });

  it('says e-mail is off and what to set when the sidecar sends none, and promises no notice', async () => {
    const shown = item();
    const fetch = stubFetch({
      ...routesFor(shown),
      [`GET ${BASE}/${shown.id}`]: { body: { item: shown, email: false } },
    });
    try {
      const el = await openItem(41);
      const off = textOf($(el, '[data-email-off]'));
      includes(off, 'E-mail belum aktif');
      includes(off, 'CRM_SMTP_URL');
      for (const hint of ['#fb-vis-public-hint', '#fb-vis-private-hint']) {
        includes(textOf($(el, hint)), 'e-mail belum aktif');
        assert(!textOf($(el, hint)).includes('diberi tahu'), `${hint} promises no notice`);
      }
    } finally {
      fetch.restore();
    }
    const on = stubFetch({ ...routesFor(shown), [`GET ${BASE}/${shown.id}`]: { body: { item: shown, email: true } } });
    try {
      const el = await openItem(41);
      equal($(el, '[data-email-off]'), null, 'nothing to say when e-mail is on');
      includes(textOf($(el, '#fb-vis-public-hint')), 'diberi tahu');
    } finally {
      on.restore();
    }
  });

  it('offers a private reply without a submitter e-mail (they read it by tracking code), and says no e-mail goes', async () => {
    const shown = purchaseItem({ contact: { email: null, phone: '6281234567890', consentAt: '2026-03-01T02:00:00Z' } });
    const fetch = stubFetch(
      routesFor(shown, {
        [`POST ${BASE}/43/replies`]: (call) => ({
          status: 201,
          body: {
            item: after(
              shown,
              {},
              {
                type: 'reply_private',
                from: null,
                to: null,
                text: (call.body as { text: string }).text,
                staff: staff[0]!,
              },
            ),
          },
        }),
      }),
    );
    try {
      const el = await openItem(43);
      const privateRadio = $<HTMLInputElement>(el, 'input[name="fb-visibility"][value="private"]')!;
      assert(
        !privateRadio.disabled,
        'private is offered: the server takes it and the submitter sees it by tracking code',
      );
      const hint = textOf($(el, '#fb-vis-private-hint'));
      includes(hint, 'kode pelacakan');
      includes(hint, 'pengirim tidak memberi alamat e-mail');
      equal(privateRadio.getAttribute('aria-describedby'), 'fb-vis-private-hint');
      includes(textOf($(el, '[data-contact]')), '+6281234567890');
      privateRadio.click();
      typeInto($(el, '#fb-reply'), 'Judul ini sudah dipesan.');
      button(el, 'Kirim balasan').click();
      await waitFor(() => writes(fetch.calls).length === 1, 'the private reply');
      deepEqual(writes(fetch.calls)[0]!.body, { text: 'Judul ini sudah dipesan.', visibility: 'private' });
    } finally {
      fetch.restore();
    }
  });

  it('keeps focus on the control after saving, publishing and adding a note', async () => {
    const shown = item({ published: false });
    const fetch = stubFetch(
      routesFor(shown, {
        [`PUT ${BASE}/41`]: (call) => ({ body: { item: { ...shown, ...(call.body as object) } } }),
        [`POST ${BASE}/41/notes`]: (call) => ({
          status: 201,
          body: {
            item: after(
              shown,
              {},
              { type: 'note', from: null, to: null, text: (call.body as { text: string }).text, staff: staff[0]! },
            ),
          },
        }),
      }),
    );
    try {
      const el = await openItem(41);
      choose(el, '#fb-status', 'planned');
      await el.updateComplete;
      const saveButton = button(el, 'Simpan');
      saveButton.focus();
      saveButton.click();
      await waitFor(() => textOf($(el, '[data-status-badge]')) === 'Direncanakan', 'the saved status');
      await el.updateComplete;
      equal(focused(el), saveButton, 'Save keeps focus once nothing is left to save');

      const publish = $(el, '#fb-publish')!;
      publish.focus();
      publish.click();
      await waitFor(() => $(el, '#fb-publish')?.dataset.publish === 'hide', 'the hide button');
      await el.updateComplete;
      equal(focused(el), $(el, '#fb-publish'), 'the publish button keeps focus');

      typeInto($(el, '#fb-note'), 'Catatan');
      const add = button(el, 'Tambah catatan');
      add.focus();
      add.click();
      await waitFor(() => $$(el, '[data-notes] li').length === 2, 'the note');
      await el.updateComplete;
      equal(focused(el), add, 'Add note keeps focus');
      add.click();
      await waitFor(() => $(el, '#fb-note-error'), 'the empty note refused');
      equal(writes(fetch.calls).length, 3, 'an empty note is not sent');
    } finally {
      fetch.restore();
    }
  });

  it('shows a read-only staff member the item without the forms that need write privilege', async () => {
    const fetch = stubFetch(
      routesFor(item({ publicReply: { text: 'Sudah kami catat.', at: '2026-03-02T06:30:00Z' } })),
    );
    try {
      const el = await mount({ signedIn: true });
      el.token = tokenFor(5, 'Rina', { membership: { r: true, w: false } });
      el.route = { view: 'feedback-item', id: 41 };
      await waitFor(() => $(el, '[data-text]'), 'the item');
      includes(textOf($(el, '[data-read-only]')), 'hak tulis modul Keanggotaan');
      for (const selector of [
        '#fb-reply',
        '#fb-note',
        '#fb-publish',
        '#fb-merge-query',
        '.fb-side form button[type="submit"]',
      ]) {
        assert(!$(el, selector), `no ${selector} for a read-only staff member`);
      }
      assert(
        $<HTMLFieldSetElement>(el, '.fb-side form fieldset')!.disabled,
        'the handling fields are shown, not editable',
      );
      equal($<HTMLSelectElement>(el, '#fb-status')!.value, 'in_review');
      includes(textOf($(el, '[data-public-reply]')), 'Sudah kami catat.');
      includes(textOf($(el, '[data-notes]')), 'Tanyakan ke kepala perpustakaan.');
      await expectAccessible(el, 'a feedback item for a read-only staff member');
    } finally {
      fetch.restore();
      cleanup();
    }
    const again = stubFetch(routesFor(item()));
    try {
      const el = await mount({ signedIn: true });
      el.token = tokenFor(3, 'Sari Pustakawan', { membership: { r: true, w: true } });
      el.route = { view: 'feedback-item', id: 41 };
      await waitFor(() => $(el, '[data-text]'), 'the item');
      assert(
        !$(el, '[data-read-only]') && $(el, '#fb-reply') && $(el, '#fb-publish'),
        'the forms for a staff member who may write',
      );
    } finally {
      again.restore();
    }
  });

  it('warns before the page unloads with a reply or note not yet sent', async () => {
    const fetch = stubFetch(routesFor(item()));
    try {
      const el = await openItem(41);
      const unload = () => {
        const event = new Event('beforeunload', { cancelable: true });
        window.dispatchEvent(event);
        return event.defaultPrevented;
      };
      equal(unload(), false, 'nothing written, nothing to lose');
      typeInto($(el, '#fb-note'), 'Setengah jadi');
      equal(unload(), true, 'the browser asks before the note is lost');
      el.remove();
      equal(unload(), false, 'the listener leaves with the view');
    } finally {
      fetch.restore();
    }
  });

  it('keeps an unsent reply and note in the tab: a session that runs out while writing loses no work', async () => {
    const shown = item();
    let expired = true;
    const fetch = stubFetch(
      routesFor(shown, {
        [`POST ${BASE}/41/replies`]: (call) =>
          expired
            ? { status: 401, body: { error: { code: 'unauthorized', message: 'Silakan masuk sebagai staf.' } } }
            : {
                status: 201,
                body: {
                  item: after(
                    shown,
                    {},
                    {
                      type: 'reply_private',
                      from: null,
                      to: null,
                      text: (call.body as { text: string }).text,
                      staff: staff[0]!,
                    },
                  ),
                },
              },
        'POST /api/v1/staff/session': {
          body: { token: 'staff-token-2', expiresAt: '2099-01-01T00:00:00Z', staff: { uid: 1, name: 'Admin' } },
        },
      }),
    );
    try {
      const el = await openItem(41);
      typeInto($(el, '#fb-reply'), 'Buku sudah kami pesan,');
      typeInto($(el, '#fb-note'), 'Cek anggaran');
      $<HTMLInputElement>(el, 'input[name="fb-visibility"][value="private"]')!.click();
      button(el, 'Kirim balasan').click();
      // The session ran out: the app signs the librarian out, who signs in again and opens the item.
      await waitFor(() => $(el, '#signin-username'), 'the sign-in form');
      expired = false;
      typeInto($(el, '#signin-username'), 'admin');
      typeInto($(el, '#signin-password'), 'admin');
      button(el, 'Masuk').click();
      await waitFor(() => !$(el, '#signin-username'), 'signed in again');
      el.route = { view: 'feedback-item', id: 41 };
      await waitFor(() => $(el, '[data-text]'), 'the item again');
      equal($<HTMLTextAreaElement>(el, '#fb-reply')!.value, 'Buku sudah kami pesan,');
      equal($<HTMLTextAreaElement>(el, '#fb-note')!.value, 'Cek anggaran');

      $<HTMLInputElement>(el, 'input[name="fb-visibility"][value="private"]')!.click();
      button(el, 'Kirim balasan').click();
      await waitFor(() => $<HTMLTextAreaElement>(el, '#fb-reply')!.value === '', 'the reply sent');
      el.route = { view: 'feedback' };
      await waitFor(() => !$(el, '#fb-reply'), 'the inbox');
      el.route = { view: 'feedback-item', id: 41 };
      await waitFor(() => $(el, '[data-text]'), 'the item once more');
      equal($<HTMLTextAreaElement>(el, '#fb-reply')!.value, '', 'a sent reply is not brought back');
      equal($<HTMLTextAreaElement>(el, '#fb-note')!.value, 'Cek anggaran', 'the unsent note still is');
    } finally {
      fetch.restore();
    }
  });

  it('does not show the answer to a change on one item after moving to another', async () => {
    const shown = item({ published: false });
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fetch = stubFetch(
      routesFor(shown, {
        [`PUT ${BASE}/41`]: { body: { item: { ...shown, published: true } } },
        [`GET ${BASE}/42`]: { body: { item: item({ ...items[1]! }) } },
      }),
    );
    const stubbed = window.fetch;
    window.fetch = (input, init) =>
      init?.method === 'PUT' ? gate.then(() => stubbed(input, init)) : stubbed(input, init);
    try {
      const el = await openItem(41);
      button(el, 'Terbitkan di papan').click();
      el.route = { view: 'feedback-item', id: 42 };
      await waitFor(() => textOf($(el, 'h1')) === 'Masukan P2W8N-HJ4KD', 'the other item');
      release();
      await waitFor(() => writes(fetch.calls).length === 1, 'the PUT answered');
      await new Promise((r) => setTimeout(r, 50));
      equal(textOf($(el, 'h1')), 'Masukan P2W8N-HJ4KD', 'still the item asked for');
    } finally {
      fetch.restore();
    }
  });

  it('asks before leaving a reply that was written but not sent', async () => {
    const fetch = stubFetch(routesFor(item(), { [`GET ${BASE}`]: { body: page() } }));
    try {
      const el = await openItem(41);
      typeInto($(el, '#fb-reply'), 'Setengah jadi');
      button(el, 'Kotak saran', '.crumb').click();
      const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the unsaved-change dialog');
      includes(textOf(dialog), 'Buang perubahan?');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog to close');
      equal($<HTMLTextAreaElement>(el, '#fb-reply')!.value, 'Setengah jadi', 'the reply is kept');
      button(el, 'Kotak saran', 'nav').click();
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog again, from the navigation');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => $(el, 'table.feedback'), 'the inbox');
    } finally {
      fetch.restore();
    }
  });

  it('asks for a text before sending a reply or a note', async () => {
    const fetch = stubFetch(routesFor(item()));
    try {
      const el = await openItem(41);
      button(el, 'Kirim balasan').click();
      await waitFor(() => $(el, '#fb-reply-error'), 'the reply error');
      equal($(el, '#fb-reply')!.getAttribute('aria-invalid'), 'true');
      button(el, 'Tambah catatan').click();
      await waitFor(() => $(el, '#fb-note-error'), 'the note error');
      includes(textOf($(el, '#fb-note-error')), 'Tulis teksnya dulu.');
      equal(writes(fetch.calls).length, 0);
    } finally {
      fetch.restore();
    }
  });

  it('adds an internal note with POST /notes and lists it', async () => {
    const shown = item();
    const fetch = stubFetch(
      routesFor(shown, {
        [`POST ${BASE}/41/notes`]: (call) => ({
          status: 201,
          body: {
            item: after(
              shown,
              {},
              { type: 'note', from: null, to: null, text: (call.body as { text: string }).text, staff: staff[0]! },
            ),
          },
        }),
      }),
    );
    try {
      const el = await openItem(41);
      equal($$(el, '[data-notes] li').length, 1);
      typeInto($(el, '#fb-note'), 'Sudah dibahas di rapat.');
      button(el, 'Tambah catatan').click();
      await waitFor(() => $$(el, '[data-notes] li').length === 2, 'the new note');
      const post = writes(fetch.calls)[0]!;
      equal(post.path, '/api/v1/staff/feedback/41/notes');
      deepEqual(post.body, { text: 'Sudah dibahas di rapat.' });
      includes(textOf($$(el, '[data-notes] li')[1]!), 'Sudah dibahas di rapat.');
      includes(textOf($$(el, '[data-notes] li')[1]!), 'Admin');
    } finally {
      fetch.restore();
    }
  });

  it('merges a duplicate found by its code only after the dialog confirms', async () => {
    const shown = item();
    const kept = after(
      shown,
      { merged: [{ id: 42, code: 'P2W8N-HJ4KD' }], votes: 13 },
      { type: 'merged_from', from: '42', to: null, text: null, staff: staff[0]! },
    );
    const fetch = stubFetch(
      routesFor(shown, {
        [`GET ${BASE}`]: { body: page({ items: [items[0]!, items[1]!], total: 2 }) },
        [`POST ${BASE}/42/merge`]: { body: { item: kept } },
      }),
    );
    try {
      const el = await openItem(41);
      typeInto($(el, '#fb-merge-query'), 'p2w8n-hj4kd');
      button(el, 'Cari').click();
      await waitFor(() => $(el, '[data-candidates]'), 'the candidates');
      const search = fetch.calls.find((c) => c.path === BASE)!;
      equal(new URL(search.url).searchParams.get('q'), 'p2w8n-hj4kd', 'the code as typed');
      equal($$(el, '[data-candidates] li').length, 1, 'the item itself is not offered');
      const pick = $(el, '[data-merge="42"]')!;
      equal(pick.getAttribute('aria-label'), 'Gabungkan dengan P2W8N-HJ4KD');

      pick.click();
      const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the confirm dialog');
      includes(textOf(dialog), 'P2W8N-HJ4KD ditandai sebagai duplikat dari KQ7MX-9RT2P');
      await expectAccessible(el, 'the merge dialog');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog to close');
      equal(writes(fetch.calls).length, 0, 'cancel merges nothing');

      $(el, '[data-merge="42"]')!.click();
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog again');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => writes(fetch.calls).length === 1, 'the merge');
      const post = writes(fetch.calls)[0]!;
      equal(post.path, '/api/v1/staff/feedback/42/merge');
      deepEqual(post.body, { into: 41 });
      await waitFor(
        () => textOf($(el, '[data-events]')).includes('Duplikat P2W8N-HJ4KD digabung ke sini'),
        'the merge event',
      );
      includes(textOf($(el, '.fb-meta')), '13 suara');
      await waitFor(
        () => textOf($(el, '.toast')).includes('P2W8N-HJ4KD digabung ke KQ7MX-9RT2P'),
        'the status message',
      );
    } finally {
      fetch.restore();
    }
  });

  it('merges this item into another given by its number, then shows the kept one', async () => {
    const shown = item();
    const other = item({
      ...items[1]!,
      events: item().events.slice(0, 1),
      contact: null,
      watchers: 0,
      hasContact: false,
    });
    const fetch = stubFetch(
      routesFor(shown, {
        [`GET ${BASE}/42`]: { body: { item: other } },
        [`POST ${BASE}/41/merge`]: { body: { item: { ...other, merged: [{ id: 41, code: shown.code }] } } },
      }),
    );
    try {
      const el = await openItem(41);
      $<HTMLInputElement>(el, 'input[name="fb-merge-direction"][value="this"]')!.click();
      typeInto($(el, '#fb-merge-query'), '42');
      button(el, 'Cari').click();
      await waitFor(() => $(el, '[data-merge="42"]'), 'the item found by number');
      $(el, '[data-merge="42"]')!.click();
      const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the confirm dialog');
      includes(textOf(dialog), 'KQ7MX-9RT2P ditandai sebagai duplikat dari P2W8N-HJ4KD');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => textOf($(el, 'h1')) === 'Masukan P2W8N-HJ4KD', 'the kept item');
      deepEqual(writes(fetch.calls)[0]!.body, { into: 42 });
    } finally {
      fetch.restore();
    }
  });

  it('says when the item was merged away, links the kept one and offers no second merge', async () => {
    const merged = item({
      mergedInto: 42,
      published: false,
      events: [
        ...item().events,
        { id: 9, type: 'merged_into', from: null, to: '42', text: null, staff: staff[0]!, at: '2026-03-03T00:00:00Z' },
      ],
    });
    const fetch = stubFetch(routesFor(merged, { [`GET ${BASE}/42`]: { body: { item: item({ ...items[1]! }) } } }));
    try {
      const el = await openItem(41);
      includes(textOf($(el, '[data-merged-into]')), 'sudah digabung');
      includes(textOf($$(el, '[data-events] li').at(-1)!), 'Digabung ke #42 sebagai duplikat');
      assert(!$(el, '#fb-merge-query'), 'no merge form');
      await expectAccessible(el, 'an item merged away');
      button(el, 'Buka masukan yang dipertahankan').click();
      await waitFor(() => textOf($(el, 'h1')) === 'Masukan P2W8N-HJ4KD', 'the kept item');
    } finally {
      fetch.restore();
    }
  });

  it('shows the 409 merge_invalid message from the server', async () => {
    const fetch = stubFetch(
      routesFor(item(), {
        [`GET ${BASE}/42`]: { body: { item: item({ ...items[1]! }) } },
        [`POST ${BASE}/42/merge`]: problem(409, 'merge_invalid', 'Masukan ini sudah digabung.'),
      }),
    );
    try {
      const el = await openItem(41);
      typeInto($(el, '#fb-merge-query'), '42');
      button(el, 'Cari').click();
      await waitFor(() => $(el, '[data-merge="42"]'), 'the candidate');
      $(el, '[data-merge="42"]')!.click();
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => textOf($(el, '#fb-merge-error')).includes('Masukan ini sudah digabung.'), 'the error');
      await expectAccessible(el, 'an item after a refused merge');
    } finally {
      fetch.restore();
    }
  });

  it('shows every text field as text, never as HTML', async () => {
    const nasty = item({
      text: XSS,
      category: XSS,
      purchase: { title: XSS, author: XSS, isbn: null },
      kind: 'purchase',
      memberId: XSS,
      assigned: { uid: 9, name: XSS },
      contact: { email: XSS, phone: null, consentAt: '2026-03-01T02:00:00Z' },
      publicReply: { text: XSS, at: '2026-03-02T00:00:00Z' },
      merged: [{ id: 50, code: XSS }],
      events: [
        { id: 1, type: 'created', from: null, to: 'new', text: XSS, staff: null, at: '2026-03-01T02:00:00Z' },
        {
          id: 2,
          type: 'status',
          from: XSS,
          to: XSS,
          text: null,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 3,
          type: 'note',
          from: null,
          to: null,
          text: XSS,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 4,
          type: 'reply_public',
          from: null,
          to: null,
          text: XSS,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 5,
          type: 'reply_private',
          from: null,
          to: null,
          text: XSS,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 6,
          type: 'category',
          from: null,
          to: XSS,
          text: null,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 7,
          type: 'assign',
          from: null,
          to: XSS,
          text: null,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
        {
          id: 8,
          type: 'merged_from',
          from: XSS,
          to: null,
          text: null,
          staff: { uid: 9, name: XSS },
          at: '2026-03-01T03:00:00Z',
        },
      ],
    });
    const fetch = stubFetch({
      [`GET ${BASE}/41`]: { body: { item: nasty } },
      [`GET ${BASE}/staff`]: { body: { staff: [{ uid: 9, name: XSS }] } },
      [`GET ${BASE}/categories`]: { body: { categories: [XSS] } },
      [`GET ${BASE}`]: {
        body: page({ items: [{ ...items[1]!, text: XSS, purchase: { title: XSS, author: XSS, isbn: null } }] }),
      },
    });
    try {
      const el = await openItem(41);
      await waitFor(() => $$(el, '#fb-category-list option').length === 1, 'the categories');
      typeInto($(el, '#fb-merge-query'), 'ac');
      button(el, 'Cari').click();
      await waitFor(() => $(el, '[data-candidates]'), 'the candidates');
      const root = el.shadowRoot!;
      equal(root.querySelectorAll('img, script, b').length, 0, 'no elements were made from any field');
      includes(textOf($(el, '[data-text]')), XSS);
      includes(textOf($(el, '[data-purchase]')), XSS);
      includes(textOf($(el, '[data-public-reply]')), XSS);
      includes(textOf($(el, '[data-notes]')), XSS);
      includes(textOf($(el, '[data-contact]')), XSS);
      includes(textOf($(el, '[data-from]')), XSS);
      includes(textOf($(el, '[data-candidates]')), XSS);
      for (const type of ['status', 'note', 'reply_public', 'reply_private', 'category', 'assign', 'merged_from']) {
        includes(textOf($(el, `[data-events] li[data-event="${type}"]`)), '<b>tebal</b>', type);
      }
      includes(textOf($(el, '#fb-assign')), XSS);
      equal($<HTMLInputElement>(el, '#fb-category-input')!.value, XSS);
      await new Promise((r) => setTimeout(r, 50));
      equal((window as { __pwned?: boolean }).__pwned, undefined);
    } finally {
      fetch.restore();
    }
  });

  it('is operable from the keyboard: note, reply visibility and publish', async () => {
    const shown = item({ published: false });
    const fetch = stubFetch(
      routesFor(shown, {
        [`POST ${BASE}/41/notes`]: (call) => ({
          status: 201,
          body: {
            item: after(
              shown,
              {},
              { type: 'note', from: null, to: null, text: (call.body as { text: string }).text, staff: staff[0]! },
            ),
          },
        }),
        [`POST ${BASE}/41/replies`]: { status: 201, body: { item: shown } },
        [`PUT ${BASE}/41`]: { body: { item: { ...shown, published: true } } },
      }),
    );
    try {
      const el = await openItem(41);
      $(el, '#fb-note')!.focus();
      await sendKeys({ type: 'Lewat keyboard' });
      await sendKeys({ press: 'Tab' });
      equal(textOf(el.shadowRoot!.activeElement as Element), 'Tambah catatan');
      await sendKeys({ press: 'Enter' });
      await waitFor(() => writes(fetch.calls).length === 1, 'the note sent');
      deepEqual(writes(fetch.calls)[0]!.body, { text: 'Lewat keyboard' });

      $(el, '#fb-reply')!.focus();
      await sendKeys({ type: 'Halo' });
      await sendKeys({ press: 'Tab' });
      equal((el.shadowRoot!.activeElement as HTMLInputElement).value, 'public');
      await sendKeys({ press: 'ArrowRight' });
      equal((el.shadowRoot!.activeElement as HTMLInputElement).value, 'private');
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Enter' });
      await waitFor(() => writes(fetch.calls).length === 2, 'the reply sent');
      deepEqual(writes(fetch.calls)[1]!.body, { text: 'Halo', visibility: 'private' });

      $(el, '#fb-publish')!.focus();
      await sendKeys({ press: 'Space' });
      await waitFor(() => writes(fetch.calls).length === 3, 'the publish');
      deepEqual(writes(fetch.calls)[2]!.body, { published: true });
    } finally {
      fetch.restore();
    }
  });

  it('shows the server error on a 500 and the forbidden message on a 403', async () => {
    let fetch = stubFetch({
      [`GET ${BASE}/41`]: problem(500, 'internal_error', 'Terjadi kesalahan di server.'),
      ...choices,
    });
    try {
      const el = await openItem(41);
      includes(textOf($(el, '[role="alert"]')), 'Terjadi kesalahan di server.');
      button(el, 'Coba lagi');
    } finally {
      fetch.restore();
      cleanup();
    }
    fetch = stubFetch({
      [`GET ${BASE}/41`]: problem(403, 'forbidden', 'Anda tidak memiliki hak akses keanggotaan.'),
      ...choices,
    });
    try {
      const el = await openItem(41);
      const alert = $(el, '[data-error="forbidden"]')!;
      includes(textOf(alert), 'Akses ditolak');
      includes(textOf(alert), 'Anda tidak memiliki hak akses keanggotaan.');
      assert(!alert.querySelector('button'), 'no retry for a 403');
    } finally {
      fetch.restore();
    }
  });

  it('shows a 422 from a PUT beside the form', async () => {
    const fetch = stubFetch(
      routesFor(item(), {
        [`PUT ${BASE}/41`]: {
          status: 422,
          body: {
            error: {
              code: 'validation_failed',
              message: 'Isian tidak valid.',
              details: [{ field: 'assignedUid', message: 'Petugas tidak dikenal.' }],
            },
          },
        },
      }),
    );
    try {
      const el = await openItem(41);
      choose(el, '#fb-status', 'done');
      await save(el);
      await waitFor(() => textOf($(el, '.fb-side [role="alert"]')).includes('Petugas tidak dikenal.'), 'the problem');
      equal(textOf($(el, '[data-status-badge]')), 'Sedang ditinjau', 'nothing changed');
    } finally {
      fetch.restore();
    }
  });

  it('speaks English: statuses, kinds and the private-reply hint', async () => {
    const fetch = stubFetch(routesFor(purchaseItem()));
    try {
      const el = await openItem(43, 'en');
      equal(textOf($(el, 'h1')), 'Feedback Z9Y8X-W7V6U');
      deepEqual(
        $$<HTMLOptionElement>(el, '#fb-status option').map((o) => textOf(o)),
        ['New', 'In review', 'Planned', 'Done', 'Declined'],
      );
      includes(textOf($(el, '.fb-meta')), 'Purchase request');
      includes(textOf($(el, '#fb-vis-private-hint')), 'the submitter gave no e-mail address');
      equal(textOf($(el, '[data-from]')), 'Member M000123');
    } finally {
      fetch.restore();
    }
  });
});
