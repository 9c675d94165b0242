// Validation at the edge for segments: the segment definition (which members a segment holds), a saved segment
// (a name and a definition) and the paged list of a segment's members. A definition holds only checked values
// (numbers, days, codes, short texts); the query builder (segments.queries.ts) hands each to SQL as a parameter.
import { z } from 'zod';
import { lang } from '../http.ts';
import { MEMBER_LIMITS } from '../members/staff-members.schemas.ts';
import { bilingual, filterText, hasControlCharacter, length, pageQuery, text, type Say } from '../validate.ts';

export const SEGMENT_LIMITS = { name: 100, text: 100, memberTypes: 50, labels: 20, age: 150, loans: 100_000 } as const;

/**
 * Members under 18 (from SLiMS's birth_date): `exclude` (the default: every segment may become a campaign's
 * audience, and UU PDP asks a guardian's consent before marketing to a child), `include` (on purpose), `only`.
 * A member without a birth date is not known to be a minor and counts as an adult.
 */
export const MINOR_CHOICES = ['exclude', 'include', 'only'] as const;
export type MinorChoice = (typeof MINOR_CHOICES)[number];

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day, 'YYYY-MM-DD', that exists (no 31 February). */
const day = (say: Say) =>
  z
    .string({ error: say('Tanggal harus berupa teks TTTT-BB-HH.', 'A date must be text, YYYY-MM-DD.') })
    .meta({ format: 'date' })
    .refine(
      (value) => {
        const match = DAY.exec(value);
        if (match === null) return false;
        const [year, month, date] = match.slice(1).map(Number) as [number, number, number];
        const parsed = new Date(Date.UTC(year, month - 1, date));
        return year >= 1900 && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
      },
      { message: say('Tanggal tidak sah (TTTT-BB-HH).', 'Not a valid date (YYYY-MM-DD).') },
    );

/** A whole number from `min` to `max`, as a JSON number ("3" is not 3). */
const whole = (say: Say, min: number, max: number) =>
  z
    .number({ error: say(`Harus bilangan bulat ${min}–${max}.`, `Must be a whole number ${min}–${max}.`) })
    .int({ error: say(`Harus bilangan bulat ${min}–${max}.`, `Must be a whole number ${min}–${max}.`) })
    .min(min, { error: say(`Harus bilangan bulat ${min}–${max}.`, `Must be a whole number ${min}–${max}.`) })
    .max(max, { error: say(`Harus bilangan bulat ${min}–${max}.`, `Must be a whole number ${min}–${max}.`) });

/** A text a member's SLiMS data is matched on: 1–100 characters, no control character. */
const matchText = (say: Say, what: { id: string; en: string }) =>
  text(say, what, SEGMENT_LIMITS.text).refine((value) => !hasControlCharacter(value), {
    message: say(`${what.id} memuat karakter yang tidak sah.`, `${what.en} holds an invalid character.`),
  });

const refuse = (ctx: z.RefinementCtx, path: string, message: string) =>
  ctx.addIssue({ code: 'custom', path: [path], message, input: undefined });

/** Days `from` to `to`, both included; either may be left out, not both. */
const dayRange = (say: Say) =>
  z.strictObject({ from: day(say).optional(), to: day(say).optional() }).superRefine((range, ctx) => {
    if (range.from === undefined && range.to === undefined)
      refuse(
        ctx,
        'from',
        say('Isi tanggal awal, tanggal akhir, atau keduanya.', 'Give a first day, a last day or both.'),
      );
    else if (range.from !== undefined && range.to !== undefined && range.from > range.to)
      refuse(ctx, 'to', say('Tanggal akhir sebelum tanggal awal.', 'The last day is before the first.'));
  });

/** The last loan or visit strictly after `after` and strictly before `before`; at least one of them. */
const lastRange = (say: Say) =>
  z.strictObject({ after: day(say).optional(), before: day(say).optional() }).superRefine((range, ctx) => {
    if (range.after === undefined && range.before === undefined)
      refuse(ctx, 'before', say('Isi "sebelum", "sesudah", atau keduanya.', 'Give "before", "after" or both.'));
    else if (range.after !== undefined && range.before !== undefined && range.after >= range.before)
      refuse(
        ctx,
        'before',
        say('Tanggal "sebelum" harus sesudah tanggal "sesudah".', 'The "before" day must come after the "after" day.'),
      );
  });

/**
 * The filters, each one entry: absent is "any member". Every filter a definition holds must hold for a member
 * (AND); lists inside a filter are alternatives (OR). The tier, score, interest and consent filters join here
 * as one entry each when their tables exist (crm_member_score, the stated interests and consents).
 */
const filterShape = (say: Say) => ({
  memberTypes: z
    .array(whole(say, 1, 2_147_483_647), {
      error: say('Jenis anggota berupa daftar nomor jenis.', 'Member types are a list of type numbers.'),
    })
    .min(1, { error: say('Pilih paling sedikit satu jenis anggota.', 'Choose at least one member type.') })
    .max(SEGMENT_LIMITS.memberTypes, {
      error: say(
        `Paling banyak ${SEGMENT_LIMITS.memberTypes} jenis anggota.`,
        `At most ${SEGMENT_LIMITS.memberTypes} member types.`,
      ),
    })
    .optional()
    .describe("SLiMS's member_type_id: members of any of these types."),
  age: z
    .strictObject({
      min: whole(say, 0, SEGMENT_LIMITS.age).optional(),
      max: whole(say, 0, SEGMENT_LIMITS.age).optional(),
    })
    .superRefine((age, ctx) => {
      if (age.min === undefined && age.max === undefined)
        refuse(
          ctx,
          'min',
          say('Isi usia terendah, tertinggi, atau keduanya.', 'Give a lowest age, a highest or both.'),
        );
      else if (age.min !== undefined && age.max !== undefined && age.min > age.max)
        refuse(ctx, 'max', say('Usia tertinggi di bawah usia terendah.', 'The highest age is below the lowest.'));
    })
    .optional()
    .describe(
      'Age in whole years today, from birth_date, both ends included; members without a birth date are left out.',
    ),
  gender: z
    .enum(['male', 'female'], {
      error: say('Jenis kelamin harus male atau female.', 'The gender must be male or female.'),
    })
    .optional()
    .describe("SLiMS's gender (1 male, 0 female)."),
  institution: matchText(say, { id: 'Institusi', en: 'The institution' })
    .optional()
    .describe('Part of the institution (inst_name), letter case aside.'),
  city: matchText(say, { id: 'Kota', en: 'The city' })
    .optional()
    .describe('Part of the address (member_address): SLiMS keeps the city in the address text.'),
  postalCode: z
    .string({ error: say('Kode pos berupa teks angka.', 'The postal code must be text of digits.') })
    .regex(/^\d{1,10}$/, { error: say('Kode pos berupa 1–10 angka.', 'The postal code is 1–10 digits.') })
    .optional()
    .describe('The start of the postal code: 28 is the whole of Riau, 28111 one area.'),
  loans: z
    .strictObject({
      from: day(say),
      to: day(say),
      atLeast: whole(say, 0, SEGMENT_LIMITS.loans).optional(),
      atMost: whole(say, 0, SEGMENT_LIMITS.loans).optional(),
    })
    .superRefine((loans, ctx) => {
      if (loans.from > loans.to)
        refuse(ctx, 'to', say('Tanggal akhir sebelum tanggal awal.', 'The last day is before the first.'));
      if (loans.atLeast === undefined && loans.atMost === undefined)
        refuse(
          ctx,
          'atLeast',
          say('Isi "paling sedikit", "paling banyak", atau keduanya.', 'Give "at least", "at most" or both.'),
        );
      else if (loans.atLeast !== undefined && loans.atMost !== undefined && loans.atLeast > loans.atMost)
        refuse(ctx, 'atMost', say('"Paling banyak" di bawah "paling sedikit".', '"At most" is below "at least".'));
    })
    .optional()
    .describe(
      'Loans (by loan_date) from the first to the last day, both included: at least and/or at most so many; at most counts members with none.',
    ),
  lastLoan: lastRange(say)
    .optional()
    .describe(
      "The member's last loan (loan_date) after and/or before these days (both excluded); members who never borrowed are left out.",
    ),
  lastVisit: lastRange(say)
    .optional()
    .describe("The member's last visit (visitor_count's checkin_date) after and/or before these days (both excluded)."),
  joined: dayRange(say)
    .optional()
    .describe('register_date (registered or last renewed, as SLiMS keeps it) between these days, both included.'),
  expiring: dayRange(say).optional().describe('expire_date between these days, both included.'),
  labels: z
    .array(
      z
        .string({ error: say('Setiap label berupa teks.', 'Each label is text.') })
        .transform((value) => value.replace(/\s+/g, ' ').trim())
        .refine((value) => value !== '' && length(value) <= MEMBER_LIMITS.label && !hasControlCharacter(value), {
          message: say(
            `Setiap label berupa teks 1–${MEMBER_LIMITS.label} karakter.`,
            `Each label is text of 1–${MEMBER_LIMITS.label} characters.`,
          ),
        }),
      { error: say('Label berupa daftar.', 'The labels must be a list.') },
    )
    .min(1, { error: say('Pilih paling sedikit satu label.', 'Choose at least one label.') })
    .max(SEGMENT_LIMITS.labels, {
      error: say(`Paling banyak ${SEGMENT_LIMITS.labels} label.`, `At most ${SEGMENT_LIMITS.labels} labels.`),
    })
    .optional()
    .describe('Members with any of these labels (letter case and accents aside, as labels are compared).'),
  hasEmail: z
    .boolean({ error: say('"Punya e-mail" harus true atau false.', '"Has e-mail" must be true or false.') })
    .optional()
    .describe('Whether SLiMS holds an e-mail address (one with an @) for the member.'),
  hasPhone: z
    .boolean({ error: say('"Punya telepon" harus true atau false.', '"Has phone" must be true or false.') })
    .optional()
    .describe('Whether SLiMS holds a phone number for the member (not blank, not "-").'),
  minors: z
    .enum(MINOR_CHOICES, {
      error: say('Anak harus exclude, include atau only.', 'Minors must be exclude, include or only.'),
    })
    .optional()
    .describe(
      'Members under 18: exclude (the default, so a campaign never reaches a child by accident), include, or only.',
    ),
});

/**
 * A segment definition. A filter this version does not know is refused, not ignored (the rule for other
 * bodies): a segment that silently dropped a filter would hold more members than its author chose.
 */
const definitionSchema = <E extends z.ZodRawShape>(say: Say, extra: E) =>
  z.strictObject(
    { ...filterShape(say), ...extra },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? say(`Saringan tidak dikenal: ${issue.keys.join(', ')}.`, `Unknown filter: ${issue.keys.join(', ')}.`)
          : say('Definisi segmen berupa objek JSON.', 'A segment definition is a JSON object.'),
    },
  );

export const segmentDefinition = bilingual((say) => definitionSchema(say, {}));

/** POST /segments/count: the body is the definition itself (and `lang`); `{}` is every member bar minors. */
export const countBody = bilingual((say) => definitionSchema(say, { lang }));

export const segmentBody = bilingual((say) =>
  z.looseObject({
    name: text(say, { id: 'Nama segmen', en: 'The segment name' }, SEGMENT_LIMITS.name).refine(
      (value) => !hasControlCharacter(value),
      { message: say('Nama segmen memuat karakter yang tidak sah.', 'The segment name holds an invalid character.') },
    ),
    definition: definitionSchema(say, {}),
    lang,
  }),
);

export const segmentMembersQuery = bilingual((say) =>
  z.object({
    q: filterText(
      say(
        `Kata kunci paling panjang ${MEMBER_LIMITS.search} karakter.`,
        `The search may be at most ${MEMBER_LIMITS.search} characters.`,
      ),
      MEMBER_LIMITS.search,
    ).describe("Part of a member's name, card number, e-mail, phone or institution, within the segment."),
    ...pageQuery(say, 100, 25),
  }),
);

export type SegmentDefinition = z.output<(typeof segmentDefinition)['en']>;
export type SegmentDefinitionInput = z.input<(typeof segmentDefinition)['en']>;
export type SegmentBody = z.input<(typeof segmentBody)['en']>;
