// Validation at the edge for surveys: staff's survey definitions and members' answers.
import { z } from 'zod';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';
import { lang } from '../http.ts';
import { absent, bilingual, length, type Say } from '../validate.ts';
import type { Audience, QuestionType, ResultsVisibility } from '../db/database.ts';
import { parseInstant } from '../db/time.ts';
import type { SurveyDefinition } from './surveys.queries.ts';

const AUDIENCES = ['anyone', 'members'] as const satisfies readonly Audience[];
const VISIBILITIES = ['after_answer', 'after_close', 'staff'] as const satisfies readonly ResultsVisibility[];
export const TEXT_LIMIT_DEFAULT = 500;
const TEXT_LIMIT_MAX = 2000;
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export interface QuestionInput {
  type: QuestionType;
  prompt: string;
  required: boolean;
  maxLength: number | null;
  options: string[];
}

export interface SurveyInput {
  slug: string;
  title: string;
  description: string | null;
  audience: Audience;
  opensAt: Date | null;
  closesAt: Date | null;
  resultsVisibility: ResultsVisibility;
  questions: QuestionInput[];
}

export function slugify(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/g, '');
  return base === '' ? 'survei' : base;
}

// ---- survey definitions ----------------------------------------------------------------------------------
//
// Strict types, lenient on the unknown: every field below is checked for its type and a wrong one is a 422,
// while fields the schema does not know (the staff app's `kind`, a question's `id`) are ignored, so an older
// or newer client's extra field never fails a save. A message about a question says `{n}`, its number as
// staff count (check() in validate.ts fills it in).

const refuse = (ctx: z.RefinementCtx, value: unknown, message: string) => {
  ctx.addIssue({ code: 'custom', message, input: value });
  return z.NEVER;
};

/**
 * Trimmed text, absent or null read as '' (then `required` is the message, if it is required). Survey texts
 * count their length in UTF-16 units and allow any character, as they always have; validate.ts's text() counts
 * characters as people do and refuses NUL.
 */
function trimmedText(words: { notText: string; tooLong: string; required?: string }, max: number) {
  const { notText, tooLong, required } = words;
  const checked = (value: string | null | undefined, ctx: z.RefinementCtx): string => {
    const trimmed = (value ?? '').trim();
    if (trimmed === '' && required !== undefined) return refuse(ctx, value, required);
    if (trimmed.length > max) return refuse(ctx, value, tooLong);
    return trimmed;
  };
  if (required === undefined) return z.string({ error: notText }).meta({ maxLength: max }).nullish().transform(checked);
  const given = z.string({ error: (issue) => (absent(issue.input) ? required : notText) });
  return given.meta({ maxLength: max }).transform(checked);
}

/** An ISO 8601 instant; absent, null or '' is none. */
const instant = (say: Say) => {
  const message = say('Waktu tidak sah (format ISO 8601).', 'Not a valid time (ISO 8601).');
  return z
    .string({ error: message })
    .nullish()
    .transform((value, ctx) => {
      if (value === undefined || value === null || value === '') return null;
      return parseInstant(value) ?? refuse(ctx, value, message);
    });
};

const OPTION_MAX = 200;
const OPTIONS_MAX = 30;

/** An option as sent: its label, or an object with one (the staff app sends `{ label }`). */
const optionLabel = (option: unknown): unknown =>
  typeof option === 'object' && option !== null && !Array.isArray(option)
    ? (option as Record<string, unknown>).label
    : option;

/**
 * A choice question's options, read into their trimmed labels. Each problem is listed, all under the question's
 * `options` (an empty option and too few options are two), so the checks are one pass over the list rather than
 * zod's per-item rules, which would name each item; the zod shape they pass into is what the document shows.
 */
function options(say: Say) {
  const words = {
    notList: say('Pilihan pada pertanyaan {n} harus berupa daftar.', "Question {n}'s options must be a list."),
    notText: say('Pilihan pada pertanyaan {n} harus berupa teks.', "Question {n}'s options must be text."),
    empty: say('Pilihan pada pertanyaan {n} tidak boleh kosong.', 'Question {n} has an empty option.'),
    tooLong: say(
      `Pilihan pada pertanyaan {n} paling panjang ${OPTION_MAX} karakter.`,
      `Question {n}'s options may be at most ${OPTION_MAX} characters.`,
    ),
    tooFew: say('Pertanyaan {n} perlu sedikitnya dua pilihan.', 'Question {n} needs at least two options.'),
    tooMany: say(
      `Pertanyaan {n} paling banyak ${OPTIONS_MAX} pilihan.`,
      `Question {n} may have at most ${OPTIONS_MAX} options.`,
    ),
    twice: say('Ada pilihan ganda (sama) pada pertanyaan {n}.', 'Question {n} has duplicate options.'),
  };
  const label = z.string().meta({ maxLength: OPTION_MAX });
  const shape = z
    .array(z.union([label, z.looseObject({ label })]))
    .min(2)
    .max(OPTIONS_MAX)
    .describe('2 to 30 distinct labels.');
  const checked = (value: z.input<typeof shape> | null | undefined, ctx: z.RefinementCtx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message, input: value });
    if (value !== undefined && value !== null && !Array.isArray(value)) problem(words.notList);
    const list: unknown[] = Array.isArray(value) ? value : [];
    const labels: string[] = [];
    for (const option of list) {
      const raw = optionLabel(option);
      if (typeof raw !== 'string') problem(words.notText);
      else if (raw.trim() === '') problem(words.empty);
      else if (raw.trim().length > OPTION_MAX) problem(words.tooLong);
      else labels.push(raw.trim());
    }
    if (list.length < 2) problem(words.tooFew);
    if (list.length > OPTIONS_MAX) problem(words.tooMany);
    if (new Set(labels.map((o) => o.toLowerCase())).size !== labels.length) problem(words.twice);
    return value;
  };
  return z.preprocess(checked, shape).transform((list) => list.map((option) => (optionLabel(option) as string).trim()));
}

function question(say: Say) {
  const prompt = trimmedText(
    {
      notText: say('Pertanyaan {n} harus berupa teks.', 'Question {n} must be text.'),
      required: say('Pertanyaan {n} belum diisi.', 'Question {n} has no text.'),
      tooLong: say('Pertanyaan {n} paling panjang 500 karakter.', 'Question {n} may be at most 500 characters.'),
    },
    500,
  );
  const required = z
    .boolean({
      error: say(
        'Wajib/tidaknya pertanyaan {n} harus true atau false.',
        "Question {n}'s required must be true or false.",
      ),
    })
    .nullish()
    .transform((value) => value !== false)
    .describe('Default true.');
  const limit = say(
    `Batas panjang jawaban {n} harus 1–${TEXT_LIMIT_MAX}.`,
    `Question {n}'s answer limit must be 1–${TEXT_LIMIT_MAX}.`,
  );
  const byType = z
    .discriminatedUnion(
      'type',
      [
        z.looseObject({ type: z.enum(['single', 'multiple']), prompt, options: options(say), required }),
        z.looseObject({ type: z.enum(['rating', 'nps']), prompt, required }),
        z.looseObject({
          type: z.literal('text'),
          prompt,
          maxLength: z
            .int({ error: limit })
            .min(1, { error: limit })
            .max(TEXT_LIMIT_MAX, { error: limit })
            .nullish()
            .transform((value) => value ?? TEXT_LIMIT_DEFAULT)
            .describe(`Default ${TEXT_LIMIT_DEFAULT}.`),
          required,
        }),
      ],
      {
        error: (issue) =>
          issue.code === 'invalid_union'
            ? say('Jenis pertanyaan {n} tidak dikenal.', 'Question {n} has an unknown type.')
            : say('Pertanyaan {n} tidak sah.', 'Question {n} is not valid.'),
      },
    )
    // Only what the question's type reads: a rating's stray `options` or a choice's `maxLength` are not kept.
    .transform((q): QuestionInput => ({
      type: q.type,
      prompt: q.prompt,
      required: q.required,
      maxLength: q.type === 'text' ? q.maxLength : null,
      options: q.type === 'single' || q.type === 'multiple' ? q.options : [],
    }));
  // A list where a question should be has always read as a question of no known type.
  return z.preprocess((value: z.input<typeof byType>) => (Array.isArray(value) ? {} : value), byType);
}

/** A survey's own fields, and the rule between two of them. Absent means null or the default. */
const surveyFields = (say: Say) =>
  z
    .object({
      title: trimmedText(
        {
          notText: say('Judul harus berupa teks.', 'The title must be text.'),
          required: say('Judul wajib diisi.', 'A title is required.'),
          tooLong: say('Judul paling panjang 200 karakter.', 'The title may be at most 200 characters.'),
        },
        200,
      ),
      description: trimmedText(
        {
          notText: say('Deskripsi harus berupa teks.', 'The description must be text.'),
          tooLong: say('Deskripsi paling panjang 2.000 karakter.', 'The description may be at most 2,000 characters.'),
        },
        2000,
      ),
      slug: z
        .string({ error: say('Slug harus berupa teks.', 'The slug must be text.') })
        .nullish()
        .transform((value, ctx) => {
          const slug = (value ?? '').trim();
          if (slug === '' || SLUG.test(slug)) return slug;
          return refuse(
            ctx,
            value,
            say(
              'Slug hanya huruf kecil, angka dan tanda hubung (maks. 64).',
              'The slug may hold only lower-case letters, digits and hyphens (max. 64).',
            ),
          );
        })
        .meta({ pattern: SLUG.source })
        .describe('Lower-case letters, digits and hyphens; made from the title when empty.'),
      audience: z
        .enum(AUDIENCES, {
          error: say('Pilih sasaran: siapa saja atau hanya anggota.', 'Choose an audience: anyone or members only.'),
        })
        .nullish()
        .describe('Default "anyone".'),
      resultsVisibility: z
        .enum(VISIBILITIES, { error: say('Pilih kapan hasil ditampilkan.', 'Choose when results are shown.') })
        .nullish()
        .describe('Default "after_answer".'),
      opensAt: instant(say).describe('ISO 8601 instant.'),
      closesAt: instant(say).describe('ISO 8601 instant, after opensAt.'),
      lang,
    })
    // Runs whatever else is wrong, so one answer lists every problem; a time that failed is no Date here.
    .superRefine(
      (body, ctx) => {
        const { opensAt, closesAt } = body as { opensAt: unknown; closesAt: unknown };
        if (opensAt instanceof Date && closesAt instanceof Date && closesAt <= opensAt) {
          ctx.addIssue({
            code: 'custom',
            path: ['closesAt'],
            message: say('Waktu tutup harus sesudah waktu buka.', 'The closing time must be after the opening time.'),
          });
        }
      },
      { when: () => true },
    );

/**
 * POST and PUT /api/v1/staff/surveys: a survey's definition, whole. Its own fields and its questions are two
 * halves so that problems are listed as they always were, the closing time's before the questions'.
 */
export const surveyBody = bilingual((say) =>
  z
    .intersection(
      surveyFields(say),
      z.object({
        questions: z
          .array(question(say), { error: say('Tambahkan sedikitnya satu pertanyaan.', 'Add at least one question.') })
          .min(1, { error: say('Tambahkan sedikitnya satu pertanyaan.', 'Add at least one question.') })
          // Over 50, zod reads none of them: the one problem is their number.
          .max(50, { error: say('Paling banyak 50 pertanyaan.', 'At most 50 questions.') }),
      }),
    )
    .transform((body): SurveyInput => ({
      slug: body.slug || slugify(body.title),
      title: body.title,
      description: body.description || null,
      audience: body.audience ?? 'anyone',
      opensAt: body.opensAt,
      closesAt: body.closesAt,
      resultsVisibility: body.resultsVisibility ?? 'after_answer',
      questions: body.questions,
    })),
);

/** What the staff app sends to create or change a survey. */
export type SurveyBody = z.input<(typeof surveyBody)['en']>;

// ---- answers -----------------------------------------------------------------------------------------------

/** One answer in POST /api/v1/surveys/:slug/responses, by question type: what the widgets send. */
const answer = z.union([
  z.object({ questionId: z.int(), optionIds: z.array(z.int()) }),
  z.object({ questionId: z.int(), value: z.int() }),
  z.object({ questionId: z.int(), text: z.string() }),
]);
export type Answer = z.input<typeof answer>;

/** `answer` as the OpenAPI document shows an item of `answers` (a part of it, so without its own $schema). */
const answerDocument: Record<string, unknown> = z.toJSONSchema(answer);
delete answerDocument.$schema;

/**
 * POST /api/v1/surveys/:slug/responses `{ answers }`: the envelope. Which of an answer's fields count and what
 * they must be depends on its question (a rating reads only `value`), and each problem names the question, so
 * answerRows reads every answer against the survey; here an answer is any value, documented as `answer`.
 */
export const answersBody = bilingual((say) =>
  z.looseObject({
    answers: z.array(z.unknown().meta(answerDocument), {
      error: say('Jawaban tidak ada.', 'No answers were sent.'),
    }),
    lang,
  }),
);

export interface AnswerRow {
  question_id: number;
  option_id: number | null;
  value: number | null;
  text: string | null;
}

/** The answers checked against the survey's questions: the rows to store, or a 422 listing each problem. */
export function answerRows(answers: readonly unknown[], survey: SurveyDefinition, lang: Lang): AnswerRow[] {
  const problems: FieldProblem[] = [];
  const problem = (questionId: number | undefined, field: string, id: string, en: string) =>
    problems.push({ ...(questionId === undefined ? {} : { questionId }), field, message: pick(lang, id, en) });

  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  const seen = new Set<number>();
  const rows: AnswerRow[] = [];
  for (const [index, raw] of answers.entries()) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problem(undefined, `answers[${index}]`, 'Jawaban harus berupa objek.', 'An answer must be an object.');
      continue;
    }
    const answer = raw as Record<string, unknown>;
    const questionId = typeof answer.questionId === 'number' ? answer.questionId : NaN;
    const question = byId.get(questionId);
    if (question === undefined) {
      problem(
        undefined,
        'questionId',
        'Jawaban untuk pertanyaan yang tidak ada.',
        'An answer names a question that does not exist.',
      );
      continue;
    }
    if (seen.has(question.id)) {
      problem(question.id, 'questionId', 'Pertanyaan ini dijawab dua kali.', 'This question was answered twice.');
      continue;
    }
    seen.add(question.id);
    // Absent (undefined or null) is no answer; anything else must have the type its question reads.
    switch (question.type) {
      case 'single':
      case 'multiple': {
        // "", 0, true or {} are not "no answer".
        const ids = answer.optionIds ?? [];
        if (!Array.isArray(ids)) {
          problem(
            question.id,
            'optionIds',
            'Pilihan jawaban harus berupa daftar.',
            'The chosen options must be a list.',
          );
          break;
        }
        const known = new Set(question.options.map((o) => o.id));
        if (ids.length === 0) {
          if (question.required) problem(question.id, 'optionIds', 'Pilih salah satu jawaban.', 'Choose an answer.');
          break;
        }
        if (question.type === 'single' && ids.length > 1) {
          problem(question.id, 'optionIds', 'Pilih satu jawaban saja.', 'Choose only one answer.');
          break;
        }
        if (
          !ids.every((id): id is number => typeof id === 'number' && known.has(id)) ||
          new Set(ids).size !== ids.length
        ) {
          problem(question.id, 'optionIds', 'Pilihan jawaban tidak dikenal.', 'Unknown answer option.');
          break;
        }
        for (const id of ids) rows.push({ question_id: question.id, option_id: id, value: null, text: null });
        break;
      }
      case 'rating':
      case 'nps': {
        const [low, high] = question.type === 'rating' ? [1, 5] : [0, 10];
        if (answer.value === undefined || answer.value === null) {
          if (question.required) problem(question.id, 'value', 'Beri nilai terlebih dahulu.', 'Please give a score.');
          break;
        }
        if (
          typeof answer.value !== 'number' ||
          !Number.isInteger(answer.value) ||
          answer.value < low ||
          answer.value > high
        ) {
          problem(
            question.id,
            'value',
            `Nilai harus bilangan bulat ${low}–${high}.`,
            `The score must be a whole number from ${low} to ${high}.`,
          );
          break;
        }
        rows.push({ question_id: question.id, option_id: null, value: answer.value, text: null });
        break;
      }
      case 'text': {
        const text = answer.text ?? '';
        if (typeof text !== 'string') {
          problem(question.id, 'text', 'Jawaban harus berupa teks.', 'The answer must be text.');
          break;
        }
        const value = text.trim();
        const limit = question.maxLength ?? TEXT_LIMIT_DEFAULT;
        if (value === '') {
          if (question.required) problem(question.id, 'text', 'Jawaban wajib diisi.', 'An answer is required.');
          break;
        }
        if (length(value) > limit) {
          problem(
            question.id,
            'text',
            `Jawaban paling panjang ${limit} karakter.`,
            `The answer may be at most ${limit} characters.`,
          );
          break;
        }
        if (value.includes('\u0000')) {
          problem(
            question.id,
            'text',
            'Jawaban memuat karakter yang tidak sah.',
            'The answer holds an invalid character.',
          );
          break;
        }
        rows.push({ question_id: question.id, option_id: null, value: null, text: value });
        break;
      }
    }
  }
  for (const question of survey.questions) {
    if (question.required && !seen.has(question.id)) {
      problem(question.id, 'answer', 'Pertanyaan ini wajib dijawab.', 'This question is required.');
    }
  }
  if (problems.length === 0 && rows.length === 0) {
    problem(undefined, 'answers', 'Jawab sedikitnya satu pertanyaan.', 'Answer at least one question.');
  }
  if (problems.length > 0) throw new ApiError(422, 'validation_failed', problems);
  return rows;
}
