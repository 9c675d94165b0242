// Public poll and survey API for the widgets: read a survey by slug, submit one response.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError, requestLang } from '../errors.ts';
import { deviceIdOf, idempotencyKeyOf, memberOf, readJsonObject, writerOf, type AppEnv } from '../http.ts';
import { check } from '../validate.ts';
import { clientAddress, createNetworkLimiter, networkId } from '../network.ts';
import type { SurveyCache } from './surveys.cache.ts';
import {
  findResponse,
  insertResponse,
  surveyState,
  type QuestionDefinition,
  type SurveyDefinition,
  type SurveyState,
} from './surveys.queries.ts';
import { buildResults, type Results } from './surveys.results.ts';
import { answerRows, answersBody } from './surveys.schemas.ts';

/** A survey as a visitor sees it (GET /api/v1/surveys/:slug): never a draft, no ids or versions of its own. */
export interface PublicSurvey extends Pick<
  SurveyDefinition,
  'slug' | 'kind' | 'title' | 'description' | 'audience' | 'opensAt' | 'closesAt' | 'resultsVisibility'
> {
  state: Exclude<SurveyState, 'draft'>;
  questions: Array<Omit<QuestionDefinition, 'position'>>;
}

/** GET /api/v1/surveys/:slug; `results` only when the survey's resultsVisibility lets this visitor see them. */
export interface SurveyPayload {
  survey: PublicSurvey;
  answered: boolean;
  results: Results | null;
}

/** POST /api/v1/surveys/:slug/responses, 201 (and 200 for a replayed Idempotency-Key). */
export interface ResponseCreated {
  responseId: number;
  results: Results | null;
}

export function publicSurvey(survey: SurveyDefinition, now: Date): PublicSurvey {
  return {
    slug: survey.slug,
    kind: survey.kind,
    title: survey.title,
    description: survey.description,
    audience: survey.audience,
    // A published survey is never a draft: publishedSurvey refuses drafts before this is built.
    state: surveyState(survey, now) as PublicSurvey['state'],
    opensAt: survey.opensAt,
    closesAt: survey.closesAt,
    resultsVisibility: survey.resultsVisibility,
    questions: survey.questions.map((q) => ({
      id: q.id,
      type: q.type,
      prompt: q.prompt,
      required: q.required,
      maxLength: q.maxLength,
      options: q.options,
    })),
  };
}

export function surveyRoutes(deps: AppDeps, cache: SurveyCache) {
  const { db, config, clock } = deps;
  const limiter = createNetworkLimiter(config.networkLimitPerHour);

  async function publishedSurvey(slug: string): Promise<SurveyDefinition> {
    const survey = /^[a-z0-9-]{1,64}$/.test(slug) ? await cache.definition(slug) : null;
    if (survey === null || survey.status === 'draft') throw new ApiError(404, 'survey_not_found');
    return survey;
  }

  async function visibleResults(
    survey: SurveyDefinition,
    answered: boolean,
    now: Date,
    /** performance.now() after this caller's own response committed: the tally must be read after it. */
    committedAt?: number,
  ): Promise<Results | null> {
    const closed = surveyState(survey, now) === 'closed';
    const visible =
      (survey.resultsVisibility === 'after_answer' && (answered || closed)) ||
      (survey.resultsVisibility === 'after_close' && closed);
    if (!visible) return null;
    return buildResults(
      survey,
      await (committedAt === undefined ? cache.tally(survey) : cache.tallyAfter(survey, committedAt)),
    );
  }

  return new Hono<AppEnv>()
    .get('/:slug', async (c) => {
      const now = clock();
      const survey = await publishedSurvey(c.req.param('slug'));
      const memberId = await memberOf(c, deps.secret, now, false);
      const device = deviceIdOf(c);
      const voterKey = memberId !== null ? `m:${memberId}` : device !== null ? `d:${device}` : null;
      // A widget sends its device id on a read only once it has answered here, so most reads touch no table.
      const answered = voterKey !== null && (await findResponse(db, survey.id, { voterKey })) !== null;
      c.header('Cache-Control', 'no-store');
      return c.json({
        survey: publicSurvey(survey, now),
        answered,
        results: await visibleResults(survey, answered, now),
      } satisfies SurveyPayload);
    })
    .post('/:slug/responses', async (c) => {
      const now = clock();
      const idempotencyKey = idempotencyKeyOf(c);
      const body = await readJsonObject(c);
      const lang = requestLang(c);
      const survey = await publishedSurvey(c.req.param('slug'));
      const { memberId, key: voterKey } = await writerOf(c, deps.secret, now);

      const replay = async () => {
        const first = await findResponse(db, survey.id, { idempotencyKey });
        if (first === null) return null;
        if (first.voterKey !== voterKey) throw new ApiError(409, 'idempotency_key_reused');
        c.header('Idempotent-Replayed', 'true');
        return c.json({ responseId: first.id, results: await visibleResults(survey, true, now) }, 200);
      };

      const state = surveyState(survey, now);
      if (state !== 'open') {
        // A retry of an answer counted before the survey closed still gets its first answer.
        const replayed = await replay();
        if (replayed !== null) return replayed;
        throw new ApiError(409, state === 'scheduled' ? 'survey_not_open' : 'survey_closed');
      }
      if (survey.audience === 'members' && memberId === null) throw new ApiError(401, 'members_only');
      // Checked here, not by route middleware: a missing key, a survey that is gone, closed or for members only
      // answer first, as they always have.
      const answers = answerRows(check(answersBody, body, lang).answers, survey, lang);

      const network = networkId(clientAddress(c, config.trustProxy), deps.secret.value);
      const limitKey = `${survey.id}:${network}`;
      if (memberId === null && network !== null) {
        if (limiter.atLimit(limitKey, now)) {
          const replayed = await replay();
          if (replayed !== null) return replayed;
          c.header('Retry-After', '3600');
          throw new ApiError(429, 'rate_limited');
        }
      }

      // Insert first: a retry or a second answer shows up as a unique-key conflict, which costs nothing extra
      // on the common path.
      const responseId = await insertResponse(
        db,
        { surveyId: survey.id, voterKey, memberId, network, idempotencyKey, lang, answers },
        survey.version,
        now,
      );
      if (responseId === 'gone' || responseId === 'changed') {
        // Edited, closed or deleted since this sidecar cached it: the visitor reloads and sees what it is now.
        cache.forget(survey);
        throw responseId === 'gone' ? new ApiError(404, 'survey_not_found') : new ApiError(409, 'survey_changed');
      }
      if (responseId === 'duplicate') {
        const replayed = await replay();
        if (replayed !== null) return replayed;
        throw new ApiError(409, 'already_answered');
      }
      if (memberId === null && network !== null) limiter.count(limitKey, now);
      const results = await visibleResults(survey, true, now, performance.now());
      return c.json({ responseId, results }, 201);
    });
}
