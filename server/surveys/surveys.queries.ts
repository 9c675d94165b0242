// Database access for polls and surveys: definitions and responses. Tallies and results are in
// surveys.results.ts, the CSV export's reading in surveys.export.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import { forUpdate, isUniqueViolation } from '../db/dialect.ts';
import type { Audience, Database, QuestionType, ResultsVisibility, SurveyStatus } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { AnswerRow, SurveyInput } from './surveys.schemas.ts';

/** The database or a transaction on it. */
export type Db = Kysely<Database> | Transaction<Database>;

export interface QuestionDefinition {
  id: number;
  position: number;
  type: QuestionType;
  prompt: string;
  required: boolean;
  maxLength: number | null;
  options: Array<{ id: number; label: string }>;
}

export interface SurveyDefinition {
  id: number;
  slug: string;
  kind: 'poll' | 'survey';
  title: string;
  description: string | null;
  audience: Audience;
  status: SurveyStatus;
  opensAt: string | null;
  closesAt: string | null;
  resultsVisibility: ResultsVisibility;
  /** Changes with every edit, open and close: answers are stored only against the version they were checked with. */
  version: number;
  createdAt: string;
  updatedAt: string;
  questions: QuestionDefinition[];
}

export type SurveyState = 'draft' | 'open' | 'closed' | 'scheduled';

/** What a visitor sees: the stored status combined with the open and close times. */
export function surveyState(survey: Pick<SurveyDefinition, 'status' | 'opensAt' | 'closesAt'>, now: Date): SurveyState {
  if (survey.status !== 'open') return survey.status;
  const at = now.getTime();
  if (survey.closesAt !== null && Date.parse(survey.closesAt) <= at) return 'closed';
  if (survey.opensAt !== null && Date.parse(survey.opensAt) > at) return 'scheduled';
  return 'open';
}

async function loadDefinition(db: Db, where: { slug: string } | { id: number }): Promise<SurveyDefinition | null> {
  const row = await db
    .selectFrom('crm_survey')
    .selectAll()
    .$if('slug' in where, (q) => q.where('slug', '=', (where as { slug: string }).slug))
    .$if('id' in where, (q) => q.where('id', '=', (where as { id: number }).id))
    .executeTakeFirst();
  if (row === undefined) return null;
  const questions = await db
    .selectFrom('crm_survey_question')
    .selectAll()
    .where('survey_id', '=', row.id)
    .orderBy('position')
    .execute();
  const options =
    questions.length === 0
      ? []
      : await db
          .selectFrom('crm_survey_option')
          .selectAll()
          .where(
            'question_id',
            'in',
            questions.map((q) => q.id),
          )
          .orderBy('question_id')
          .orderBy('position')
          .execute();
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    description: row.description,
    audience: row.audience,
    status: row.status,
    opensAt: fromDbTime(row.opens_at),
    closesAt: fromDbTime(row.closes_at),
    resultsVisibility: row.results_visibility,
    version: Number(row.version),
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    questions: questions.map((q) => ({
      id: q.id,
      position: q.position,
      type: q.type,
      prompt: q.prompt,
      required: Number(q.required) === 1,
      maxLength: q.max_length,
      options: options.filter((o) => o.question_id === q.id).map((o) => ({ id: o.id, label: o.label })),
    })),
  };
}

export function getSurveyBySlug(db: Db, slug: string): Promise<SurveyDefinition | null> {
  return loadDefinition(db, { slug });
}

export function getSurveyById(db: Db, id: number): Promise<SurveyDefinition | null> {
  return loadDefinition(db, { id });
}

export interface SurveySummary {
  id: number;
  slug: string;
  kind: 'poll' | 'survey';
  title: string;
  status: SurveyStatus;
  audience: Audience;
  opensAt: string | null;
  closesAt: string | null;
  resultsVisibility: ResultsVisibility;
  responses: number;
  createdAt: string;
  updatedAt: string;
}

export async function listSurveys(db: Db): Promise<SurveySummary[]> {
  const rows = await db
    .selectFrom('crm_survey as s')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('crm_survey_response')
          .select(['survey_id', (e) => e.fn.countAll<number>().as('n')])
          .groupBy('survey_id')
          .as('r'),
      (join) => join.onRef('r.survey_id', '=', 's.id'),
    )
    .select([
      's.id',
      's.slug',
      's.kind',
      's.title',
      's.status',
      's.audience',
      's.opens_at',
      's.closes_at',
      's.results_visibility',
      's.created_at',
      's.updated_at',
      'r.n',
    ])
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    title: row.title,
    status: row.status,
    audience: row.audience,
    opensAt: fromDbTime(row.opens_at),
    closesAt: fromDbTime(row.closes_at),
    resultsVisibility: row.results_visibility,
    responses: Number(row.n ?? 0),
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
  }));
}

export async function slugInUse(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  const row = await db
    .selectFrom('crm_survey')
    .select('id')
    .where('slug', '=', slug)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId as number))
    .executeTakeFirst();
  return row !== undefined;
}

async function insertQuestions(db: Db, surveyId: number, input: SurveyInput): Promise<void> {
  for (const [index, question] of input.questions.entries()) {
    const inserted = await db
      .insertInto('crm_survey_question')
      .values({
        survey_id: surveyId,
        position: index + 1,
        type: question.type,
        prompt: question.prompt,
        required: question.required ? 1 : 0,
        max_length: question.maxLength,
      })
      .executeTakeFirstOrThrow();
    const questionId = Number(inserted.insertId);
    if (question.options.length > 0) {
      await db
        .insertInto('crm_survey_option')
        .values(question.options.map((label, position) => ({ question_id: questionId, position: position + 1, label })))
        .execute();
    }
  }
}

function surveyColumns(input: SurveyInput) {
  return {
    slug: input.slug,
    kind: input.questions.length === 1 ? ('poll' as const) : ('survey' as const),
    title: input.title,
    description: input.description,
    audience: input.audience,
    opens_at: input.opensAt === null ? null : toDbTime(input.opensAt),
    closes_at: input.closesAt === null ? null : toDbTime(input.closesAt),
    results_visibility: input.resultsVisibility,
  };
}

export async function createSurvey(
  db: Kysely<Database>,
  input: SurveyInput,
  staffId: number,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('crm_survey')
      .values({
        ...surveyColumns(input),
        status: 'draft',
        created_by: staffId,
        created_at: toDbTime(now),
        updated_at: toDbTime(now),
      })
      .executeTakeFirstOrThrow();
    const id = Number(inserted.insertId);
    await insertQuestions(trx, id, input);
    return id;
  });
}

/** True when the questions (types, wording, options) differ from what is stored. */
export function questionsChanged(current: SurveyDefinition, input: SurveyInput): boolean {
  if (current.questions.length !== input.questions.length) return true;
  return current.questions.some((q, i) => {
    const next = input.questions[i];
    return (
      next === undefined ||
      q.type !== next.type ||
      q.prompt !== next.prompt ||
      q.required !== next.required ||
      q.maxLength !== next.maxLength ||
      q.options.length !== next.options.length ||
      q.options.some((o, j) => o.label !== next.options[j])
    );
  });
}

/** Locks a survey's row for writing until the transaction ends (MySQL; SQLite writes one at a time). */
function lockSurvey(trx: Transaction<Database>, id: number) {
  return forUpdate(trx, trx.selectFrom('crm_survey').select('id').where('id', '=', id)).executeTakeFirst();
}

/**
 * Saves a survey's new definition. The questions are replaced only when they changed, and only while no
 * response exists: both checked under the survey's row lock, so an answer cannot slip in between.
 */
export async function updateSurvey(
  db: Kysely<Database>,
  id: number,
  input: SurveyInput,
  now: Date,
): Promise<'saved' | 'gone' | 'has_responses'> {
  return db.transaction().execute(async (trx) => {
    if ((await lockSurvey(trx, id)) === undefined) return 'gone';
    const current = await getSurveyById(trx, id);
    if (current === null) return 'gone';
    const replaceQuestions = questionsChanged(current, input);
    if (replaceQuestions && (await countResponses(trx, id)) > 0) return 'has_responses';
    const columns = surveyColumns(input);
    await trx
      .updateTable('crm_survey')
      .set((eb) => ({
        ...columns,
        kind: replaceQuestions ? columns.kind : current.kind,
        updated_at: toDbTime(now),
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
    if (replaceQuestions) {
      await trx.deleteFrom('crm_survey_question').where('survey_id', '=', id).execute();
      await insertQuestions(trx, id, input);
    }
    return 'saved';
  });
}

export async function setSurveyStatus(db: Db, id: number, status: SurveyStatus, now: Date): Promise<void> {
  await db
    .updateTable('crm_survey')
    .set((eb) => ({ status, updated_at: toDbTime(now), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function deleteSurvey(db: Kysely<Database>, id: number): Promise<void> {
  // Foreign keys cascade on both dialects; explicit deletes keep this right on engines without them.
  await db.transaction().execute(async (trx) => {
    const responses = trx.selectFrom('crm_survey_response').select('id').where('survey_id', '=', id);
    await trx.deleteFrom('crm_survey_answer').where('response_id', 'in', responses).execute();
    await trx.deleteFrom('crm_survey_response').where('survey_id', '=', id).execute();
    const questions = trx.selectFrom('crm_survey_question').select('id').where('survey_id', '=', id);
    await trx.deleteFrom('crm_survey_option').where('question_id', 'in', questions).execute();
    await trx.deleteFrom('crm_survey_question').where('survey_id', '=', id).execute();
    await trx.deleteFrom('crm_survey').where('id', '=', id).execute();
  });
}

export async function countResponses(db: Db, surveyId: number): Promise<number> {
  const row = await db
    .selectFrom('crm_survey_response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export interface StoredResponse {
  id: number;
  voterKey: string;
  createdAt: string;
}

export async function findResponse(
  db: Db,
  surveyId: number,
  by: { voterKey: string } | { idempotencyKey: string },
): Promise<StoredResponse | null> {
  const row = await db
    .selectFrom('crm_survey_response')
    .select(['id', 'voter_key', 'created_at'])
    .where('survey_id', '=', surveyId)
    .$if('voterKey' in by, (q) => q.where('voter_key', '=', (by as { voterKey: string }).voterKey))
    .$if('idempotencyKey' in by, (q) =>
      q.where('idempotency_key', '=', (by as { idempotencyKey: string }).idempotencyKey),
    )
    .executeTakeFirst();
  return row === undefined ? null : { id: Number(row.id), voterKey: row.voter_key, createdAt: row.created_at };
}

export interface NewResponse {
  surveyId: number;
  voterKey: string;
  memberId: string | null;
  network: string | null;
  idempotencyKey: string;
  lang: string;
  answers: AnswerRow[];
}

/**
 * Stores a response and its answers in one transaction, but only while the survey is still the one the
 * answers were checked against (`version` of the cached definition): a survey edited, closed or deleted
 * meanwhile gives 'changed' or 'gone', never orphan answers. The check rides in the response's own
 * INSERT … SELECT from the survey's row, which InnoDB share-locks (at its default REPEATABLE READ) until
 * the answers are in, so an edit waits for the vote or the vote sees the edit, at no extra round trip.
 */
export async function insertResponse(
  db: Kysely<Database>,
  response: NewResponse,
  checkedAgainst: number,
  now: Date,
): Promise<number | 'duplicate' | 'changed' | 'gone'> {
  try {
    const id = await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('crm_survey_response')
        .columns(['survey_id', 'voter_key', 'member_id', 'network', 'idempotency_key', 'lang', 'created_at'])
        .expression(
          trx
            .selectFrom('crm_survey')
            .select([
              'id',
              sql<string>`${response.voterKey}`.as('voter_key'),
              sql<string | null>`${response.memberId}`.as('member_id'),
              sql<string | null>`${response.network}`.as('network'),
              sql<string>`${response.idempotencyKey}`.as('idempotency_key'),
              sql<string>`${response.lang}`.as('lang'),
              sql<string>`${toDbTime(now)}`.as('created_at'),
            ])
            .where('id', '=', response.surveyId)
            .where('version', '=', checkedAgainst),
        )
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      const responseId = Number(inserted.insertId);
      await trx
        .insertInto('crm_survey_answer')
        .values(response.answers.map((answer) => ({ ...answer, response_id: responseId })))
        .execute();
      return responseId;
    });
    if (id !== null) return id;
    const still = await db.selectFrom('crm_survey').select('id').where('id', '=', response.surveyId).executeTakeFirst();
    return still === undefined ? 'gone' : 'changed';
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}
