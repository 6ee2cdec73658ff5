import type { AnalyticsBreakdown } from '@namaskah/sdk';
import { Bar } from 'react-chartjs-2';
import { categoryAxis, valueAxis } from './chart-axes.ts';
import { PALETTE } from './chart-setup.ts';
import { breakdownSummary, spendBreakdownSummary } from './chart-summary.ts';

/** One bar chart of the breakdown, on its own axis. */
function BreakdownBars({
  rows,
  label,
  values,
  color,
  axis,
  summary,
  dimension,
}: {
  rows: AnalyticsBreakdown['rows'];
  label: string;
  values: number[];
  color: string;
  axis: ReturnType<typeof valueAxis>;
  summary: string;
  dimension: string;
}) {
  return (
    <div className="chart">
      <Bar
        role="img"
        aria-label={summary}
        data={{ labels: rows.map((r) => r.name), datasets: [{ label, data: values, backgroundColor: color }] }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: { x: categoryAxis(dimension), y: axis },
        }}
      />
    </div>
  );
}

/**
 * Verifications and spend by service or country as two charts, each on its own scale (a count and an
 * amount of money never share an axis): counts on whole-number ticks, spend in the currency's major units.
 */
export function BreakdownChart({ breakdown }: { breakdown: AnalyticsBreakdown }) {
  const rows = breakdown.rows.slice(0, 12);
  return (
    <div className="chart-pair">
      <BreakdownBars
        rows={rows}
        dimension={breakdown.dimension}
        label="Verifications"
        values={rows.map((r) => r.verifications_total)}
        color={PALETTE[0]!}
        axis={valueAxis('Verifications (count)', true)}
        summary={breakdownSummary(breakdown, rows)}
      />
      <BreakdownBars
        rows={rows}
        dimension={breakdown.dimension}
        label={`Spend (${breakdown.currency})`}
        values={rows.map((r) => r.spend.amount / 100)}
        color={PALETTE[2]!}
        axis={valueAxis(`Spend (${breakdown.currency})`, false)}
        summary={spendBreakdownSummary(breakdown, rows)}
      />
    </div>
  );
}
