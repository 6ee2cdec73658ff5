import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0810. */
export interface ScheduledReportsTable {
  id: string;
  user_id: string;
  name: string;
  report: 'summary' | 'verifications' | 'ledger';
  format: 'csv' | 'pdf';
  scope: 'me' | 'platform';
  frequency: 'daily' | 'weekly';
  day_of_week: number | null;
  hour_of_day: number;
  timezone: string;
  recipients: ColumnType<string[], string, string>;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
  last_run_status: 'succeeded' | 'failed' | null;
  claimed_until: Timestamp | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApiRequestLogTable {
  id: Generated<number>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  user_id: string | null;
  api_key_id: string | null;
  method: string;
  /** The spec's path template (the usage figures group by it). */
  route: string;
  status: number;
  duration_ms: number;
  /** Migration 1770 (null on older rows): what `GET /v1/request-logs` shows. */
  request_id: string | null;
  path: string | null;
  operation_id: string | null;
  error_code: string | null;
}

/**
 * Migration 0820: daily rollups kept by triggers on `verifications`, `top_ups` and `api_request_log`, read
 * with raw SQL (analytics/rollups). Counts and sums are bigint, parsed to JS numbers.
 */
export interface AnalyticsVerificationDaysTable {
  day: Date;
  service: string;
  country: string;
  total: number;
  completed: number;
  pending: number;
  refunded: number;
  spend: number;
  refunds: number;
  provider_cost: number;
  ttc_sum_ms: number;
}

export interface AnalyticsTtcHistogramTable {
  dim: 'all' | 'service' | 'country';
  day: Date;
  key: string;
  bucket: number;
  n: number;
}

export interface AnalyticsUserActivityTable {
  year: number;
  user_id: string;
  /** bit(366): one bit per day of the year the account was active. */
  days: string;
}

export interface AnalyticsApiKeyDaysTable {
  day: Date;
  user_id: string;
  api_key_id: string;
  requests: number;
  status_2xx: number;
  status_3xx: number;
  status_4xx: number;
  status_5xx: number;
  rate_limited: number;
  last_request_at: Timestamp | null;
}

export interface AnalyticsApiRouteDaysTable {
  day: Date;
  method: string;
  route: string;
  status: number;
  duration_ms: number;
  n: number;
}

/** The tables of migrations 0810 and 0820. */
export interface AnalyticsTables {
  scheduled_reports: ScheduledReportsTable;
  api_request_log: ApiRequestLogTable;
  analytics_verification_days: AnalyticsVerificationDaysTable;
  analytics_ttc_histogram: AnalyticsTtcHistogramTable;
  analytics_user_activity: AnalyticsUserActivityTable;
  analytics_api_key_days: AnalyticsApiKeyDaysTable;
  analytics_api_route_days: AnalyticsApiRouteDaysTable;
}
