import type { AnalyticsBreakdown } from '@namaskah/sdk';
import { Bar } from 'react-chartjs-2';
import { PALETTE } from './chart-setup.ts';
import { breakdownSummary } from './chart-summary.ts';

/** Verifications and spend by service or country, side by side (spend on its own axis, in major units). */
export function BreakdownChart({ breakdown }: { breakdown: AnalyticsBreakdown }) {
  const rows = breakdown.rows.slice(0, 12);
  return (
    <div className="chart">
      <Bar
        role="img"
        aria-label={breakdownSummary(breakdown, rows)}
        data={{
          labels: rows.map((r) => r.name),
          datasets: [
            { label: 'verifications', data: rows.map((r) => r.verifications_total), backgroundColor: PALETTE[0], yAxisID: 'y' },
            {
              label: `spend (${breakdown.currency})`,
              data: rows.map((r) => r.spend.amount / 100),
              backgroundColor: PALETTE[2],
              yAxisID: 'money',
            },
          ],
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: {
            y: { beginAtZero: true, position: 'left' },
            money: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
          },
        }}
      />
    </div>
  );
}
