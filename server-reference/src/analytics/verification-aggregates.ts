import { sql, type RawBuilder } from 'kysely';

/** Raw aggregates of a set of verifications, all integers (cents and milliseconds). */
export interface VerificationAggregates {
  total: number;
  completed: number;
  pending: number;
  refunded: number;
  spend: number;
  refunds: number;
  providerCost: number;
  ttcSumMs: number;
  ttcP90Ms: number | null;
}

/**
 * The aggregate columns every verification figure is built from. The provider charges for a number that
 * received a code; the others are released or cancelled upstream without charge, so `provider_cost` is
 * the cost of completed verifications.
 */
export const SUM_COLUMNS: RawBuilder<unknown> = sql`
  count(*)::int AS total,
  count(*) FILTER (WHERE status = 'completed')::int AS completed,
  count(*) FILTER (WHERE status = 'pending')::int AS pending,
  count(*) FILTER (WHERE refunded)::int AS refunded,
  coalesce(sum(price_cents), 0)::bigint AS spend,
  coalesce(sum(price_cents) FILTER (WHERE refunded), 0)::bigint AS refunds,
  coalesce(sum(cost_cents) FILTER (WHERE status = 'completed'), 0)::bigint AS provider_cost,
  coalesce(sum(round(extract(epoch FROM completed_at - created_at) * 1000)) FILTER (WHERE status = 'completed'), 0)::bigint AS ttc_sum_ms`;

/** `SUM_COLUMNS` and the exact p90 of time to code (`percentile_disc`, the value of rank ceil(0.9 n)). */
export const AGGREGATE_COLUMNS: RawBuilder<unknown> = sql`${SUM_COLUMNS},
  (percentile_disc(0.9) WITHIN GROUP (ORDER BY round(extract(epoch FROM completed_at - created_at) * 1000))
     FILTER (WHERE status = 'completed'))::bigint AS ttc_p90_ms`;

/** Parses one row of `AGGREGATE_COLUMNS` (bigints arrive as strings). */
export function toAggregates(row: Record<string, unknown>): VerificationAggregates {
  return {
    total: Number(row.total ?? 0),
    completed: Number(row.completed ?? 0),
    pending: Number(row.pending ?? 0),
    refunded: Number(row.refunded ?? 0),
    spend: Number(row.spend ?? 0),
    refunds: Number(row.refunds ?? 0),
    providerCost: Number(row.provider_cost ?? 0),
    ttcSumMs: Number(row.ttc_sum_ms ?? 0),
    ttcP90Ms: row.ttc_p90_ms === null || row.ttc_p90_ms === undefined ? null : Number(row.ttc_p90_ms),
  };
}
