// Validation at the edge for the tier settings staff change and the runs they ask for.
import { z } from 'zod';
import { lang } from '../http.ts';
import { bilingual, type Say } from '../validate.ts';
import { SETTING_WORDS, type TierSettings } from './score.ts';

export const TIER_RUN_KINDS = ['full', 'incremental'] as const;

/** Each threshold's whole-number range. */
export const SETTING_RANGES: Record<keyof TierSettings, { min: number; max: number }> = {
  windowDays: { min: 30, max: 1095 },
  newDays: { min: 0, max: 365 },
  newMaxLoans: { min: 0, max: 100 },
  activeScore: { min: 1, max: 100 },
  loyalScore: { min: 1, max: 100 },
  atRiskDays: { min: 7, max: 1095 },
  lapsedDays: { min: 8, max: 3650 },
  loansTarget: { min: 1, max: 1000 },
  visitsTarget: { min: 1, max: 1000 },
  topicsTarget: { min: 1, max: 1000 },
  engagementTarget: { min: 1, max: 1000 },
};

const whole = (say: Say, key: keyof TierSettings) => {
  const { min, max } = SETTING_RANGES[key];
  const message = say(`Harus bilangan bulat ${min} sampai ${max}.`, `Must be a whole number from ${min} to ${max}.`);
  // One rule rather than z.int().min().max(), so a fraction does not stop zod before the rules across fields.
  return z
    .number({ error: message })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, { error: message })
    .meta({ type: 'integer', minimum: min, maximum: max })
    .describe(SETTING_WORDS[key].en);
};

/** The whole set of thresholds (the settings view sends them all). */
export const tierSettingsBody = bilingual((say) =>
  z
    .looseObject({
      ...(Object.fromEntries(
        (Object.keys(SETTING_RANGES) as Array<keyof TierSettings>).map((key) => [key, whole(say, key)]),
      ) as Record<keyof TierSettings, ReturnType<typeof whole>>),
      lang,
    })
    .superRefine((value, ctx) => {
      if (
        typeof value.loyalScore === 'number' &&
        typeof value.activeScore === 'number' &&
        value.loyalScore <= value.activeScore
      )
        ctx.addIssue({
          code: 'custom',
          path: ['loyalScore'],
          input: value.loyalScore,
          message: say(
            'Skor setia harus lebih tinggi dari skor aktif.',
            'The loyal score must be above the active score.',
          ),
        });
      if (
        typeof value.lapsedDays === 'number' &&
        typeof value.atRiskDays === 'number' &&
        value.lapsedDays <= value.atRiskDays
      )
        ctx.addIssue({
          code: 'custom',
          path: ['lapsedDays'],
          input: value.lapsedDays,
          message: say(
            'Batas tidak aktif harus lebih panjang dari batas berisiko.',
            'The lapsed limit must be longer than the at-risk limit.',
          ),
        });
    }),
);

export const tierRunBody = bilingual((say) =>
  z.looseObject({
    kind: z
      .enum(TIER_RUN_KINDS, {
        error: say('Jenis perhitungan harus full atau incremental.', 'The kind must be full or incremental.'),
      })
      .optional()
      .transform((kind) => kind ?? 'full')
      .describe('full (every member, the default) or incremental (members with new loans, visits or answers).'),
    lang,
  }),
);

export type TierSettingsBody = z.input<(typeof tierSettingsBody)['en']>;
