// Batched multi-row INSERTs for the generator: rows are buffered as plain arrays, and one INSERT per batch size is
// built with kysely's `sql` (values as parameters) and compiled once, then re-run with each batch's parameters.
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Dialect } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';

/** SQLite allows 32,766 bound parameters per statement; MySQL's limit is max_allowed_packet (16 MB by default). */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 2_000;
/** SQLite commits every so many rows so the WAL stays a reasonable size. */
const SQLITE_COMMIT_ROWS = 250_000;

export type Row = readonly (string | number | null)[];

export interface Progress {
  table: string;
  done: number;
  total: number;
}

/** Owns the one connection the generator writes through; keeps at most one statement in flight. */
export class BulkSink {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly #onProgress: (progress: Progress) => void;
  #inFlight: Promise<void> = Promise.resolve();
  #failure: unknown = null;
  #uncommitted = 0;
  #inTransaction = false;

  constructor(db: Kysely<Database>, onProgress: (progress: Progress) => void) {
    this.db = db;
    this.dialect = dialectOf(db);
    this.#onProgress = onProgress;
  }

  writer(table: keyof Database & string, columns: readonly string[], total: number): TableWriter {
    return new TableWriter(this, table, columns, total);
  }

  /** Runs a statement after the one in flight; the caller may keep generating rows meanwhile. */
  async enqueue(query: CompiledQuery, rows: number, progress: Progress): Promise<void> {
    await this.#settle();
    if (this.dialect === 'sqlite' && !this.#inTransaction) {
      await sql`BEGIN`.execute(this.db);
      this.#inTransaction = true;
    }
    this.#inFlight = this.db
      .executeQuery(query)
      .then(async () => {
        this.#uncommitted += rows;
        if (this.#inTransaction && this.#uncommitted >= SQLITE_COMMIT_ROWS) await this.commit();
      })
      .catch((error: unknown) => {
        this.#failure ??= error;
      });
    this.#onProgress(progress);
  }

  /** Waits for the statement in flight and commits what SQLite holds in its transaction. */
  async drain(): Promise<void> {
    await this.#settle();
    if (this.#inTransaction) await this.commit();
  }

  /** Ends an interrupted run without leaving SQLite inside a transaction. */
  async abandon(): Promise<void> {
    await this.#inFlight;
    if (this.#inTransaction) {
      this.#inTransaction = false;
      await sql`ROLLBACK`.execute(this.db);
    }
  }

  async commit(): Promise<void> {
    this.#inTransaction = false;
    this.#uncommitted = 0;
    await sql`COMMIT`.execute(this.db);
  }

  async #settle(): Promise<void> {
    await this.#inFlight;
    if (this.#failure !== null) throw this.#failure;
  }
}

export class TableWriter {
  readonly #sink: BulkSink;
  readonly #table: string;
  readonly #columns: readonly string[];
  readonly #rowsPerStatement: number;
  readonly #statements = new Map<number, string>();
  #parameters: (string | number | null)[] = [];
  #rows = 0;
  #written = 0;
  readonly total: number;

  constructor(sink: BulkSink, table: string, columns: readonly string[], total: number) {
    this.#sink = sink;
    this.#table = table;
    this.#columns = columns;
    this.#rowsPerStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns.length)));
    this.total = total;
  }

  /** Rows handed to the writer so far (written or buffered). */
  get count(): number {
    return this.#written + this.#rows;
  }

  /** Buffers a row; true when the batch is full and the caller should `await flush()`. */
  add(row: Row): boolean {
    if (row.length !== this.#columns.length) throw new Error(`${this.#table}: expected ${this.#columns.length} values`);
    for (const value of row) this.#parameters.push(value);
    this.#rows += 1;
    return this.#rows >= this.#rowsPerStatement;
  }

  async flush(): Promise<void> {
    if (this.#rows === 0) return;
    const rows = this.#rows;
    const query = CompiledQuery.raw(this.#statement(rows), this.#parameters);
    this.#parameters = [];
    this.#rows = 0;
    this.#written += rows;
    await this.#sink.enqueue(query, rows, {
      table: this.#table,
      done: this.#written,
      total: Math.max(this.total, this.#written),
    });
  }

  #statement(rows: number): string {
    let text = this.#statements.get(rows);
    if (text === undefined) {
      const placeholders = sql`(${sql.join(this.#columns.map(() => null))})`;
      text =
        sql`insert into ${sql.table(this.#table)} (${sql.join(this.#columns.map((column) => sql.ref(column)))}) values ${sql.join(
          Array.from({ length: rows }, () => placeholders),
        )}`.compile(this.#sink.db).sql;
      this.#statements.set(rows, text);
    }
    return text;
  }
}
