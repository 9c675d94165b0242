// A survey's results: the tally of its answers and what each question's figures are (shares of each option,
// the mean and distribution of a scale, the Net Promoter Score), its text answers and responses per day.
import { sql } from 'kysely';
import type { QuestionType } from '../db/database.ts';
import { fromDbTime } from '../db/time.ts';
import { countResponses, type Db, type SurveyDefinition } from './surveys.queries.ts';

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
