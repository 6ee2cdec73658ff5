import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { withCommitSignal } from './commit-signal.ts';
import type { Database } from './database-schema.ts';
import { INT8_OID, INT8_PARSERS } from './int8-parsers.ts';
import { PgliteWorkerClient, pgliteWorkerDialect } from './pglite-worker/index.ts';
import { templateOption } from './pglite-template-option.ts';

export interface DatabaseHandle {
  db: Kysely<Database>;
  driver: 'pglite' | 'postgres';
  /**
   * The read replica (`READ_DATABASE_URL`, a PostgreSQL streaming standby of the primary) for read-only
   * work that may be a little stale (analytics, exports); null when none is configured.
   */
  replica: Kysely<Database> | null;
  close(): Promise<void>;
  /**
   * Who is told of a PostgreSQL connection that failed outside a statement (the server restarted, a proxy
   * cut it): a node's logger, set once it exists (the database opens before it). Unset, it is ignored.
   */
  onConnectionError?: (error: Error) => void;
}

export interface DatabaseOptions {
  databaseUrl: string | null;
  /** A streaming replica of `databaseUrl`; needs it (a PGlite database has no replica). */
  readDatabaseUrl?: string | null;
  dataDir: string;
  poolSize?: number;
  /** PGlite in a worker thread (the default), off the HTTP event loop; `false` runs it on the main thread. */
  pgliteWorker?: boolean;
  /**
   * A new PGlite database starts as a copy of this one (an uncompressed `dumpDataDir` tarball, see
   * pglite-template.ts) instead of running initdb: a fraction of a second instead of several.
   */
  pgliteTemplate?: Uint8Array<ArrayBuffer>;
}

/**
 * Opens the database: PostgreSQL when `databaseUrl` is given, otherwise PGlite in `dataDir`
 * (`memory://` for a throwaway in-memory database), in a worker thread unless `pgliteWorker` is false.
 *
 * @example
 * const { db, close } = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
 */
export async function createDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.readDatabaseUrl && !options.databaseUrl)
    throw new Error('READ_DATABASE_URL needs DATABASE_URL: it names a replica of that database');
  if (options.databaseUrl) {
    const pool = postgresPool(options.databaseUrl, options.poolSize ?? 20);
    // a replica that stops answering must not hold an analytics request for long: the router then reads
    // from the primary
    const replicaPool = options.readDatabaseUrl ? postgresPool(options.readDatabaseUrl, options.poolSize ?? 20, 2_000) : null;
    // A connection the server terminates (restart, failover, idle timeout) emits 'error': on the pool when
    // it was idle, on the client when it was checked out between two statements. Unheard, Node would end
    // the process. The statement in flight fails; the pool drops the broken connection (on release) and
    // opens a new one for the next query, so the node rides out a PostgreSQL restart.
    const replica = replicaPool ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: replicaPool }) }) : null;
    const handle: DatabaseHandle = {
      db: new Kysely<Database>({ dialect: withCommitSignal(new PostgresDialect({ pool })) }),
      driver: 'postgres',
      replica,
      close: () => Promise.all([handle.db.destroy(), replica?.destroy()]).then(() => undefined),
    };
    const connectionError = (error: Error) => handle.onConnectionError?.(error);
    for (const each of [pool, replicaPool]) {
      each?.on('error', connectionError);
      each?.on('connect', (client) => client.on('error', connectionError));
    }
    return handle;
  }
  if (!options.dataDir.startsWith('memory://')) mkdirSync(options.dataDir, { recursive: true });
  if (options.pgliteWorker ?? true) {
    const client = new PgliteWorkerClient({ dataDir: options.dataDir, template: options.pgliteTemplate });
    await client.waitReady;
    const db = new Kysely<Database>({ dialect: withCommitSignal(pgliteWorkerDialect(client)) });
    // Kysely closes only a driver it has used; the thread must end even if no query ran
    return { db, driver: 'pglite', replica: null, close: () => db.destroy().finally(() => client.close()) };
  }
  const client = new PGlite(options.dataDir, { parsers: INT8_PARSERS, ...templateOption(options.pgliteTemplate) });
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: withCommitSignal(new PGliteDialect(client)) });
  return { db, driver: 'pglite', replica: null, close: () => db.destroy() };
}

/** A pg pool whose int8 columns read as numbers (every count and amount fits), like PGlite's parsers. */
function postgresPool(connectionString: string, max: number, connectionTimeoutMillis?: number): pg.Pool {
  return new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis,
    types: {
      // one implementation behind pg's overloads (text and binary), which a single arrow cannot spell
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}
