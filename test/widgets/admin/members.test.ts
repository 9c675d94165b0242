// Member profiles in the staff app, in Chromium: the Anggota section's search, filters and paging (in the
// URL), a profile with SLiMS's data, loans, visits and the timeline, the interaction form, the note and labels
// editor, the unsaved-work guard, hash routes (reload, back, a card number with a slash), read-only staff, and
// axe in both languages.
import type { MemberPage } from '../../../widgets/admin/api.ts';
import { parseRoute, formatRoute } from '../../../widgets/admin/routes.ts';
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
import { tokenFor } from './feedback-fixtures.ts';
import { profile } from './member-fixtures.ts';
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

const BASE = '/api/v1/staff/members';

// Shaped as GET /api/v1/staff/members and /members/{id} answer (server/members/staff-members.routes.ts).
const types = [
  { id: 2, name: 'Mahasiswa' },
  { id: 1, name: 'Umum' },
];
const summary = (id: string, name: string, over: Partial<MemberPage['items'][number]> = {}) => ({
  id,
  name,
  type: { id: 1, name: 'Umum' },
  institution: null,
  expireDate: '2027-06-30',
  expired: false,
  pending: false,
  tier: null,
  score: null,
  ...over,
});
const page = (over: Partial<MemberPage> = {}): MemberPage => ({
  items: [
    summary('M001', 'Siti Aminah', { type: { id: 2, name: 'Mahasiswa' }, institution: 'Universitas Riau' }),
    summary('K/0042', 'Dewi Lestari', { expired: true, expireDate: '2025-01-01' }),
  ],
  total: 2,
  page: 1,
  pageSize: 25,
  types,
  ...over,
});

const listCalls = (calls: Call[]) => calls.filter((c) => c.method === 'GET' && c.path === BASE);
const lastQuery = (calls: Call[]) => Object.fromEntries(new URL(listCalls(calls).at(-1)!.url).searchParams);

function routes(over: Record<string, Parameters<typeof stubFetch>[0][string]> = {}) {
  return stubFetch({
    'GET /api/v1/staff/surveys': { body: { surveys } },
    [`GET ${BASE}`]: { body: page() },
    [`GET ${BASE}/M001`]: { body: profile() },
    [`GET ${BASE}/K%2F0042`]: { body: profile({ id: 'K/0042', name: 'Dewi Lestari', photo: null, labels: [] }) },
    ...over,
  });
}

async function openProfile(el: SlimsCrmAdmin, id = 'M001'): Promise<void> {
  el.route = { view: 'member', id };
  await waitFor(() => $(el, '[data-slims]'), 'the profile');
}

function choose(el: SlimsCrmAdmin, selector: string, value: string): void {
  const select = $<HTMLSelectElement>(el, selector);
  assert(select, `a select ${selector}`);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('slims-crm-admin: members', () => {
  afterEach(cleanup);

  it('has an Anggota section that lists members, each row linking to the profile', async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true });
      await waitFor(() => $(el, 'table.surveys'), 'the survey list');
      const link = $(el, 'nav a[data-section="members"]')!;
      equal(textOf(link), 'Anggota');
      equal(link.getAttribute('href'), '#/members');
      link.click();
      await waitFor(() => $(el, 'table.members'), 'the member list');
      equal(location.hash, '#/members');
      equal(link.getAttribute('aria-current'), 'page');
      await waitFor(() => el.shadowRoot!.activeElement?.tagName === 'H1', 'focus on the heading');
      equal(textOf($(el, 'h1')), 'Anggota');
      equal(listCalls(fetch.calls)[0]!.url, 'https://crm.example/api/v1/staff/members?page=1&pageSize=25');
      const rows = $$(el, 'table.members tbody tr');
      equal(rows.length, 2);
      includes(textOf(rows[0]!), 'Siti Aminah');
      includes(textOf(rows[0]!), 'Universitas Riau');
      includes(textOf(rows[0]!), 'Mahasiswa');
      includes(textOf(rows[1]!), 'Kedaluwarsa');
      equal(textOf($(el, '.result-count')), '2 anggota');
      deepEqual(
        $$<HTMLOptionElement>(el, '#mb-type option').map((o) => o.textContent),
        ['Semua', 'Mahasiswa', 'Umum'],
      );
      const second = $(el, 'tr[data-member="K/0042"] [data-row-link]')!;
      equal(second.getAttribute('href'), '#/members/K%2F0042', 'a card number with a slash stays one segment');
      // The arrow keys move between the rows' links.
      const first = $(el, 'tr[data-member="M001"] [data-row-link]')!;
      first.focus();
      first.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
      assert(el.shadowRoot!.activeElement === second, 'the arrow down moved to the next row');
      second.click();
      await waitFor(() => $(el, '[data-slims]'), 'the profile');
      equal(location.hash, '#/members/K%2F0042');
      equal(textOf($(el, 'h1')), 'Dewi Lestari');
    } finally {
      fetch.restore();
    }
  });

  it('searches as typing pauses and filters by type, expiry and tier, all in the URL', async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true, hash: '#/members' });
      await waitFor(() => $(el, 'table.members'), 'the member list');
      typeInto($<HTMLInputElement>(el, '#mb-search'), 'siti');
      await waitFor(() => lastQuery(fetch.calls).q === 'siti', 'the search sent');
      await waitFor(() => location.hash === '#/members?q=siti', 'the search in the URL');
      choose(el, '#mb-type', '2');
      await waitFor(() => lastQuery(fetch.calls).type === '2', 'the type filter');
      choose(el, '#mb-expiry', 'expiring');
      await waitFor(() => lastQuery(fetch.calls).expiry === 'expiring', 'the expiry filter');
      await waitFor(() => location.hash === '#/members?q=siti&type=2&expiry=expiring', 'all three in the URL');
      fetch.restore();
      const empty = routes({ [`GET ${BASE}`]: { body: page({ items: [], total: 0 }) } });
      try {
        choose(el, '#mb-tier', 'loyal');
        const state = await waitFor(() => $(el, '.empty'), 'the empty state');
        includes(textOf(state), 'Tidak ada anggota di tingkat ini');
        equal(lastQuery(empty.calls).tier, 'loyal');
        button(el, 'Hapus saringan').click();
        await waitFor(() => location.hash === '#/members', 'the filters cleared');
      } finally {
        empty.restore();
      }
    } finally {
      fetch.restore();
    }
  });

  it('pages through a long list', async () => {
    const fetch = routes({
      [`GET ${BASE}`]: (call) => {
        const at = Number(new URL(call.url).searchParams.get('page') ?? '1');
        return { body: page({ total: 60, page: at, items: [summary(`P${at}`, `Pengguna ${at}`)] }) };
      },
    });
    try {
      const el = await mount({ signedIn: true, hash: '#/members' });
      await waitFor(() => $(el, 'nav.pager'), 'the pager');
      equal(textOf($(el, 'nav.pager span')), 'Halaman 1 dari 3');
      $<HTMLButtonElement>(el, '[data-page="next"]')!.click();
      await waitFor(() => $(el, 'tr[data-member="P2"]'), 'page 2');
      equal(location.hash, '#/members?page=2');
      equal(textOf($(el, 'nav.pager span')), 'Halaman 2 dari 3');
    } finally {
      fetch.restore();
    }
  });

  it("shows a member's profile: SLiMS's data, loans, visits, interests and the timeline, text inert", async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true });
      await openProfile(el);
      equal(location.hash, '#/members/M001');
      equal(textOf($(el, 'h1')), 'Siti Aminah');
      includes(textOf($(el, '[data-member-line]')), 'M001 · Mahasiswa');
      const facts = textOf($(el, '[data-slims]'));
      for (const part of [
        'Perempuan',
        '26 tahun',
        'Jl. Sudirman 10, Pekanbaru',
        '081234567890',
        'siti.aminah@contoh.id',
        '28111',
      ])
        includes(facts, part);
      equal(textOf($(el, '[data-stat="total"] .value')), '6');
      equal(textOf($(el, '[data-stat="overdue"] .value')), '1');
      equal(textOf($(el, '[data-stat="visits"] .value')), '4');
      includes(textOf($(el, '[data-last-loan]')), 'Budidaya Padi');
      includes(textOf($(el, '[data-on-loan]')), 'Belajar Python');
      includes(textOf($(el, '[data-on-loan]')), 'Terlambat');
      includes(textOf($(el, '[data-top-topics]')), 'Pertanian 3 pinjaman');
      deepEqual(
        $$(el, '[data-inferred] li span:first-child').map((s) => textOf(s)),
        ['Pertanian', 'Sejarah'],
      );
      // What the member stated, apart from what their loans say.
      deepEqual(
        $$(el, '[data-stated-interests] li').map((li) => textOf(li)),
        ['Sejarah', 'Kopi Riau (kata anggota)'],
      );
      equal(textOf($(el, '[data-media]')), 'Cetak, E-book, Video Recording');
      equal(textOf($(el, '[data-channel]')), 'WhatsApp');
      equal(textOf($(el, '[data-contact]')), '+6281211112222');
      includes(textOf($(el, '[data-consent="email:news"]')), 'Berita dan acara · E-mail: diberikan');
      includes(textOf($(el, '[data-consent="email:news"]')), 'versi kata-kata 2026-12-id1 · oleh anggota');
      includes(textOf($(el, '[data-consent="whatsapp:service"]')), 'dicabut');
      includes(textOf($(el, '[data-consent="whatsapp:service"]')), 'oleh tautan berhenti di e-mail');
      equal($$(el, '[data-activity] tbody tr').length, 12, 'the chart has its numbers as a table');
      includes(textOf($(el, '[data-activity] tbody tr:last-child')), '2');
      // Outside SLiMS the sidecar does not know where SLiMS keeps photos: none is shown.
      equal($(el, 'img.member-photo'), null);
      const entries = $$(el, '[data-timeline] li').map((li) => li.dataset.event);
      deepEqual(entries, ['interaction', 'feedback', 'survey', 'loan', 'visit', 'return']);
      const first = textOf($(el, '[data-timeline] li'));
      includes(first, 'Interaksi lewat Konsultasi/referensi');
      includes(first, 'Hasil: Dirujuk ke jurnal');
      includes(first, 'oleh Siti Rahmawati');
      includes(first, '<img src=x');
      equal($(el, '[data-timeline] img'), null, 'a note is text, never markup');
      includes(textOf($$(el, '[data-timeline] li')[1]!), 'Mengirim saran ke kotak saran');
      includes(textOf($$(el, '[data-timeline] li')[2]!), 'Menjawab Jam buka perpustakaan');
      includes(textOf($(el, '[data-tier]')), 'Tingkat dan skor akan tampil');
      await expectAccessible(el, 'the member profile (id)');
      el.lang = 'en';
      await waitFor(
        () => textOf($(el, '[data-timeline] li')).includes('Interaction by Consultation/reference'),
        'English',
      );
      includes(textOf($(el, '[data-slims]')), 'Female');
      await expectAccessible(el, 'the member profile (en)');
    } finally {
      fetch.restore();
    }
  });

  it('shows the photo when SLiMS hosts the app', async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true });
      el.setAttribute('host', 'slims');
      el.token = 'staff-token-1';
      await openProfile(el);
      const img = await waitFor(() => $<HTMLImageElement>(el, 'img.member-photo'), 'the photo');
      equal(img.getAttribute('src'), new URL('../images/persons/m001.jpg', location.href).href);
      equal(img.alt, 'Foto Siti Aminah');
    } finally {
      fetch.restore();
    }
  });

  it('narrows the timeline to the kinds ticked', async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true });
      await openProfile(el);
      const visit = $<HTMLInputElement>(el, 'fieldset.kinds input[value="visit"]')!;
      visit.click();
      await waitFor(
        () =>
          fetch.calls.some((c) =>
            c.url.endsWith('/members/M001?kinds=interaction%2Cloan%2Creturn%2Csurvey%2Cfeedback'),
          ),
        'the profile asked again without visits',
      );
      equal(visit.checked, false);
    } finally {
      fetch.restore();
    }
  });

  it('logs an interaction, checking the note first', async () => {
    const fetch = routes({
      [`POST ${BASE}/M001/interactions`]: (call) => ({
        status: 201,
        body: { interaction: { id: 2, ...(call.body as object) } },
      }),
    });
    try {
      const el = await mount({ signedIn: true });
      await openProfile(el);
      button(el, 'Simpan interaksi').click();
      await waitFor(() => $(el, '#mb-log-error'), 'the missing note');
      equal(textOf($(el, '#mb-log-error')), 'Tulis catatan interaksinya.');
      equal($(el, '#mb-log-note')!.getAttribute('aria-invalid'), 'true');
      equal(el.shadowRoot!.activeElement?.id, 'mb-log-note');
      choose(el, '#mb-log-channel', 'whatsapp');
      typeInto($<HTMLTextAreaElement>(el, '#mb-log-note'), 'Mengingatkan buku terlambat.');
      typeInto($<HTMLInputElement>(el, '#mb-log-outcome'), 'Akan dikembalikan Senin');
      typeInto($<HTMLInputElement>(el, '#mb-log-at'), '2026-11-22T09:30');
      const gets = fetch.calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/M001`).length;
      button(el, 'Simpan interaksi').click();
      await waitFor(() => textOf($(el, '.toast')).includes('Interaksi tersimpan'), 'the status message');
      const post = fetch.calls.find((c) => c.method === 'POST')!;
      deepEqual(post.body, {
        channel: 'whatsapp',
        note: 'Mengingatkan buku terlambat.',
        outcome: 'Akan dikembalikan Senin',
        at: new Date('2026-11-22T09:30').toISOString(),
      });
      await waitFor(
        () => fetch.calls.filter((c) => c.method === 'GET' && c.path === `${BASE}/M001`).length > gets,
        'the profile read again',
      );
      equal($<HTMLTextAreaElement>(el, '#mb-log-note')!.value, '');
    } finally {
      fetch.restore();
    }
  });

  it('saves the staff note and the labels, and says what the server refused', async () => {
    const fetch = routes({
      [`PUT ${BASE}/M001/note`]: (call) => ({
        body: {
          note: {
            text: (call.body as { text: string }).text,
            updatedAt: '2026-11-23T03:00:00Z',
            updatedBy: { uid: 1, name: 'Admin' },
          },
        },
      }),
      [`PUT ${BASE}/M001/labels`]: (call) => {
        const labels = (call.body as { labels: string[] }).labels;
        return labels.some((l) => l.length > 40)
          ? {
              status: 422,
              body: {
                error: {
                  code: 'validation_failed',
                  message: 'Isian belum benar.',
                  details: [{ field: 'labels', message: 'Setiap label berupa teks 1–40 karakter.' }],
                },
              },
            }
          : { body: { labels } };
      },
    });
    try {
      const el = await mount({ signedIn: true });
      await openProfile(el);
      typeInto($<HTMLTextAreaElement>(el, '#mb-note'), 'Aktif di komunitas baca.');
      button(el, 'Simpan catatan').click();
      await waitFor(() => $(el, '[data-note-updated]'), 'who changed the note');
      includes(textOf($(el, '[data-note-updated]')), 'Terakhir diubah Admin');
      deepEqual(fetch.calls.find((c) => c.path.endsWith('/note'))!.body, { text: 'Aktif di komunitas baca.' });

      const labels = () => $$(el, '[data-labels] .tag').map((t) => textOf(t));
      typeInto($<HTMLInputElement>(el, '#mb-label-new'), 'peneliti');
      button(el, 'Tambah').click();
      await waitFor(
        () => labels().length === 2 && $<HTMLInputElement>(el, '#mb-label-new')!.value === '',
        'the label added',
      );
      typeInto($<HTMLInputElement>(el, '#mb-label-new'), 'GURU');
      button(el, 'Tambah').click();
      await waitFor(() => $<HTMLInputElement>(el, '#mb-label-new')!.value === '', 'the field emptied');
      deepEqual(labels(), ['guru', 'peneliti'], 'a label already there in other letters is not added twice');
      button(el, 'Hapus label guru').click();
      await waitFor(() => labels().length === 1, 'the label removed');
      button(el, 'Simpan label').click();
      await waitFor(() => textOf($(el, '.toast')).includes('Label tersimpan'), 'the labels saved');
      deepEqual(fetch.calls.filter((c) => c.path.endsWith('/labels')).at(-1)!.body, { labels: ['peneliti'] });
      includes(textOf($(el, '[data-member-line]')), 'peneliti');

      typeInto($<HTMLInputElement>(el, '#mb-label-new'), 'x'.repeat(40) + 'y');
      button(el, 'Simpan label').click();
      await waitFor(() => $(el, '#mb-labels-error'), 'the refusal by the labels');
      equal(textOf($(el, '#mb-labels-error')), 'Setiap label berupa teks 1–40 karakter.');
    } finally {
      fetch.restore();
    }
  });

  it('asks before leaving a profile with unsaved work', async () => {
    const fetch = routes();
    try {
      const el = await mount({ signedIn: true });
      await openProfile(el);
      typeInto($<HTMLTextAreaElement>(el, '#mb-log-note'), 'Belum disimpan');
      $(el, 'nav a[data-section="surveys"]')!.click();
      const dialog = await waitFor(() => $<HTMLDialogElement>(el, 'dialog[open]'), 'the unsaved-work dialog');
      includes(textOf(dialog), 'Buang perubahan?');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog closed');
      equal($<HTMLTextAreaElement>(el, '#mb-log-note')!.value, 'Belum disimpan');
      equal(location.hash, '#/members/M001');
      button(el, 'Anggota', '.crumb').click();
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog again');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => $(el, 'table.members'), 'the list');
    } finally {
      fetch.restore();
    }
  });

  it('opens the profile or the search a URL names, and goes back from one to the other', async () => {
    const fetch = routes();
    try {
      let el = await mount({ signedIn: true, hash: '#/members/K%2F0042' });
      await waitFor(() => $(el, '[data-slims]'), 'the profile from the URL');
      equal(textOf($(el, 'h1')), 'Dewi Lestari');
      el.remove();
      el = await mount({ signedIn: true, hash: '#/members?q=siti&type=2' });
      await waitFor(() => $(el, 'table.members'), 'the search from the URL');
      deepEqual(lastQuery(fetch.calls), { q: 'siti', type: '2', page: '1', pageSize: '25' });
      equal($<HTMLInputElement>(el, '#mb-search')!.value, 'siti');
      equal($<HTMLSelectElement>(el, '#mb-type')!.value, '2');
      $(el, 'tr[data-member="M001"] [data-row-link]')!.click();
      await waitFor(() => $(el, '[data-slims]'), 'the profile');
      history.replaceState(null, '', '#/members?q=siti&type=2');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await waitFor(() => $(el, 'table.members'), 'the search after back');
      equal($<HTMLInputElement>(el, '#mb-search')!.value, 'siti');
    } finally {
      fetch.restore();
    }
  });

  it('reads the routes it writes', () => {
    for (const route of [
      { view: 'members' },
      { view: 'members', filters: { q: 'siti aminah', type: '2', expiry: 'expired', tier: 'loyal', page: 3 } },
      { view: 'member', id: 'M001' },
      { view: 'member', id: 'K/0042 #1?' },
    ] as const) {
      const hash = formatRoute(route);
      deepEqual(parseRoute(hash.slice(1)), route, hash);
    }
    deepEqual(parseRoute('/members/%E0%A4%A'), { view: 'list' }, 'a broken escape is no member');
    deepEqual(parseRoute(`/members/${'x'.repeat(21)}`), { view: 'list' }, 'longer than SLiMS allows');
    deepEqual(parseRoute('/members?tier=setia&type=x'), { view: 'members' }, 'unknown filters are left out');
  });

  it('shows the profile without forms to staff who may only read', async () => {
    const fetch = routes();
    try {
      sessionStorage.clear();
      const el = await mount({ signedIn: true });
      el.token = tokenFor(3, 'Budi', { membership: { r: true, w: false } });
      await openProfile(el);
      includes(textOf($(el, '[data-read-only]')), 'tidak mengubahnya');
      equal($(el, 'form[data-log]'), null);
      equal($(el, 'form[data-note-form]'), null);
      equal($(el, '#mb-label-new'), null);
      includes(textOf($(el, 'section[aria-labelledby="mb-labels-title"]')), 'guru');
      await expectAccessible(el, 'the read-only profile');
    } finally {
      fetch.restore();
    }
  });

  it('says when the member is not in SLiMS, or the staff member may not see members', async () => {
    const fetch = routes({
      [`GET ${BASE}/NOPE`]: {
        status: 404,
        body: { error: { code: 'member_not_found', message: 'Anggota dengan nomor ini tidak ada di SLiMS.' } },
      },
      [`GET ${BASE}`]: {
        status: 403,
        body: { error: { code: 'forbidden', message: 'Anda tidak memiliki hak akses.' } },
      },
    });
    try {
      const el = await mount({ signedIn: true });
      el.route = { view: 'member', id: 'NOPE' };
      const alert = await waitFor(() => $(el, '[role="alert"]'), 'the error');
      includes(textOf(alert), 'tidak ada di SLiMS');
      el.route = { view: 'members' };
      await waitFor(() => $(el, '[data-error="forbidden"]'), 'the refusal');
      equal($(el, '#mb-search'), null);
    } finally {
      fetch.restore();
    }
  });
});
