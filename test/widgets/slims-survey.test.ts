// <slims-survey>: every question type, local checks and the server's 422 shown next to the question.
import '../../widgets/survey/slims-survey.ts';
import { retry } from '../../widgets/shared/send.ts';
import type { SlimsSurvey } from '../../widgets/survey/slims-survey.ts';
import { expectAccessible } from './axe.ts';
import {
  apiError,
  assert,
  button,
  equal,
  includes,
  json,
  mount,
  shadow,
  statusText,
  stubFetch,
  surveyPayload,
  until,
  type FetchStub,
} from './helpers.ts';

const GET = 'GET /api/v1/surveys/kepuasan-2026';
const POST = 'POST /api/v1/surveys/kepuasan-2026/responses';

const payload = surveyPayload({
  slug: 'kepuasan-2026',
  kind: 'survey',
  title: 'Survei kepuasan 2026',
  description: 'Lima pertanyaan singkat.',
  questions: [
    {
      id: 1,
      type: 'single',
      prompt: 'Seberapa sering Anda berkunjung?',
      required: true,
      maxLength: null,
      options: [
        { id: 11, label: 'Setiap minggu' },
        { id: 12, label: 'Setiap bulan' },
      ],
    },
    {
      id: 2,
      type: 'multiple',
      prompt: 'Layanan apa yang Anda pakai?',
      required: false,
      maxLength: null,
      options: [
        { id: 21, label: 'Peminjaman' },
        { id: 22, label: 'Wi-Fi' },
        { id: 23, label: 'Ruang baca' },
      ],
    },
    { id: 3, type: 'rating', prompt: 'Nilai koleksi kami', required: true, maxLength: null, options: [] },
    {
      id: 4,
      type: 'nps',
      prompt: 'Seberapa mungkin Anda merekomendasikan kami?',
      required: false,
      maxLength: null,
      options: [],
    },
    { id: 5, type: 'text', prompt: 'Saran Anda', required: false, maxLength: 200, options: [] },
  ],
});

let stub: FetchStub;

async function survey(routes: FetchStub['routes'], lang = ''): Promise<SlimsSurvey> {
  stub = stubFetch(routes);
  const el = mount<SlimsSurvey>(`<slims-survey survey="kepuasan-2026" ${lang && `lang="${lang}"`}></slims-survey>`);
  await until(() => shadow(el).querySelector('[part=form]'), 'the survey to open');
  await el.updateComplete;
  return el;
}

const THANKS = 'Terima kasih, jawaban Anda sudah tercatat.';
const errors = (el: Element): number => shadow(el).querySelectorAll('[part=error]').length;

const question = (el: Element, id: number): HTMLFieldSetElement =>
  shadow(el).querySelector<HTMLFieldSetElement>(`[data-question="${id}"]`)!;
const pick = (el: Element, id: number, value: string): void =>
  question(el, id).querySelector<HTMLInputElement>(`input[value="${value}"]`)!.click();

describe('<slims-survey>', () => {
  beforeEach(() => {
    retry.backoffMs = 1;
  });

  afterEach(() => {
    stub?.restore();
    document.body.replaceChildren();
  });

  it('renders every question type, numbered, with required ones marked', async () => {
    const el = await survey({ [GET]: () => json(200, payload) });
    const legends = [...shadow(el).querySelectorAll('legend')].map((l) => l.textContent?.replace(/\s+/g, ' ').trim());
    equal(legends, [
      '1. Seberapa sering Anda berkunjung? (wajib)',
      '2. Layanan apa yang Anda pakai?',
      '3. Nilai koleksi kami (wajib)',
      '4. Seberapa mungkin Anda merekomendasikan kami?',
      '5. Saran Anda',
    ]);
    equal(question(el, 1).querySelectorAll('input[type=radio][required]').length, 2);
    equal(question(el, 2).querySelectorAll('input[type=checkbox]').length, 3);
    equal(
      [...question(el, 3).querySelectorAll('input[type=radio]')].map((i) => (i as HTMLInputElement).value),
      ['1', '2', '3', '4', '5'],
    );
    equal(question(el, 4).querySelectorAll('input[type=radio]').length, 11);
    includes(question(el, 4).textContent, '0 = sangat tidak mungkin, 10 = sangat mungkin');
    const text = question(el, 5).querySelector('textarea')!;
    equal(text.maxLength, 200);
    equal(text.getAttribute('aria-labelledby'), 'l5');
    includes(shadow(el).querySelector('[part=description]')?.textContent, 'Lima pertanyaan singkat.');
  });

  it("checks required answers locally, in the visitor's language, and focuses the first one", async () => {
    const el = await survey({ [GET]: () => json(200, payload) });
    pick(el, 2, '21');
    shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => errors(el) === 2, 'errors');
    await el.updateComplete;
    equal(question(el, 1).querySelector('[part=error]')?.textContent, 'Pertanyaan ini wajib dijawab.');
    equal(question(el, 3).querySelector('[part=error]')?.textContent, 'Pertanyaan ini wajib dijawab.');
    assert(!question(el, 2).querySelector('[part=error]'), 'no error on an optional question');
    equal(statusText(el), 'Ada 2 jawaban yang perlu diperbaiki.');
    const first = question(el, 1).querySelector('input')!;
    equal(first.getAttribute('aria-invalid'), 'true');
    equal(first.getAttribute('aria-describedby'), 'e1');
    await until(() => shadow(el).activeElement === first, 'focus on the first invalid question');
    equal(stub.calls.filter((c) => c.method === 'POST').length, 0);
  });

  it("shows the server's 422 details next to the right question", async () => {
    const el = await survey({
      [GET]: () => json(200, payload),
      [POST]: () =>
        apiError(422, 'validation_failed', 'Periksa jawaban Anda', [
          { questionId: 5, field: 'text', message: 'Saran mengandung tautan yang tidak diizinkan.' },
          { field: 'answers', message: 'Ada jawaban yang tidak dikenal.' },
        ]),
    });
    pick(el, 1, '11');
    pick(el, 3, '4');
    question(el, 5).querySelector('textarea')!.value = 'lihat http://contoh';
    shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => question(el, 5).querySelector('[part=error]'), 'error on question 5');
    equal(question(el, 5).querySelector('[part=error]')?.textContent, 'Saran mengandung tautan yang tidak diizinkan.');
    equal(question(el, 5).querySelector('textarea')?.getAttribute('aria-describedby'), 'e5');
    for (const id of [1, 2, 3, 4])
      assert(!question(el, id).querySelector('[part=error]'), `no error on question ${id}`);
    includes(statusText(el), 'Ada 1 jawaban yang perlu diperbaiki.');
    equal(button(el, 'Kirim')?.getAttribute('aria-disabled'), 'false', 'the form stays, ready to send again');
    assert(question(el, 1).querySelector<HTMLInputElement>('input[value="11"]')!.checked, 'answers are kept');
  });

  it('sends every answer type and fires slims-submit', async () => {
    let detail: unknown;
    document.addEventListener('slims-submit', (e) => (detail = e.detail), { once: true });
    const el = await survey({
      [GET]: () => json(200, payload),
      [POST]: () => json(201, { responseId: 42, results: null }),
    });
    pick(el, 1, '12');
    pick(el, 2, '21');
    pick(el, 2, '23');
    pick(el, 3, '5');
    pick(el, 4, '9');
    question(el, 5).querySelector('textarea')!.value = '  Tambah jam buka  ';
    shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => statusText(el) === THANKS, 'thank-you');
    equal(stub.calls.at(-1)?.body, {
      answers: [
        { questionId: 1, optionIds: [12] },
        { questionId: 2, optionIds: [21, 23] },
        { questionId: 3, value: 5 },
        { questionId: 4, value: 9 },
        { questionId: 5, text: 'Tambah jam buka' },
      ],
      lang: 'id',
    });
    equal(detail, { slug: 'kepuasan-2026', responseId: 42 });
  });

  it('speaks English with lang="en"', async () => {
    const el = await survey({ [GET]: () => json(200, payload) }, 'en');
    includes(question(el, 1).querySelector('legend')?.textContent, '(required)');
    shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
    await until(() => question(el, 3).querySelector('[part=error]'), 'errors');
    equal(question(el, 3).querySelector('[part=error]')?.textContent, 'Please answer this question.');
    equal(statusText(el), 'Answers to check: 2.');
  });

  it('shows survey results per question with the prompt as a heading', async () => {
    const results = {
      total: 10,
      questions: [
        {
          id: 1,
          type: 'single',
          answered: 10,
          options: [
            { id: 11, label: 'Setiap minggu', count: 4, percent: 40 },
            { id: 12, label: 'Setiap bulan', count: 6, percent: 60 },
          ],
        },
        {
          id: 3,
          type: 'rating',
          answered: 8,
          mean: 4.25,
          distribution: [
            { value: 4, count: 6 },
            { value: 5, count: 2 },
          ],
        },
        {
          id: 4,
          type: 'nps',
          answered: 5,
          mean: 7.2,
          distribution: [
            { value: 4, count: 2 },
            { value: 8, count: 1 },
            { value: 10, count: 2 },
          ],
          nps: { score: 0, promoters: 2, passives: 1, detractors: 2 },
        },
      ],
    };
    stub = stubFetch({ [GET]: () => json(200, { ...(payload as object), answered: true, results }) });
    const el = mount<SlimsSurvey>('<slims-survey survey="kepuasan-2026"></slims-survey>');
    await until(() => shadow(el).querySelector('[part=results]'), 'results');
    equal(
      [...shadow(el).querySelectorAll('[part=results-title]')].map((h) => h.textContent),
      ['Seberapa sering Anda berkunjung?', 'Nilai koleksi kami', 'Seberapa mungkin Anda merekomendasikan kami?'],
    );
    const text = shadow(el).querySelector('[part=results]')!.textContent!.replace(/\s+/g, ' ');
    includes(text, '4 6 responden (75%)');
    // Each scale its own range: 1–5 stars, 0–10 for the NPS question.
    includes(text, 'Rata-rata 4,3 dari 5');
    includes(text, 'Rata-rata 7,2 dari 10');
    includes(text, 'Skor NPS: 0');
    includes(text, 'Total: 10 responden');
  });

  describe('accessibility (axe-core, WCAG 2.1 A/AA) in every state', () => {
    const results = {
      total: 10,
      questions: [
        {
          id: 1,
          type: 'single',
          answered: 10,
          options: [
            { id: 11, label: 'Setiap minggu', count: 4, percent: 40 },
            { id: 12, label: 'Setiap bulan', count: 6, percent: 60 },
          ],
        },
        {
          id: 3,
          type: 'rating',
          answered: 8,
          mean: 4.25,
          distribution: [
            { value: 4, count: 6 },
            { value: 5, count: 2 },
          ],
        },
        {
          id: 4,
          type: 'nps',
          answered: 5,
          mean: 7.2,
          distribution: [
            { value: 4, count: 2 },
            { value: 10, count: 3 },
          ],
          nps: { score: 20, promoters: 3, passives: 0, detractors: 2 },
        },
      ],
    };

    it('while loading, with every question type, with local and server errors, and after thanks', async () => {
      let release = (): void => undefined;
      const held = new Promise<void>((r) => (release = r));
      stub = stubFetch({
        [GET]: async () => (await held, json(200, payload)),
        [POST]: (_call, n) =>
          n === 0
            ? apiError(422, 'validation_failed', 'Periksa jawaban Anda', [
                { questionId: 5, field: 'text', message: 'Saran mengandung tautan yang tidak diizinkan.' },
              ])
            : json(201, { responseId: 42, results }),
      });
      const el = mount<SlimsSurvey>('<slims-survey survey="kepuasan-2026"></slims-survey>');
      await el.updateComplete;
      await expectAccessible(el, 'the survey while loading');
      release();
      await until(() => shadow(el).querySelector('[part=form]'), 'the survey to open');
      await el.updateComplete;
      await expectAccessible(el, 'the survey form');
      shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
      await until(() => errors(el) === 2, 'local errors');
      await el.updateComplete;
      await expectAccessible(el, 'the survey with required answers missing');
      pick(el, 1, '11');
      pick(el, 3, '4');
      question(el, 5).querySelector('textarea')!.value = 'lihat http://contoh';
      shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
      await until(() => question(el, 5).querySelector('[part=error]'), "the server's error on question 5");
      await expectAccessible(el, "the survey with the server's 422");
      question(el, 5).querySelector('textarea')!.value = 'Tambah jam buka';
      shadow(el).querySelector<HTMLButtonElement>('[part=button]')!.click();
      await until(() => statusText(el) === THANKS && shadow(el).querySelector('[part=results]'), 'thanks with results');
      await expectAccessible(el, 'the survey after thanks, with results per question');
    });

    it('answered, closed, offline and error, in Indonesian and English', async () => {
      for (const lang of ['id', 'en'] as const) {
        // each state, with its status line in either language and what else it shows
        for (const [view, route, status, shows] of [
          [
            'answered',
            () => json(200, { ...(payload as object), answered: true, results }),
            { id: 'Anda sudah menjawab.', en: 'You have already answered.' },
            '[part=results]',
          ],
          [
            'closed',
            () => json(200, surveyPayload({ ...(payload as { survey: object }).survey, state: 'closed' })),
            { id: 'Survei ditutup.', en: 'Survey closed.' },
            '[part=title]',
          ],
          [
            'offline',
            () => 'offline' as const,
            {
              id: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
              en: 'Cannot connect. Please check your internet connection.',
            },
            '[part~=retry]',
          ],
          [
            'error',
            () => apiError(500, 'internal_error'),
            { id: 'Maaf, terjadi gangguan. Silakan coba lagi.', en: 'Sorry, something went wrong. Please try again.' },
            '[part~=retry]',
          ],
        ] as const) {
          stub = stubFetch({ [GET]: route });
          const el = mount<SlimsSurvey>(`<slims-survey survey="kepuasan-2026" lang="${lang}"></slims-survey>`);
          await until(() => statusText(el) === status[lang] && shadow(el).querySelector(shows), `the survey ${view}`);
          equal(shadow(el).querySelector('form'), null, `no form when ${view}`);
          await expectAccessible(el, `the survey ${view} (${lang})`);
          stub.restore();
          document.body.replaceChildren();
        }
      }
    });
  });
});
