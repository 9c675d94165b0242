// The survey rules word by word: every problem a survey definition or an answer can have, with its field and
// its message in Indonesian and English, the question's number as staff count it, and what a valid body becomes.
import { describe, expect, it } from 'vitest';
import { ApiError, type Lang } from '../../server/errors.ts';
import type { SurveyDefinition } from '../../server/surveys/surveys.queries.ts';
import { answerRows, answersBody, surveyBody } from '../../server/surveys/surveys.schemas.ts';
import { check } from '../../server/validate.ts';

type Json = Record<string, unknown>;

/** The 422's details, or what the rule returned when the body passed. */
function outcome(run: () => unknown): { problems: unknown } | { value: unknown } {
  try {
    return { value: run() };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    return { problems: error.details };
  }
}
const surveyProblems = (body: Json, lang: Lang) => outcome(() => check(surveyBody, body, lang));

const choice = { type: 'single', prompt: 'Kapan?', options: ['Pagi', 'Malam'] };
const valid = { title: 'Jam buka', questions: [choice] };
/** `question` as the second of two, so that its messages say 2. */
const second = (question: unknown) => ({ ...valid, questions: [choice, question] });

describe('survey definitions', () => {
  const cases: Array<[string, Json, Array<[field: string, id: string, en: string]>]> = [
    ['title a number', { ...valid, title: 5 }, [['title', 'Judul harus berupa teks.', 'The title must be text.']]],
    ['title absent', { questions: [choice] }, [['title', 'Judul wajib diisi.', 'A title is required.']]],
    ['title blank', { ...valid, title: '   ' }, [['title', 'Judul wajib diisi.', 'A title is required.']]],
    [
      'title of 201',
      { ...valid, title: 'x'.repeat(201) },
      [['title', 'Judul paling panjang 200 karakter.', 'The title may be at most 200 characters.']],
    ],
    [
      'description a list',
      { ...valid, description: [] },
      [['description', 'Deskripsi harus berupa teks.', 'The description must be text.']],
    ],
    [
      'description of 2,001',
      { ...valid, description: 'x'.repeat(2001) },
      [['description', 'Deskripsi paling panjang 2.000 karakter.', 'The description may be at most 2,000 characters.']],
    ],
    ['slug a number', { ...valid, slug: 5 }, [['slug', 'Slug harus berupa teks.', 'The slug must be text.']]],
    [
      'slug with capitals',
      { ...valid, slug: 'Jam-Buka' },
      [
        [
          'slug',
          'Slug hanya huruf kecil, angka dan tanda hubung (maks. 64).',
          'The slug may hold only lower-case letters, digits and hyphens (max. 64).',
        ],
      ],
    ],
    [
      'audience unknown',
      { ...valid, audience: 'everyone' },
      [['audience', 'Pilih sasaran: siapa saja atau hanya anggota.', 'Choose an audience: anyone or members only.']],
    ],
    [
      'visibility unknown',
      { ...valid, resultsVisibility: 'never' },
      [['resultsVisibility', 'Pilih kapan hasil ditampilkan.', 'Choose when results are shown.']],
    ],
    [
      'opening time unreadable',
      { ...valid, opensAt: 'besok' },
      [['opensAt', 'Waktu tidak sah (format ISO 8601).', 'Not a valid time (ISO 8601).']],
    ],
    [
      'closing time a number',
      { ...valid, closesAt: 0 },
      [['closesAt', 'Waktu tidak sah (format ISO 8601).', 'Not a valid time (ISO 8601).']],
    ],
    [
      'closing at the opening time',
      { ...valid, opensAt: '2026-03-01T08:00:00+07:00', closesAt: '2026-03-01T01:00:00Z' },
      [['closesAt', 'Waktu tutup harus sesudah waktu buka.', 'The closing time must be after the opening time.']],
    ],
    [
      'no questions',
      { ...valid, questions: [] },
      [['questions', 'Tambahkan sedikitnya satu pertanyaan.', 'Add at least one question.']],
    ],
    [
      'questions an object',
      { ...valid, questions: {} },
      [['questions', 'Tambahkan sedikitnya satu pertanyaan.', 'Add at least one question.']],
    ],
    [
      // Over 50 no question is read, but the rules between fields still are.
      '51 broken questions, closing before opening',
      {
        ...valid,
        opensAt: '2026-03-02T00:00:00Z',
        closesAt: '2026-03-01T00:00:00Z',
        questions: Array.from({ length: 51 }, () => ({ type: 'essay' })),
      },
      [
        ['closesAt', 'Waktu tutup harus sesudah waktu buka.', 'The closing time must be after the opening time.'],
        ['questions', 'Paling banyak 50 pertanyaan.', 'At most 50 questions.'],
      ],
    ],
    [
      'a question a string',
      second('Kapan?'),
      [['questions[1]', 'Pertanyaan 2 tidak sah.', 'Question 2 is not valid.']],
    ],
    [
      'a question of unknown type',
      second({ type: 'essay', prompt: 5 }),
      [['questions[1].type', 'Jenis pertanyaan 2 tidak dikenal.', 'Question 2 has an unknown type.']],
    ],
    [
      'a question a list',
      second([]),
      [['questions[1].type', 'Jenis pertanyaan 2 tidak dikenal.', 'Question 2 has an unknown type.']],
    ],
    [
      'a prompt a number',
      second({ ...choice, prompt: 5 }),
      [['questions[1].prompt', 'Pertanyaan 2 harus berupa teks.', 'Question 2 must be text.']],
    ],
    [
      'no prompt',
      second({ type: 'rating' }),
      [['questions[1].prompt', 'Pertanyaan 2 belum diisi.', 'Question 2 has no text.']],
    ],
    [
      'a prompt of 501',
      second({ type: 'nps', prompt: 'x'.repeat(501) }),
      [
        [
          'questions[1].prompt',
          'Pertanyaan 2 paling panjang 500 karakter.',
          'Question 2 may be at most 500 characters.',
        ],
      ],
    ],
    [
      'an answer limit of 2,001',
      second({ type: 'text', prompt: 'Saran', maxLength: 2001 }),
      [
        [
          'questions[1].maxLength',
          'Batas panjang jawaban 2 harus 1–2000.',
          "Question 2's answer limit must be 1–2000.",
        ],
      ],
    ],
    [
      'an answer limit of 0.5, closing before opening',
      {
        ...second({ type: 'text', prompt: 'Saran', maxLength: 0.5 }),
        opensAt: '2026-03-02T00:00:00Z',
        closesAt: '2026-03-01T00:00:00Z',
      },
      [
        ['closesAt', 'Waktu tutup harus sesudah waktu buka.', 'The closing time must be after the opening time.'],
        [
          'questions[1].maxLength',
          'Batas panjang jawaban 2 harus 1–2000.',
          "Question 2's answer limit must be 1–2000.",
        ],
      ],
    ],
    [
      'options a string',
      second({ ...choice, options: 'Pagi, Malam' }),
      [
        [
          'questions[1].options',
          'Pilihan pada pertanyaan 2 harus berupa daftar.',
          "Question 2's options must be a list.",
        ],
        [
          'questions[1].options',
          'Pertanyaan 2 perlu sedikitnya dua pilihan.',
          'Question 2 needs at least two options.',
        ],
      ],
    ],
    [
      'every problem of one list of options',
      second({ ...choice, options: [{ label: 5 }, ' ', 'x'.repeat(201), 'Pagi', ' pagi '] }),
      [
        ['questions[1].options', 'Pilihan pada pertanyaan 2 harus berupa teks.', "Question 2's options must be text."],
        ['questions[1].options', 'Pilihan pada pertanyaan 2 tidak boleh kosong.', 'Question 2 has an empty option.'],
        [
          'questions[1].options',
          'Pilihan pada pertanyaan 2 paling panjang 200 karakter.',
          "Question 2's options may be at most 200 characters.",
        ],
        ['questions[1].options', 'Ada pilihan ganda (sama) pada pertanyaan 2.', 'Question 2 has duplicate options.'],
      ],
    ],
    [
      'one option',
      second({ ...choice, options: ['Pagi'] }),
      [
        [
          'questions[1].options',
          'Pertanyaan 2 perlu sedikitnya dua pilihan.',
          'Question 2 needs at least two options.',
        ],
      ],
    ],
    [
      '31 options',
      second({ ...choice, options: Array.from({ length: 31 }, (_, i) => `Pilihan ${i}`) }),
      [['questions[1].options', 'Pertanyaan 2 paling banyak 30 pilihan.', 'Question 2 may have at most 30 options.']],
    ],
    [
      'required a string',
      second({ ...choice, required: 'yes' }),
      [
        [
          'questions[1].required',
          'Wajib/tidaknya pertanyaan 2 harus true atau false.',
          "Question 2's required must be true or false.",
        ],
      ],
    ],
  ];

  it.each(cases)('%s: each problem with its field and its words in both languages', (_name, body, expected) => {
    for (const lang of ['id', 'en'] as const) {
      expect(surveyProblems(body, lang)).toEqual({
        problems: expected.map(([field, id, en]) => ({ field, message: lang === 'en' ? en : id })),
      });
    }
  });

  it('reads a valid definition into what the queries store: trimmed, defaults filled, the slug made from the title', () => {
    const body = {
      title: '  Jam buka  ',
      description: '   ',
      slug: ' ',
      opensAt: '2026-03-01T08:00:00+07:00',
      closesAt: '',
      kind: 'survey',
      questions: [
        { ...choice, id: 7, maxLength: 'ignored', options: [{ label: ' Pagi ' }, 'Malam'] },
        { type: 'rating', prompt: 'Keramahan', required: false, options: 'ignored' },
        { type: 'text', prompt: 'Saran', required: null },
        { type: 'text', prompt: 'Kesan', maxLength: 80 },
      ],
    };
    expect(surveyProblems(body, 'id')).toEqual({
      value: {
        slug: 'jam-buka',
        title: 'Jam buka',
        description: null,
        audience: 'anyone',
        opensAt: new Date('2026-03-01T01:00:00Z'),
        closesAt: null,
        resultsVisibility: 'after_answer',
        questions: [
          { type: 'single', prompt: 'Kapan?', required: true, maxLength: null, options: ['Pagi', 'Malam'] },
          { type: 'rating', prompt: 'Keramahan', required: false, maxLength: null, options: [] },
          { type: 'text', prompt: 'Saran', required: true, maxLength: 500, options: [] },
          { type: 'text', prompt: 'Kesan', required: true, maxLength: 80, options: [] },
        ],
      },
    });
  });
});

describe('answers', () => {
  const survey = {
    questions: [
      { id: 11, type: 'single', required: true, maxLength: null, options: [{ id: 1 }, { id: 2 }] },
      { id: 12, type: 'multiple', required: false, maxLength: null, options: [{ id: 3 }, { id: 4 }] },
      { id: 13, type: 'rating', required: false, maxLength: null, options: [] },
      { id: 14, type: 'nps', required: false, maxLength: null, options: [] },
      { id: 15, type: 'text', required: false, maxLength: 4, options: [] },
    ],
  } as unknown as SurveyDefinition;
  const chosen = { questionId: 11, optionIds: [1] };
  const answerProblems = (body: Json, lang: Lang) =>
    outcome(() => answerRows(check(answersBody, body, lang).answers, survey, lang));

  const cases: Array<[string, unknown[] | Json, Array<[field: string, id: string, en: string, questionId?: number]>]> =
    [
      ['answers absent', {}, [['answers', 'Jawaban tidak ada.', 'No answers were sent.']]],
      ['answers a string', { answers: '1' }, [['answers', 'Jawaban tidak ada.', 'No answers were sent.']]],
      [
        'an answer a number, the required one missing',
        [5],
        [
          ['answers[0]', 'Jawaban harus berupa objek.', 'An answer must be an object.'],
          ['answer', 'Pertanyaan ini wajib dijawab.', 'This question is required.', 11],
        ],
      ],
      [
        'an unknown question',
        [chosen, { questionId: 99, value: 1 }],
        [['questionId', 'Jawaban untuk pertanyaan yang tidak ada.', 'An answer names a question that does not exist.']],
      ],
      [
        'a question twice',
        [chosen, chosen],
        [['questionId', 'Pertanyaan ini dijawab dua kali.', 'This question was answered twice.', 11]],
      ],
      [
        'options not a list',
        [chosen, { questionId: 12, optionIds: 3 }],
        [['optionIds', 'Pilihan jawaban harus berupa daftar.', 'The chosen options must be a list.', 12]],
      ],
      [
        'no option on a required question',
        [{ questionId: 11, optionIds: [] }],
        [['optionIds', 'Pilih salah satu jawaban.', 'Choose an answer.', 11]],
      ],
      [
        'two options on a single choice',
        [{ questionId: 11, optionIds: [1, 2] }],
        [['optionIds', 'Pilih satu jawaban saja.', 'Choose only one answer.', 11]],
      ],
      [
        "another question's option",
        [chosen, { questionId: 12, optionIds: [1] }],
        [['optionIds', 'Pilihan jawaban tidak dikenal.', 'Unknown answer option.', 12]],
      ],
      [
        'a rating of 6',
        [chosen, { questionId: 13, value: 6 }],
        [['value', 'Nilai harus bilangan bulat 1–5.', 'The score must be a whole number from 1 to 5.', 13]],
      ],
      [
        'a score of 11',
        [chosen, { questionId: 14, value: 11 }],
        [['value', 'Nilai harus bilangan bulat 0–10.', 'The score must be a whole number from 0 to 10.', 14]],
      ],
      [
        'a text answer a number',
        [chosen, { questionId: 15, text: 5 }],
        [['text', 'Jawaban harus berupa teks.', 'The answer must be text.', 15]],
      ],
      [
        'a text answer of 5, counted as people count',
        [chosen, { questionId: 15, text: '😀😀😀😀😀' }],
        [['text', 'Jawaban paling panjang 4 karakter.', 'The answer may be at most 4 characters.', 15]],
      ],
      [
        'a NUL in a text answer',
        [chosen, { questionId: 15, text: 'a\u0000' }],
        [['text', 'Jawaban memuat karakter yang tidak sah.', 'The answer holds an invalid character.', 15]],
      ],
    ];

  it.each(cases)('%s: each problem with its field, question and words in both languages', (_name, sent, expected) => {
    const body = Array.isArray(sent) ? { answers: sent } : sent;
    for (const lang of ['id', 'en'] as const) {
      expect(answerProblems(body, lang)).toEqual({
        problems: expected.map(([field, id, en, questionId]) => ({
          ...(questionId === undefined ? {} : { questionId }),
          field,
          message: lang === 'en' ? en : id,
        })),
      });
    }
  });

  it('asks for one answer when none of the optional questions is answered', () => {
    const optional = { questions: survey.questions.slice(1) } as SurveyDefinition;
    expect(() => answerRows([{ questionId: 13, value: null }], optional, 'en')).toThrow(
      expect.objectContaining({
        details: [{ field: 'answers', message: 'Answer at least one question.' }],
      }),
    );
  });

  it('reads valid answers into the rows to store', () => {
    const answers = [
      { questionId: 12, optionIds: [4, 3] },
      chosen,
      { questionId: 13, value: null },
      { questionId: 14, value: 0 },
      { questionId: 15, text: ' oke ' },
    ];
    expect(answerProblems({ answers }, 'id')).toEqual({
      value: [
        { question_id: 12, option_id: 4, value: null, text: null },
        { question_id: 12, option_id: 3, value: null, text: null },
        { question_id: 11, option_id: 1, value: null, text: null },
        { question_id: 14, option_id: null, value: 0, text: null },
        { question_id: 15, option_id: null, value: null, text: 'oke' },
      ],
    });
  });
});
