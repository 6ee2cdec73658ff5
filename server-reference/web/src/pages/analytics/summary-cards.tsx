import type { AnalyticsSummary } from '@namaskah/sdk';
import { formatBps, formatMoney } from '../../components/format.ts';

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

/**
 * A change from the API in basis points (2500 = +25 %; for rates, a difference in points x 100),
 * coloured by whether up is good for that figure.
 */
function Change({ value, upIsGood = true, rate = false }: { value: number | null | undefined; upIsGood?: boolean; rate?: boolean }) {
  if (value === null || value === undefined) return null;
  const good = value === 0 ? 'flat' : value > 0 === upIsGood ? 'up' : 'down';
  return (
    <small className={`change ${good}`}>
      {value > 0 ? '+' : ''}
      {(value / 100).toFixed(1)}
      {rate ? ' pts' : '%'} vs previous
    </small>
  );
}

/** The headline figures of the range, with the change against the previous period when compared. */
export function SummaryCards({ summary }: { summary: AnalyticsSummary }) {
  const m = summary.current;
  const c = summary.change;
  const cards: Array<[string, string, number | null | undefined, boolean?]> = [
    ['Verifications', String(m.verifications_total), c?.verifications_total],
    ['Success rate', formatBps(m.success_rate_bps), c?.success_rate_bps],
    ['Avg time to code', seconds(m.time_to_code_avg_ms), c?.time_to_code_avg_ms, false],
    ['p90 time to code', seconds(m.time_to_code_p90_ms), c?.time_to_code_p90_ms, false],
    ['Spend', formatMoney(m.spend), c?.spend],
    ['Cost per verification', formatMoney(m.cost_per_verification), c?.cost_per_verification, false],
    ['Refund rate', formatBps(m.refund_rate_bps), c?.refund_rate_bps, false],
  ];
  if (m.revenue) cards.push(['Revenue', formatMoney(m.revenue), c?.revenue]);
  if (m.new_users !== null) cards.push(['New users', String(m.new_users), c?.new_users]);
  if (m.churned_users !== null) cards.push(['Churned users', String(m.churned_users), c?.churned_users, false]);
  return (
    <div className="stat-grid" data-testid="summary">
      {cards.map(([label, value, change, upIsGood]) => (
        <div key={label} className="stat card">
          <span className="muted">{label}</span>
          <strong>{value}</strong>
          <Change value={change} upIsGood={upIsGood} rate={label.endsWith('rate')} />
        </div>
      ))}
    </div>
  );
}
