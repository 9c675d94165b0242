// Validation at the edge with Zod: each request's shape is one schema, built once per language so every
// message a librarian or a member reads is ours, in Indonesian or English; a body or query that breaks it is
// a 422 validation_failed listing each field once, in the error shape of every route (server/errors.ts).
import { z } from 'zod';
import { ApiError, requestLang, type FieldProblem, type Lang } from './errors.ts';
import { readJsonObject, type Validated } from './http.ts';

/** Picks a message's wording: the schema builder calls it with both, the language's own build keeps one. */
export type Say = (id: string, en: string) => string;

/** One schema in each language, alike but for the words of its messages. */
export interface Bilingual<S extends z.ZodType = z.ZodType> {
  id: S;
  en: S;
}

/** Builds `schema` twice, once with Indonesian messages and once with English ones. */
export function bilingual<S extends z.ZodType>(schema: (say: Say) => S): Bilingual<S> {
  return { id: schema((id) => id), en: schema((_id, en) => en) };
}

/** Zod's own wording in the request's language, for a rule whose schema says nothing itself (none should). */
const zodWords = { id: z.locales.id().localeError, en: z.locales.en().localeError } as const;

/** ['questions', 0, 'prompt'] -> 'questions[0].prompt': the field names our 422s have always used. */
export function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (field, key) =>
      typeof key === 'number' ? `${field}[${key}]` : field === '' ? String(key) : `${field}.${String(key)}`,
    '',
  );
}

/**
 * `input` checked by `schema` in `lang`: what the schema returns, or a 422 naming each broken field with its first
 * problem (a number that is no whole number may also be out of range: one is enough), though every one our own
 * rules raise (a question's options can be wrong in several ways at once). A message may say `{n}`: the 1-based
 * place of the list item it is about ("Pertanyaan 2 …").
 */
export function check<S extends z.ZodType>(schema: Bilingual<S>, input: unknown, lang: Lang): z.output<S> {
  // Zod's own wording is needed only for a refusal: a parse given any option skips zod's fast path (about a
  // microsecond a vote), so a body is parsed plainly and, when it fails, again for the words.
  const plain = schema[lang].safeParse(input);
  if (plain.success) return plain.data;
  const result = schema[lang].safeParse(input, { error: zodWords[lang] });
  if (result.success) return result.data;
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    const field = fieldOf(issue.path);
    if (issue.code !== 'custom' && problems.some((p) => p.field === field)) continue;
    const index = issue.path.findLast((key) => typeof key === 'number');
    const message = index === undefined ? issue.message : issue.message.replaceAll('{n}', String(index + 1));
    problems.push({ field, message });
  }
  throw new ApiError(422, 'validation_failed', problems);
}

/** Route middleware: the JSON body (readJsonObject's rules) checked by `schema`; the handler reads `c.req.valid('json')`. */
export function jsonBody<S extends z.ZodType>(schema: Bilingual<S>): Validated<'json', z.output<S>> {
  return async (c, next) => {
    const body = await readJsonObject(c);
    c.req.addValidatedData('json', check(schema, body, requestLang(c)) as object);
    await next();
  };
}

/** Route middleware: the query string checked by `schema`; the handler reads `c.req.valid('query')`. */
export function validQuery<S extends z.ZodType>(schema: Bilingual<S>): Validated<'query', z.output<S>> {
  return async (c, next) => {
    c.req.addValidatedData('query', check(schema, c.req.query(), requestLang(c)) as object);
    await next();
  };
}

/** Characters as people count them (an emoji is one), which is how our limits are stated. */
export const length = (value: string): number => [...value].length;

/** Absent: undefined, null or (in a query string) ''. */
export const absent = (value: unknown): value is undefined | null | '' =>
  value === undefined || value === null || value === '';

/** One field's words, e.g. { id: 'Judul buku', en: 'The title' }: "Judul buku wajib diisi." */
export interface FieldName {
  id: string;
  en: string;
}

/**
 * Text, trimmed: required unless `optional` (then absent, null and blank are ''), at most `max` characters, no
 * NUL. A value that is not text is refused, never coerced.
 */
export function text(say: Say, what: FieldName, max: number, options: { optional?: boolean } = {}) {
  const required = say(`${what.id} wajib diisi.`, `${what.en} is required.`);
  const notText = say(`${what.id} harus berupa teks.`, `${what.en} must be text.`);
  const checked = (value: string | null | undefined, ctx: z.RefinementCtx): string => {
    const trimmed = (value ?? '').trim();
    const refuse = (message: string) => {
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    };
    if (trimmed === '' && options.optional !== true) return refuse(required);
    if (length(trimmed) > max) {
      return refuse(
        say(
          `${what.id} paling panjang ${max.toLocaleString('id-ID')} karakter.`,
          `${what.en} may be at most ${max.toLocaleString('en-US')} characters.`,
        ),
      );
    }
    if (trimmed.includes('\u0000'))
      return refuse(say(`${what.id} memuat karakter yang tidak sah.`, `${what.en} holds an invalid character.`));
    return trimmed;
  };
  if (options.optional === true)
    return z.string({ error: notText }).meta({ maxLength: max }).nullish().transform(checked);
  return z
    .string({ error: (issue) => (absent(issue.input) ? required : notText) })
    .meta({ maxLength: max })
    .transform(checked);
}

/** A whole number given as plain digits in a query string ("1e3", "0x10", " 2 " are not), '' or absent for `fallback`. */
export function wholeParam(message: string, range: { min: number; max: number; fallback: number }) {
  return z
    .string()
    .meta({ pattern: '^\\d{1,6}$' })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return range.fallback;
      const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
      if (Number.isInteger(n) && n >= range.min && n <= range.max) return n;
      ctx.addIssue({ code: 'custom', message, input: value });
      return z.NEVER;
    });
}

/**
 * A query parameter that is one of `values`, '' or absent for `fallback`. The values stay an enum in the
 * OpenAPI document; '' is listed with them, as "not chosen".
 */
export function choice<const T extends readonly [string, ...string[]], F extends T[number] | undefined>(
  values: T,
  message: string,
  fallback: F,
) {
  return z
    .enum(['', ...values] as ['', ...T], { error: message })
    .optional()
    .transform((value): T[number] | F => (value === undefined || value === '' ? fallback : (value as T[number])));
}

/** `page` (from 1) and `pageSize` (1 to `maxSize`) of a paged list's query string. */
export const pageQuery = (say: Say, maxSize: number, defaultSize: number) => ({
  page: wholeParam(say('Nomor halaman tidak sah.', 'Not a valid page number.'), {
    min: 1,
    max: 10_000,
    fallback: 1,
  }).describe('From 1; default 1.'),
  pageSize: wholeParam(say(`Ukuran halaman harus 1–${maxSize}.`, `The page size must be 1–${maxSize}.`), {
    min: 1,
    max: maxSize,
    fallback: defaultSize,
  }).describe(`1 to ${maxSize}; default ${defaultSize}.`),
});

/** A query filter of at most `max` characters, trimmed; blank is no filter. */
export const filterText = (message: string, max: number) =>
  z
    .string()
    .meta({ maxLength: max })
    .optional()
    .transform((value, ctx) => {
      const trimmed = value?.trim();
      if (trimmed !== undefined && length(trimmed) > max) ctx.addIssue({ code: 'custom', input: value, message });
      return trimmed === '' ? undefined : trimmed;
    });

/** Whether `value` holds a control character (U+0000–U+001F): never part of a name, a label or a card number. */
export const hasControlCharacter = (value: string): boolean => [...value].some((ch) => ch.charCodeAt(0) < 0x20);
