// Validation at the edge for the member profiles staff read and annotate: the member search, the profile's
// timeline filter, logged interactions, the staff note and the labels. Each schema is its route's whole rule.
import { z } from 'zod';
import { parseInstant } from '../db/time.ts';
import { lang } from '../http.ts';
import { bilingual, choice, filterText, hasControlCharacter, length, pageQuery, text, type Say } from '../validate.ts';
import { INTERACTION_CHANNELS, MEMBER_TIERS, TIMELINE_KINDS, type MemberTier } from './codes.ts';

export { INTERACTION_CHANNELS, MEMBER_TIERS, TIMELINE_KINDS, type MemberTier };

/** active: not expired; expired: expire_date before today; expiring: expires within EXPIRING_DAYS from today. */
export const EXPIRY_FILTERS = ['active', 'expired', 'expiring'] as const;
export const EXPIRING_DAYS = 30;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const MEMBER_LIMITS = { note: 4000, outcome: 200, staffNote: 4000, label: 40, labels: 20, search: 100 } as const;

export const memberListQuery = bilingual((say) =>
  z.object({
    q: filterText(
      say(
        `Kata kunci paling panjang ${MEMBER_LIMITS.search} karakter.`,
        `The search may be at most ${MEMBER_LIMITS.search} characters.`,
      ),
      MEMBER_LIMITS.search,
    ).describe('Part of the name, card number (member_id), e-mail, phone or institution.'),
    type: z
      .string()
      .meta({ pattern: '^[1-9]\\d{0,9}$' })
      .optional()
      .transform((value, ctx): number | undefined => {
        if (value === undefined || value === '') return undefined;
        if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: say('Jenis anggota tidak sah.', 'Not a valid member type.'),
        });
        return z.NEVER;
      })
      .describe("SLiMS's member_type_id."),
    expiry: choice(
      EXPIRY_FILTERS,
      say(
        'Masa berlaku harus active, expired atau expiring.',
        'The expiry filter must be active, expired or expiring.',
      ),
      undefined,
    ).describe(`active, expired, or expiring (within ${EXPIRING_DAYS} days).`),
    tier: choice(
      MEMBER_TIERS,
      say(
        'Tingkat harus new, active, loyal, at_risk atau lapsed.',
        'The tier must be new, active, loyal, at_risk or lapsed.',
      ),
      undefined,
    ).describe('Members of this tier (as the tier job last computed it).'),
    ...pageQuery(say, 100, 25),
  }),
);

export const profileQuery = bilingual((say) =>
  z.object({
    kinds: z
      .string()
      .optional()
      .transform((value, ctx): TimelineKind[] => {
        if (value === undefined || value.trim() === '') return [...TIMELINE_KINDS];
        const asked = [...new Set(value.split(',').map((kind) => kind.trim()))];
        const unknown = asked.filter((kind) => !(TIMELINE_KINDS as readonly string[]).includes(kind));
        if (unknown.length > 0) {
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: say(
              `Jenis riwayat tidak dikenal: ${unknown.join(', ')}.`,
              `Unknown timeline kind: ${unknown.join(', ')}.`,
            ),
          });
          return z.NEVER;
        }
        return TIMELINE_KINDS.filter((kind) => asked.includes(kind));
      })
      .describe(`The timeline's kinds, comma-separated (${TIMELINE_KINDS.join(', ')}); default all.`),
  }),
);

/** An instant in ISO 8601 with its offset, as `Date`; absent or null is "now" (the handler's clock). */
const instant = (say: Say) =>
  z
    .string({ error: say('Waktu harus berupa teks ISO 8601.', 'The time must be ISO 8601 text.') })
    .meta({ format: 'date-time' })
    .nullish()
    .transform((value, ctx): Date | null => {
      if (value === undefined || value === null || value === '') return null;
      const parsed = parseInstant(value);
      if (parsed === null) {
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: say(
            'Waktu tidak sah (ISO 8601, misalnya 2026-11-23T09:30:00+07:00).',
            'Not a valid time (ISO 8601, e.g. 2026-11-23T09:30:00+07:00).',
          ),
        });
        return z.NEVER;
      }
      return parsed;
    });

export const interactionBody = bilingual((say) =>
  z.looseObject({
    channel: z.enum(INTERACTION_CHANNELS, {
      error: say('Pilih saluran interaksi.', 'Choose the channel of the interaction.'),
    }),
    note: text(say, { id: 'Catatan', en: 'The note' }, MEMBER_LIMITS.note),
    outcome: text(say, { id: 'Hasil', en: 'The outcome' }, MEMBER_LIMITS.outcome, { optional: true })
      .transform((outcome) => outcome || null)
      .optional(),
    at: instant(say).optional().describe('When it happened; default now. Not in the future.'),
    lang,
  }),
);

export const staffNoteBody = bilingual((say) =>
  z.looseObject({
    text: text(say, { id: 'Catatan staf', en: 'The staff note' }, MEMBER_LIMITS.staffNote, { optional: true }).describe(
      'The whole note; blank removes it.',
    ),
    lang,
  }),
);

const labelCollator = new Intl.Collator('id', { sensitivity: 'base' });

/**
 * Whether two labels are one: letter case and accents aside, as MariaDB's utf8mb4_unicode_ci compares them
 * (the unique key on crm_member_label would refuse the second), and SQLite is told the same here.
 */
export const sameLabel = (a: string, b: string): boolean => labelCollator.compare(a, b) === 0;

export const labelsBody = bilingual((say) =>
  z.looseObject({
    labels: z
      .array(z.unknown(), { error: say('Label harus berupa daftar.', 'The labels must be a list.') })
      .transform((values, ctx): string[] => {
        const kept: string[] = [];
        for (const value of values) {
          const label = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : null;
          if (label === null || label === '' || length(label) > MEMBER_LIMITS.label || hasControlCharacter(label)) {
            ctx.addIssue({
              code: 'custom',
              input: value,
              message: say(
                `Setiap label berupa teks 1–${MEMBER_LIMITS.label} karakter.`,
                `Each label is text of 1–${MEMBER_LIMITS.label} characters.`,
              ),
            });
            return z.NEVER;
          }
          if (!kept.some((k) => sameLabel(k, label))) kept.push(label);
        }
        if (kept.length > MEMBER_LIMITS.labels) {
          ctx.addIssue({
            code: 'custom',
            input: values,
            message: say(
              `Paling banyak ${MEMBER_LIMITS.labels} label per anggota.`,
              `At most ${MEMBER_LIMITS.labels} labels per member.`,
            ),
          });
          return z.NEVER;
        }
        return kept;
      })
      .describe(
        `The member's whole set of labels (each 1–${MEMBER_LIMITS.label} characters, at most ${MEMBER_LIMITS.labels}).`,
      ),
    lang,
  }),
);

export type MemberListQuery = z.output<(typeof memberListQuery)['en']>;
export type MemberListParams = z.input<(typeof memberListQuery)['en']>;
export type InteractionInput = z.output<(typeof interactionBody)['en']>;
export type InteractionBody = z.input<(typeof interactionBody)['en']>;
