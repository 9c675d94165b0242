// Poll reads and vote writes on the real sidecar over MariaDB, against a bare Hono JSON route, in one run.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { signMemberToken } from '../../server/auth/tokens.ts';
import { createBenchDatabase, responsesByKey } from './database.ts';
import { measureGet, measureWrites, retryStorm, type LoadSettings } from './load.ts';
import { freePort, startTsx, waitUntilReady } from './processes.ts';
import { count, ms, perSecond, times, type Row } from './table.ts';

const READ_RATIO = 0.5;
const READ_P99_MS = 20;
const WRITES_PER_SECOND = 3000;

const pollInput = {
  title: 'Jam layanan tambahan',
  audience: 'anyone',
  resultsVisibility: 'after_answer',
  questions: [
    {
      type: 'single',
      prompt: 'Kapan Anda ingin kami buka lebih lama?',
      options: [{ label: 'Malam' }, { label: 'Minggu' }, { label: 'Pagi' }],
    },
  ],
};

interface Poll {
  id: number;
  slug: string;
  questions: { id: number; options: { id: number }[] }[];
}

async function staff(
  base: string,
  token: string | null,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/api/v1/staff${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body ?? {}),
    signal: AbortSignal.timeout(10_000),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`POST /api/v1/staff${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function openPoll(base: string): Promise<Poll> {
  const { token } = (await staff(base, null, '/session', { username: 'admin', password: 'admin' })) as {
    token: string;
  };
  const { survey } = (await staff(base, token, '/surveys', pollInput)) as { survey: Poll };
  await staff(base, token, `/surveys/${survey.id}/open`);
  return survey;
}

/** A member's suggestion (a member token needs no proof of work), published on the board by staff. */
async function publishedSuggestion(base: string, secret: string): Promise<number> {
  const member = await signMemberToken(secret, 'M000001', new Date());
  const res = await fetch(`${base}/api/v1/feedback`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${member}`,
      'Idempotency-Key': 'bench-suggestion',
      Origin: base,
    },
    body: JSON.stringify({ kind: 'suggestion', text: 'Buka perpustakaan pada hari Minggu.' }),
  });
  const created = (await res.json()) as { item?: { code: string } };
  if (res.status !== 201 || created.item === undefined)
    throw new Error(`the bench suggestion was refused: ${res.status} ${JSON.stringify(created)}`);
  const { token } = (await staff(base, null, '/session', { username: 'admin', password: 'admin' })) as {
    token: string;
  };
  const list = await fetch(`${base}/api/v1/staff/feedback?q=${created.item.code.replace('-', '')}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { items } = (await list.json()) as { items: { id: number }[] };
  const id = items[0]?.id;
  if (id === undefined) throw new Error('the bench suggestion is not in the staff inbox');
  const put = await fetch(`${base}/api/v1/staff/feedback/${id}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ published: true }),
  });
  if (put.status !== 200) throw new Error(`publishing the bench suggestion failed: ${put.status} ${await put.text()}`);
  return id;
}

export interface HttpReport {
  rows: Row[];
  details: string[];
}

export async function measureHttp(
  root: string,
  settings: LoadSettings,
  stormKeys: number,
  say: (line: string) => void,
): Promise<HttpReport> {
  say('http: creating the throwaway MariaDB database');
  const database = await createBenchDatabase();
  say(`http: database ${database.name} prepared (SLiMS subset, migrations, staff)`);

  const [sidecarPort, barePort] = [await freePort(), await freePort()];
  const secret = randomBytes(32).toString('hex');
  const origin = `http://127.0.0.1:${sidecarPort}`;
  const sidecar = startTsx('sidecar', join(root, 'server/index.ts'), {
    CRM_DATABASE_URL: database.url,
    PORT: String(sidecarPort),
    HOST: '127.0.0.1',
    CRM_PUBLIC_URL: origin,
    CRM_SECRET: secret,
    // The load comes from one loopback address; a library's visitors come from many networks, so the
    // per-network soft limits are lifted here (each request still passes through the limiter's counting).
    CRM_NETWORK_LIMIT: '1000000000',
    CRM_BOARD_VOTE_LIMIT: '1000000000',
    CRM_ALLOWED_ORIGINS: '',
    NODE_ENV: 'production',
  });
  const bare = startTsx('bare Hono', join(root, 'test/bench/bare-hono.ts'), {
    PORT: String(barePort),
    NODE_ENV: 'production',
  });
  await Promise.all([
    waitUntilReady(sidecar, `${origin}/api/v1/health`),
    waitUntilReady(bare, `http://127.0.0.1:${barePort}/json`),
  ]);

  const poll = await openPoll(origin);
  const question = poll.questions[0]!;
  const body = (n: number) =>
    JSON.stringify({
      answers: [{ questionId: question.id, optionIds: [question.options[n % question.options.length]!.id] }],
    });
  const pollUrl = `${origin}/api/v1/surveys/${poll.slug}`;
  const seconds = settings.seconds;

  say(
    `http: bare Hono GET /json (${settings.warmupSeconds} s warm-up + ${seconds} s, ${settings.connections} connections)`,
  );
  const baseline = await measureGet(`http://127.0.0.1:${barePort}/json`, {}, settings);
  // A widget sends its device id on a read only after it has answered: a first visit reads no table.
  say(`http: sidecar GET /api/v1/surveys/${poll.slug} as a first-time visitor`);
  const read = await measureGet(pollUrl, { Origin: origin }, settings);
  const voter = 'bench-reader-voted';
  const voted = await fetch(`${pollUrl}/responses`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Idempotency-Key': 'bench-reader-key',
      'X-Device-Id': voter,
      Origin: origin,
    },
    body: body(0),
  });
  if (voted.status !== 201) throw new Error(`the reader's vote failed: ${voted.status} ${await voted.text()}`);
  say(`http: sidecar GET /api/v1/surveys/${poll.slug}?device=… as a visitor who has voted (results shown)`);
  const readVoted = await measureGet(`${pollUrl}?device=${voter}`, { Origin: origin }, settings);

  say('http: sidecar POST …/responses, a new voter and Idempotency-Key per request');
  await measureWrites(
    `${pollUrl}/responses`,
    origin,
    body,
    'bench-warm-',
    settings.warmupSeconds,
    settings.connections,
  );
  const writes = await measureWrites(
    `${pollUrl}/responses`,
    origin,
    body,
    'bench-vote-',
    seconds,
    settings.connections,
  );
  const stored = await responsesByKey(database.handle, poll.id, 'bench-vote-');
  const lost = [...writes.acknowledged].filter((key) => !stored.responses.has(key)).length;
  const ackedStored = [...writes.acknowledged].filter((key) => stored.responses.has(key)).length;
  const doubleWrites = stored.total - stored.responses.size + Math.max(0, stored.answers - stored.total);

  say(`http: retry storm, ${stormKeys} votes each sent 3 times at once`);
  const storm = await retryStorm(`${pollUrl}/responses`, origin, body, 'bench-storm-', stormKeys, 16);
  const stormStored = await responsesByKey(database.handle, poll.id, 'bench-storm-');
  const stormLost = storm.keys.filter((key) => !stormStored.responses.has(key)).length;
  const stormDouble =
    stormStored.total -
    stormStored.responses.size +
    Math.max(0, stormStored.answers - stormStored.total) +
    Math.max(0, (storm.statuses['201'] ?? 0) - storm.keys.length);

  say('http: sidecar POST /api/v1/feedback/board/:id/votes, a new device per request');
  const suggestion = await publishedSuggestion(origin, secret);
  const voteUrl = `${origin}/api/v1/feedback/board/${suggestion}/votes`;
  await measureWrites(voteUrl, origin, () => '{}', 'bench-board-warm-', settings.warmupSeconds, settings.connections);
  const boardVotes = await measureWrites(voteUrl, origin, () => '{}', 'bench-board-', seconds, settings.connections);
  const voteRows = await database.handle.db
    .selectFrom('crm_feedback_vote')
    .select('voter_key')
    .where('feedback_id', '=', suggestion)
    .execute();
  const voters = new Set(voteRows.map((row) => row.voter_key));
  const boardLost = [...boardVotes.acknowledged].filter((key) => !voters.has(`d:dev-${key}`)).length;
  // The unique key (item, voter) makes a second row per voter impossible; counted anyway, as the bench's proof.
  const boardDoubled = voteRows.length - voters.size;

  const statusList = (statuses: Record<string, number>) =>
    Object.entries(statuses)
      .map(([status, n]) => `${status}: ${count(n)}`)
      .join(', ');
  const details = [
    `bare Hono: ${count(baseline.result.requests.total)} requests in ${baseline.result.duration} s, errors ${baseline.result.errors}, non-2xx ${baseline.result.non2xx}`,
    `poll read, first visit: ${count(read.result.requests.total)} requests in ${read.result.duration} s, errors ${read.result.errors}, non-2xx ${read.result.non2xx}, p50 ${ms(read.result.latency.p50)}`,
    `poll read, voted: ${count(readVoted.result.requests.total)} requests in ${readVoted.result.duration} s, errors ${readVoted.result.errors}, non-2xx ${readVoted.result.non2xx}, p50 ${ms(readVoted.result.latency.p50)}`,
    `writes: ${count(writes.sent)} sent, statuses {${statusList(writes.statuses)}}, errors ${writes.result.errors} (timeouts ${writes.result.timeouts}), p50 ${ms(writes.result.latency.p50)}`,
    `writes: ${count(writes.acknowledged.size)} answered 201, ${count(ackedStored)} of them stored; ${count(stored.responses.size - ackedStored)} more stored for requests still in flight when the run stopped`,
    `board votes: ${count(boardVotes.sent)} sent, statuses {${statusList(boardVotes.statuses)}}, errors ${boardVotes.result.errors}, p50 ${ms(boardVotes.result.latency.p50)}; ` +
      `${count(voteRows.length)} vote rows (warm-up included) from ${count(voters.size)} voters`,
    `retry storm: ${count(storm.keys.length)} keys x 3 in ${storm.seconds.toFixed(1)} s, statuses {${statusList(storm.statuses)}}, network failures ${storm.failures}; ${count(stormStored.responses.size)} keys stored`,
  ];
  if (read.result.non2xx > 0 || readVoted.result.non2xx > 0 || writes.result.errors > 0) details.push(sidecar.output());

  const readRatio = read.perSecond / baseline.perSecond;
  const votedRatio = readVoted.perSecond / baseline.perSecond;
  const rows: Row[] = [
    {
      what: 'bare Hono GET /json (baseline)',
      measured: perSecond(baseline.perSecond),
      baseline: '',
      ratio: '',
      target: '',
      pass: null,
    },
    {
      what: 'poll read, first visit',
      measured: perSecond(read.perSecond),
      baseline: perSecond(baseline.perSecond),
      ratio: times(readRatio),
      target: `>= ${READ_RATIO}x bare`,
      pass: readRatio >= READ_RATIO,
    },
    {
      what: 'poll read, first visit p99',
      measured: ms(read.p99),
      baseline: ms(baseline.p99),
      ratio: '',
      target: `< ${READ_P99_MS} ms`,
      pass: read.p99 < READ_P99_MS,
    },
    {
      what: 'poll read, voted (lookup + results)',
      measured: perSecond(readVoted.perSecond),
      baseline: perSecond(baseline.perSecond),
      ratio: times(votedRatio),
      target: `>= ${READ_RATIO}x bare`,
      pass: votedRatio >= READ_RATIO,
    },
    {
      what: 'poll read, voted p99',
      measured: ms(readVoted.p99),
      baseline: ms(baseline.p99),
      ratio: '',
      target: `< ${READ_P99_MS} ms`,
      pass: readVoted.p99 < READ_P99_MS,
    },
    {
      what: 'votes POST /responses (201/s)',
      measured: perSecond(writes.perSecond),
      baseline: '',
      ratio: '',
      target: `>= ${count(WRITES_PER_SECOND)}/s`,
      pass: writes.perSecond >= WRITES_PER_SECOND,
    },
    { what: 'votes p99 latency', measured: ms(writes.p99), baseline: '', ratio: '', target: '', pass: null },
    {
      what: 'votes lost (201 but not stored)',
      measured: count(lost),
      baseline: `${count(writes.acknowledged.size)} x 201`,
      ratio: '',
      target: '0',
      pass: lost === 0,
    },
    {
      what: 'votes counted twice',
      measured: count(doubleWrites),
      baseline: `${count(stored.total)} rows`,
      ratio: '',
      target: '0',
      pass: doubleWrites === 0,
    },
    {
      what: 'board votes POST …/votes (201/s)',
      measured: perSecond(boardVotes.perSecond),
      baseline: '',
      ratio: '',
      target: `>= ${count(WRITES_PER_SECOND)}/s`,
      pass: boardVotes.perSecond >= WRITES_PER_SECOND,
    },
    {
      what: 'board votes lost or counted twice',
      measured: count(boardLost + boardDoubled),
      baseline: `${count(boardVotes.acknowledged.size)} x 201`,
      ratio: '',
      target: '0',
      pass: boardLost + boardDoubled === 0,
    },
    {
      what: 'retry storm: responses stored (3 sends/key)',
      measured: count(stormStored.total),
      baseline: `${count(storm.keys.length)} keys`,
      ratio: '',
      target: `= ${count(storm.keys.length)}`,
      pass: stormStored.total === storm.keys.length && stormLost === 0 && stormDouble === 0 && storm.failures === 0,
    },
  ];
  return { rows, details };
}
