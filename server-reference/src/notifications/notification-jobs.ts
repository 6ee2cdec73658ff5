import type { JobQueue } from '../storage/queue/job-queue.ts';
import { DELIVER_DUE_JOB, DELIVER_DUE_TICK_JOB, PURGE_NOTIFICATIONS_JOB } from './delivery/delivery-scheduler.ts';
import type { NotificationModule } from './notification-module.ts';

/**
 * Registers the notification module's jobs on the shared queue: the due-instant wake-ups, a safety tick
 * every `tickSeconds` (60; 0 turns it off), and the daily purge of expired in-app notifications.
 *
 * @example
 * await registerNotificationJobs(jobs, notifications);
 */
export async function registerNotificationJobs(
  queue: JobQueue,
  module: NotificationModule,
  options: { tickSeconds?: number } = {},
): Promise<void> {
  const deliver = async () => {
    await module.worker.deliverDue();
  };
  await queue.registerWorker(DELIVER_DUE_JOB, deliver, { unique: true });
  const tickSeconds = options.tickSeconds ?? 60;
  if (tickSeconds > 0) {
    await queue.registerWorker(DELIVER_DUE_TICK_JOB, deliver);
    await queue.every(DELIVER_DUE_TICK_JOB, tickSeconds);
  }
  await queue.registerWorker(PURGE_NOTIFICATIONS_JOB, async () => {
    await module.inbox.purgeExpired(new Date());
  });
  await queue.every(PURGE_NOTIFICATIONS_JOB, 24 * 3600);
}
