import type { AnalyticsDimension, AnalyticsInterval, AnalyticsMetric, AnalyticsScope } from '@namaskah/sdk';

/** The ranges one click away; `custom` shows the date inputs. */
export type RangePreset = '7d' | '30d' | '90d' | 'custom';

/** Each preset's length in days (ending today) and the interval that suits it. */
export const PRESETS: ReadonlyArray<readonly [Exclude<RangePreset, 'custom'>, string, number, AnalyticsInterval]> = [
  ['7d', 'Last 7 days', 7, 'day'],
  ['30d', 'Last 30 days', 30, 'day'],
  ['90d', 'Last 90 days', 90, 'week'],
];

/** What the analytics page is showing: a date range, interval, optional grouping, comparison, scope. */
export interface AnalyticsQuery {
  preset: RangePreset;
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

/** The dates and interval of a preset, ending today (UTC). */
export function presetRange(
  preset: Exclude<RangePreset, 'custom'>,
  now: number = Date.now(),
): Pick<AnalyticsQuery, 'preset' | 'from' | 'to' | 'interval'> {
  const [, , days, interval] = PRESETS.find(([name]) => name === preset)!;
  return { preset, from: isoDate(now - (days - 1) * day), to: isoDate(now), interval };
}

/** The last 30 days, by day, for the caller. */
export function defaultQuery(): AnalyticsQuery {
  return { ...presetRange('30d'), metric: 'verifications', groupBy: '', compare: true, scope: 'me' };
}

/** The query's dates as the API's half-open RFC 3339 range [from 00:00 UTC, the day after `to`). */
export function apiRange(query: AnalyticsQuery): { from: string; to: string } {
  return { from: `${query.from}T00:00:00Z`, to: new Date(Date.parse(`${query.to}T00:00:00Z`) + day).toISOString() };
}
