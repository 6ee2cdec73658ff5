import type { AnalyticsDimension, AnalyticsInterval, AnalyticsMetric, AnalyticsScope } from '@namaskah/sdk';

/** What the analytics page is showing: a date range, interval, optional grouping, comparison, scope. */
export interface AnalyticsQuery {
  from: string;
  to: string;
  interval: AnalyticsInterval;
  metric: AnalyticsMetric;
  groupBy: AnalyticsDimension | '';
  compare: boolean;
  scope: AnalyticsScope;
}

const day = 24 * 3600_000;
const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last 30 days, by day, for the caller. */
export function defaultQuery(): AnalyticsQuery {
  const today = Date.now();
  return {
    from: isoDate(today - 29 * day),
    to: isoDate(today),
    interval: 'day',
    metric: 'verifications',
    groupBy: '',
    compare: true,
    scope: 'me',
  };
}

/** The query's dates as the API's half-open RFC 3339 range [from 00:00 UTC, the day after `to`). */
export function apiRange(query: AnalyticsQuery): { from: string; to: string } {
  return { from: `${query.from}T00:00:00Z`, to: new Date(Date.parse(`${query.to}T00:00:00Z`) + day).toISOString() };
}
