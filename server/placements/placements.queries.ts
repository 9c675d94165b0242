// OPAC placements: what the staff app lists and changes. The SLiMS plugin reads the same rows (lib/Placement.php).
import type { Kysely } from 'kysely';
import type { Database, PlacementPlace, PlacementWidget } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { PlacementInput } from './placements.schemas.ts';

export interface Placement {
  id: number;
  widget: PlacementWidget;
  place: PlacementPlace;
  target: string | null;
  reservePx: number;
  survey: { id: number; slug: string; title: string; kind: 'poll' | 'survey' } | null;
  createdAt: string;
}

/** Every placement, or those of one survey, in the order the plugin shows them within a place. */
export async function listPlacements(db: Kysely<Database>, surveyId?: number): Promise<Placement[]> {
  let query = db
    .selectFrom('crm_placement as p')
    .leftJoin('crm_survey as s', 's.id', 'p.survey_id')
    .select([
      'p.id',
      'p.widget',
      'p.place',
      'p.target',
      'p.reserve_px',
      'p.created_at',
      's.id as survey_id',
      's.slug',
      's.title',
      's.kind',
    ])
    .orderBy('p.place')
    .orderBy('p.id');
  if (surveyId !== undefined) query = query.where('p.survey_id', '=', surveyId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    widget: r.widget,
    place: r.place,
    target: r.target,
    reservePx: Number(r.reserve_px),
    survey:
      r.survey_id === null || r.slug === null || r.title === null || r.kind === null
        ? null
        : { id: Number(r.survey_id), slug: r.slug, title: r.title, kind: r.kind },
    createdAt: fromDbTime(r.created_at),
  }));
}

/** The same widget in the same place twice would show twice: the existing one's id, else null. */
export async function findSamePlacement(db: Kysely<Database>, input: PlacementInput): Promise<number | null> {
  const row = await db
    .selectFrom('crm_placement')
    .select('id')
    .where('widget', '=', input.widget)
    .where('place', '=', input.place)
    .where((eb) => (input.surveyId === null ? eb('survey_id', 'is', null) : eb('survey_id', '=', input.surveyId)))
    .where((eb) => (input.target === null ? eb('target', 'is', null) : eb('target', '=', input.target)))
    .executeTakeFirst();
  return row === undefined ? null : Number(row.id);
}

export async function createPlacement(
  db: Kysely<Database>,
  input: PlacementInput,
  staffUid: number,
  now: Date,
): Promise<number> {
  const result = await db
    .insertInto('crm_placement')
    .values({
      widget: input.widget,
      survey_id: input.surveyId,
      place: input.place,
      target: input.target,
      reserve_px: input.reservePx,
      created_by: staffUid,
      created_at: toDbTime(now),
    })
    .executeTakeFirstOrThrow();
  return Number(result.insertId);
}

/** True when a placement was removed. */
export async function deletePlacement(db: Kysely<Database>, id: number): Promise<boolean> {
  const result = await db.deleteFrom('crm_placement').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
