// Validation at the edge for the suggestion box: submissions, board and inbox queries, staff changes. Each
// schema is the route's whole rule, in both languages; the handlers read only what it returns.
import { z } from 'zod';
import type { FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { ApiError, pick, type Lang } from '../errors.ts';
import { lang } from '../http.ts';
import { bilingual, choice, filterText, pageQuery, text, type Say } from '../validate.ts';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from './words.ts';

/** Only ideas can gather support: a vote on a complaint or a question means nothing. */
export const VOTABLE_KINDS: readonly FeedbackKind[] = ['suggestion', 'purchase'];
export const CLOSED_STATUSES: readonly FeedbackStatus[] = ['done', 'declined'];
/** The wording of the consent line the submitter agreed to; bump it when that wording changes. */
export const CONSENT_VERSION = 'feedback-2026-11';

export const LIMITS = { body: 2000, title: 300, author: 200, staffText: 4000, category: 60, email: 254 } as const;

const BOARD_SORTS = ['newest', 'votes', 'answered'] as const;
const STAFF_SORTS = ['newest', 'oldest', 'votes', 'updated'] as const;
const BUCKETS = ['day', 'week', 'month'] as const;

const unknownStatus = (say: Say) => say('Status tidak dikenal.', 'Unknown status.');
const unknownKind = (say: Say) => say('Jenis masukan tidak dikenal.', 'Unknown kind.');

/** A JSON object or absent; `message` for anything else (an array, a string). */
const objectOrAbsent = <S extends z.core.$ZodLooseShape>(shape: S, message: string) =>
  z.looseObject(shape, { error: message }).nullish();

/**
 * Optional text in a format `normalize` reads (it answers null for anything else): absent or blank is null,
 * text it cannot read is refused with `message`, and what it returns is what the handler gets.
 */
const optionalFormat = (message: string, normalize: (typed: string) => string | null) =>
  z
    .string({ error: message })
    .nullish()
    .transform((value, ctx) => {
      const typed = (value ?? '').trim();
      if (typed === '') return null;
      const normalized = normalize(typed);
      if (normalized !== null) return normalized;
      ctx.addIssue({ code: 'custom', input: value, message });
      // Never reaches a handler; the rules between fields still see that something was typed.
      return typed;
    });

/** Text that is not blank: a contact given, whether or not it is valid. */
const given = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

export const submissionBody = bilingual((say) =>
  z
    .looseObject({
      kind: z.enum(FEEDBACK_KINDS, {
        error: say(
          'Pilih jenis masukan: saran, keluhan, pujian, pertanyaan atau usulan pembelian.',
          'Choose a kind: suggestion, complaint, praise, question or purchase request.',
        ),
      }),
      text: text(say, { id: 'Isi masukan', en: 'The text' }, LIMITS.body).describe(
        'For a purchase request: the reason.',
      ),
      purchase: objectOrAbsent(
        {
          title: text(say, { id: 'Judul buku', en: 'The title' }, LIMITS.title),
          author: text(say, { id: 'Pengarang', en: 'The author' }, LIMITS.author, { optional: true }),
          isbn: optionalFormat(
            say('ISBN tidak sah: periksa 10 atau 13 angkanya.', 'Not a valid ISBN: check its 10 or 13 digits.'),
            normalizeIsbn,
          ).describe('ISBN-10 or ISBN-13 with a valid check digit.'),
        },
        say('Data usulan pembelian harus berupa objek.', 'The purchase request must be an object.'),
      ).describe('Only with kind "purchase".'),
      contact: objectOrAbsent(
        {
          email: optionalFormat(say('Alamat e-mail tidak sah.', 'Not a valid e-mail address.'), (typed) =>
            isEmail(typed) ? typed : null,
          ).describe(`At most ${LIMITS.email} characters.`),
          phone: optionalFormat(
            say(
              'Nomor WhatsApp tidak sah. Contoh: 0812 3456 7890.',
              'Not a valid WhatsApp number. Example: 0812 3456 7890.',
            ),
            normalizePhone,
          ).describe('An Indonesian WhatsApp number: +62…, 62… or 0….'),
        },
        say('Kontak harus berupa objek.', 'The contact must be an object.'),
      ),
      consent: z
        .boolean({ error: say('Persetujuan harus true atau false.', 'The consent must be true or false.') })
        .nullish()
        .describe('Must be true when a contact is given.'),
      // Only a real boolean: a stray "false" read as true would put the member's name on what they meant to send anonymously.
      asMember: z
        .boolean({
          error: say('Pilih kirim sebagai anggota atau tanpa nama.', 'Choose to send as a member or anonymously.'),
        })
        .optional()
        .describe('False sends anonymously although a member token came; default true.'),
      pow: z
        .unknown()
        .optional()
        .describe('The solved proof of work (GET /api/v1/feedback/pow), for anonymous senders.'),
      website: z.unknown().optional().describe('The honeypot: leave it empty.'),
      lang,
    })
    // The rules between fields run whatever else is wrong, so one answer lists every problem; they read the
    // body as sent where a field failed.
    .superRefine(
      (body, ctx) => {
        if (body.kind === 'purchase' && (body.purchase === undefined || body.purchase === null))
          ctx.addIssue({
            code: 'custom',
            path: ['purchase', 'title'],
            message: say('Judul buku wajib diisi.', 'The title is required.'),
          });
        const contact: Record<string, unknown> =
          typeof body.contact === 'object' && body.contact !== null ? body.contact : {};
        const hasContact = given(contact.email) || given(contact.phone);
        const consent: unknown = body.consent;
        if (hasContact && consent !== true && (consent === undefined || consent === null || consent === false)) {
          ctx.addIssue({
            code: 'custom',
            path: ['consent'],
            message: say(
              'Centang persetujuan agar perpustakaan boleh menghubungi Anda, atau kosongkan kontak.',
              'Tick the consent so the library may contact you, or leave the contact empty.',
            ),
          });
        }
      },
      { when: () => true },
    )
    .transform((body): SubmissionInput => ({
      kind: body.kind,
      text: body.text,
      purchase:
        body.kind === 'purchase' && body.purchase
          ? { title: body.purchase.title, author: body.purchase.author || null, isbn: body.purchase.isbn }
          : null,
      asMember: body.asMember !== false,
      contact:
        body.contact && (body.contact.email !== null || body.contact.phone !== null)
          ? { email: body.contact.email, phone: body.contact.phone }
          : null,
    })),
);

export const boardQuery = bilingual((say) =>
  z.object({
    kind: choice(FEEDBACK_KINDS, unknownKind(say), undefined),
    status: choice(FEEDBACK_STATUSES, unknownStatus(say), undefined),
    sort: choice(
      BOARD_SORTS,
      say('Urutan harus newest, votes atau answered.', 'The sort must be newest, votes or answered.'),
      'newest',
    ),
    ...pageQuery(say, 50, 20),
    device: z.string().optional().describe("The widget's device id (instead of X-Device-Id, sparing a preflight)."),
  }),
);

export const staffListQuery = bilingual((say) =>
  z.object({
    status: choice(FEEDBACK_STATUSES, unknownStatus(say), undefined),
    kind: choice(FEEDBACK_KINDS, unknownKind(say), undefined),
    sort: choice(
      STAFF_SORTS,
      say('Urutan harus newest, oldest, votes atau updated.', 'The sort must be newest, oldest, votes or updated.'),
      'newest',
    ),
    assigned: z
      .string()
      .optional()
      .transform((value, ctx): number | 'none' | undefined => {
        if (value === undefined || value === '') return undefined;
        if (value === 'none') return 'none';
        if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
        ctx.addIssue({ code: 'custom', input: value, message: say('Petugas tidak sah.', 'Not a valid staff member.') });
        return z.NEVER;
      })
      .describe('A staff uid, or "none".'),
    published: choice(
      ['1', '0'],
      say('Nilai published harus 1 atau 0.', 'published must be 1 or 0.'),
      undefined,
    ).transform((value) => (value === undefined ? undefined : value === '1')),
    merged: choice(['1', '0'], say('Nilai merged harus 1 atau 0.', 'merged must be 1 or 0.'), '0').transform(
      (value) => value === '1',
    ),
    category: filterText(
      say(
        `Kategori paling panjang ${LIMITS.category} karakter.`,
        `The category may be at most ${LIMITS.category} characters.`,
      ),
      LIMITS.category,
    ),
    q: filterText(
      say('Kata kunci paling panjang 200 karakter.', 'The search may be at most 200 characters.'),
      200,
    ).describe('Words in the text, or a tracking code.'),
    ...pageQuery(say, 100, 25),
  }),
);

export const staffUpdateBody = bilingual((say) =>
  z.looseObject({
    status: z.enum(FEEDBACK_STATUSES, { error: unknownStatus(say) }).optional(),
    category: text(say, { id: 'Kategori', en: 'The category' }, LIMITS.category, { optional: true })
      .transform((category) => category || null)
      .optional()
      .describe('Blank or null takes the category away.'),
    assignedUid: z
      .int({ error: say('Petugas tidak sah.', 'Not a valid staff member.') })
      .min(1, { error: say('Petugas tidak sah.', 'Not a valid staff member.') })
      .nullable()
      .optional(),
    published: z
      .boolean({ error: say('Nilai published harus true atau false.', 'published must be true or false.') })
      .optional(),
    lang,
  }),
);

export const staffTextBody = bilingual((say) =>
  z.looseObject({ text: text(say, { id: 'Teks', en: 'The text' }, LIMITS.staffText), lang }),
);

export const replyBody = bilingual((say) =>
  z.looseObject({
    text: text(say, { id: 'Balasan', en: 'The reply' }, LIMITS.staffText),
    visibility: z.enum(['public', 'private'], {
      error: say('Pilih balasan publik atau pribadi.', 'Choose a public or a private reply.'),
    }),
    lang,
  }),
);

export const mergeBody = bilingual((say) =>
  z.looseObject({
    into: z
      .int({ error: say('Pilih masukan tujuan penggabungan.', 'Choose the item to merge into.') })
      .min(1, { error: say('Pilih masukan tujuan penggabungan.', 'Choose the item to merge into.') })
      .describe('The item to keep.'),
    lang,
  }),
);

/** A calendar day as YYYY-MM-DD; '' or absent for the default. */
const day = (message: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return undefined;
      if (dayStart(value) === null) ctx.addIssue({ code: 'custom', input: value, message });
      return value;
    });

export const measuresQuery = bilingual((say) =>
  z.object({
    to: day(say('Tanggal akhir tidak sah (YYYY-MM-DD).', 'Not a valid end date (YYYY-MM-DD).')).describe(
      'YYYY-MM-DD, local; default today.',
    ),
    from: day(say('Tanggal awal tidak sah (YYYY-MM-DD).', 'Not a valid start date (YYYY-MM-DD).')).describe(
      'YYYY-MM-DD, local; default 89 days before `to`.',
    ),
    bucket: choice(
      BUCKETS,
      say('Periode harus day, week atau month.', 'The bucket must be day, week or month.'),
      'week',
    ),
  }),
);

/** What the staff app sends to change an item (PUT /api/v1/staff/feedback/:id). */
export type StaffUpdateBody = z.input<(typeof staffUpdateBody)['en']>;

export type BoardSort = (typeof BOARD_SORTS)[number];
export type StaffSort = (typeof STAFF_SORTS)[number];
export type MeasureBucket = (typeof BUCKETS)[number];

/** The staff inbox's and the measures' query strings as a client writes them. */
export type StaffListParams = z.input<(typeof staffListQuery)['en']>;
export type MeasuresParams = z.input<(typeof measuresQuery)['en']>;

export type BoardQuery = z.output<(typeof boardQuery)['en']>;
export type StaffListQuery = z.output<(typeof staffListQuery)['en']>;
export type StaffUpdate = z.output<(typeof staffUpdateBody)['en']>;

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

export interface MeasuresQuery {
  /** Local calendar days, inclusive. */
  from: string;
  to: string;
  bucket: MeasureBucket;
}

const DAY_MS = 86_400_000;
/** Longer ranges would make the volume table unreadable and the query needlessly heavy. */
const MAX_RANGE_DAYS = 3 * 366;

function dayStart(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const at = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== value ? null : at;
}

/**
 * The range of a checked measures query, which depends on today: defaults to the last 90 local days (today
 * included), by week; a start after the end or a range over 3 years is a 422.
 */
export function measureRange(
  query: z.output<(typeof measuresQuery)['en']>,
  lang: Lang,
  now: Date,
  utcOffsetMinutes: number,
): MeasuresQuery {
  const today = new Date(now.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  const to = query.to ?? today;
  const from = query.from ?? new Date(dayStart(to)! - 89 * DAY_MS).toISOString().slice(0, 10);
  const span = (dayStart(to)! - dayStart(from)!) / DAY_MS + 1;
  const refuse = (id: string, en: string) => {
    throw new ApiError(422, 'validation_failed', [{ field: 'from', message: pick(lang, id, en) }]);
  };
  if (span < 1) refuse('Tanggal awal harus sebelum tanggal akhir.', 'The start date must not be after the end date.');
  if (span > MAX_RANGE_DAYS) refuse('Rentang paling panjang 3 tahun.', 'The range may be at most 3 years.');
  return { from, to, bucket: query.bucket };
}
