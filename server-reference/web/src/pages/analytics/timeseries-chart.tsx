import type { AnalyticsTimeseries } from '@namaskah/sdk';
import { Line } from 'react-chartjs-2';
import { categoryAxis, plottedUnit, valueAxis } from './chart-axes.ts';
import { PALETTE } from './chart-setup.ts';
import { timeseriesSummary } from './chart-summary.ts';

const label = (t: string, interval: AnalyticsTimeseries['interval']) =>
  interval === 'hour'
    ? new Date(t).toLocaleString(undefined, { hour: '2-digit', day: 'numeric', month: 'short' })
    : new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/**
 * One metric over time, on one axis in the unit people read (named in its title; whole-number ticks for
 * counts): a line per group (service or country) when grouped, and the previous period as a dashed line,
 * aligned bucket by bucket, when comparing.
 */
export function TimeseriesChart({ series, previous }: { series: AnalyticsTimeseries; previous?: AnalyticsTimeseries }) {
  const unit = plottedUnit(series);
  const scale = (value: number | null) => (value === null ? null : unit.plot(value));
  const buckets = [...new Set(series.points.map((p) => p.t))].sort();
  const groups = [...new Set(series.points.map((p) => p.group ?? ''))];
  const datasets = groups.map((group, index) => {
    const byTime = new Map(series.points.filter((p) => (p.group ?? '') === group).map((p) => [p.t, scale(p.value)]));
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
    const byTime = new Map(previous.points.map((p) => [p.t, scale(p.value)]));
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
          scales: { x: categoryAxis(series.interval), y: valueAxis(unit.title, unit.wholeNumbers) },
        }}
      />
    </div>
  );
}
