// Validation at the edge for what a member says about themselves: their profile (interests, media, channel,
// contact, consents), the topic search and the export's format. Each schema is its route's whole rule.
import { z } from 'zod';
import { lang } from '../http.ts';
import { bilingual, choice, filterText, hasControlCharacter, length, type Say } from '../validate.ts';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, MEDIA_KINDS, PREFERRED_CHANNELS } from './codes.ts';
import { sameLabel } from './staff-members.schemas.ts';

export const PREFERENCE_LIMITS = { topics: 50, tags: 20, tag: 40, gmds: 30, email: 254, search: 60 } as const;

/** A list of positive whole numbers (ids), each once, at most `max`. */
const ids = (say: Say, what: { id: string; en: string }, max: number) =>
  z
    .array(z.unknown(), { error: say(`${what.id} harus berupa daftar.`, `${what.en} must be a list.`) })
    .transform((values, ctx): number[] => {
      const kept = new Set<number>();
      for (const value of values) {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: say(`${what.id} memuat nomor yang tidak sah.`, `${what.en} holds a number that is not valid.`),
          });
          return z.NEVER;
        }
        kept.add(value);
      }
      if (kept.size > max) {
        ctx.addIssue({
          code: 'custom',
          input: values,
          message: say(`${what.id} paling banyak ${max}.`, `${what.en}: at most ${max}.`),
        });
        return z.NEVER;
      }
      return [...kept];
    });

/** The member's own tags: 1–40 characters each, spaces squeezed, each once (letter case and accents aside). */
const tags = (say: Say) =>
  z
    .array(z.unknown(), { error: say('Minat lain harus berupa daftar.', 'The other interests must be a list.') })
    .transform((values, ctx): string[] => {
      const kept: string[] = [];
      for (const value of values) {
        const tag = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : null;
        if (tag === null || tag === '' || length(tag) > PREFERENCE_LIMITS.tag || hasControlCharacter(tag)) {
          ctx.addIssue({
            code: 'custom',
            input: value,
            message: say(
              `Setiap minat lain berupa teks 1–${PREFERENCE_LIMITS.tag} karakter.`,
              `Each other interest is text of 1–${PREFERENCE_LIMITS.tag} characters.`,
            ),
          });
          return z.NEVER;
        }
        if (!kept.some((k) => sameLabel(k, tag))) kept.push(tag);
      }
      if (kept.length > PREFERENCE_LIMITS.tags) {
        ctx.addIssue({
          code: 'custom',
          input: values,
          message: say(
            `Paling banyak ${PREFERENCE_LIMITS.tags} minat lain.`,
            `At most ${PREFERENCE_LIMITS.tags} other interests.`,
          ),
        });
        return z.NEVER;
      }
      return kept;
    });

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

/** An e-mail address, trimmed and in lower case; blank or null removes it. */
const email = (say: Say) =>
  z
    .string({ error: say('Alamat e-mail harus berupa teks.', 'The e-mail address must be text.') })
    .meta({ maxLength: PREFERENCE_LIMITS.email, format: 'email' })
    .nullish()
    .transform((value, ctx): string | null => {
      const trimmed = (value ?? '').trim().toLowerCase();
      if (trimmed === '') return null;
      if (trimmed.length > PREFERENCE_LIMITS.email || !EMAIL.test(trimmed)) {
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: say('Alamat e-mail tidak sah.', 'Not a valid e-mail address.'),
        });
        return z.NEVER;
      }
      return trimmed;
    });

/**
 * A WhatsApp number as people write it in Indonesia (0812-3456-7890, +62 812 3456 7890, 62812…), kept as
 * +<country><number>: a leading 0 is Indonesia's +62. Blank or null removes it.
 */
export function normalWhatsapp(value: string): string | null {
  const digits = value.replace(/[\s().-]/g, '');
  const international = digits.startsWith('+')
    ? digits
    : digits.startsWith('0')
      ? `+62${digits.slice(1)}`
      : `+${digits}`;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}

const whatsapp = (say: Say) =>
  z
    .string({ error: say('Nomor WhatsApp harus berupa teks.', 'The WhatsApp number must be text.') })
    .meta({ maxLength: 20 })
    .nullish()
    .transform((value, ctx): string | null => {
      const trimmed = (value ?? '').trim();
      if (trimmed === '') return null;
      const number = trimmed.length <= 30 ? normalWhatsapp(trimmed) : null;
      if (number === null) {
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: say(
            'Nomor WhatsApp tidak sah (misalnya 0812 3456 7890 atau +62 812 3456 7890).',
            'Not a valid WhatsApp number (e.g. 0812 3456 7890 or +62 812 3456 7890).',
          ),
        });
        return z.NEVER;
      }
      return number;
    });

export const profileBody = bilingual((say) =>
  z.looseObject({
    interests: z
      .looseObject(
        {
          topics: ids(say, { id: 'Topik', en: 'The topics' }, PREFERENCE_LIMITS.topics)
            .default([])
            .describe(`topic_id values of SLiMS's mst_topic, at most ${PREFERENCE_LIMITS.topics}.`),
          tags: tags(say)
            .default([])
            .describe(
              `The member's own words, each 1–${PREFERENCE_LIMITS.tag} characters, at most ${PREFERENCE_LIMITS.tags}.`,
            ),
        },
        {
          error: say('Minat harus berupa objek { topics, tags }.', 'The interests must be an object { topics, tags }.'),
        },
      )
      .optional()
      .describe('The whole set of stated interests; left out, they stay as they are.'),
    media: z
      .array(z.enum(MEDIA_KINDS, { error: say('Pilih jenis media yang dikenal.', 'Choose a known kind of media.') }), {
        error: say('Media harus berupa daftar.', 'The media must be a list.'),
      })
      .transform((kinds) => [...new Set(kinds)])
      .optional()
      .describe(`The media the member prefers (${MEDIA_KINDS.join(', ')}); left out, they stay as they are.`),
    gmds: ids(say, { id: 'GMD', en: 'The GMDs' }, PREFERENCE_LIMITS.gmds)
      .optional()
      .describe("gmd_id values of SLiMS's mst_gmd the member prefers; left out, they stay as they are."),
    channel: z
      .enum(PREFERRED_CHANNELS, {
        error: say(
          'Saluran harus email, whatsapp, sms, letter atau none.',
          'The channel must be email, whatsapp, sms, letter or none.',
        ),
      })
      .nullable()
      .optional()
      .describe('The preferred channel; null: not said. Left out, it stays as it is.'),
    contact: z
      .looseObject(
        {
          email: email(say).optional().describe('An e-mail address for when SLiMS has none; null removes it.'),
          whatsapp: whatsapp(say)
            .optional()
            .describe('A WhatsApp number for when SLiMS has none, stored as +62…; null removes it.'),
        },
        {
          error: say(
            'Kontak harus berupa objek { email, whatsapp }.',
            'The contact must be an object { email, whatsapp }.',
          ),
        },
      )
      .optional()
      .describe('The contact the member gives the CRM; a field left out stays as it is.'),
    consents: z
      .array(
        z.looseObject(
          {
            channel: z.enum(CONSENT_CHANNELS, {
              error: say(
                'Saluran izin harus email, whatsapp, sms atau letter.',
                'A consent channel must be email, whatsapp, sms or letter.',
              ),
            }),
            purpose: z.enum(CONSENT_PURPOSES, {
              error: say(
                'Tujuan izin harus service, news atau recommendations.',
                'A consent purpose must be service, news or recommendations.',
              ),
            }),
            granted: z.boolean({ error: say('Izin harus true atau false.', 'A consent must be true or false.') }),
          },
          {
            error: say(
              'Setiap izin berupa { channel, purpose, granted }.',
              'Each consent is { channel, purpose, granted }.',
            ),
          },
        ),
        { error: say('Izin harus berupa daftar.', 'The consents must be a list.') },
      )
      .max(CONSENT_CHANNELS.length * CONSENT_PURPOSES.length, {
        error: say('Terlalu banyak izin.', 'Too many consents.'),
      })
      .optional()
      .describe('Consents to set; a pair left out stays as it is. Only a change is recorded (appended).'),
    wordingVersion: z
      .string({ error: say('Versi kata-kata izin harus berupa teks.', 'The wording version must be text.') })
      .max(40, { error: say('Versi kata-kata izin tidak dikenal.', 'Unknown wording version.') })
      .optional()
      .describe(
        'The version of the consent wording the member was shown (GET …/profile: wording.version); required with consents.',
      ),
    lang,
  }),
);

export const topicQuery = bilingual((say) =>
  z.object({
    q: filterText(
      say(
        `Kata kunci paling panjang ${PREFERENCE_LIMITS.search} karakter.`,
        `The search may be at most ${PREFERENCE_LIMITS.search} characters.`,
      ),
      PREFERENCE_LIMITS.search,
    ).describe('Part of the topic; empty: the first topics in alphabetical order.'),
  }),
);

export const EXPORT_FORMATS = ['json', 'csv'] as const;

export const exportQuery = bilingual((say) =>
  z.object({
    format: choice(
      EXPORT_FORMATS,
      say('Format harus json atau csv.', 'The format must be json or csv.'),
      'json',
    ).describe('json (the default) or csv: one row per value (section, row, field, value).'),
  }),
);

export const erasureBody = bilingual(() => z.looseObject({ lang }));

export type ProfileInput = z.output<(typeof profileBody)['en']>;
export type ProfileBody = z.input<(typeof profileBody)['en']>;
