// Reading a survey's responses for the CSV export, in pages so a large survey never sits in memory at once.
import { fromDbTime } from '../db/time.ts';
import type { Db } from './surveys.queries.ts';

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
