// Staff API for "Tampilkan di OPAC": the widgets the SLiMS plugin places in the OPAC, and where.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError, pick, requestLang } from '../errors.ts';
import { idParam, type AppEnv } from '../http.ts';
import { jsonBody, validQuery } from '../validate.ts';
import { requireStaff } from '../auth/require-staff.ts';
import { getSurveyById } from '../surveys/surveys.queries.ts';
import { createPlacement, deletePlacement, findSamePlacement, listPlacements } from './placements.queries.ts';
import { placementBody, placementsQuery } from './placements.schemas.ts';

/** What shows on every OPAC page is Membership work, like the polls themselves. */
const MODULE = 'membership';

export function placementRoutes(deps: AppDeps) {
  const { db, clock } = deps;
  return new Hono<AppEnv>()
    .get('/', requireStaff(deps, MODULE, 'r'), validQuery(placementsQuery), async (c) =>
      c.json({ placements: await listPlacements(db, c.req.valid('query').survey) }),
    )
    .post('/', requireStaff(deps, MODULE, 'w'), jsonBody(placementBody), async (c) => {
      const input = c.req.valid('json');
      if (input.surveyId !== null) {
        const survey = await getSurveyById(db, input.surveyId);
        if (survey === null) throw new ApiError(404, 'survey_not_found');
        if (survey.kind !== input.widget) {
          throw new ApiError(422, 'validation_failed', [
            {
              field: 'widget',
              message: pick(
                requestLang(c),
                `Ini sebuah ${survey.kind === 'poll' ? 'jajak pendapat' : 'survei'}: pilih widget yang sesuai.`,
                `This is a ${survey.kind}: choose the matching widget.`,
              ),
            },
          ]);
        }
      }
      if ((await findSamePlacement(db, input)) !== null) throw new ApiError(409, 'already_placed');
      const id = await createPlacement(db, input, c.get('staff').uid, clock());
      const placement = (await listPlacements(db)).find((p) => p.id === id);
      return c.json({ placement }, 201);
    })
    .delete('/:id', requireStaff(deps, MODULE, 'w'), idParam(), async (c) => {
      if (!(await deletePlacement(db, c.req.valid('param').id))) throw new ApiError(404, 'not_found');
      return c.body(null, 204);
    });
}
