export { analyticsHandlers } from './analytics-routes.ts';
export { recordApiRequests, apiRequestLogOf } from './request-log/api-request-log.ts';
export { requestLogHandlers } from './request-log/request-log-routes.ts';
export { ScheduledReportRunner } from './reports/scheduled-report-runner.ts';
export { reportMailerFrom, type ReportMailer, type ReportEmail } from './reports/report-mailer.ts';
