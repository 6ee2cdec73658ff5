import type { Logger } from 'pino';
import type { JobQueue } from '../../storage/queue/job-queue.ts';

/**
 * Wakes the delivery worker when held deliveries fall due (end of quiet hours, digest time). The
 * `notification_deliveries` table is the durable record; a scheduler only makes delivery prompt, and a
 * periodic `deliverDue` tick covers whatever a lost wake-up misses.
 */
export interface DeliveryScheduler {
  wakeAt(at: Date): Promise<void>;
}

/** Job whose handler calls `NotificationDeliveryWorker.deliverDue()`, one per due instant. */
export const DELIVER_DUE_JOB = 'notifications.deliver-due';
/** The periodic safety tick (same handler). */
export const DELIVER_DUE_TICK_JOB = 'notifications.deliver-due-tick';
/** Daily purge of in-app notifications past their retention. */
export const PURGE_NOTIFICATIONS_JOB = 'notifications.purge';

/**
 * Schedules wake-ups as jobs of the shared PostgreSQL-backed queue, one per instant (the key dedupes),
 * so they survive restarts and run once across nodes.
 */
export const jobQueueScheduler = (queue: Pick<JobQueue, 'enqueue'>): DeliveryScheduler => ({
  async wakeAt(at) {
    await queue.enqueue(null, DELIVER_DUE_JOB, {}, { runAt: at, key: at.toISOString() });
  },
});

/**
 * A scheduler whose failures are logged, not thrown: a wake-up only makes delivery prompt (the periodic
 * tick still finds the due rows), so losing one must not fail the routing that already committed.
 */
export const forgivingScheduler = (scheduler: DeliveryScheduler, logger?: Logger): DeliveryScheduler => ({
  async wakeAt(at) {
    try {
      await scheduler.wakeAt(at);
    } catch (error) {
      logger?.warn({ err: error, at }, 'could not schedule a notification delivery wake-up');
    }
  },
});
