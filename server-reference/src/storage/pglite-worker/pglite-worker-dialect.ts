import { Mutex } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { PgliteWorkerClient } from './pglite-worker-client.ts';

/** The one session of the worker's PGlite; `client` is its native API for storage/queue/kysely-boss-database.ts. */
class PgliteWorkerConnection implements DatabaseConnection {
  readonly client: PgliteWorkerClient;
  constructor(client: PgliteWorkerClient) {
    this.client = client;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affectedRows } = await this.client.query(query.sql, [...query.parameters]);
    return affectedRows ? { rows: rows as R[], numAffectedRows: BigInt(affectedRows) } : { rows: rows as R[] };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    // the worker sends a result in one message; the stream hands it out in chunks
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }
}

/**
 * One connection, held by one caller at a time (PGlite has ONE session: a transaction owns it from BEGIN
 * to COMMIT), exactly as kysely-pglite-dialect serialises the in-process PGlite.
 */
class PgliteWorkerDriver implements Driver {
  readonly #client: PgliteWorkerClient;
  readonly #connection: PgliteWorkerConnection;
  readonly #mutex = new Mutex();
  #release: (() => void) | null = null;
  #destroyed = false;

  constructor(client: PgliteWorkerClient) {
    this.#client = client;
    this.#connection = new PgliteWorkerConnection(client);
  }

  async init(): Promise<void> {
    await this.#client.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('the PGlite database is closed');
    this.#release = await this.#mutex.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(['start transaction', ...modes].join(' ')));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  /** Work that holds or already waits for the connection finishes first (like pg's `pool.end()`); later callers are refused. */
  async destroy(): Promise<void> {
    this.#destroyed = true;
    const release = await this.#mutex.acquire();
    try {
      await this.#client.close();
    } finally {
      release();
    }
  }
}

/**
 * Kysely's dialect for PGlite in a worker thread (Postgres SQL, one serialised session).
 *
 * @example
 * const client = new PgliteWorkerClient({ dataDir: 'memory://' });
 * const db = new Kysely<Database>({ dialect: pgliteWorkerDialect(client) });
 */
export function pgliteWorkerDialect(client: PgliteWorkerClient): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PgliteWorkerDriver(client),
    createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
