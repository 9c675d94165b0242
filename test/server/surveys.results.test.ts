// A survey's figures from its tally: the Net Promoter Score's cuts (0–6 detractors, 7–8 passives, 9–10
// promoters), a scale's mean and distribution, and an option's share.
import { describe, expect, it } from 'vitest';
import type { QuestionDefinition, SurveyDefinition } from '../../server/surveys/surveys.queries.ts';
import { buildResults, type Tally } from '../../server/surveys/surveys.results.ts';

function surveyOf(...questions: QuestionDefinition[]): SurveyDefinition {
  return {
    id: 1,
    slug: 's',
    kind: 'survey',
    title: 'S',
    description: null,
    audience: 'anyone',
    status: 'open',
    opensAt: null,
    closesAt: null,
    resultsVisibility: 'after_answer',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    questions,
  };
}

const question = (id: number, type: QuestionDefinition['type'], options: string[] = []): QuestionDefinition => ({
  id,
  position: id,
  type,
  prompt: `Q${id}`,
  required: true,
  maxLength: null,
  options: options.map((label, i) => ({ id: id * 100 + i, label })),
});

/** A tally with `count` answers of each value to question `id`. */
function tallyOf(id: number, values: Record<number, number>): Tally {
  const counts = new Map(Object.entries(values).map(([value, n]) => [`${id}:v:${value}`, n]));
  return { total: Object.values(values).reduce((a, b) => a + b, 0), counts };
}

const npsOf = (values: Record<number, number>) =>
  buildResults(surveyOf(question(7, 'nps')), tallyOf(7, values)).questions[0]!.nps;

describe('survey results', () => {
  it('counts each score on the side of its cut', () => {
    for (const [value, side] of [
      [0, 'detractors'],
      [6, 'detractors'],
      [7, 'passives'],
      [8, 'passives'],
      [9, 'promoters'],
      [10, 'promoters'],
    ] as const) {
      const nps = npsOf({ [value]: 1 })!;
      expect({ value, promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors }).toEqual({
        value,
        promoters: side === 'promoters' ? 1 : 0,
        passives: side === 'passives' ? 1 : 0,
        detractors: side === 'detractors' ? 1 : 0,
      });
    }
  });

  it('gives the score as promoters less detractors, in percent of those who answered', () => {
    // One answer of each score: 2 promoters (9, 10), 2 passives (7, 8), 7 detractors (0–6) of 11.
    const nps = npsOf(Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => [v, 1])));
    expect(nps).toEqual({ score: -45, promoters: 2, passives: 2, detractors: 7 });
    expect(npsOf({ 9: 3, 10: 1 })!.score).toBe(100);
    expect(npsOf({})).toBeNull();
  });

  it('gives a scale’s mean and distribution, and each option’s share', () => {
    const rating = buildResults(surveyOf(question(3, 'rating')), tallyOf(3, { 4: 2, 5: 1 })).questions[0]!;
    expect(rating.mean).toBe(4.33);
    expect(rating.distribution).toEqual([1, 2, 3, 4, 5].map((value) => ({ value, count: [0, 0, 0, 2, 1][value - 1] })));
    const single = question(4, 'single', ['Ya', 'Tidak']);
    const tally: Tally = {
      total: 3,
      counts: new Map([
        ['4:o:400', 2],
        ['4:o:401', 1],
      ]),
    };
    expect(buildResults(surveyOf(single), tally).questions[0]!.options).toEqual([
      { id: 400, label: 'Ya', count: 2, percent: 66.7 },
      { id: 401, label: 'Tidak', count: 1, percent: 33.3 },
    ]);
  });
});
