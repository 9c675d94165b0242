// Validation at the edge for surveys: staff's survey definitions and members' answers.
import { z } from 'zod';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';
import { lang } from '../http.ts';
import { bilingual } from '../validate.ts';
import type { Audience, QuestionType, ResultsVisibility } from '../db/database.ts';
import { parseInstant } from '../db/time.ts';
import type { SurveyDefinition } from './surveys.queries.ts';

export const QUESTION_TYPES: readonly QuestionType[] = ['single', 'multiple', 'rating', 'nps', 'text'];
const AUDIENCES: readonly Audience[] = ['anyone', 'members'];
const VISIBILITIES: readonly ResultsVisibility[] = ['after_answer', 'after_close', 'staff'];
export const TEXT_LIMIT_DEFAULT = 500;
const TEXT_LIMIT_MAX = 2000;

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

/**
 * The wire shapes of the survey bodies, for the contract and the OpenAPI document. Unlike the other routes',
 * these are not yet the check itself: parseSurveyInput and parseAnswers below check field by field with the
 * bilingual messages (both languages' builds are alike). Fields not named here are ignored; absent means null.
 */
const question = z.looseObject({
  type: z.enum(['single', 'multiple', 'rating', 'nps', 'text']),
  prompt: z.string().max(500),
  required: z.boolean().nullish().describe('Default true.'),
  maxLength: z.int().min(1).max(TEXT_LIMIT_MAX).nullish().describe('Text questions only; default 500.'),
  options: z
    .array(z.union([z.string().max(200), z.looseObject({ label: z.string().max(200) })]))
    .max(30)
    .nullish()
    .describe('Choice questions: 2 to 30 distinct labels.'),
});

const surveyShape = z.looseObject({
  slug: z
    .string()
    .max(64)
    .nullish()
    .describe('Lower-case letters, digits and hyphens; made from the title when empty.'),
  title: z.string().max(200),
  description: z.string().max(2000).nullish(),
  audience: z.enum(['anyone', 'members']).nullish().describe('Default "anyone".'),
  opensAt: z.string().nullish().describe('ISO 8601 instant.'),
  closesAt: z.string().nullish().describe('ISO 8601 instant, after opensAt.'),
  resultsVisibility: z.enum(['after_answer', 'after_close', 'staff']).nullish().describe('Default "after_answer".'),
  questions: z.array(question).min(1).max(50),
  lang,
});

const answersShape = z.looseObject({
  answers: z.array(
    z.union([
      z.object({ questionId: z.int(), optionIds: z.array(z.int()) }),
      z.object({ questionId: z.int(), value: z.int() }),
      z.object({ questionId: z.int(), text: z.string() }),
    ]),
  ),
  lang,
});

export const surveyBody = bilingual(() => surveyShape);
export const answersBody = bilingual(() => answersShape);

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

function text(value: unknown): string | null {
  return typeof value === 'string' ? value.trim() : null;
}

/** Absent (undefined or null) counts as not given; anything present must have its own type, never coerced. */
const absent = (value: unknown): value is undefined | null => value === undefined || value === null;

/**
 * Strict types, lenient on the unknown: every field below is checked for its type and a wrong one is a 422,
 * while fields this parser does not know (the staff app's `kind`, a question's `id`) are ignored, so an older
 * or newer client's extra field never fails a save.
 */

export function parseSurveyInput(body: Record<string, unknown>, lang: Lang): SurveyInput {
  const problems: FieldProblem[] = [];
  const problem = (field: string, id: string, en: string) => problems.push({ field, message: pick(lang, id, en) });

  const title = text(body.title) ?? '';
  if (!absent(body.title) && typeof body.title !== 'string')
    problem('title', 'Judul harus berupa teks.', 'The title must be text.');
  else if (title === '') problem('title', 'Judul wajib diisi.', 'A title is required.');
  else if (title.length > 200)
    problem('title', 'Judul paling panjang 200 karakter.', 'The title may be at most 200 characters.');

  let description: string | null = null;
  if (body.description !== undefined && body.description !== null) {
    description = text(body.description);
    if (description === null) problem('description', 'Deskripsi harus berupa teks.', 'The description must be text.');
    else if (description.length > 2000)
      problem(
        'description',
        'Deskripsi paling panjang 2.000 karakter.',
        'The description may be at most 2,000 characters.',
      );
    else if (description === '') description = null;
  }

  let slug = text(body.slug) ?? '';
  if (!absent(body.slug) && typeof body.slug !== 'string')
    problem('slug', 'Slug harus berupa teks.', 'The slug must be text.');
  else if (slug === '') slug = slugify(title);
  else if (!/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/.test(slug)) {
    problem(
      'slug',
      'Slug hanya huruf kecil, angka dan tanda hubung (maks. 64).',
      'The slug may hold only lower-case letters, digits and hyphens (max. 64).',
    );
  }

  const audience = (body.audience ?? 'anyone') as Audience;
  if (!AUDIENCES.includes(audience))
    problem('audience', 'Pilih sasaran: siapa saja atau hanya anggota.', 'Choose an audience: anyone or members only.');

  const resultsVisibility = (body.resultsVisibility ?? 'after_answer') as ResultsVisibility;
  if (!VISIBILITIES.includes(resultsVisibility)) {
    problem('resultsVisibility', 'Pilih kapan hasil ditampilkan.', 'Choose when results are shown.');
  }

  const instant = (field: 'opensAt' | 'closesAt'): Date | null => {
    const value = body[field];
    if (value === undefined || value === null || value === '') return null;
    const date = typeof value === 'string' ? parseInstant(value) : null;
    if (date === null) problem(field, 'Waktu tidak sah (format ISO 8601).', 'Not a valid time (ISO 8601).');
    return date;
  };
  const opensAt = instant('opensAt');
  const closesAt = instant('closesAt');
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt) {
    problem('closesAt', 'Waktu tutup harus sesudah waktu buka.', 'The closing time must be after the opening time.');
  }

  const questions: QuestionInput[] = [];
  if (!Array.isArray(body.questions) || body.questions.length === 0) {
    problem('questions', 'Tambahkan sedikitnya satu pertanyaan.', 'Add at least one question.');
  } else if (body.questions.length > 50) {
    problem('questions', 'Paling banyak 50 pertanyaan.', 'At most 50 questions.');
  } else {
    body.questions.forEach((raw: unknown, index) => {
      const at = `questions[${index}]`;
      const n = index + 1;
      if (typeof raw !== 'object' || raw === null) {
        problem(at, `Pertanyaan ${n} tidak sah.`, `Question ${n} is not valid.`);
        return;
      }
      const q = raw as Record<string, unknown>;
      const type = q.type as QuestionType;
      if (!QUESTION_TYPES.includes(type)) {
        problem(`${at}.type`, `Jenis pertanyaan ${n} tidak dikenal.`, `Question ${n} has an unknown type.`);
        return;
      }
      const prompt = text(q.prompt) ?? '';
      if (!absent(q.prompt) && typeof q.prompt !== 'string')
        problem(`${at}.prompt`, `Pertanyaan ${n} harus berupa teks.`, `Question ${n} must be text.`);
      else if (prompt === '') problem(`${at}.prompt`, `Pertanyaan ${n} belum diisi.`, `Question ${n} has no text.`);
      else if (prompt.length > 500)
        problem(
          `${at}.prompt`,
          `Pertanyaan ${n} paling panjang 500 karakter.`,
          `Question ${n} may be at most 500 characters.`,
        );
      let maxLength: number | null = null;
      if (type === 'text') {
        maxLength = absent(q.maxLength) ? TEXT_LIMIT_DEFAULT : typeof q.maxLength === 'number' ? q.maxLength : NaN;
        if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > TEXT_LIMIT_MAX) {
          problem(
            `${at}.maxLength`,
            `Batas panjang jawaban ${n} harus 1–${TEXT_LIMIT_MAX}.`,
            `Question ${n}'s answer limit must be 1–${TEXT_LIMIT_MAX}.`,
          );
        }
      }
      const options: string[] = [];
      if (type === 'single' || type === 'multiple') {
        const list: unknown[] = Array.isArray(q.options) ? q.options : [];
        if (!absent(q.options) && !Array.isArray(q.options)) {
          problem(
            `${at}.options`,
            `Pilihan pada pertanyaan ${n} harus berupa daftar.`,
            `Question ${n}'s options must be a list.`,
          );
        }
        for (const option of list) {
          const raw =
            typeof option === 'object' && option !== null && !Array.isArray(option)
              ? (option as Record<string, unknown>).label
              : option;
          const label = text(raw) ?? '';
          if (typeof raw !== 'string')
            problem(
              `${at}.options`,
              `Pilihan pada pertanyaan ${n} harus berupa teks.`,
              `Question ${n}'s options must be text.`,
            );
          else if (label === '')
            problem(
              `${at}.options`,
              `Pilihan pada pertanyaan ${n} tidak boleh kosong.`,
              `Question ${n} has an empty option.`,
            );
          else if (label.length > 200)
            problem(
              `${at}.options`,
              `Pilihan pada pertanyaan ${n} paling panjang 200 karakter.`,
              `Question ${n}'s options may be at most 200 characters.`,
            );
          else options.push(label);
        }
        if (list.length < 2)
          problem(
            `${at}.options`,
            `Pertanyaan ${n} perlu sedikitnya dua pilihan.`,
            `Question ${n} needs at least two options.`,
          );
        if (list.length > 30)
          problem(
            `${at}.options`,
            `Pertanyaan ${n} paling banyak 30 pilihan.`,
            `Question ${n} may have at most 30 options.`,
          );
        if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
          problem(
            `${at}.options`,
            `Ada pilihan ganda (sama) pada pertanyaan ${n}.`,
            `Question ${n} has duplicate options.`,
          );
        }
      }
      if (!absent(q.required) && typeof q.required !== 'boolean') {
        problem(
          `${at}.required`,
          `Wajib/tidaknya pertanyaan ${n} harus true atau false.`,
          `Question ${n}'s required must be true or false.`,
        );
      }
      questions.push({ type, prompt, required: q.required !== false, maxLength, options });
    });
  }

  if (problems.length > 0) throw new ApiError(422, 'validation_failed', problems);
  return { slug, title, description, audience, opensAt, closesAt, resultsVisibility, questions };
}

/** One answer in POST /api/v1/surveys/:slug/responses `{ answers: Answer[] }`, by question type. */
export type Answer = z.input<typeof answersShape>['answers'][number];

/** What the staff app sends to create or change a survey. */
export type SurveyBody = z.input<typeof surveyShape>;

export interface AnswerRow {
  question_id: number;
  option_id: number | null;
  value: number | null;
  text: string | null;
}

/** Checks answers against the survey's questions; returns the rows to store or throws a 422 with each problem. */
export function parseAnswers(body: Record<string, unknown>, survey: SurveyDefinition, lang: Lang): AnswerRow[] {
  const problems: FieldProblem[] = [];
  const problem = (questionId: number | undefined, field: string, id: string, en: string) =>
    problems.push({ ...(questionId === undefined ? {} : { questionId }), field, message: pick(lang, id, en) });

  if (!Array.isArray(body.answers)) {
    throw new ApiError(422, 'validation_failed', [
      { field: 'answers', message: pick(lang, 'Jawaban tidak ada.', 'No answers were sent.') },
    ]);
  }
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  const seen = new Set<number>();
  const rows: AnswerRow[] = [];
  for (const [index, raw] of (body.answers as unknown[]).entries()) {
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
    switch (question.type) {
      case 'single':
      case 'multiple': {
        // Absent (or null) is no answer; anything else must be a list: "", 0, true or {} are not "no answer".
        if (!absent(answer.optionIds) && !Array.isArray(answer.optionIds)) {
          problem(
            question.id,
            'optionIds',
            'Pilihan jawaban harus berupa daftar.',
            'The chosen options must be a list.',
          );
          break;
        }
        const ids: unknown[] = Array.isArray(answer.optionIds) ? answer.optionIds : [];
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
        if (!absent(answer.text) && typeof answer.text !== 'string') {
          problem(question.id, 'text', 'Jawaban harus berupa teks.', 'The answer must be text.');
          break;
        }
        const value = typeof answer.text === 'string' ? answer.text.trim() : '';
        const limit = question.maxLength ?? TEXT_LIMIT_DEFAULT;
        if (value === '') {
          if (question.required) problem(question.id, 'text', 'Jawaban wajib diisi.', 'An answer is required.');
          break;
        }
        if ([...value].length > limit) {
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
