// The builder: creating a poll (the POST body), validation, the server's 422 and 409 answers,
// reordering by keyboard-operable buttons, and the unsaved-change guard.
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import { expectAccessible } from '../axe.ts';
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
  pollDetail,
  stubFetch,
  surveyDetail,
  surveys,
  textOf,
  typeInto,
  waitFor,
} from './helpers.ts';

async function openBuilder(el: SlimsCrmAdmin): Promise<void> {
  await waitFor(() => $(el, 'table.surveys'), 'the list');
  button(el, 'Buat baru').click();
  await waitFor(() => $(el, '#f-title'), 'the builder');
}

const detail = (survey: object) => ({ status: 201, body: { survey } });

describe('slims-crm-admin: builder', () => {
  afterEach(cleanup);

  it('creates a poll and sends a contract-shaped body', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'POST /api/v1/staff/surveys': detail(pollDetail),
    });
    try {
      const el = await mount({ signedIn: true });
      await openBuilder(el);
      await waitFor(() => el.shadowRoot!.activeElement?.tagName === 'H1', 'focus on the builder heading');
      await expectAccessible(el, 'the builder of a new poll');
      typeInto($(el, '#f-title'), 'Jam Buka Perpustakaan?');
      await el.updateComplete;
      equal($<HTMLInputElement>(el, '#f-slug')!.value, 'jam-buka-perpustakaan', 'slug follows the title');
      typeInto($(el, '#f-description'), 'Bantu kami memilih.');
      $<HTMLInputElement>(el, 'input[name="audience"][value="members"]')!.click();
      typeInto($(el, '#f-opens'), '2026-05-01T08:00');
      typeInto($(el, '#f-closes'), '2026-05-31T17:30');
      const select = $<HTMLSelectElement>(el, '#f-visibility')!;
      select.value = 'after_close';
      select.dispatchEvent(new Event('change'));
      typeInto($(el, '[data-question] input[id$="-prompt"]'), 'Kapan sebaiknya kami buka?');
      const options = () => $$<HTMLInputElement>(el, '[data-question] .option-row input');
      typeInto(options()[0]!, 'Pagi');
      typeInto(options()[1]!, 'Malam');
      button(el, 'Tambah pilihan').click();
      await el.updateComplete;
      equal(options().length, 3);
      typeInto(options()[2]!, 'Akhir pekan');
      button(el, 'Simpan').click();

      await waitFor(() => $(el, 'table.surveys'), 'back to the list');
      const post = fetch.calls.find((c) => c.method === 'POST')!;
      equal(post.headers.get('Content-Type'), 'application/json');
      equal(post.headers.get('Authorization'), 'Bearer staff-token-1');
      deepEqual(post.body, {
        kind: 'poll',
        title: 'Jam Buka Perpustakaan?',
        description: 'Bantu kami memilih.',
        slug: 'jam-buka-perpustakaan',
        audience: 'members',
        opensAt: new Date('2026-05-01T08:00').toISOString(),
        closesAt: new Date('2026-05-31T17:30').toISOString(),
        resultsVisibility: 'after_close',
        questions: [
          {
            type: 'single',
            prompt: 'Kapan sebaiknya kami buka?',
            required: true,
            maxLength: null,
            options: [{ label: 'Pagi' }, { label: 'Malam' }, { label: 'Akhir pekan' }],
          },
        ],
      });
      assert(String((post.body as { opensAt: string }).opensAt).endsWith('Z'), 'dates go out as UTC');
      includes(textOf($(el, '.toast')), 'dibuat');
    } finally {
      fetch.restore();
    }
  });

  it('keeps an edited slug and lets the staff member type one', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await openBuilder(el);
      typeInto($(el, '#f-slug'), 'jam-layanan');
      typeInto($(el, '#f-title'), 'Judul lain');
      await el.updateComplete;
      equal($<HTMLInputElement>(el, '#f-slug')!.value, 'jam-layanan');
    } finally {
      fetch.restore();
    }
  });

  it('explains what is missing, on the fields and in a summary, without calling the server', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await openBuilder(el);
      typeInto($(el, '#f-opens'), '2026-05-10T08:00');
      typeInto($(el, '#f-closes'), '2026-05-01T08:00');
      button(el, 'Simpan').click();
      const summary = await waitFor(() => $(el, '#form-summary .notice'), 'the error summary');
      const text = textOf(summary);
      includes(text, 'Judul wajib diisi.');
      includes(text, 'Pertanyaan 1: teks pertanyaan wajib diisi.');
      includes(text, 'Pertanyaan 1: pilihan 1 masih kosong.');
      includes(text, 'Waktu tutup harus sesudah waktu buka.');
      equal($(el, '#f-title')!.getAttribute('aria-invalid'), 'true');
      equal($(el, '#f-title')!.getAttribute('aria-describedby'), 'f-title-error');
      equal(textOf($(el, '#f-title-error')), 'Judul wajib diisi.');
      equal($(el, '#form-summary')!.getAttribute('role'), 'alert');
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'form-summary', 'focus on the summary');
      await expectAccessible(el, 'the builder with what is missing');
      equal(fetch.calls.filter((c) => c.method === 'POST').length, 0);

      // Messages clear as the staff member fixes things.
      typeInto($(el, '#f-title'), 'Survei');
      await el.updateComplete;
      equal($(el, '#f-title')!.getAttribute('aria-invalid'), 'false');
      // A summary link moves focus to its field.
      const link = $$<HTMLAnchorElement>(el, '#form-summary a').find((a) => textOf(a).includes('Waktu tutup'))!;
      link.click();
      await waitFor(() => el.shadowRoot!.activeElement?.id === 'f-closes', 'focus on the closing date');
    } finally {
      fetch.restore();
    }
  });

  it('shows the server’s 422 details', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys': { body: { surveys } },
      'POST /api/v1/staff/surveys': {
        status: 422,
        body: {
          error: {
            code: 'validation_failed',
            message: 'Isian tidak valid',
            details: [
              { field: 'slug', message: 'Slug sudah dipakai survei lain.' },
              { field: 'questions.0.prompt', message: 'Pertanyaan terlalu panjang.' },
            ],
          },
        },
      },
    });
    try {
      const el = await mount({ signedIn: true });
      await openBuilder(el);
      typeInto($(el, '#f-title'), 'Jam buka');
      typeInto($(el, '[data-question] input[id$="-prompt"]'), 'Kapan?');
      const options = $$<HTMLInputElement>(el, '[data-question] .option-row input');
      typeInto(options[0]!, 'Pagi');
      typeInto(options[1]!, 'Sore');
      button(el, 'Simpan').click();
      const summary = await waitFor(() => $(el, '#form-summary .notice'), 'the server summary');
      includes(textOf(summary), 'Server menolak isian:');
      includes(textOf(summary), 'Slug sudah dipakai survei lain.');
      includes(textOf(summary), 'Pertanyaan terlalu panjang.');
      equal(textOf($(el, '#f-slug-error')), 'Slug sudah dipakai survei lain.');
      equal($(el, '[data-question] input[id$="-prompt"]')!.getAttribute('aria-invalid'), 'true');
      assert($(el, '#f-title'), 'still in the builder');
      await expectAccessible(el, 'the builder with the server’s 422');
    } finally {
      fetch.restore();
    }
  });

  it('explains a 409 has_responses and can restore the questions', async () => {
    const fetch = stubFetch({
      'GET /api/v1/staff/surveys/8': { body: { survey: surveyDetail } },
      'PUT /api/v1/staff/surveys/8': (call) =>
        JSON.stringify((call.body as { questions: unknown }).questions) ===
        JSON.stringify(
          surveyDetail.questions.map((q) => ({
            type: q.type,
            prompt: q.prompt,
            required: q.required,
            maxLength: q.type === 'text' ? q.maxLength : null,
            options: q.options.map((o) => ({ label: o.label })),
          })),
        )
          ? { body: { survey: { ...surveyDetail, title: (call.body as { title: string }).title } } }
          : { status: 409, body: { error: { code: 'has_responses', message: 'Survei sudah memiliki jawaban' } } },
    });
    try {
      const el = await mount({ signedIn: true });
      el.route = { view: 'edit', id: 8 };
      await waitFor(() => $<HTMLInputElement>(el, '#f-title')?.value === surveyDetail.title, 'the survey loaded');
      includes(textOf(el.shadowRoot), 'sudah memiliki 3 jawaban');
      await expectAccessible(el, 'the builder of a survey with every question type and answers');
      typeInto($(el, '[data-question] input[id$="-prompt"]'), 'Seberapa puas Anda dengan layanan kami?');
      typeInto($(el, '#f-title'), 'Survei kepuasan pemustaka 2026');
      button(el, 'Simpan').click();
      const conflict = await waitFor(() => $(el, '#conflict'), 'the conflict notice');
      includes(textOf(conflict), 'Pertanyaan tidak dapat diubah karena sudah ada jawaban');
      await expectAccessible(el, 'the builder with the 409 notice');
      button(el, 'Kembalikan pertanyaan').click();
      await el.updateComplete;
      equal($<HTMLInputElement>(el, '[data-question] input[id$="-prompt"]')!.value, 'Seberapa puas Anda?');
      equal($<HTMLInputElement>(el, '#f-title')!.value, 'Survei kepuasan pemustaka 2026', 'other edits survive');
      button(el, 'Simpan').click();
      await waitFor(() => textOf($(el, '.form-actions .status')) === 'Tersimpan.', 'saved');
      equal(fetch.calls.filter((c) => c.method === 'PUT').length, 2);
    } finally {
      fetch.restore();
    }
  });

  it('reorders questions with buttons and keeps focus on the moved question', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys/8': { body: { survey: surveyDetail } } });
    try {
      const el = await mount({ signedIn: true });
      el.route = { view: 'edit', id: 8 };
      await waitFor(() => $$(el, '[data-question]').length === 4, 'four questions');
      const prompts = () => $$<HTMLInputElement>(el, '[data-question] input[id$="-prompt"]').map((i) => i.value);
      const down = button(el, 'Pindahkan pertanyaan 1 ke bawah');
      const movedKey = down.id.split('-')[1];
      down.focus();
      down.click();
      await waitFor(() => prompts()[1] === 'Seberapa puas Anda?', 'the first question to move down');
      equal(prompts()[0], 'Seberapa mungkin Anda merekomendasikan kami?');
      await waitFor(
        () => el.shadowRoot!.activeElement?.id === `q-${movedKey}-down`,
        'focus on the moved question’s button',
      );
      equal(el.shadowRoot!.activeElement!.getAttribute('aria-label'), 'Pindahkan pertanyaan 2 ke bawah');
      equal(
        $(el, '[data-question] button[aria-label="Pindahkan pertanyaan 1 ke atas"]')!.hasAttribute('disabled'),
        true,
      );
      // Removing and changing the type of a question.
      button(el, 'Hapus pertanyaan 4').click();
      await waitFor(() => $$(el, '[data-question]').length === 3, 'three questions');
      const type = $<HTMLSelectElement>(el, '[data-question] select')!;
      type.value = 'text';
      type.dispatchEvent(new Event('change'));
      await el.updateComplete;
      assert($(el, '[data-question] input[id$="-max"]'), 'text questions have a maximum length');
      await expectAccessible(el, 'the builder after moving, removing and retyping questions');
    } finally {
      fetch.restore();
    }
  });

  it('asks before leaving with unsaved changes', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys': { body: { surveys } } });
    try {
      const el = await mount({ signedIn: true });
      await openBuilder(el);
      typeInto($(el, '#f-title'), 'Belum disimpan');
      button(el, 'Batal').click();
      const dialog = await waitFor(() => $(el, 'dialog[open]'), 'the unsaved-changes dialog');
      includes(textOf(dialog), 'Buang perubahan?');
      await expectAccessible(el, 'the unsaved-changes dialog');
      $(el, 'dialog button[value="cancel"]')!.click();
      await waitFor(() => !$(el, 'dialog[open]'), 'the dialog to close');
      equal($<HTMLInputElement>(el, '#f-title')!.value, 'Belum disimpan', 'still editing');
      button(el, 'Batal').click();
      await waitFor(() => $(el, 'dialog[open]'), 'the dialog again');
      $(el, 'dialog button[value="confirm"]')!.click();
      await waitFor(() => $(el, 'table.surveys'), 'the list');
    } finally {
      fetch.restore();
    }
  });
});
