/** Background work: the durable job queue (pg-boss), the periodic jobs and what they run. */
export { JobQueue } from './job-queue.ts';
export { schedulePeriodicJobs } from './periodic-jobs.ts';
