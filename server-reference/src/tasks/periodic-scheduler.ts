import type { Logger } from 'pino';

/** One recurring piece of housekeeping. Each run must be safe to overlap with runs on other nodes. */
export interface PeriodicTask {
  name: string;
  intervalMs: number;
  /** Returns how many things it did (logged when non-zero). */
  run(): Promise<number>;
}

/**
 * Runs periodic tasks. The implementation here uses in-process timers; the tasks themselves are
 * idempotent conditional updates, so running them on every node is correct, only wasteful. When the
 * Postgres-backed job queue (src/jobs) offers recurring jobs, a second implementation of this interface
 * can schedule the same tasks there (one run per interval across the cluster) without touching them.
 */
export interface PeriodicScheduler {
  schedule(task: PeriodicTask): void;
  /** Stops every timer; runs in progress finish on their own. */
  stop(): void;
}

/**
 * Timer-based scheduler: one `setInterval` per task, never two runs of one task at once in this process.
 *
 * @example
 * const scheduler = new TimerScheduler(logger);
 * scheduler.schedule({ name: 'top-up-expiry', intervalMs: 60_000, run: () => topUps.expireOverdue() });
 */
export class TimerScheduler implements PeriodicScheduler {
  readonly #timers: NodeJS.Timeout[] = [];

  constructor(private readonly logger: Logger) {}

  schedule(task: PeriodicTask): void {
    if (task.intervalMs <= 0) return;
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      task.run()
        .then((count) => { if (count > 0) this.logger.info({ task: task.name, count }, 'periodic task did work'); })
        .catch((error) => this.logger.error({ err: error, task: task.name }, 'periodic task failed'))
        .finally(() => { running = false; });
    }, task.intervalMs);
    timer.unref();
    this.#timers.push(timer);
  }

  stop(): void {
    for (const timer of this.#timers.splice(0)) clearInterval(timer);
  }
}
