import type { Logger } from 'pino';
import type { AppServices } from '../http/app-env.ts';
import { reportMailerFrom, ScheduledReportRunner } from '../analytics/index.ts';
import { pruneEvents } from '../events/index.ts';
import type { JobQueue } from '../storage/queue/job-queue.ts';
import { sweepExpiredVerifications } from '../jobs/verification-expiry-sweeper.ts';
import { expireOverdueTopUps, pruneIdempotencyKeys } from './housekeeping.ts';
import { pollProviderSms } from './sms-poller.ts';

/** One recurring piece of work; `run` returns how many things it did (logged when non-zero). */
interface PeriodicJob {
  name: string;
  /** 0 or less: not scheduled. */
  intervalMs: number;
  run(): Promise<number>;
}

/**
 * The platform's periodic work, on the PostgreSQL job queue: `jobs.every` keeps one job per time slot
 * across all nodes, so each task runs once per interval in the cluster (not once per node), and a run
 * that fails is retried by the queue. Each task is also a conditional update, safe if two runs overlap.
 *
 * @example
 * await schedulePeriodicJobs(jobs, services, logger);
 */
export async function schedulePeriodicJobs(jobs: JobQueue, services: AppServices, logger: Logger): Promise<void> {
  const { config, db, verifications, providers } = services;
  const reports = new ScheduledReportRunner(db, reportMailerFrom(services.platform.notifications.email), {
    currency: config.currency,
    publicUrl: config.publicUrl,
    logger,
    reads: services.reads,
  });
  const periodic: PeriodicJob[] = [
    { name: 'verifications.sweep-expired', intervalMs: config.sweepIntervalMs, run: () => sweepExpiredVerifications(verifications) },
    {
      name: 'verifications.poll-sms',
      intervalMs: config.smsPollIntervalMs,
      run: () => pollProviderSms(providers, verifications, { logger }),
    },
    { name: 'top-ups.expire', intervalMs: config.maintenanceIntervalMs, run: () => expireOverdueTopUps(db) },
    { name: 'idempotency-keys.prune', intervalMs: config.maintenanceIntervalMs, run: () => pruneIdempotencyKeys(db) },
    {
      name: 'unmatched-sms.prune',
      intervalMs: config.maintenanceIntervalMs,
      run: () => verifications.pruneUnmatchedSms(new Date(Date.now() - 24 * 3600_000)),
    },
    {
      name: 'events.prune',
      intervalMs: 3600_000,
      run: async () => {
        const pruned = await pruneEvents(db, { keepDays: 30 });
        return pruned.events + pruned.tickets;
      },
    },
    { name: 'reports.run-due', intervalMs: 60_000, run: () => reports.runDue() },
  ];
  for (const job of periodic) {
    if (job.intervalMs <= 0) continue;
    // a run older than its interval is pointless: the next slot does the same work, so no retry pile-up
    await jobs.registerWorker(
      job.name,
      async () => {
        const count = await job.run();
        if (count > 0) logger.info({ job: job.name, count }, 'periodic job did work');
      },
      { retryLimit: 0 },
    );
    await jobs.every(job.name, Math.max(1, Math.round(job.intervalMs / 1000)));
  }
}
