// Validation at the edge for OPAC placements: which widget, shown where.
import { z } from 'zod';
import type { PlacementPlace, PlacementWidget } from '../db/database.ts';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';
import { lang } from '../http.ts';

export const WIDGETS: readonly PlacementWidget[] = ['poll', 'survey', 'suggestion-box', 'feedback-board'];
export const PLACES: readonly PlacementPlace[] = ['home', 'sidebar', 'footer', 'detail', 'member', 'page'];

export interface PlacementInput {
  widget: PlacementWidget;
  surveyId: number | null;
  place: PlacementPlace;
  target: string | null;
  reservePx: number;
}

/** The wire shape of a new placement, for the contract and the OpenAPI document; parsePlacementInput checks it. */
export const placementBody = z.looseObject({
  widget: z.enum(['poll', 'survey', 'suggestion-box', 'feedback-board']),
  surveyId: z.int().min(1).nullish().describe('For a poll or survey widget: which one.'),
  place: z.enum(['home', 'sidebar', 'footer', 'detail', 'member', 'page']),
  target: z
    .string()
    .nullish()
    .describe('For "page": the OPAC page (?p=); for "detail": a biblio_id, or empty for all.'),
  reservePx: z.int().min(0).max(3000).describe('Height reserved before the widget loads, in pixels.'),
  lang,
});

export const placementsQuery = z.object({
  survey: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .optional(),
});

/** What the staff app sends to place a widget. */
export type PlacementBody = z.input<typeof placementBody>;

/** GET /?survey=<id>: the placements of one survey; absent for all. */
export function parsePlacementsQuery(
  query: Record<string, string | undefined>,
  lang: Lang,
): { surveyId: number | undefined } {
  const survey = query.survey;
  if (survey !== undefined && !/^[1-9]\d{0,9}$/.test(survey)) {
    throw new ApiError(422, 'validation_failed', [
      { field: 'survey', message: pick(lang, 'Nomor survei tidak sah.', 'Not a valid survey number.') },
    ]);
  }
  return { surveyId: survey === undefined ? undefined : Number(survey) };
}

/** An OPAC page as SLiMS names it in ?p= (a CMS page's content_path, news, libinfo, …). */
const PAGE = /^[a-z0-9_-]{1,20}$/i;

export function parsePlacementInput(body: Record<string, unknown>, lang: Lang): PlacementInput {
  const problems: FieldProblem[] = [];
  const problem = (field: string, id: string, en: string) => problems.push({ field, message: pick(lang, id, en) });

  const widget = WIDGETS.find((w) => w === body.widget) ?? null;
  if (widget === null)
    problem(
      'widget',
      'Pilih widget: jajak pendapat, survei, kotak saran atau papan tanggapan.',
      'Choose a widget: poll, survey, suggestion box or feedback board.',
    );
  const needsSurvey = widget === 'poll' || widget === 'survey';
  const surveyId =
    typeof body.surveyId === 'number' && Number.isInteger(body.surveyId) && body.surveyId > 0 ? body.surveyId : null;
  if (needsSurvey && surveyId === null)
    problem('surveyId', 'Pilih jajak pendapat atau survei yang ditampilkan.', 'Choose the poll or survey to show.');
  if (!needsSurvey && body.surveyId !== undefined && body.surveyId !== null)
    problem('surveyId', 'Widget ini tidak memakai survei.', 'This widget takes no survey.');

  const place = PLACES.find((p) => p === body.place) ?? null;
  if (place === null) problem('place', 'Pilih tempat di OPAC.', 'Choose a place in the OPAC.');
  const raw =
    typeof body.target === 'string'
      ? body.target.trim()
      : body.target === undefined || body.target === null
        ? ''
        : null;
  let target: string | null = raw === '' ? null : raw;
  if (raw === null) problem('target', 'Sasaran harus teks.', 'The target must be text.');
  else if (place === 'page') {
    if (target === null || !PAGE.test(target)) {
      problem(
        'target',
        'Tulis nama halaman OPAC seperti pada alamatnya (index.php?p=…), mis. libinfo atau news.',
        'Give the OPAC page’s name as in its address (index.php?p=…), e.g. libinfo or news.',
      );
    }
  } else if (place === 'detail') {
    if (target !== null && !/^[1-9]\d{0,9}$/.test(target))
      problem(
        'target',
        'Nomor judul (biblio_id) harus angka, atau kosongkan untuk semua judul.',
        'The title number (biblio_id) must be a number, or leave it empty for every title.',
      );
  } else if (target !== null) {
    problem('target', 'Tempat ini tidak memakai sasaran.', 'This place takes no target.');
    target = null;
  }

  const reservePx = body.reservePx;
  if (typeof reservePx !== 'number' || !Number.isInteger(reservePx) || reservePx < 0 || reservePx > 3000) {
    problem(
      'reservePx',
      'Tinggi yang disediakan harus 0 sampai 3000 piksel.',
      'The reserved height must be 0 to 3000 pixels.',
    );
  }
  if (problems.length > 0 || widget === null || place === null) throw new ApiError(422, 'validation_failed', problems);
  return { widget, surveyId: needsSurvey ? surveyId : null, place, target, reservePx: reservePx as number };
}
