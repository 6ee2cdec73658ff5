/**
 * The messages between the main thread and the PGlite worker (pglite-worker-entry.ts). One request, one
 * reply, matched by `id`; a query's rows travel in its reply. Type-only, so the worker loads under Node's
 * type stripping as well as under tsx.
 */

/** What the worker is started with (`workerData`). */
export interface WorkerOptions {
  dataDir: string;
  /** The data directory to start from (createDatabase's `pgliteTemplate`). */
  template?: Uint8Array<ArrayBuffer>;
}

export type WorkerRequest =
  | { id: number; kind: 'query'; sql: string; params: unknown[] }
  | { id: number; kind: 'exec'; sql: string }
  | { id: number; kind: 'close' };

/** One statement's outcome, as PGlite's `Results` carries it (without the field descriptions). */
export interface StatementResult {
  rows: Record<string, unknown>[];
  affectedRows?: number;
}

/** An error as it crosses the thread: its message, name and every field of a Postgres error that was set. */
export interface SerializedError {
  message: string;
  name: string;
  /** Set when the error is a Postgres error (PGlite's `DatabaseError`): `code`, `constraint`, `detail`, ... */
  fields?: Record<string, string>;
}

/** The reply to request `id` (id 0 answers the start: the database is open, or why it is not). */
export type WorkerReply =
  | { id: number; ok: true; result: StatementResult | StatementResult[] | null }
  | { id: number; ok: false; error: SerializedError };
