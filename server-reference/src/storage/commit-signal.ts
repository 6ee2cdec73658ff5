import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';

/**
 * Put this comment in a statement whose effect others should learn of once it is committed (the outbox
 * rows of appended events): the connection is marked, and the listeners of `onSignalledCommit` run right
 * after its transaction commits (or right after the statement, outside a transaction). A rollback signals
 * nothing. This replaces polling for the writer's own process; other processes learn of it by polling or
 * by a notification sent after the commit.
 */
export const SIGNAL_ON_COMMIT = '/* signal-on-commit */';

type Listener = () => void;
const listeners = new Set<Listener>();
const writeListeners = new Set<Listener>();
/** The tables whose committed writes `onCommittedWrite` listeners hear of. */
const watchedTables = new Set<string>();
/** A write statement's target as Kysely compiles it (`update "users"`, `insert into "sessions"`, `delete from ...`), CTEs included. */
const WRITE_TARGET = /\b(?:update|insert\s+into|delete\s+from)\s+"([a-z_]+)"/gi;

/** Runs `listener` after every commit of a marked statement in this process; returns the unsubscribe function. */
export function onSignalledCommit(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `listener` after every commit (or autocommitted statement) in this process that inserted, updated
 * or deleted rows of one of `tables` through a Kysely handle of `createDatabase`; returns the unsubscribe
 * function. For caches of rows that change rarely: clear on the signal, and a read that began before the
 * commit must not repopulate them (compare a generation taken before the read).
 */
export function onCommittedWrite(tables: readonly string[], listener: Listener): () => void {
  for (const table of tables) watchedTables.add(table);
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function writesWatchedTable(sql: string): boolean {
  if (watchedTables.size === 0) return false;
  for (const match of sql.matchAll(WRITE_TARGET)) if (watchedTables.has(match[1]!)) return true;
  return false;
}

function signal(which: Set<Listener> = listeners): void {
  for (const listener of which) {
    try {
      listener();
    } catch {
      // a listener's failure is its own; the commit already happened
    }
  }
}

class SignallingConnection implements DatabaseConnection {
  inTransaction = false;
  marked = false;
  /** A statement of the open transaction wrote a table `onCommittedWrite` watches. */
  wroteWatched = false;
  readonly inner: DatabaseConnection;
  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  /** The driver's own client (PGlite's instance), for adapters that need its native API (storage/queue/kysely-boss-database.ts). */
  get client(): unknown {
    return (this.inner as { client?: unknown }).client;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(query);
    if (query.sql.includes(SIGNAL_ON_COMMIT)) {
      if (this.inTransaction) this.marked = true;
      else signal();
    }
    if (writesWatchedTable(query.sql)) {
      if (this.inTransaction) this.wroteWatched = true;
      else signal(writeListeners);
    }
    return result;
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class SignallingDriver implements Driver {
  private readonly inner: Driver;
  constructor(inner: Driver) {
    this.inner = inner;
  }
  init(...args: Parameters<Driver['init']>) {
    return this.inner.init(...args);
  }
  destroy(...args: Parameters<Driver['destroy']>) {
    return this.inner.destroy(...args);
  }
  async acquireConnection(...args: Parameters<Driver['acquireConnection']>): Promise<DatabaseConnection> {
    return new SignallingConnection(await this.inner.acquireConnection(...args));
  }
  releaseConnection(connection: DatabaseConnection, ...rest: unknown[]) {
    return (this.inner.releaseConnection as (...a: unknown[]) => Promise<void>)((connection as SignallingConnection).inner, ...rest);
  }
  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as SignallingConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
    c.marked = false;
    c.wroteWatched = false;
  }
  async commitTransaction(connection: DatabaseConnection) {
    const c = connection as SignallingConnection;
    try {
      await this.inner.commitTransaction(c.inner);
    } finally {
      c.inTransaction = false;
      // even when the COMMIT failed: its outcome is unknown, and a needless clear costs only a read
      if (c.wroteWatched) {
        c.wroteWatched = false;
        signal(writeListeners);
      }
    }
    if (c.marked) {
      c.marked = false;
      signal();
    }
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    const c = connection as SignallingConnection;
    c.inTransaction = false;
    c.marked = false;
    c.wroteWatched = false;
    await this.inner.rollbackTransaction(c.inner);
  }
  savepoint(connection: DatabaseConnection, ...rest: [string, never]) {
    return this.inner.savepoint!((connection as SignallingConnection).inner, ...rest);
  }
  rollbackToSavepoint(connection: DatabaseConnection, ...rest: [string, never]) {
    return this.inner.rollbackToSavepoint!((connection as SignallingConnection).inner, ...rest);
  }
  releaseSavepoint(connection: DatabaseConnection, ...rest: [string, never]) {
    return this.inner.releaseSavepoint!((connection as SignallingConnection).inner, ...rest);
  }
}

/**
 * The dialect with commit signals (see SIGNAL_ON_COMMIT).
 *
 * @example
 * const db = new Kysely<Database>({ dialect: withCommitSignal(new PostgresDialect({ pool })) });
 */
export function withCommitSignal(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new SignallingDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
