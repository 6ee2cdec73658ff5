import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

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
  route: string;
  status: number;
  duration_ms: number;
}

export interface AnalyticsDatabase extends Database {
  scheduled_reports: ScheduledReportsTable;
  api_request_log: ApiRequestLogTable;
}

export type AnalyticsDb = Kysely<AnalyticsDatabase>;
export const analyticsDb = (db: Kysely<Database>): AnalyticsDb => db as unknown as AnalyticsDb;
