import type { AnalyticsDimension, AnalyticsInterval, AnalyticsMetric, AnalyticsReportType } from '@namaskah/sdk';
import { useState } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { Link } from '../../routing/router.tsx';
import { useSession } from '../../session/use-session.ts';
import { type AnalyticsQuery, apiRange, defaultQuery, PRESETS, presetRange } from './analytics-controls.ts';
import { downloadReport } from './analytics-export.ts';
import { BreakdownChart } from './breakdown-chart.tsx';
import { SummaryCards } from './summary-cards.tsx';
import { TimeseriesChart } from './timeseries-chart.tsx';

const METRICS: AnalyticsMetric[] = ['verifications', 'success_rate', 'spend', 'refunds', 'time_to_code_p90', 'api_requests'];
const ADMIN_METRICS: AnalyticsMetric[] = ['revenue', 'new_users', 'active_users', 'churned_users'];
const INTERVALS: AnalyticsInterval[] = ['hour', 'day', 'week', 'month'];
const REPORTS: AnalyticsReportType[] = ['summary', 'verifications', 'ledger'];
/** What each report is called on its download button. */
const REPORT_LABELS: Record<AnalyticsReportType, string> = { summary: 'Summary report', verifications: 'Verifications', ledger: 'Ledger' };

/** The previous period of the same length, ending where the range starts. */
function previousRange(range: { from: string; to: string }) {
  const length = Date.parse(range.to) - Date.parse(range.from);
  return { from: new Date(Date.parse(range.from) - length).toISOString(), to: range.from };
}

/**
 * Charts over a date range (7, 30 or 90 days, or custom dates): summary with comparison, a metric over
 * time, a breakdown; CSV and PDF exports.
 */
export default function AnalyticsPage() {
  const { user } = useSession();
  const staff = user?.role === 'admin' || user?.role === 'support';
  const [query, setQuery] = useState<AnalyticsQuery>(defaultQuery);
  const update = (patch: Partial<AnalyticsQuery>) => setQuery((q) => ({ ...q, ...patch }));
  const range = apiRange(query);
  const scope = query.scope === 'platform' ? { scope: 'platform' as const } : {};
  const summary = useApi(
    () => client.analytics.summary({ ...range, ...scope, ...(query.compare ? { compare: 'previous_period' as const } : {}) }),
    [JSON.stringify(query)],
  );
  const series = useApi(async () => {
    const params = {
      metric: query.metric,
      interval: query.interval,
      timezone: 'UTC',
      ...scope,
      ...(query.groupBy ? { group_by: query.groupBy } : {}),
    };
    const [current, previous] = await Promise.all([
      client.analytics.timeseries({ ...params, ...range }),
      query.compare && !query.groupBy ? client.analytics.timeseries({ ...params, ...previousRange(range) }) : undefined,
    ]);
    return { current, previous };
  }, [JSON.stringify(query)]);
  const breakdown = useApi(
    () => client.analytics.breakdown({ dimension: query.groupBy || 'service', ...range, ...scope }),
    [JSON.stringify(query)],
  );
  const exporting = useAction();

  return (
    <main>
      <h1>Analytics</h1>
      <form className="card controls" onSubmit={(e) => e.preventDefault()} aria-label="Analytics range">
        <fieldset className="presets">
          <legend>Range</legend>
          {PRESETS.map(([preset, label]) => (
            <label key={preset}>
              <input type="radio" name="preset" checked={query.preset === preset} onChange={() => update(presetRange(preset))} /> {label}
            </label>
          ))}
          <label>
            <input type="radio" name="preset" checked={query.preset === 'custom'} onChange={() => update({ preset: 'custom' })} /> Custom
          </label>
        </fieldset>
        {query.preset === 'custom' && (
          <>
            <label>
              From <input type="date" value={query.from} max={query.to} onChange={(e) => update({ from: e.target.value })} required />
            </label>
            <label>
              To <input type="date" value={query.to} min={query.from} onChange={(e) => update({ to: e.target.value })} required />
            </label>
          </>
        )}
        <label>
          Interval
          <select value={query.interval} onChange={(e) => update({ interval: e.target.value as AnalyticsInterval })}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </label>
        <label>
          Metric
          <select value={query.metric} onChange={(e) => update({ metric: e.target.value as AnalyticsMetric })}>
            {[...METRICS, ...(query.scope === 'platform' ? ADMIN_METRICS : [])].map((m) => (
              <option key={m} value={m}>
                {m.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Group by
          <select value={query.groupBy} onChange={(e) => update({ groupBy: e.target.value as AnalyticsDimension | '' })}>
            <option value="">nothing</option>
            <option value="service">service</option>
            <option value="country">country</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={query.compare} onChange={(e) => update({ compare: e.target.checked })} /> Compare with the
          previous period
        </label>
        {staff && (
          <label className="inline">
            <input
              type="checkbox"
              checked={query.scope === 'platform'}
              onChange={(e) => update({ scope: e.target.checked ? 'platform' : 'me' })}
            />{' '}
            Whole platform
          </label>
        )}
      </form>
      <ApiStatus error={summary.error} loading={summary.loading && !summary.data} />
      {summary.data && <SummaryCards summary={summary.data} />}
      <section className="card" aria-label="Over time">
        <h2>
          {query.metric.replaceAll('_', ' ')} per {query.interval}{' '}
          <small className="muted">
            {query.from} to {query.to}
          </small>
        </h2>
        <ApiStatus error={series.error} loading={series.loading && !series.data} />
        {series.data && <TimeseriesChart series={series.data.current} previous={series.data.previous} />}
      </section>
      <section className="card" aria-label="Breakdown">
        <h2>By {query.groupBy || 'service'}</h2>
        <ApiStatus error={breakdown.error} loading={breakdown.loading && !breakdown.data} />
        {breakdown.data && <BreakdownChart breakdown={breakdown.data} />}
      </section>
      <section className="card" aria-label="Export">
        <h2>Export</h2>
        <div className="row wrap">
          {REPORTS.flatMap((report) =>
            (['csv', 'pdf'] as const).map((format) => (
              <button
                key={`${report}-${format}`}
                type="button"
                disabled={exporting.busy}
                onClick={() => exporting.run(() => downloadReport(query, report, format))}
              >
                {REPORT_LABELS[report]} ({format.toUpperCase()})
              </button>
            )),
          )}
        </div>
        <ErrorLine error={exporting.error} />
        <p>
          Have a report emailed every day or week: <Link href="/analytics/reports">Scheduled reports</Link>
        </p>
      </section>
    </main>
  );
}
