/** Periodic background work: what runs on a timer (the durable queue itself is storage/queue). */
export { schedulePeriodicJobs } from './periodic-jobs.ts';
