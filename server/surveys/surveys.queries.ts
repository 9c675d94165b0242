// Database access for polls and surveys: definitions, responses and tallies.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { Audience, Database, QuestionType, ResultsVisibility, SurveyStatus } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import type { AnswerRow, SurveyInput } from './surveys.schemas.ts';

type Db = Kysely<Database> | Transaction<Database>;

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
function lockSurvey(trx: Transaction<Database>, dialect: Dialect, id: number) {
  return trx
    .selectFrom('crm_survey')
    .select('id')
    .where('id', '=', id)
    .$if(dialect === 'mysql', (q) => q.modifyEnd(sql`for update`))
    .executeTakeFirst();
}

/**
 * Saves a survey's new definition. The questions are replaced only when they changed, and only while no
 * response exists: both checked under the survey's row lock, so an answer cannot slip in between.
 */
export async function updateSurvey(
  db: Kysely<Database>,
  dialect: Dialect,
  id: number,
  input: SurveyInput,
  now: Date,
): Promise<'saved' | 'gone' | 'has_responses'> {
  return db.transaction().execute(async (trx) => {
    if ((await lockSurvey(trx, dialect, id)) === undefined) return 'gone';
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

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown };
  return (
    e.code === 'ER_DUP_ENTRY' ||
    e.errno === 1062 ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

export interface OptionResult {
  id: number;
  label: string;
  count: number;
  percent: number;
}

export interface QuestionResult {
  id: number;
  type: QuestionType;
  answered: number;
  options?: OptionResult[];
  mean?: number | null;
  distribution?: Array<{ value: number; count: number }>;
  nps?: { score: number; promoters: number; passives: number; detractors: number } | null;
  texts?: Array<{ text: string; createdAt: string }>;
}

export interface Results {
  total: number;
  questions: QuestionResult[];
}

export interface Tally {
  total: number;
  /** `${questionId}:o:${optionId}` or `${questionId}:v:${value}` -> count; `${questionId}:n` -> respondents. */
  counts: Map<string, number>;
}

export async function tallySurvey(db: Db, survey: SurveyDefinition): Promise<Tally> {
  const counts = new Map<string, number>();
  const total = await countResponses(db, survey.id);
  const ids = survey.questions.filter((q) => q.type !== 'text').map((q) => q.id);
  if (ids.length > 0) {
    const rows = await db
      .selectFrom('crm_survey_answer')
      .select(['question_id', 'option_id', 'value', (eb) => eb.fn.countAll<number>().as('n')])
      .where('question_id', 'in', ids)
      .groupBy(['question_id', 'option_id', 'value'])
      .execute();
    for (const row of rows) {
      const key =
        row.option_id === null ? `${row.question_id}:v:${row.value}` : `${row.question_id}:o:${row.option_id}`;
      counts.set(key, Number(row.n));
    }
  }
  const respondentIds = survey.questions.filter((q) => q.type === 'multiple' || q.type === 'text').map((q) => q.id);
  if (respondentIds.length > 0) {
    const rows = await db
      .selectFrom('crm_survey_answer')
      .select(['question_id', (eb) => eb.fn.count<number>('response_id').distinct().as('n')])
      .where('question_id', 'in', respondentIds)
      .groupBy('question_id')
      .execute();
    for (const row of rows) counts.set(`${row.question_id}:n`, Number(row.n));
  }
  return { total, counts };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function buildResults(survey: SurveyDefinition, tally: Tally): Results {
  const count = (key: string) => tally.counts.get(key) ?? 0;
  const questions = survey.questions.map((q): QuestionResult => {
    switch (q.type) {
      case 'single':
      case 'multiple': {
        const sums = q.options.map((o) => count(`${q.id}:o:${o.id}`));
        const answered = q.type === 'single' ? sums.reduce((a, b) => a + b, 0) : count(`${q.id}:n`);
        return {
          id: q.id,
          type: q.type,
          answered,
          options: q.options.map((o, i) => ({
            id: o.id,
            label: o.label,
            count: sums[i] ?? 0,
            percent: answered === 0 ? 0 : round1(((sums[i] ?? 0) / answered) * 100),
          })),
        };
      }
      case 'rating':
      case 'nps': {
        const values = q.type === 'rating' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        const distribution = values.map((value) => ({ value, count: count(`${q.id}:v:${value}`) }));
        const answered = distribution.reduce((a, d) => a + d.count, 0);
        const sum = distribution.reduce((a, d) => a + d.value * d.count, 0);
        const mean = answered === 0 ? null : Math.round((sum / answered) * 100) / 100;
        if (q.type === 'rating') return { id: q.id, type: q.type, answered, mean, distribution };
        const promoters = distribution.filter((d) => d.value >= 9).reduce((a, d) => a + d.count, 0);
        const detractors = distribution.filter((d) => d.value <= 6).reduce((a, d) => a + d.count, 0);
        const nps =
          answered === 0
            ? null
            : {
                score: Math.round(((promoters - detractors) / answered) * 100),
                promoters,
                passives: answered - promoters - detractors,
                detractors,
              };
        return { id: q.id, type: q.type, answered, mean, distribution, nps };
      }
      case 'text':
        return { id: q.id, type: q.type, answered: count(`${q.id}:n`) };
    }
  });
  return { total: tally.total, questions };
}

export async function textAnswers(
  db: Db,
  questionId: number,
  limit = 500,
): Promise<Array<{ text: string; createdAt: string }>> {
  const rows = await db
    .selectFrom('crm_survey_answer as a')
    .innerJoin('crm_survey_response as r', 'r.id', 'a.response_id')
    .select(['a.text', 'r.created_at'])
    .where('a.question_id', '=', questionId)
    .where('a.text', 'is not', null)
    .orderBy('r.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ text: row.text ?? '', createdAt: fromDbTime(row.created_at) }));
}

/** Responses per local day; utcOffsetMinutes is the library's offset (WIB is +420). */
export async function responseTimeline(
  db: Db,
  surveyId: number,
  utcOffsetMinutes: number,
): Promise<Array<{ date: string; count: number }>> {
  const rows = await db
    .selectFrom('crm_survey_response')
    .select([sql<string>`substr(created_at, 1, 13)`.as('hour'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', '=', surveyId)
    .groupBy(sql`substr(created_at, 1, 13)`)
    .execute();
  const days = new Map<string, number>();
  for (const row of rows) {
    const utc = Date.parse(`${row.hour.replace(' ', 'T')}:00:00Z`);
    const day = new Date(utc + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
    days.set(day, (days.get(day) ?? 0) + Number(row.n));
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, count]) => ({ date, count }));
}

export interface ExportRow {
  id: number;
  memberId: string | null;
  lang: string;
  createdAt: string;
  answers: Array<{ questionId: number; optionId: number | null; value: number | null; text: string | null }>;
}

/** Responses in id order, in pages, for the CSV export. */
export async function* exportResponses(db: Db, surveyId: number, pageSize = 2000): AsyncGenerator<ExportRow[]> {
  let after = 0;
  for (;;) {
    const responses = await db
      .selectFrom('crm_survey_response')
      .select(['id', 'member_id', 'lang', 'created_at'])
      .where('survey_id', '=', surveyId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (responses.length === 0) return;
    const answers = await db
      .selectFrom('crm_survey_answer')
      .select(['response_id', 'question_id', 'option_id', 'value', 'text'])
      .where(
        'response_id',
        'in',
        responses.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    const byResponse = new Map<number, ExportRow['answers']>();
    for (const a of answers) {
      const list = byResponse.get(Number(a.response_id)) ?? [];
      list.push({ questionId: a.question_id, optionId: a.option_id, value: a.value, text: a.text });
      byResponse.set(Number(a.response_id), list);
    }
    yield responses.map((r) => ({
      id: Number(r.id),
      memberId: r.member_id,
      lang: r.lang,
      createdAt: fromDbTime(r.created_at),
      answers: byResponse.get(Number(r.id)) ?? [],
    }));
    after = Number(responses[responses.length - 1]?.id ?? after);
  }
}
