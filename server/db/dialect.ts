// What differs between the two databases the sidecar runs on, in one place: which one a Kysely instance talks
// to, row locks, and the errors that mean "this row exists already" or "try the transaction again".
import { MysqlAdapter, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Dialect } from './connection.ts';
import type { Database } from './database.ts';

/** The dialect behind `db` (a Kysely instance or a transaction), read from its adapter. */
export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter instanceof MysqlAdapter ? 'mysql' : 'sqlite';
}

/**
 * The query with its rows locked for writing until the transaction ends. MySQL takes the lock (FOR UPDATE);
 * SQLite has one writer at a time, so the query is left as it is.
 */
export function forUpdate<TB extends keyof Database, O>(
  db: Kysely<Database>,
  query: SelectQueryBuilder<Database, TB, O>,
): SelectQueryBuilder<Database, TB, O> {
  return dialectOf(db) === 'mysql' ? query.forUpdate() : query;
}

/** A duplicate key on a UNIQUE index or a primary key, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown };
  return (
    e.code === 'ER_DUP_ENTRY' ||
    e.errno === 1062 ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** InnoDB rolled the transaction back to break a deadlock (ER_LOCK_DEADLOCK): running it again is safe. */
export function isDeadlock(error: unknown): boolean {
  return (error as { errno?: unknown }).errno === 1213;
}

/**
 * Whether SLiMS's text columns can hold `text`. On MySQL their character set is utf8 (three bytes): a character
 * beyond it (an emoji, U+10000 and up) matches no row there, and comparing with one is an error ("illegal mix
 * of collations") that would become a 500, so a lookup by such text is answered as not found without asking.
 */
export const slimsCanHold = (text: string): boolean => !/[\u{10000}-\u{10FFFF}]/u.test(text);
