// `npx tsx test/bench/segments.ts <database url>`: how long the segment count and a segment's first page of
// members take on a seeded library (npm run seed -- --size bench: 200,000 members, 5,000,000 loans), for common
// definitions; the target is under 1 s for a count. Each is timed three times; the median is printed.
import { openDatabase } from '../../server/db/connection.ts';
import { migrate } from '../../server/db/migrate.ts';
import { listMemberTypes, searchMembers } from '../../server/members/staff-members.queries.ts';
import { countSegment, filterContext, segmentCondition } from '../../server/segments/segments.queries.ts';
import { segmentDefinition, type SegmentDefinitionInput } from '../../server/segments/segments.schemas.ts';

const TODAY = process.env.BENCH_TODAY ?? '2026-11-23';

const definitions: Array<[string, SegmentDefinitionInput]> = [
  ['every member ({})', {}],
  ['one member type', { memberTypes: [1] }],
  ['age 18–25, female', { age: { min: 18, max: 25 }, gender: 'female' }],
  ['has e-mail, not expired', { hasEmail: true, expiring: { from: TODAY } }],
  ['institution contains "universitas"', { institution: 'universitas' }],
  ['postal code 28…', { postalCode: '28' }],
  ['joined this year', { joined: { from: `${TODAY.slice(0, 4)}-01-01` } }],
  ['label guru', { labels: ['guru'] }],
  ['3+ loans in the last 12 months', { loans: { from: '2025-11-24', to: TODAY, atLeast: 3 } }],
  ['no loan in the last 6 months', { loans: { from: '2026-05-23', to: TODAY, atMost: 0 } }],
  ['last loan before 6 months ago', { lastLoan: { before: '2026-05-23' } }],
  ['last visit after a month ago', { lastVisit: { after: '2026-10-23' } }],
];

async function median(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: npx tsx test/bench/segments.ts <database url>');
  const handle = await openDatabase({ url, connections: 2 });
  try {
    await migrate(handle);
    const types = await listMemberTypes(handle.db);
    console.log(`segment counts on ${handle.dialect}, today ${TODAY} (median of 3)`);
    for (const [name, input] of definitions) {
      const definition = segmentDefinition.en.parse(input);
      let count = 0;
      const countMs = await median(async () => (count = (await countSegment(handle.db, definition, TODAY)).count));
      const pageMs = await median(async () => {
        const within = segmentCondition(definition, await filterContext(handle.db, definition, TODAY));
        const query = { page: 1, pageSize: 25, q: undefined, type: undefined, expiry: undefined, tier: undefined };
        await searchMembers(handle.db, query, TODAY, types, within);
      });
      console.log(
        `${name.padEnd(40)} ${String(count).padStart(7)} members  count ${countMs.toFixed(0).padStart(5)} ms  first page ${pageMs.toFixed(0).padStart(5)} ms`,
      );
    }
  } finally {
    await handle.close();
  }
}

await main();
