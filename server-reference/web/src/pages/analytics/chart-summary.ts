import type { AnalyticsBreakdown, AnalyticsTimeseries } from '@namaskah/sdk';
import { formatMoney } from '../../components/format.ts';

/** A value of `series` as read aloud: money as money, basis points as a percentage. */
function spoken(series: AnalyticsTimeseries, value: number): string {
  if (series.unit === 'minor_units') return formatMoney({ amount: value, currency: series.currency ?? 'USD' });
  if (series.unit === 'bps') return `${(value / 100).toFixed(1)}%`;
  return String(value);
}

/**
 * The text alternative of a line chart (what a screen reader says instead of the canvas): the metric,
 * the range, and its lowest and highest points, e.g. "verifications total per day, 1 Dec to 7 Dec:
 * lowest 0 (2 Dec), highest 14 (5 Dec), 7 points".
 */
export function timeseriesSummary(series: AnalyticsTimeseries, when: (t: string) => string): string {
  const name = `${series.metric.replaceAll('_', ' ')} per ${series.interval}`;
  const points = series.points.filter((p): p is typeof p & { value: number } => p.value !== null);
  if (points.length === 0) return `${name}: no data in this range`;
  const lowest = points.reduce((a, b) => (b.value < a.value ? b : a));
  const highest = points.reduce((a, b) => (b.value > a.value ? b : a));
  const times = points.map((p) => p.t).sort();
  return `${name}, ${when(times[0]!)} to ${when(times.at(-1)!)}: lowest ${spoken(series, lowest.value)} (${when(lowest.t)}), highest ${spoken(series, highest.value)} (${when(highest.t)}), ${points.length} points`;
}

/** The text alternative of the breakdown's count chart: each row's verifications and spend, largest first. */
export function breakdownSummary(breakdown: AnalyticsBreakdown, rows: AnalyticsBreakdown['rows']): string {
  const title = `Verifications and spend by ${breakdown.dimension}`;
  if (rows.length === 0) return `${title}: no data in this range`;
  return `${title}: ${rows.map((r) => `${r.name} ${r.verifications_total} verifications, ${formatMoney(r.spend)}`).join('; ')}`;
}

/** The text alternative of the breakdown's spend chart: each row's spend, in the order drawn. */
export function spendBreakdownSummary(breakdown: AnalyticsBreakdown, rows: AnalyticsBreakdown['rows']): string {
  const title = `Spend by ${breakdown.dimension}`;
  if (rows.length === 0) return `${title}: no data in this range`;
  return `${title}: ${rows.map((r) => `${r.name} ${formatMoney(r.spend)}`).join('; ')}`;
}
