// Validation at the edge for the suggestion box: submissions, board and inbox queries, staff changes.
import { z } from 'zod';
import type { FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';
import { lang } from '../http.ts';

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['suggestion', 'complaint', 'praise', 'question', 'purchase'];
export const FEEDBACK_STATUSES: readonly FeedbackStatus[] = ['new', 'in_review', 'planned', 'done', 'declined'];
/** Only ideas can gather support: a vote on a complaint or a question means nothing. */
export const VOTABLE_KINDS: readonly FeedbackKind[] = ['suggestion', 'purchase'];
export const CLOSED_STATUSES: readonly FeedbackStatus[] = ['done', 'declined'];
/** The wording of the consent line the submitter agreed to; bump it when that wording changes. */
export const CONSENT_VERSION = 'feedback-2026-11';

export const LIMITS = { body: 2000, title: 300, author: 200, staffText: 4000, category: 60, email: 254 } as const;

/**
 * The wire shapes of the suggestion box's bodies and queries, for the contract and the OpenAPI document; the
 * parsers below check them field by field with the bilingual messages. Unknown fields are ignored.
 */
const kind = z.enum(['suggestion', 'complaint', 'praise', 'question', 'purchase']);
const status = z.enum(['new', 'in_review', 'planned', 'done', 'declined']);
const pageQuery = {
  page: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional()
    .describe('From 1; default 1.'),
  pageSize: z
    .string()
    .regex(/^\d{1,6}$/)
    .optional(),
};

export const submissionBody = z.looseObject({
  kind,
  text: z.string().max(LIMITS.body).describe('For a purchase request: the reason.'),
  purchase: z
    .looseObject({
      title: z.string().max(LIMITS.title),
      author: z.string().max(LIMITS.author).nullish(),
      isbn: z.string().nullish().describe('ISBN-10 or ISBN-13 with a valid check digit.'),
    })
    .nullish()
    .describe('Only with kind "purchase".'),
  contact: z
    .looseObject({
      email: z.string().max(LIMITS.email).nullish(),
      phone: z.string().nullish().describe('An Indonesian WhatsApp number: +62…, 62… or 0….'),
    })
    .nullish(),
  consent: z.boolean().nullish().describe('Must be true when a contact is given.'),
  asMember: z.boolean().optional().describe('False sends anonymously although a member token came; default true.'),
  pow: z.string().nullish().describe('The solved proof of work (GET /api/v1/feedback/pow), for anonymous senders.'),
  website: z.string().nullish().describe('The honeypot: leave it empty.'),
  lang,
});

export const boardQuery = z.object({
  kind: kind.optional(),
  status: status.optional(),
  sort: z.enum(['newest', 'votes', 'answered']).optional(),
  ...pageQuery,
  device: z.string().optional().describe("The widget's device id (instead of X-Device-Id, sparing a preflight)."),
});

export const staffListQuery = z.object({
  status: status.optional(),
  kind: kind.optional(),
  category: z.string().max(LIMITS.category).optional(),
  assigned: z.string().optional().describe('A staff uid, or "none".'),
  published: z.enum(['1', '0']).optional(),
  merged: z.enum(['1', '0']).optional(),
  q: z.string().max(200).optional().describe('Words in the text, or a tracking code.'),
  sort: z.enum(['newest', 'oldest', 'votes', 'updated']).optional(),
  ...pageQuery,
});

export const staffUpdateBody = z.looseObject({
  status: status.optional(),
  category: z.string().max(LIMITS.category).nullish(),
  assignedUid: z.int().min(1).nullable().optional(),
  published: z.boolean().optional(),
  lang,
});

export const staffTextBody = z.looseObject({ text: z.string().max(LIMITS.staffText), lang });

export const replyBody = z.looseObject({
  text: z.string().max(LIMITS.staffText),
  visibility: z.enum(['public', 'private']),
  lang,
});

export const mergeBody = z.looseObject({ into: z.int().min(1).describe('The item to keep.'), lang });

export const measuresQuery = z.object({
  from: z.string().optional().describe('YYYY-MM-DD, local; default 89 days before `to`.'),
  to: z.string().optional().describe('YYYY-MM-DD, local; default today.'),
  bucket: z.enum(['day', 'week', 'month']).optional(),
});

/** What the staff app sends to change an item (PUT /api/v1/staff/feedback/:id). */
export type StaffUpdateBody = z.input<typeof staffUpdateBody>;

export type BoardSort = 'newest' | 'votes' | 'answered';
export type StaffSort = 'newest' | 'oldest' | 'votes' | 'updated';
export type MeasureBucket = 'day' | 'week' | 'month';

export interface PurchaseInput {
  title: string;
  author: string | null;
  /** Digits only (and a final X for ISBN-10). */
  isbn: string | null;
}

export interface SubmissionInput {
  kind: FeedbackKind;
  text: string;
  purchase: PurchaseInput | null;
  /** False only when a signed-in member chose to send anonymously. */
  asMember: boolean;
  /** Present only with consent: a contact without it is refused. */
  contact: { email: string | null; phone: string | null } | null;
}

function problems(lang: Lang) {
  const list: FieldProblem[] = [];
  return {
    list,
    add: (field: string, id: string, en: string) => list.push({ field, message: pick(lang, id, en) }),
    /** Throws the 422 when anything was added. */
    check() {
      if (list.length > 0) throw new ApiError(422, 'validation_failed', list);
    },
  };
}

const length = (value: string) => [...value].length;

/** A trimmed string, '' for absent or blank, null for a value that is not text. */
function text(value: unknown): string | null {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value.trim() : null;
}

/** ISBN-10 or ISBN-13 with a good check digit, hyphens and spaces allowed; digits (and X) only, or null. */
export function normalizeIsbn(value: string): string | null {
  const bare = value.replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{9}[\dX]$/.test(bare)) {
    const sum = [...bare].reduce((acc, char, i) => acc + (char === 'X' ? 10 : Number(char)) * (10 - i), 0);
    return sum % 11 === 0 ? bare : null;
  }
  if (/^97[89]\d{10}$/.test(bare)) {
    const sum = [...bare].reduce((acc, char, i) => acc + Number(char) * (i % 2 === 0 ? 1 : 3), 0);
    return sum % 10 === 0 ? bare : null;
  }
  return null;
}

/** An Indonesian (WhatsApp) number as +62…, 62… or 0…, spaces, dots and hyphens allowed -> '62…', or null. */
export function normalizePhone(value: string): string | null {
  const bare = value.replace(/[\s.()-]/g, '');
  const match = /^(?:\+62|62|0)(\d+)$/.exec(bare);
  if (match === null) return null;
  const normalized = `62${match[1]}`;
  return normalized.length >= 10 && normalized.length <= 15 ? normalized : null;
}

export function isEmail(value: string): boolean {
  return (
    value.length <= LIMITS.email &&
    !value.includes('..') &&
    /^[^\s@<>()[\]\\,;:"]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/.test(value)
  );
}

function checkText(
  add: (field: string, id: string, en: string) => void,
  field: string,
  value: string | null,
  max: number,
  what: { id: string; en: string },
) {
  if (value === null) add(field, `${what.id} harus berupa teks.`, `${what.en} must be text.`);
  else if (value === '') add(field, `${what.id} wajib diisi.`, `${what.en} is required.`);
  else if (length(value) > max) {
    add(
      field,
      `${what.id} paling panjang ${max.toLocaleString('id-ID')} karakter.`,
      `${what.en} may be at most ${max.toLocaleString('en-US')} characters.`,
    );
  } else if (value.includes('\u0000'))
    add(field, `${what.id} memuat karakter yang tidak sah.`, `${what.en} holds an invalid character.`);
}

/** A JSON object (not an array), or undefined/null for absent; anything else is a wrong type. */
function objectOrAbsent(value: unknown): Record<string, unknown> | null | 'wrong' {
  if (value === undefined || value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : 'wrong';
}

/**
 * A submission from the suggestion box; throws a 422 listing every problem. Every known field is checked for
 * its type (a wrong one is refused, never coerced); unknown fields are ignored, as on every route, so a widget
 * that sends one more field (lang, pow, the honeypot) still works.
 */
export function parseSubmission(body: Record<string, unknown>, lang: Lang): SubmissionInput {
  const p = problems(lang);
  const kind = body.kind as FeedbackKind;
  if (!FEEDBACK_KINDS.includes(kind)) {
    p.add(
      'kind',
      'Pilih jenis masukan: saran, keluhan, pujian, pertanyaan atau usulan pembelian.',
      'Choose a kind: suggestion, complaint, praise, question or purchase request.',
    );
  }
  const message = text(body.text);
  checkText(
    p.add,
    'text',
    message,
    LIMITS.body,
    kind === 'purchase' ? { id: 'Alasan', en: 'The reason' } : { id: 'Isi masukan', en: 'The text' },
  );

  let purchase: PurchaseInput | null = null;
  if (kind === 'purchase') {
    const given = objectOrAbsent(body.purchase);
    if (given === 'wrong')
      p.add('purchase', 'Data usulan pembelian harus berupa objek.', 'The purchase request must be an object.');
    const raw = given === 'wrong' || given === null ? {} : given;
    const title = text(raw.title);
    checkText(p.add, 'purchase.title', title, LIMITS.title, { id: 'Judul buku', en: 'The title' });
    const author = text(raw.author);
    if (author === null) p.add('purchase.author', 'Pengarang harus berupa teks.', 'The author must be text.');
    else if (length(author) > LIMITS.author)
      p.add(
        'purchase.author',
        `Pengarang paling panjang ${LIMITS.author} karakter.`,
        `The author may be at most ${LIMITS.author} characters.`,
      );
    const isbnText = text(raw.isbn);
    const isbn = isbnText === null || isbnText === '' ? null : normalizeIsbn(isbnText);
    if (isbnText === null || (isbnText !== '' && isbn === null)) {
      p.add(
        'purchase.isbn',
        'ISBN tidak sah: periksa 10 atau 13 angkanya.',
        'Not a valid ISBN: check its 10 or 13 digits.',
      );
    }
    purchase = { title: title ?? '', author: author === null || author === '' ? null : author, isbn };
  }

  const givenContact = objectOrAbsent(body.contact);
  if (givenContact === 'wrong') p.add('contact', 'Kontak harus berupa objek.', 'The contact must be an object.');
  const rawContact = givenContact === 'wrong' || givenContact === null ? {} : givenContact;
  const emailText = text(rawContact.email);
  const email = emailText === null || emailText === '' ? null : emailText;
  if (emailText === null || (email !== null && !isEmail(email))) {
    p.add('contact.email', 'Alamat e-mail tidak sah.', 'Not a valid e-mail address.');
  }
  const phoneText = text(rawContact.phone);
  const phone = phoneText === null || phoneText === '' ? null : normalizePhone(phoneText);
  if (phoneText === null || (phoneText !== '' && phone === null)) {
    p.add(
      'contact.phone',
      'Nomor WhatsApp tidak sah. Contoh: 0812 3456 7890.',
      'Not a valid WhatsApp number. Example: 0812 3456 7890.',
    );
  }
  const hasContact = email !== null || (phoneText !== null && phoneText !== '');
  if (body.consent !== undefined && body.consent !== null && typeof body.consent !== 'boolean') {
    p.add('consent', 'Persetujuan harus true atau false.', 'The consent must be true or false.');
  } else if (hasContact && body.consent !== true) {
    p.add(
      'consent',
      'Centang persetujuan agar perpustakaan boleh menghubungi Anda, atau kosongkan kontak.',
      'Tick the consent so the library may contact you, or leave the contact empty.',
    );
  }
  // Only a real boolean: a stray "false" read as true would put the member's name on what they meant to send anonymously.
  if (body.asMember !== undefined && typeof body.asMember !== 'boolean') {
    p.add('asMember', 'Pilih kirim sebagai anggota atau tanpa nama.', 'Choose to send as a member or anonymously.');
  }
  p.check();
  return {
    kind,
    text: message ?? '',
    purchase,
    asMember: body.asMember !== false,
    contact: email === null && phone === null ? null : { email, phone },
  };
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T | undefined,
): T | undefined | null {
  if (value === undefined || value === '') return fallback;
  return allowed.includes(value as T) ? (value as T) : null;
}

function pageParams(
  query: Record<string, string | undefined>,
  maxSize: number,
  defaultSize: number,
  add: (field: string, id: string, en: string) => void,
) {
  // Plain decimal digits only: Number() would also read "1e3", "0x10" or " 2 ".
  const whole = (value: string) => (/^\d{1,6}$/.test(value) ? Number(value) : NaN);
  const page = query.page === undefined || query.page === '' ? 1 : whole(query.page);
  if (!Number.isInteger(page) || page < 1 || page > 10_000)
    add('page', 'Nomor halaman tidak sah.', 'Not a valid page number.');
  const pageSize = query.pageSize === undefined || query.pageSize === '' ? defaultSize : whole(query.pageSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > maxSize) {
    add('pageSize', `Ukuran halaman harus 1–${maxSize}.`, `The page size must be 1–${maxSize}.`);
  }
  return { page, pageSize };
}

export interface BoardQuery {
  kind: FeedbackKind | undefined;
  status: FeedbackStatus | undefined;
  sort: BoardSort;
  page: number;
  pageSize: number;
}

export function parseBoardQuery(query: Record<string, string | undefined>, lang: Lang): BoardQuery {
  const p = problems(lang);
  const kind = oneOf(query.kind, FEEDBACK_KINDS, undefined);
  if (kind === null) p.add('kind', 'Jenis masukan tidak dikenal.', 'Unknown kind.');
  const status = oneOf(query.status, FEEDBACK_STATUSES, undefined);
  if (status === null) p.add('status', 'Status tidak dikenal.', 'Unknown status.');
  const sort = oneOf<BoardSort>(query.sort, ['newest', 'votes', 'answered'], 'newest');
  if (sort === null)
    p.add('sort', 'Urutan harus newest, votes atau answered.', 'The sort must be newest, votes or answered.');
  const { page, pageSize } = pageParams(query, 50, 20, p.add);
  p.check();
  return { kind: kind ?? undefined, status: status ?? undefined, sort: sort ?? 'newest', page, pageSize };
}

export interface StaffListQuery {
  status: FeedbackStatus | undefined;
  kind: FeedbackKind | undefined;
  category: string | undefined;
  /** A staff uid, 'none' for unassigned items, or undefined for all. */
  assigned: number | 'none' | undefined;
  published: boolean | undefined;
  merged: boolean;
  q: string | undefined;
  sort: StaffSort;
  page: number;
  pageSize: number;
}

export function parseStaffListQuery(query: Record<string, string | undefined>, lang: Lang): StaffListQuery {
  const p = problems(lang);
  const status = oneOf(query.status, FEEDBACK_STATUSES, undefined);
  if (status === null) p.add('status', 'Status tidak dikenal.', 'Unknown status.');
  const kind = oneOf(query.kind, FEEDBACK_KINDS, undefined);
  if (kind === null) p.add('kind', 'Jenis masukan tidak dikenal.', 'Unknown kind.');
  const sort = oneOf<StaffSort>(query.sort, ['newest', 'oldest', 'votes', 'updated'], 'newest');
  if (sort === null)
    p.add(
      'sort',
      'Urutan harus newest, oldest, votes atau updated.',
      'The sort must be newest, oldest, votes or updated.',
    );
  let assigned: StaffListQuery['assigned'];
  if (query.assigned === 'none') assigned = 'none';
  else if (query.assigned !== undefined && query.assigned !== '') {
    if (/^[1-9]\d{0,9}$/.test(query.assigned)) assigned = Number(query.assigned);
    else p.add('assigned', 'Petugas tidak sah.', 'Not a valid staff member.');
  }
  let published: boolean | undefined;
  if (query.published === '1' || query.published === '0') published = query.published === '1';
  else if (query.published !== undefined && query.published !== '')
    p.add('published', 'Nilai published harus 1 atau 0.', 'published must be 1 or 0.');
  if (query.merged !== undefined && query.merged !== '' && query.merged !== '1' && query.merged !== '0') {
    p.add('merged', 'Nilai merged harus 1 atau 0.', 'merged must be 1 or 0.');
  }
  const category = query.category?.trim();
  if (category !== undefined && length(category) > LIMITS.category) {
    p.add(
      'category',
      `Kategori paling panjang ${LIMITS.category} karakter.`,
      `The category may be at most ${LIMITS.category} characters.`,
    );
  }
  const q = query.q?.trim();
  if (q !== undefined && length(q) > 200)
    p.add('q', 'Kata kunci paling panjang 200 karakter.', 'The search may be at most 200 characters.');
  const { page, pageSize } = pageParams(query, 100, 25, p.add);
  p.check();
  return {
    status: status ?? undefined,
    kind: kind ?? undefined,
    category: category === undefined || category === '' ? undefined : category,
    assigned,
    published,
    merged: query.merged === '1',
    q: q === undefined || q === '' ? undefined : q,
    sort: sort ?? 'newest',
    page,
    pageSize,
  };
}

export interface StaffUpdate {
  status?: FeedbackStatus;
  category?: string | null;
  assignedUid?: number | null;
  published?: boolean;
}

/** PUT /:id: any of status, category, assignedUid, published; whether the staff member exists is checked later. */
export function parseStaffUpdate(body: Record<string, unknown>, lang: Lang): StaffUpdate {
  const p = problems(lang);
  const update: StaffUpdate = {};
  if (body.status !== undefined) {
    if (FEEDBACK_STATUSES.includes(body.status as FeedbackStatus)) update.status = body.status as FeedbackStatus;
    else p.add('status', 'Status tidak dikenal.', 'Unknown status.');
  }
  if (body.category !== undefined) {
    const category = text(body.category);
    if (category === null) p.add('category', 'Kategori harus berupa teks.', 'The category must be text.');
    else if (length(category) > LIMITS.category)
      p.add(
        'category',
        `Kategori paling panjang ${LIMITS.category} karakter.`,
        `The category may be at most ${LIMITS.category} characters.`,
      );
    else update.category = category === '' ? null : category;
  }
  if (body.assignedUid !== undefined) {
    if (body.assignedUid === null) update.assignedUid = null;
    else if (typeof body.assignedUid === 'number' && Number.isInteger(body.assignedUid) && body.assignedUid > 0)
      update.assignedUid = body.assignedUid;
    else p.add('assignedUid', 'Petugas tidak sah.', 'Not a valid staff member.');
  }
  if (body.published !== undefined) {
    if (typeof body.published === 'boolean') update.published = body.published;
    else p.add('published', 'Nilai published harus true atau false.', 'published must be true or false.');
  }
  p.check();
  return update;
}

export function parseStaffText(body: Record<string, unknown>, lang: Lang): string {
  const p = problems(lang);
  const value = text(body.text);
  checkText(p.add, 'text', value, LIMITS.staffText, { id: 'Teks', en: 'The text' });
  p.check();
  return value ?? '';
}

export function parseReply(
  body: Record<string, unknown>,
  lang: Lang,
): { text: string; visibility: 'public' | 'private' } {
  const p = problems(lang);
  const value = text(body.text);
  checkText(p.add, 'text', value, LIMITS.staffText, { id: 'Balasan', en: 'The reply' });
  const visibility = body.visibility;
  if (visibility !== 'public' && visibility !== 'private') {
    p.add('visibility', 'Pilih balasan publik atau pribadi.', 'Choose a public or a private reply.');
  }
  p.check();
  return { text: value ?? '', visibility: visibility as 'public' | 'private' };
}

export function parseMerge(body: Record<string, unknown>, lang: Lang): number {
  const into = body.into;
  if (typeof into !== 'number' || !Number.isInteger(into) || into < 1) {
    throw new ApiError(422, 'validation_failed', [
      { field: 'into', message: pick(lang, 'Pilih masukan tujuan penggabungan.', 'Choose the item to merge into.') },
    ]);
  }
  return into;
}

export interface MeasuresQuery {
  /** Local calendar days, inclusive. */
  from: string;
  to: string;
  bucket: MeasureBucket;
}

const DAY_MS = 86_400_000;
/** Longer ranges would make the volume table unreadable and the query needlessly heavy. */
const MAX_RANGE_DAYS = 3 * 366;

function parseDay(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value ? null : at;
}

/** Defaults to the last 90 local days (today included), by week. */
export function parseMeasuresQuery(
  query: Record<string, string | undefined>,
  lang: Lang,
  now: Date,
  utcOffsetMinutes: number,
): MeasuresQuery {
  const p = problems(lang);
  const today = new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  const toText = query.to === undefined || query.to === '' ? today : query.to;
  const to = parseDay(toText);
  if (to === null) p.add('to', 'Tanggal akhir tidak sah (YYYY-MM-DD).', 'Not a valid end date (YYYY-MM-DD).');
  const fromText =
    query.from === undefined || query.from === ''
      ? new Date((to ?? Date.parse(`${today}T00:00:00Z`)) - 89 * DAY_MS).toISOString().slice(0, 10)
      : query.from;
  const from = parseDay(fromText);
  if (from === null) p.add('from', 'Tanggal awal tidak sah (YYYY-MM-DD).', 'Not a valid start date (YYYY-MM-DD).');
  if (from !== null && to !== null) {
    if (from > to)
      p.add('from', 'Tanggal awal harus sebelum tanggal akhir.', 'The start date must not be after the end date.');
    else if ((to - from) / DAY_MS + 1 > MAX_RANGE_DAYS)
      p.add('from', 'Rentang paling panjang 3 tahun.', 'The range may be at most 3 years.');
  }
  const bucket = oneOf<MeasureBucket>(query.bucket, ['day', 'week', 'month'], 'week');
  if (bucket === null) p.add('bucket', 'Periode harus day, week atau month.', 'The bucket must be day, week or month.');
  p.check();
  return { from: fromText, to: toText, bucket: bucket ?? 'week' };
}
