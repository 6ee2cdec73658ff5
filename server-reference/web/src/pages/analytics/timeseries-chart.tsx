import type { AnalyticsTimeseries } from '@namaskah/sdk';
import { Line } from 'react-chartjs-2';
import { PALETTE } from './chart-setup.ts';
import { timeseriesSummary } from './chart-summary.ts';

const label = (t: string, interval: AnalyticsTimeseries['interval']) =>
  interval === 'hour'
    ? new Date(t).toLocaleString(undefined, { hour: '2-digit', day: 'numeric', month: 'short' })
    : new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** Money in minor units and rates in basis points are plotted as major units and percentages. */
const scale = (series: AnalyticsTimeseries, value: number | null) =>
  value === null ? null : series.unit === 'minor_units' ? value / 100 : series.unit === 'bps' ? value / 100 : value;

/**
 * One metric over time: a line per group (service or country) when grouped, and the previous
 * period as a dashed line, aligned bucket by bucket, when comparing.
 */
export function TimeseriesChart({ series, previous }: { series: AnalyticsTimeseries; previous?: AnalyticsTimeseries }) {
  const buckets = [...new Set(series.points.map((p) => p.t))].sort();
  const groups = [...new Set(series.points.map((p) => p.group ?? ''))];
  const datasets = groups.map((group, index) => {
    const byTime = new Map(series.points.filter((p) => (p.group ?? '') === group).map((p) => [p.t, scale(series, p.value)]));
    return {
      label: group || series.metric.replaceAll('_', ' '),
      data: buckets.map((t) => byTime.get(t) ?? null),
      borderColor: PALETTE[index % PALETTE.length],
      backgroundColor: PALETTE[index % PALETTE.length],
      tension: 0.25,
    };
  });
  if (previous && groups.length === 1) {
    const previousBuckets = [...new Set(previous.points.map((p) => p.t))].sort();
    const byTime = new Map(previous.points.map((p) => [p.t, scale(previous, p.value)]));
    datasets.push({
      label: 'previous period',
      data: buckets.map((_, i) => byTime.get(previousBuckets[i]!) ?? null),
      borderColor: '#94a3b8',
      backgroundColor: '#94a3b8',
      tension: 0.25,
      borderDash: [6, 4],
    } as (typeof datasets)[number]);
  }
  return (
    <div className="chart">
      <Line
        role="img"
        aria-label={timeseriesSummary(series, (t) => label(t, series.interval))}
        data={{ labels: buckets.map((t) => label(t, series.interval)), datasets }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          spanGaps: true,
          interaction: { mode: 'index', intersect: false },
          scales: { y: { beginAtZero: true } },
        }}
      />
    </div>
  );
}
