import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { WebhookClock } from '../webhook-clock.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import {
  eventTraceParent,
  preparedAttempt,
  type DeliveryContextRow,
  type DeliveryRunner,
  type PreparedAttempt,
} from './delivery-runner.ts';
import { paceAttempts } from './delivery-pacing.ts';
import type { AttemptOutcome, OutcomeRecorder } from './outcome-recorder.ts';
import type { Database } from '../../storage/database-schema.ts';

/**
 * Runs due delivery attempts. Pending `webhook_deliveries` rows are the queue: a worker claims due rows
 * with `FOR UPDATE SKIP LOCKED` and a lease (`locked_until`), so several processes share the work without
 * taking the same row, and a row whose worker died is taken again once its lease runs out (at least once
 * across crashes). New work in this process wakes the worker at once (`wake`); work created elsewhere or
 * scheduled for later is found by polling. Outcomes are written by group commit: whatever finished while
 * the previous write ran goes into the next one, so the database sees a few statements per batch, not
 * several per delivery.
 *
 * @example
 * const worker = new DeliveryWorker({ db, runner, clock: systemClock, config });
 * worker.start();
 * // ... later
 * await worker.stop();
 */
const FLUSH_LINGER_MS = 2;

export class DeliveryWorker {
  #inFlight = new Set<Promise<void>>();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #ticking: Promise<void> | null = null;
  #again = false;
  #lastClaimFull = false;
  #toRecord: Array<{ outcome: AttemptOutcome; done: () => void }> = [];
  #flushing: Promise<void> | null = null;

  private readonly deps: {
    db: Kysely<Database>;
    runner: DeliveryRunner;
    recorder: OutcomeRecorder;
    clock: WebhookClock;
    config: Pick<WebhookConfig, 'leaseMs' | 'pollIntervalMs' | 'concurrency'>;
    logger?: Logger;
  };
  constructor(deps: {
    db: Kysely<Database>;
    runner: DeliveryRunner;
    recorder: OutcomeRecorder;
    clock: WebhookClock;
    config: Pick<WebhookConfig, 'leaseMs' | 'pollIntervalMs' | 'concurrency'>;
    logger?: Logger;
  }) {
    this.deps = deps;
  }

  /** Starts polling (and picks up what a previous process left pending, once its lease has run out). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.wake();
  }

  /** Stops claiming work and waits for the attempts in flight to be sent and recorded. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#ticking;
    await Promise.all(this.#inFlight);
  }

  /** Looks for due work now (new deliveries were just committed). */
  wake(): void {
    if (!this.#running) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick().finally(() => {
      this.#ticking = null;
      if (this.#again) {
        this.#again = false;
        this.wake();
      }
    });
  }

  /**
   * Claims and runs every attempt due now, waiting for them, until none is left (attempts made meanwhile
   * and due at once included). For tests and tools driving time by hand; returns how many attempts ran.
   */
  async runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.claim(this.deps.config.concurrency);
      if (claimed.length === 0) return total;
      total += claimed.length;
      await Promise.all(await this.#launch(claimed));
    }
  }

  /**
   * Claims up to `limit` due attempts for this process and returns them ready to send: one statement
   * takes the lease and reads the endpoint and event with it; rate-limited endpoints then keep only the
   * attempts that get a send slot soon (delivery-pacing.ts).
   */
  async claim(limit: number): Promise<PreparedAttempt[]> {
    if (limit <= 0) return [];
    const now = new Date(this.deps.clock.now());
    const { rows } = await sql<DeliveryContextRow>`
      UPDATE webhook_deliveries AS d SET locked_until = ${new Date(now.getTime() + this.deps.config.leaseMs)}
      FROM webhook_endpoints AS e, webhook_messages AS m
      WHERE d.id IN (
          SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
          ORDER BY next_attempt_at LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        AND e.id = d.endpoint_id AND m.event_id = d.event_id
      RETURNING d.*, e.url AS endpoint_url, e.enabled, e.secret_ciphertext, e.previous_secret_ciphertext,
        e.previous_secret_expires_at, e.headers_ciphertext, e.max_deliveries_per_second, m.body, m.test,
        ${eventTraceParent(sql.ref('d.event_id'))} AS trace_parent`.execute(this.deps.db);
    return paceAttempts(
      this.deps.db,
      rows.map((row) => preparedAttempt(row, now.getTime())),
      now.getTime(),
    );
  }

  async #tick(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    try {
      const free = this.deps.config.concurrency - this.#inFlight.size;
      const claimed = await this.claim(free);
      this.#lastClaimFull = claimed.length > 0 && claimed.length === free;
      for (const run of await this.#launch(claimed)) {
        const tracked = run.finally(() => {
          this.#inFlight.delete(tracked);
          // there may be more due work (the last claim took all it could): claim again once half the
          // slots are free, so claims come in batches rather than one query per finished attempt
          if (this.#lastClaimFull && this.#inFlight.size <= this.deps.config.concurrency / 2) this.wake();
        });
        this.#inFlight.add(tracked);
      }
    } catch (error) {
      this.deps.logger?.error({ err: error }, 'claiming webhook deliveries failed');
    }
    if (this.#running) {
      this.#timer = setTimeout(() => this.wake(), this.deps.config.pollIntervalMs);
      this.#timer.unref();
    }
  }

  /** Starts the claimed attempts; each promise settles once its outcome is recorded. */
  async #launch(prepared: PreparedAttempt[]): Promise<Array<Promise<void>>> {
    if (prepared.length === 0) return [];
    const disabled = prepared.filter((p) => !p.enabled && !p.test);
    await this.deps.runner.cancel(disabled.map((p) => p.delivery.id));
    return prepared
      .filter((p) => p.enabled || p.test)
      .map(async (attempt) => {
        try {
          const wait = (attempt.notBefore ?? 0) - this.deps.clock.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const outcome = await this.deps.runner.send(attempt);
          await new Promise<void>((done) => {
            this.#toRecord.push({ outcome, done });
            this.#flush();
          });
        } catch (error) {
          // the row keeps its lease and is attempted again when the lease runs out
          this.deps.logger?.error({ err: error, deliveryId: attempt.delivery.id }, 'webhook delivery attempt failed');
        }
      });
  }

  /**
   * Group commit: writes what is waiting, then what arrived meanwhile, until nothing waits. The first write
   * lingers a couple of milliseconds, so attempts that finish together share it.
   */
  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, FLUSH_LINGER_MS));
      while (this.#toRecord.length > 0) {
        const batch = this.#toRecord.splice(0, 500);
        try {
          await this.deps.recorder.record(batch.map((item) => item.outcome));
        } catch (error) {
          this.deps.logger?.error({ err: error, count: batch.length }, 'recording webhook outcomes failed; they will be attempted again');
        }
        for (const item of batch) item.done();
      }
    })().finally(() => {
      this.#flushing = null;
      if (this.#toRecord.length > 0) this.#flush();
    });
  }
}
