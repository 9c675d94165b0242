// Validation at the edge for OPAC placements: which widget, shown where.
import { z } from 'zod';
import type { PlacementPlace, PlacementWidget } from '../db/database.ts';
import { lang } from '../http.ts';
import { bilingual, type Say } from '../validate.ts';

export const WIDGETS = [
  'poll',
  'survey',
  'suggestion-box',
  'feedback-board',
] as const satisfies readonly PlacementWidget[];
export const PLACES = [
  'home',
  'sidebar',
  'footer',
  'detail',
  'member',
  'page',
] as const satisfies readonly PlacementPlace[];

/** An OPAC page as SLiMS names it in ?p= (a CMS page's content_path, news, libinfo, …). */
const PAGE = /^[a-z0-9_-]{1,20}$/i;

const heightRule = (say: Say) =>
  say('Tinggi yang disediakan harus 0 sampai 3000 piksel.', 'The reserved height must be 0 to 3000 pixels.');

/** A new placement. Whether the survey exists is checked later, against the database. */
export const placementBody = bilingual((say) =>
  z
    .looseObject({
      widget: z.enum(WIDGETS, {
        error: say(
          'Pilih widget: jajak pendapat, survei, kotak saran atau papan tanggapan.',
          'Choose a widget: poll, survey, suggestion box or feedback board.',
        ),
      }),
      surveyId: z
        .unknown()
        .optional()
        .meta({ type: ['integer', 'null'], minimum: 1 })
        .describe('For a poll or survey widget: which one.'),
      place: z.enum(PLACES, { error: say('Pilih tempat di OPAC.', 'Choose a place in the OPAC.') }),
      target: z
        .string({ error: say('Sasaran harus teks.', 'The target must be text.') })
        .nullish()
        .transform((value) => (value ?? '').trim() || null)
        .describe('For "page": the OPAC page (?p=); for "detail": a biblio_id, or empty for all.'),
      // One rule rather than z.int().min().max(): a fraction would stop zod before the rules below, and the staff
      // member would not hear what else is wrong.
      reservePx: z
        .number({ error: heightRule(say) })
        .refine((px) => Number.isInteger(px) && px >= 0 && px <= 3000, { error: heightRule(say) })
        .meta({ type: 'integer', minimum: 0, maximum: 3000 })
        .describe('Height reserved before the widget loads, in pixels.'),
      lang,
    })
    // What the survey and the target must be depends on the widget and the place; these rules run whatever
    // else is wrong, reading the body as sent where a field failed.
    .superRefine(
      (body, ctx) => {
        const refuse = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
        const needsSurvey = body.widget === 'poll' || body.widget === 'survey';
        const surveyId = body.surveyId;
        const validSurvey = typeof surveyId === 'number' && Number.isInteger(surveyId) && surveyId > 0;
        if (needsSurvey && !validSurvey)
          refuse(
            'surveyId',
            say('Pilih jajak pendapat atau survei yang ditampilkan.', 'Choose the poll or survey to show.'),
          );
        if (WIDGETS.includes(body.widget) && !needsSurvey && surveyId !== undefined && surveyId !== null)
          refuse('surveyId', say('Widget ini tidak memakai survei.', 'This widget takes no survey.'));
        const target = typeof body.target === 'string' ? body.target.trim() || null : body.target;
        if (target !== null && target !== undefined && typeof target !== 'string') return;
        if (body.place === 'page' && (target == null || !PAGE.test(target))) {
          refuse(
            'target',
            say(
              'Tulis nama halaman OPAC seperti pada alamatnya (index.php?p=…), mis. libinfo atau news.',
              'Give the OPAC page’s name as in its address (index.php?p=…), e.g. libinfo or news.',
            ),
          );
        } else if (body.place === 'detail' && target != null && !/^[1-9]\d{0,9}$/.test(target)) {
          refuse(
            'target',
            say(
              'Nomor judul (biblio_id) harus angka, atau kosongkan untuk semua judul.',
              'The title number (biblio_id) must be a number, or leave it empty for every title.',
            ),
          );
        } else if (PLACES.includes(body.place) && body.place !== 'page' && body.place !== 'detail' && target != null) {
          refuse('target', say('Tempat ini tidak memakai sasaran.', 'This place takes no target.'));
        }
      },
      { when: () => true },
    )
    .transform((body): PlacementInput => ({
      widget: body.widget,
      surveyId: body.widget === 'poll' || body.widget === 'survey' ? (body.surveyId as number) : null,
      place: body.place,
      target: body.target,
      reservePx: body.reservePx,
    })),
);

/** GET /?survey=<id>: the placements of one survey; absent for all. */
export const placementsQuery = bilingual((say) =>
  z.object({
    survey: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, { error: say('Nomor survei tidak sah.', 'Not a valid survey number.') })
      .transform(Number)
      .optional(),
  }),
);

export interface PlacementInput {
  widget: PlacementWidget;
  surveyId: number | null;
  place: PlacementPlace;
  target: string | null;
  reservePx: number;
}

/** What the staff app sends to place a widget. */
export type PlacementBody = z.input<(typeof placementBody)['en']>;
