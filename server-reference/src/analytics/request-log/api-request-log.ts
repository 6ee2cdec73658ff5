import type { MiddlewareHandler } from 'hono';
import type { Insertable, Kysely } from 'kysely';
import type { ApiRequestLogTable } from '../analytics-tables.ts';
import type { AppEnv } from '../../http/app-env.ts';
import type { Database } from '../../storage/database-schema.ts';

/** One request as the log table stores it (its generated id aside). */
type LoggedRequest = { created_at: Date } & Omit<Insertable<ApiRequestLogTable>, 'id' | 'created_at'>;

/** Rows written per INSERT and the longest a row waits in memory. */
const BATCH_SIZE = 200;
const FLUSH_MS = 1_000;
/** The longest path an entry keeps (the contract's `RequestLogEntry.path`). */
const MAX_PATH_LENGTH = 2048;

/**
 * Buffers request records and writes them in batches, so logging adds no database round trip to a
 * request. A crash loses at most the last second of usage counts (never anything that moves money).
 */
class ApiRequestLog {
  #buffer: LoggedRequest[] = [];
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  private readonly db: Kysely<Database>;
  private readonly onError: (error: unknown) => void;
  constructor(db: Kysely<Database>, onError: (error: unknown) => void = () => undefined) {
    this.db = db;
    this.onError = onError;
  }

  record(entry: LoggedRequest): void {
    this.#buffer.push(entry);
    if (this.#buffer.length >= BATCH_SIZE) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Writes everything buffered so far (tests and shutdown call it). */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const rows = this.#buffer;
    this.#buffer = [];
    this.#writing = this.#writing.then(async () => {
      if (rows.length === 0) return;
      try {
        await this.db.insertInto('api_request_log').values(rows).execute();
      } catch (error) {
        this.onError(error);
      }
    });
    return this.#writing;
  }
}

const logs = new WeakMap<object, ApiRequestLog>();

/** The request log of an app (one per database handle). */
export function apiRequestLogOf(db: Kysely<Database>, onError?: (error: unknown) => void): ApiRequestLog {
  let log = logs.get(db);
  if (!log) {
    log = new ApiRequestLog(db, onError);
    logs.set(db, log);
  }
  return log;
}

/**
 * Records every `/v1` request that matched an operation: who (account and API key), which operation
 * (the spec's path template, not the concrete path), the status and the server time. The API-usage
 * figures (`GET /v1/analytics/api-usage`, the `api_requests` metric) are computed from these records.
 *
 * @example
 * app.use('/v1/*', recordApiRequests());
 */
export const recordApiRequests = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  try {
    await next();
  } finally {
    const operation = c.get('operation');
    if (operation) {
      const principal = c.get('principal');
      const services = c.get('services');
      apiRequestLogOf(services.db, (error) => services.logger.error({ err: error }, 'could not write the API request log')).record({
        created_at: new Date(),
        user_id: principal?.user.id ?? null,
        api_key_id: principal?.kind === 'api_key' ? principal.apiKeyId : null,
        method: c.req.method,
        route: operation.path,
        status: c.res.status,
        duration_ms: Math.round(performance.now() - started),
        request_id: c.get('requestId'),
        path: new URL(c.req.url).pathname.slice(0, MAX_PATH_LENGTH),
        operation_id: operation.operationId,
        error_code: c.res.status >= 400 ? (c.get('problemCode') ?? null) : null,
      });
    }
  }
};
