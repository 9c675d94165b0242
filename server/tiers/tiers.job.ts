// The job that scores every member and sets their tier, claimed with a database lease so that of several
// sidecars one runs it (and another takes over once a crashed holder's lease runs out).
//
// Time and incremental runs: a score counts whole library days back from its date (as_of), so it changes only
// when the member does something or the date moves on. SLiMS has no change feed, so an incremental run reads the
// loans, visits, answers and suggestions added since the high-water marks (loan_id, visitor_id and the CRM's ids)
// and rescores just those members, plus members SLiMS added since. That is exact within one library day; when the
// day changes, time alone moves everyone (a visit leaves the window, recency falls, a member passes the at-risk
// or lapsed limit), so the first run of a new day is a full one, as is the first run after staff change the
// thresholds. The nightly full run also catches what marks cannot see (a loan row SLiMS deleted, a member's
// changed join date, a member removed).
import type { Kysely } from 'kysely';
import type { Database, TierRunKind } from '../db/database.ts';
import { claimLease, releaseLease, renewLease } from '../db/lease.ts';
import { localDate, toDbTime } from '../db/time.ts';
import { scoreMember, type MemberFacts, type TierSettings } from './score.ts';
import {
  allMembers,
  batchFacts,
  currentMarks,
  dropScoresOf,
  membersByIds,
  membersTouched,
  membersUnscored,
  readRunState,
  readSettings,
  scanFacts,
  updateRunState,
  writeScores,
  type Batch,
  type MemberRow,
  type ScoredMember,
  type Window,
} from './tiers.queries.ts';

export const LEASE_NAME = 'tiers';
/** How long a lease lasts without renewal (longer than a full run's one long step, counting); renewed after every batch. */
export const LEASE_MS = 5 * 60_000;
/** Members per batch of a full run's writes. */
export const BATCH_MEMBERS = 10_000;
/** Members per batch of an incremental run (an IN list). */
const INCREMENTAL_BATCH = 1_000;
/** How often the tick runs an incremental run when nothing else is due. */
export const INCREMENTAL_EVERY_MS = 5 * 60_000;

export interface TierJobOptions {
  db: Kysely<Database>;
  /** Who runs it: host, process and a random part, unique per sidecar. */
  owner: string;
  clock: () => Date;
  utcOffsetMinutes: number;
  log?: (line: string) => void;
  /** Run this kind whatever is due (tests, the bench); otherwise the job decides. */
  kind?: TierRunKind;
  batchMembers?: number;
}

export type TierJobOutcome =
  | { ran: false; why: 'busy' | 'not_due' }
  | { ran: true; kind: TierRunKind; members: number; changed: number; ms: number };

class LeaseLost extends Error {
  constructor() {
    super('the tier job lost its lease to another sidecar');
  }
}

/** The window a run counts over: the library's date at `now` and windowDays back. */
export function windowAt(now: Date, utcOffsetMinutes: number, settings: TierSettings): Window {
  const today = localDate(now, utcOffsetMinutes);
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - settings.windowDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // The window's first local midnight (the day after `start`) in UTC, as the CRM's own rows keep times.
  const firstMidnight = Date.parse(`${start}T00:00:00Z`) + 86_400_000 - utcOffsetMinutes * 60_000;
  return { today, start, startUtc: toDbTime(new Date(firstMidnight)) };
}

const joinedOf = (row: MemberRow): string | null => {
  for (const value of [row.member_since_date, row.register_date])
    if (value !== null && value !== '' && !value.startsWith('0000')) return value.slice(0, 10);
  return null;
};

/**
 * Runs the tier job once if this sidecar gets the lease and a run is due (or `kind` forces one): staff's request,
 * else a full run on a new library day or after a change of thresholds, else an incremental one every
 * INCREMENTAL_EVERY_MS.
 */
export async function runTierJob(options: TierJobOptions): Promise<TierJobOutcome> {
  const { db, owner, clock, utcOffsetMinutes, log = () => {} } = options;
  const started = clock();
  // A look without the lease first: most ticks find nothing due and write nothing.
  if ((await dueKind(db, started, utcOffsetMinutes, options.kind)) === null) return { ran: false, why: 'not_due' };
  if (!(await claimLease(db, LEASE_NAME, owner, started, LEASE_MS))) return { ran: false, why: 'busy' };
  try {
    // Again under the lease: another sidecar may have run it meanwhile.
    const due = await dueKind(db, started, utcOffsetMinutes, options.kind);
    if (due === null) return { ran: false, why: 'not_due' };
    const { kind, state, settings, updated, window } = due;

    const marks = await currentMarks(db);
    await updateRunState(db, {
      running_kind: kind,
      running_since: toDbTime(started),
      done: 0,
      total: 0,
      last_error: null,
    });
    const keep = async () => {
      if (!(await renewLease(db, LEASE_NAME, owner, clock(), LEASE_MS))) throw new LeaseLost();
    };
    const batches =
      kind === 'full' ? await fullBatches(db, options.batchMembers ?? BATCH_MEMBERS) : await touched(db, state, marks);
    const total = batches.reduce((sum, b) => sum + b.members.length, 0);
    await updateRunState(db, { total });
    log(`[slims-crm] tingkat anggota: ${kind} ${total} anggota / member tiers: ${kind} run over ${total} members`);
    // A full run counts every member's loans and visits with one aggregate over each table, then writes in
    // batches; an incremental run counts each batch of touched members through the member_id indexes.
    const scanned = kind === 'full' ? await scanFacts(db, window) : null;
    if (scanned !== null) {
      await keep();
      log(
        `[slims-crm] tingkat anggota / member tiers: loans and visits counted in ${clock().getTime() - started.getTime()} ms`,
      );
    }
    let done = 0;
    let changed = 0;
    let lastLog = clock().getTime();
    for (const { batch, members } of batches) {
      const facts = scanned ?? (await batchFacts(db, batch, window));
      const scored: ScoredMember[] = members.map((row) => {
        const counted = facts.get(row.member_id);
        const f: MemberFacts = {
          memberId: row.member_id,
          joined: joinedOf(row),
          loansTotal: counted?.loansTotal ?? 0,
          loansWindow: counted?.loansWindow ?? 0,
          lastLoan: counted?.lastLoan ?? null,
          visitsWindow: counted?.visitsWindow ?? 0,
          lastVisit: counted?.lastVisit ?? null,
          topicsWindow: counted?.topicsWindow ?? 0,
          engagementWindow: counted?.engagementWindow ?? 0,
        };
        return { facts: f, scored: scoreMember(f, settings, window.today) };
      });
      changed += await writeScores(db, scored, window.today, started);
      done += members.length;
      await keep();
      await updateRunState(db, { done });
      const now = clock().getTime();
      if (now - lastLog >= 5_000 && done < total) {
        lastLog = now;
        log(`[slims-crm] tingkat anggota / member tiers: ${done}/${total}`);
      }
    }
    if (kind === 'full') await dropScoresOf(db, new Set(batches.flatMap((b) => b.members.map((m) => m.member_id))));
    const finished = clock();
    const ms = finished.getTime() - started.getTime();
    const after = await readRunState(db);
    await updateRunState(db, {
      running_kind: null,
      running_since: null,
      last_kind: kind,
      last_started_at: toDbTime(started),
      last_finished_at: toDbTime(finished),
      last_duration_ms: ms,
      last_members: total,
      loan_mark: marks.loan,
      visit_mark: marks.visit,
      response_mark: marks.response,
      feedback_mark: marks.feedback,
      ...(kind === 'full' ? { full_as_of: window.today, full_settings_at: updated?.at ?? null } : {}),
      // A request made while this run went on asks for one more.
      ...(after.requested_at !== null && after.requested_at <= toDbTime(started)
        ? { requested_kind: null, requested_at: null }
        : {}),
    });
    log(
      `[slims-crm] tingkat anggota selesai / member tiers done: ${kind}, ${total} members, ${changed} tier changes, ${ms} ms`,
    );
    return { ran: true, kind, members: total, changed, ms };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof LeaseLost))
      await updateRunState(db, { running_kind: null, running_since: null, last_error: message.slice(0, 500) }).catch(
        () => {},
      );
    throw error;
  } finally {
    await releaseLease(db, LEASE_NAME, owner).catch(() => {});
  }
}

/**
 * What run is due at `now`: a full one on a new library day or after staff changed the thresholds, else the kind
 * staff asked for (or `forced`), else an incremental one INCREMENTAL_EVERY_MS after the last run; null for none.
 */
async function dueKind(db: Kysely<Database>, now: Date, utcOffsetMinutes: number, forced: TierRunKind | undefined) {
  const state = await readRunState(db);
  const { settings, updated } = await readSettings(db);
  const window = windowAt(now, utcOffsetMinutes, settings);
  const settingsChanged = updated !== null && (state.full_settings_at === null || updated.at > state.full_settings_at);
  const lastMs = state.last_finished_at === null ? 0 : Date.parse(`${state.last_finished_at.replace(' ', 'T')}Z`);
  let kind: TierRunKind | null = forced ?? state.requested_kind ?? null;
  if (state.full_as_of !== window.today || settingsChanged) kind = 'full';
  else if (kind === null && now.getTime() - lastMs >= INCREMENTAL_EVERY_MS) kind = 'incremental';
  return kind === null ? null : { kind, state, settings, updated, window };
}

interface PlannedBatch {
  batch: Batch;
  members: MemberRow[];
}

/** Every member, in batches of `size` for writing. */
async function fullBatches(db: Kysely<Database>, size: number): Promise<PlannedBatch[]> {
  const members = await allMembers(db);
  const batches: PlannedBatch[] = [];
  for (let i = 0; i < members.length; i += size) {
    const slice = members.slice(i, i + size);
    batches.push({ batch: { ids: slice.map((m) => m.member_id) }, members: slice });
  }
  return batches;
}

/** The members an incremental run rescores, in lists of INCREMENTAL_BATCH. */
async function touched(
  db: Kysely<Database>,
  state: { loan_mark: number; visit_mark: number; response_mark: number; feedback_mark: number },
  marks: Awaited<ReturnType<typeof currentMarks>>,
): Promise<PlannedBatch[]> {
  const from = {
    loan: Number(state.loan_mark),
    visit: Number(state.visit_mark),
    response: Number(state.response_mark),
    feedback: Number(state.feedback_mark),
  };
  const ids = [...new Set([...(await membersTouched(db, from, marks)), ...(await membersUnscored(db))])];
  const batches: PlannedBatch[] = [];
  for (let i = 0; i < ids.length; i += INCREMENTAL_BATCH) {
    // Only members SLiMS has: a loan may name a card number that is gone.
    const members = await membersByIds(db, ids.slice(i, i + INCREMENTAL_BATCH));
    if (members.length > 0) batches.push({ batch: { ids: members.map((m) => m.member_id) }, members });
  }
  return batches;
}
