// Public suggestion box API for the widgets: proof-of-work challenges, submissions, tracking, the board, votes.
import { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError, requestLang } from '../errors.ts';
import {
  deviceIdOf,
  idempotencyKeyOf,
  memberOf,
  readJsonObject,
  writerOf,
  type AppContext,
  type AppEnv,
} from '../http.ts';
import { check, validQuery } from '../validate.ts';
import { clientAddress, createNetworkLimiter, networkId } from '../network.ts';
import { parseTrackingCode } from './code.ts';
import {
  castVote,
  existingVote,
  findFeedback,
  insertFeedback,
  listBoard,
  listOwnItems,
  ownItem,
} from './feedback.queries.ts';
import { boardQuery, submissionBody } from './feedback.schemas.ts';
import { checkProofOfWork, createPowChallenge } from './pow.ts';

const HOUR_MS = 3_600_000;

/**
 * Items per hour before 429, counting every attempt that passed validation. Soft, in this process's memory
 * (see createNetworkLimiter). The network limit applies to anonymous senders only: a library's own Wi-Fi
 * carries many members, each limited by name.
 */
export const FEEDBACK_LIMITS = { perNetwork: 20, perSubmitter: 5 } as const;

const DAY_MS = 86_400_000;

export function feedbackRoutes(deps: AppDeps) {
  const { db, config, clock } = deps;
  const networks = createNetworkLimiter(FEEDBACK_LIMITS.perNetwork, HOUR_MS);
  const submitters = createNetworkLimiter(FEEDBACK_LIMITS.perSubmitter, HOUR_MS);
  /**
   * New anonymous votes one network may add to one item in a library day (CRM_BOARD_VOTE_LIMIT), as surveys limit answers per
   * network: a device id costs nothing to make, so without it one address could vote as often as it likes.
   * Beyond it a new vote is a 429 rate_limited with Retry-After (as the survey routes answer); a device that
   * already voted still gets its 200, and a member's vote counts per member, without this limit.
   */
  const voters = createNetworkLimiter(config.boardVotesPerNetworkPerDay, DAY_MS);
  /** The library's clock: the vote windows turn at local midnight. */
  const localDay = (now: Date) => new Date(now.getTime() + config.utcOffsetMinutes * 60_000);

  function rateLimited(c: AppContext, now: Date, windowMs = HOUR_MS): never {
    c.header('Retry-After', String(Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000)));
    throw new ApiError(429, 'rate_limited');
  }

  return new Hono<AppEnv>()
    .get('/pow', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ challenge: await createPowChallenge(deps.secret.value, clock()) });
    })
    .post('/', async (c) => {
      const now = clock();
      const key = idempotencyKeyOf(c);
      const body = await readJsonObject(c);
      const lang = requestLang(c);
      const submitter = await writerOf(c, deps.secret, now);

      const replay = async () => {
        const first = await findFeedback(db, { idempotencyKey: key });
        if (first === null) return null;
        if (first.submitter_key !== submitter.key) throw new ApiError(409, 'idempotency_key_reused');
        c.header('Idempotent-Replayed', 'true');
        return c.json({ item: await ownItem(db, first) }, 200);
      };
      const replayed = await replay();
      if (replayed !== null) return replayed;

      // The honeypot is a field people never see: anything in it was typed by a program.
      if (body.website !== undefined && body.website !== null && body.website !== '')
        throw new ApiError(400, 'spam_suspected');
      const input = check(submissionBody, body, lang);

      const network = networkId(clientAddress(c, config.trustProxy), deps.secret.value);
      const networkKey = submitter.memberId === null && network !== null ? network : null;
      if ((networkKey !== null && networks.atLimit(networkKey, now)) || submitters.atLimit(submitter.key, now))
        rateLimited(c, now);
      // Counted before the first await below: a burst sent at once must not pass the check all together.
      if (networkKey !== null) networks.count(networkKey, now);
      submitters.count(submitter.key, now);

      const anonymous = submitter.memberId === null || !input.asMember;
      const proof = anonymous ? await checkProofOfWork(deps.secret.value, body.pow, now) : null;

      const row = await insertFeedback(
        db,
        {
          input,
          memberId: submitter.memberId,
          anonymous,
          submitterKey: submitter.key,
          lang,
          network,
          idempotencyKey: key,
        },
        proof,
        now,
      );
      if (row === 'proof_spent') throw new ApiError(409, 'pow_replayed');
      if (row === 'duplicate') {
        // The same retry raced its first try; the first one stored it.
        const again = await replay();
        if (again !== null) return again;
        throw new ApiError(409, 'idempotency_key_reused');
      }
      return c.json({ item: await ownItem(db, row) }, 201);
    })
    .get('/items/:code', async (c) => {
      const code = parseTrackingCode(c.req.param('code'));
      const row = code === null ? null : await findFeedback(db, { code });
      if (row === null) throw new ApiError(404, 'feedback_not_found');
      c.header('Cache-Control', 'no-store');
      return c.json({ item: await ownItem(db, row) });
    })
    .get('/mine', async (c) => {
      const memberId = await memberOf(c, deps.secret, clock(), true);
      if (memberId === null) throw new ApiError(401, 'invalid_token');
      c.header('Cache-Control', 'no-store');
      return c.json({ items: await listOwnItems(db, `m:${memberId}`) });
    })
    .get('/board', validQuery(boardQuery), async (c) => {
      const query = c.req.valid('query');
      const memberId = await memberOf(c, deps.secret, clock(), false);
      const device = deviceIdOf(c);
      const voterKey = memberId !== null ? `m:${memberId}` : device !== null ? `d:${device}` : null;
      const { items, total } = await listBoard(db, query, voterKey);
      c.header('Cache-Control', 'no-store');
      return c.json({ items, total, page: query.page, pageSize: query.pageSize });
    })
    .post('/board/:id/votes', async (c) => {
      const now = clock();
      idempotencyKeyOf(c);
      await readJsonObject(c);
      const voter = await writerOf(c, deps.secret, now);
      const id = c.req.param('id');
      if (!/^[1-9]\d{0,9}$/.test(id)) throw new ApiError(404, 'not_on_board');
      const network =
        voter.memberId === null ? networkId(clientAddress(c, config.trustProxy), deps.secret.value) : null;
      const limitKey = network === null ? null : `${id}:${network}`;
      const day = localDay(now);
      if (limitKey !== null) {
        if (voters.atLimit(limitKey, day)) {
          // A repeat from a device that already voted adds nothing: it gets its answer, not a refusal.
          const votes = await existingVote(db, Number(id), voter.key);
          if (votes !== null) return c.json({ votes, voted: true }, 200);
          rateLimited(c, day, DAY_MS);
        }
        // Counted before the first await: a burst sent at once must not pass the check all together.
        voters.count(limitKey, day);
      }
      let outcome: Awaited<ReturnType<typeof castVote>>;
      try {
        outcome = await castVote(db, Number(id), voter, now);
      } catch (error) {
        if (limitKey !== null) voters.uncount(limitKey, day);
        throw error;
      }
      // Only a vote that was added uses up the network's share: a repeat, or an item not on the board, does not.
      if (limitKey !== null && (typeof outcome === 'string' || outcome.voted !== 'new')) voters.uncount(limitKey, day);
      if (outcome === 'not_found') throw new ApiError(404, 'not_on_board');
      if (outcome === 'closed') throw new ApiError(409, 'voting_closed');
      return c.json({ votes: outcome.votes, voted: true }, outcome.voted === 'new' ? 201 : 200);
    });
}
