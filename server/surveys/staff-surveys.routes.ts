// Staff API for polls and surveys: build, publish, close, delete, live results and CSV export.
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { recordRead } from '../audit.ts';
import type { AppDeps } from '../deps.ts';
import { isUniqueViolation } from '../db/dialect.ts';
import { ApiError, requestLang } from '../errors.ts';
import { parseId, type AppEnv, type Validated } from '../http.ts';
import { jsonBody } from '../validate.ts';
import { requireStaff } from '../auth/require-staff.ts';
import { csvLine } from './csv.ts';
import type { SurveyCache } from './surveys.cache.ts';
import {
  countResponses,
  createSurvey,
  deleteSurvey,
  getSurveyById,
  listSurveys,
  setSurveyStatus,
  slugInUse,
  surveyState,
  updateSurvey,
  type SurveyDefinition,
  type SurveyState,
  type SurveySummary,
} from './surveys.queries.ts';
import { buildResults, responseTimeline, tallySurvey, textAnswers, type Results } from './surveys.results.ts';
import { exportResponses } from './surveys.export.ts';
import type { PublicSurvey } from './surveys.routes.ts';
import { surveyBody } from './surveys.schemas.ts';

/** Two staff saving the same slug at once: the unique key decides, and the loser hears why. */
function slugTaken(error: unknown): never {
  throw isUniqueViolation(error) ? new ApiError(409, 'slug_taken') : error;
}

/** A survey in the staff list (GET /api/v1/staff/surveys). */
export type StaffSurveySummary = SurveySummary & { state: SurveyState };

/**
 * A survey with its questions, as every staff survey route answers `{ survey }`. The stored version and the
 * questions' positions come along (the definition is sent whole), but they are not part of the contract.
 */
export type SurveyDetail = Omit<SurveyDefinition, 'version' | 'questions'> & {
  questions: PublicSurvey['questions'];
  state: SurveyState;
  responses: number;
};

/** GET /api/v1/staff/surveys/:id/results: the tally with text answers, and responses per local day. */
export interface StaffResults {
  results: Results;
  timeline: Array<{ date: string; count: number }>;
}

/** The module whose SLiMS privileges govern CRM work: the CRM pages live in Membership. */
const MODULE = 'membership';

export function staffSurveyRoutes(deps: AppDeps, cache: SurveyCache) {
  const { db, clock } = deps;
  const read = requireStaff(deps, MODULE, 'r');
  const write = requireStaff(deps, MODULE, 'w');

  async function load(id: string): Promise<SurveyDefinition> {
    const survey = await getSurveyById(db, parseId(id));
    if (survey === null) throw new ApiError(404, 'survey_not_found');
    return survey;
  }

  /** The survey of `:id`, before its body is read: a change to one that is gone is a 404 whatever the body says. */
  const existing: Validated<'param', { survey: SurveyDefinition }> = async (c, next) => {
    c.req.addValidatedData('param', { survey: await load(c.req.param('id') ?? '') });
    await next();
  };

  async function detail(survey: SurveyDefinition): Promise<SurveyDetail> {
    return { ...survey, state: surveyState(survey, clock()), responses: await countResponses(db, survey.id) };
  }

  return new Hono<AppEnv>()
    .get('/', read, async (c) => {
      const now = clock();
      const surveys = await listSurveys(db);
      return c.json({ surveys: surveys.map((s): StaffSurveySummary => ({ ...s, state: surveyState(s, now) })) });
    })
    .post('/', write, jsonBody(surveyBody), async (c) => {
      const input = c.req.valid('json');
      if (await slugInUse(db, input.slug)) throw new ApiError(409, 'slug_taken');
      const id = await createSurvey(db, input, c.get('staff').uid, clock()).catch(slugTaken);
      const survey = await getSurveyById(db, id);
      if (survey === null) throw new Error(`survey ${id} vanished after insert`);
      return c.json({ survey: await detail(survey) }, 201);
    })
    .get('/:id', read, async (c) => c.json({ survey: await detail(await load(c.req.param('id'))) }))
    .put('/:id', write, existing, jsonBody(surveyBody), async (c) => {
      const current = c.req.valid('param').survey;
      const input = c.req.valid('json');
      if (await slugInUse(db, input.slug, current.id)) throw new ApiError(409, 'slug_taken');
      const saved = await updateSurvey(db, current.id, input, clock()).catch(slugTaken);
      cache.forget(current);
      if (saved === 'gone') throw new ApiError(404, 'survey_not_found');
      if (saved === 'has_responses') throw new ApiError(409, 'has_responses');
      return c.json({ survey: await detail(await load(c.req.param('id'))) });
    })
    .post('/:id/open', write, async (c) => {
      const survey = await load(c.req.param('id'));
      await setSurveyStatus(db, survey.id, 'open', clock());
      cache.forget(survey);
      return c.json({ survey: await detail(await load(c.req.param('id'))) });
    })
    .post('/:id/close', write, async (c) => {
      const survey = await load(c.req.param('id'));
      await setSurveyStatus(db, survey.id, 'closed', clock());
      cache.forget(survey);
      return c.json({ survey: await detail(await load(c.req.param('id'))) });
    })
    .delete('/:id', write, async (c) => {
      const survey = await load(c.req.param('id'));
      await deleteSurvey(db, survey.id);
      cache.forget(survey);
      return c.body(null, 204);
    })
    .get('/:id/results', read, async (c) => {
      const survey = await load(c.req.param('id'));
      const results = buildResults(survey, await tallySurvey(db, survey));
      for (const question of results.questions) {
        if (question.type === 'text') question.texts = await textAnswers(db, question.id);
      }
      c.header('Cache-Control', 'no-store');
      return c.json({
        results,
        timeline: await responseTimeline(db, survey.id, deps.config.utcOffsetMinutes),
      } satisfies StaffResults);
    })
    .get('/:id/export.csv', read, async (c) => {
      const survey = await load(c.req.param('id'));
      // The export carries member ids: who took it is written down.
      await recordRead(db, c.get('staff'), 'survey.export', `survey:${survey.id}`, clock());
      const lang = requestLang(c);
      const labels = new Map(survey.questions.flatMap((q) => q.options.map((o) => [o.id, o.label] as const)));
      const header = [
        lang === 'en' ? 'response' : 'respons',
        lang === 'en' ? 'submitted_at' : 'waktu_kirim',
        lang === 'en' ? 'member_id' : 'id_anggota',
        lang === 'en' ? 'language' : 'bahasa',
        ...survey.questions.map((q, i) => `${i + 1}. ${q.prompt}`),
      ];
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${survey.slug}.csv"`);
      c.header('Cache-Control', 'no-store');
      return stream(c, async (out) => {
        // The byte-order mark lets spreadsheet programs read the file as UTF-8.
        await out.write(`\uFEFF${csvLine(header)}`);
        for await (const page of exportResponses(db, survey.id)) {
          let chunk = '';
          for (const response of page) {
            const cells = survey.questions.map((q) => {
              const answers = response.answers.filter((a) => a.questionId === q.id);
              if (q.type === 'single' || q.type === 'multiple') {
                return answers.map((a) => labels.get(a.optionId ?? -1) ?? '').join('; ');
              }
              if (q.type === 'text') return answers[0]?.text ?? '';
              return answers[0]?.value === undefined || answers[0]?.value === null ? '' : String(answers[0].value);
            });
            chunk += csvLine([
              String(response.id),
              response.createdAt,
              response.memberId ?? '',
              response.lang,
              ...cells,
            ]);
          }
          await out.write(chunk);
        }
      });
    });
}
