import type { Kysely, Transaction } from 'kysely';
import { PgBoss, fromKysely, type Job, type QueuePolicy } from 'pg-boss';
import type { Logger } from 'pino';
import { kyselyPgliteBossDatabase } from './kysely-boss-database.ts';
import type { Database } from '../database-schema.ts';

/** Runs one job; throwing retries it with backoff until `retryLimit`. */
export type JobHandler<T = unknown> = (payload: T, job: { id: string; name: string; attempt: number }) => Promise<void>;

export interface EnqueueOptions {
  /** Not before this instant. */
  runAt?: Date;
  /** At most one queued job per key (for queues registered with `unique: true`). */
  key?: string;
  retryLimit?: number;
}

export interface WorkerOptions {
  /** Jobs of this queue with the same `key` are deduplicated while queued (pg-boss `short` policy). */
  unique?: boolean;
  retryLimit?: number;
  /** Base retry delay in seconds (doubles per attempt). */
  retryDelaySeconds?: number;
  /** Jobs run at once by this node. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export interface JobQueueOptions {
  db: Kysely<Database>;
  driver: 'pglite' | 'postgres';
  /** PostgreSQL URL (pg-boss keeps its own small pool there; it needs a session for LISTEN). */
  databaseUrl?: string | null;
  /** The schema pg-boss installs its tables in. */
  schema?: string;
  logger?: Logger;
}

/**
 * The PostgreSQL-backed job queue (pg-boss) in the platform's own database: jobs survive restarts, a job
 * is claimed by one worker across all nodes (`SKIP LOCKED`), failures retry with exponential backoff.
 * On PGlite pg-boss runs through Kysely's connection (see kysely-boss-database.ts); on PostgreSQL it uses
 * its own pool. `enqueue` inside a Kysely transaction makes the job commit or vanish with it.
 *
 * @example
 * const jobs = new JobQueue({ db, driver: 'pglite' });
 * await jobs.start();
 * await jobs.registerWorker('email.send', async (payload) => { ... });
 * await db.transaction().execute(async (trx) => { ...; await jobs.enqueue(trx, 'email.send', { to }); });
 */
export class JobQueue {
  readonly #boss: PgBoss;
  readonly #queues = new Map<string, Promise<void>>();
  readonly #timers = new Set<NodeJS.Timeout>();

  private readonly options: JobQueueOptions;
  constructor(options: JobQueueOptions) {
    this.options = options;
    const schema = options.schema ?? 'pgboss';
    this.#boss =
      options.driver === 'pglite'
        ? new PgBoss({ db: kyselyPgliteBossDatabase(options.db), backend: 'pglite', schema })
        : new PgBoss({ connectionString: options.databaseUrl ?? undefined, schema, max: 5 });
    this.#boss.on('error', (error) => options.logger?.error({ err: error }, 'job queue error'));
  }

  /** Installs or migrates pg-boss's schema (idempotent, safe from several nodes) and starts maintenance. */
  async start(): Promise<void> {
    await this.#boss.start();
  }

  /** Jobs per queue: queued (ready and deferred), ready to run now, active (metrics read it on a scrape). */
  async queueCounts(): Promise<Array<{ name: string; queuedCount: number; readyCount: number; activeCount: number }>> {
    return (await this.#boss.getQueues()).map(({ name, queuedCount, readyCount, activeCount }) => ({
      name,
      queuedCount,
      readyCount,
      activeCount,
    }));
  }

  /** Stops the workers, waiting for jobs in progress up to `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    await this.#boss.stop({ graceful: true, timeout: timeoutMs });
  }

  /**
   * Queues a job, in `trx` when given (then it exists only if that transaction commits). Returns the job
   * id, or null when a job with the same `key` is already queued.
   */
  async enqueue<T extends object>(
    trx: Transaction<Database> | null,
    name: string,
    payload: T,
    options: EnqueueOptions = {},
  ): Promise<string | null> {
    if (trx && !this.#queues.has(name)) {
      // creating the queue needs a statement outside `trx`, which on PGlite (one session) would wait for
      // `trx` forever: queues are declared at start-up instead
      throw new Error(`job queue ${name} must be declared with defineQueue() or registerWorker() before a transactional enqueue`);
    }
    await this.defineQueue(name);
    return this.#boss.send(name, payload, {
      ...(options.runAt ? { startAfter: options.runAt } : {}),
      ...(options.key ? { singletonKey: options.key } : {}),
      ...(options.retryLimit !== undefined ? { retryLimit: options.retryLimit } : {}),
      ...(trx ? { db: fromKysely(trx) } : {}),
    });
  }

  /** Runs `handler` for the jobs of `name` on this node. */
  async registerWorker<T = unknown>(name: string, handler: JobHandler<T>, options: WorkerOptions = {}): Promise<void> {
    await this.defineQueue(name, options);
    await this.#boss.work<T>(
      name,
      {
        localConcurrency: options.concurrency ?? 1,
        batchSize: 1,
        pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1,
      },
      async (jobs: Job<T>[]) => {
        for (const job of jobs) await handler(job.data, { id: job.id, name: job.name, attempt: job.retryCount ?? 0 });
      },
    );
  }

  /**
   * Runs `name` every `seconds` across the whole cluster: each node offers a job per time slot, pg-boss
   * keeps one per slot, one worker runs it. Register the worker separately.
   */
  async every(name: string, seconds: number, payload: object = {}): Promise<void> {
    await this.defineQueue(name);
    const offer = () =>
      this.#boss
        .sendThrottled(name, payload, null, seconds, 'tick')
        .catch((error) => this.options.logger?.warn({ err: error, name }, 'could not schedule periodic job'));
    await offer();
    const timer = setInterval(offer, Math.max(1000, (seconds * 1000) / 2));
    timer.unref();
    this.#timers.add(timer);
  }

  /** The pg-boss instance, for what this wrapper does not cover (inspection in tests, admin views). */
  get boss(): PgBoss {
    return this.#boss;
  }

  /**
   * Creates the queue unless it exists (idempotent). Call at start-up for every queue this node enqueues
   * into inside transactions.
   */
  defineQueue(name: string, options: WorkerOptions = {}): Promise<void> {
    let created = this.#queues.get(name);
    if (!created) {
      const policy: QueuePolicy = options.unique ? 'short' : 'standard';
      created = (async () => {
        if (!(await this.#boss.getQueue(name))) {
          await this.#boss
            .createQueue(name, {
              policy,
              retryLimit: options.retryLimit ?? 5,
              retryDelay: options.retryDelaySeconds ?? 5,
              retryBackoff: true,
            })
            .catch(async (error) => {
              if (!(await this.#boss.getQueue(name))) throw error;
            }); // another node won the race
        }
        // warms pg-boss's queue cache, so a send inside a transaction issues no statement of its own
        await this.#boss.getJobById(name, NIL_UUID);
      })();
      created.catch(() => this.#queues.delete(name));
      this.#queues.set(name, created);
    }
    return created;
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
