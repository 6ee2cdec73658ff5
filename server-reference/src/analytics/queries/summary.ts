import type { Kysely } from 'kysely';
import { money } from '../../serializers/money.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { differenceBps, rateBps, relativeChangeBps, roundedMean } from '../basis-points.ts';
import { userGrowth, type UserGrowth } from './user-growth.ts';
import { verificationAggregates, type FigureSource } from './verification-figures.ts';
import type { VerificationAggregates } from '../verification-aggregates.ts';

/** spec/schemas/analytics-summary-metrics.yaml, from raw aggregates. */
export function summaryMetrics(a: VerificationAggregates, scope: AnalyticsScope, growth: UserGrowth | null, currency: string) {
  const finished = a.total - a.pending;
  const net = a.spend - a.refunds;
  const platform = scope.scope === 'platform';
  return {
    verifications_total: a.total,
    verifications_completed: a.completed,
    verifications_pending: a.pending,
    verifications_refunded: a.refunded,
    success_rate_bps: rateBps(a.completed, finished),
    time_to_code_avg_ms: roundedMean(a.ttcSumMs, a.completed),
    time_to_code_p90_ms: a.ttcP90Ms,
    spend: money(a.spend, currency),
    refunds: money(a.refunds, currency),
    net_spend: money(net, currency),
    cost_per_verification: a.completed > 0 ? money(roundedMean(net, a.completed)!, currency) : null,
    refund_rate_bps: rateBps(a.refunded, finished),
    revenue: platform ? money(net - a.providerCost, currency) : null,
    provider_cost: platform ? money(a.providerCost, currency) : null,
    new_users: growth?.newUsers ?? null,
    active_users: growth?.activeUsers ?? null,
    churned_users: growth?.churnedUsers ?? null,
  };
}

export type SummaryMetrics = ReturnType<typeof summaryMetrics>;

const amount = (m: { amount: number } | null) => (m === null ? null : m.amount);

/** spec/schemas/analytics-summary-change.yaml */
export function summaryChange(current: SummaryMetrics, previous: SummaryMetrics) {
  const rel = (k: keyof SummaryMetrics) => relativeChangeBps(current[k] as number | null, previous[k] as number | null);
  const relMoney = (k: 'spend' | 'refunds' | 'net_spend' | 'cost_per_verification' | 'revenue' | 'provider_cost') =>
    relativeChangeBps(amount(current[k]), amount(previous[k]));
  return {
    verifications_total: rel('verifications_total'),
    verifications_completed: rel('verifications_completed'),
    success_rate_bps: differenceBps(current.success_rate_bps, previous.success_rate_bps),
    time_to_code_avg_ms: rel('time_to_code_avg_ms'),
    time_to_code_p90_ms: rel('time_to_code_p90_ms'),
    spend: relMoney('spend'),
    refunds: relMoney('refunds'),
    net_spend: relMoney('net_spend'),
    cost_per_verification: relMoney('cost_per_verification'),
    refund_rate_bps: differenceBps(current.refund_rate_bps, previous.refund_rate_bps),
    revenue: relMoney('revenue'),
    provider_cost: relMoney('provider_cost'),
    new_users: rel('new_users'),
    active_users: rel('active_users'),
    churned_users: rel('churned_users'),
  };
}

/** The figures of one period in a scope: user growth only for admins in platform scope. */
export async function periodMetrics(
  db: Kysely<Database>,
  range: AnalyticsRange,
  scope: AnalyticsScope,
  currency: string,
  source: FigureSource = 'rollup',
): Promise<SummaryMetrics> {
  const withGrowth = scope.scope === 'platform' && scope.isAdmin;
  const [aggregates, growth] = await Promise.all([
    verificationAggregates(db, range, scope.userId, source),
    withGrowth ? userGrowth(db, range, source) : Promise.resolve(null),
  ]);
  return summaryMetrics(aggregates, scope, growth, currency);
}

/** spec/schemas/analytics-summary.yaml */
export async function analyticsSummary(
  db: Kysely<Database>,
  range: AnalyticsRange,
  scope: AnalyticsScope,
  compare: boolean,
  currency: string,
  source: FigureSource = 'rollup',
) {
  const previousRange = { from: new Date(2 * range.from.getTime() - range.to.getTime()), to: range.from };
  const [current, previous] = await Promise.all([
    periodMetrics(db, range, scope, currency, source),
    compare ? periodMetrics(db, previousRange, scope, currency, source) : Promise.resolve(null),
  ]);
  return {
    scope: scope.scope,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    currency,
    current,
    compare: compare ? ('previous_period' as const) : null,
    previous_from: compare ? previousRange.from.toISOString() : null,
    previous,
    change: previous ? summaryChange(current, previous) : null,
    generated_at: new Date().toISOString(),
  };
}
