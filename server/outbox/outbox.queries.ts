// The outbox in the database: enqueue once per dedupe key, lease due rows to one sender, record the outcome.
import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import type { CrmOutboxTable, Database, OutboxChannel } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import { dialectOf, isDeadlock, isUniqueViolation } from '../db/dialect.ts';

export type OutboxRow = Selectable<CrmOutboxTable>;

export interface NewMessage {
  dedupeKey: string;
  channel?: OutboxChannel;
  recipient: string;
  subject: string;
  text: string;
  html?: string | null;
  /** Not before this time; now when absent. */
  availableAt?: Date;
}

export interface ClaimOptions {
  batch: number;
  /** How long the claimed rows stay with this sender before another may take them over. */
  leaseMs: number;
  /** A row whose sender stopped mid-send this many times in all is given up ('failed'), not sent again. */
  maxAttempts?: number;
}

export interface RetryPolicy {
  maxAttempts: number;
  /** Delay after the first failure; doubles with every further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 60_000, maxDelayMs: 6 * 60 * 60_000 };

/** A Message-ID in the sidecar's own domain (the host of CRM_PUBLIC_URL). */
export function newMessageId(publicUrl: string): string {
  return `<${randomUUID()}@${new URL(publicUrl).hostname}>`;
}

/** Adds a message unless one with its dedupe key exists; either way returns the row that stands for it. */
export async function enqueue(
  db: Kysely<Database>,
  message: NewMessage,
  now: Date,
  { publicUrl }: { publicUrl: string },
): Promise<OutboxRow> {
  const existing = () =>
    db.selectFrom('crm_outbox').selectAll().where('dedupe_key', '=', message.dedupeKey).executeTakeFirst();
  const before = await existing();
  if (before !== undefined) return before;
  try {
    await db
      .insertInto('crm_outbox')
      .values({
        dedupe_key: message.dedupeKey,
        channel: message.channel ?? 'email',
        recipient: message.recipient,
        subject: message.subject,
        body_text: message.text,
        body_html: message.html ?? null,
        message_id: newMessageId(publicUrl),
        status: 'pending',
        available_at: toDbTime(message.availableAt ?? now),
        created_at: toDbTime(now),
      })
      .execute();
  } catch (error) {
    // Another caller enqueued the same key between the read and the insert: theirs stands.
    if (!isUniqueViolation(error)) throw error;
  }
  const row = await existing();
  if (row === undefined) throw new Error(`outbox: message ${message.dedupeKey} vanished after enqueue`);
  return row;
}

/** Pending rows that are due, and rows whose sender's lease ran out (it crashed or stalled mid-send). */
function due(now: string) {
  return (eb: ExpressionBuilder<Database, 'crm_outbox'>) =>
    eb.or([
      eb.and([eb('status', '=', 'pending'), eb('available_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
}

/**
 * Leases up to `batch` due rows to `owner` and returns them, oldest first. Two senders never get the same row:
 * MySQL skips rows another transaction has locked; SQLite has one writer, so the single UPDATE is atomic.
 */
export async function claim(
  db: Kysely<Database>,
  owner: string,
  now: Date,
  { batch, leaseMs, maxAttempts = DEFAULT_RETRY.maxAttempts }: ClaimOptions,
): Promise<OutboxRow[]> {
  const at = toDbTime(now);
  // A lease that ran out is an attempt its sender never recorded (it crashed or hung mid-send): the lease below
  // counts it, and a row with no attempt left is given up ('failed') instead of being retried for ever, so a
  // message that brings its sender down every time stops doing so.
  const exhausted = (eb: ExpressionBuilder<Database, 'crm_outbox'>) =>
    eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', at), eb('attempts', '>=', maxAttempts - 1)]);
  const giveUp = {
    attempts: sql<number>`attempts + 1`,
    status: 'failed' as const,
    last_error: 'the sender stopped while sending this message',
    lease_owner: null,
    lease_until: null,
  };
  const lease = {
    // First: MySQL evaluates SET from left to right, so after `status` it would read the new value.
    attempts: sql<number>`attempts + CASE WHEN status = 'sending' THEN 1 ELSE 0 END`,
    status: 'sending' as const,
    lease_owner: owner,
    lease_until: toDbTime(new Date(now.getTime() + leaseMs)),
  };
  if (dialectOf(db) === 'sqlite') {
    await db.updateTable('crm_outbox').set(giveUp).where(exhausted).execute();
    const rows = await db
      .updateTable('crm_outbox')
      .set(lease)
      .where('id', 'in', (eb) =>
        eb.selectFrom('crm_outbox').select('id').where(due(at)).orderBy('available_at').orderBy('id').limit(batch),
      )
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.available_at.localeCompare(b.available_at) || a.id - b.id);
  }
  // MySQL: only rows this transaction holds (SKIP LOCKED) are touched, under READ COMMITTED so that no gap locks
  // are taken; moving a row's entry in the (status, available_at) index can still meet another sender's in a
  // deadlock, which InnoDB resolves by rolling one back: that sender simply claims again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await leaseBatch();
    } catch (error) {
      if (attempt >= 3 || !isDeadlock(error)) throw error;
    }
  }

  function leaseBatch(): Promise<OutboxRow[]> {
    return db
      .transaction()
      .setIsolationLevel('read committed')
      .execute(async (trx) => {
        const held = await trx
          .selectFrom('crm_outbox')
          .select(['id', (eb) => eb.case().when(exhausted(eb)).then(1).else(0).end().as('exhausted')])
          .where(due(at))
          .orderBy('available_at')
          .orderBy('id')
          .limit(batch)
          .forUpdate()
          .skipLocked()
          .execute();
        const spent = held.filter((row) => Number(row.exhausted) === 1).map((row) => row.id);
        const ids = held.filter((row) => Number(row.exhausted) !== 1).map((row) => row.id);
        if (spent.length > 0) await trx.updateTable('crm_outbox').set(giveUp).where('id', 'in', spent).execute();
        if (ids.length === 0) return [];
        await trx.updateTable('crm_outbox').set(lease).where('id', 'in', ids).execute();
        return trx
          .selectFrom('crm_outbox')
          .selectAll()
          .where('id', 'in', ids)
          .orderBy('available_at')
          .orderBy('id')
          .execute();
      });
  }
}

/** Records a delivery; false when the lease was taken over meanwhile (the row is then another sender's). */
export async function markSent(db: Kysely<Database>, id: number, owner: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('crm_outbox')
    .set({ status: 'sent', sent_at: toDbTime(now), lease_owner: null, lease_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The wait before the next try after `attempts` failures (1 = the first). */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Records a failed try: back to pending after an exponential wait, or 'failed' once maxAttempts is reached.
 * False when the lease was taken over meanwhile.
 */
export async function markFailed(
  db: Kysely<Database>,
  message: Pick<OutboxRow, 'id' | 'attempts'>,
  owner: string,
  now: Date,
  error: string,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<boolean> {
  const attempts = message.attempts + 1;
  const gaveUp = attempts >= policy.maxAttempts;
  const result = await db
    .updateTable('crm_outbox')
    .set({
      status: gaveUp ? 'failed' : 'pending',
      attempts,
      last_error: error.slice(0, 2000),
      available_at: toDbTime(new Date(now.getTime() + (gaveUp ? 0 : retryDelayMs(attempts, policy)))),
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', message.id)
    .where('status', '=', 'sending')
    .where('lease_owner', '=', owner)
    .where('attempts', '=', message.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
