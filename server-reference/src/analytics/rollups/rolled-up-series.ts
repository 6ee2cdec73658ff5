import { sql, type Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { withoutJit } from './without-jit.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { Interval } from '../queries/buckets.ts';
import type { VerificationAggregates } from '../verification-aggregates.ts';
import { ttcP90 } from './ttc-percentile.ts';
import { activeAccounts } from './user-activity.ts';
import { splitLabelled, type LabelledRange } from './utc-days.ts';
import { rolledUpSums, type Dimension } from './verification-sums.ts';

/** One point before filling: bucket start, group, value `a` (and `b`, the denominator of a rate). */
export interface SeriesRow {
  t: Date;
  g?: string;
  a: number | null;
  b?: number;
}

/** The value of a summable verification metric, with the same arithmetic as the raw SQL. */
const VALUE: Record<string, (a: VerificationAggregates) => Pick<SeriesRow, 'a' | 'b'>> = {
  verifications: (a) => ({ a: a.total }),
  success_rate: (a) => ({ a: a.completed, b: a.total - a.pending }),
  spend: (a) => ({ a: a.spend }),
  refunds: (a) => ({ a: a.refunds }),
  revenue: (a) => ({ a: a.spend - a.refunds - a.providerCost }),
};

/** The start of bucket `i`: the queries only answer labels made from `starts`, so one outside is a bug. */
const startAt = (starts: Date[], i: number): Date => {
  const start = starts[i];
  if (!start) throw new Error(`analytics series: no bucket ${i} of ${starts.length}`);
  return start;
};

const labelled = (starts: Date[], to: Date): LabelledRange[] => starts.map((from, i) => ({ i, from, to: starts[i + 1] ?? to }));

/**
 * The top 10 keys of the range by verifications (and `other` when there are more), as the raw query
 * picks them, with every key `other` stands for.
 */
export async function topGroups(
  db: Kysely<Database>,
  range: { from: Date; to: Date },
  dimension: Dimension,
): Promise<{ groups: string[]; others: string[] }> {
  const keys = (await rolledUpSums(db, [{ i: 0, ...range }], dimension)).map((row) => row.key!);
  const groups = keys.slice(0, 10);
  if (keys.length > 10) groups.push('other');
  return { groups, others: keys.slice(10) };
}

/** A verification metric per bucket (and group) of the platform, from the rollups. */
export async function rolledUpVerificationSeries(
  db: Kysely<Database>,
  metric: string,
  starts: Date[],
  to: Date,
  dimension: Dimension | undefined,
  groups: string[],
  others: string[],
): Promise<SeriesRow[]> {
  const ranges = labelled(starts, to);
  const top = groups.filter((g) => g !== 'other');
  const groupOf = (key: string | null) => (dimension ? (top.includes(key!) ? key! : 'other') : undefined);
  if (metric === 'time_to_code_p90') {
    const cells = dimension
      ? ranges.flatMap((r) => groups.map((g, j) => ({ ...r, i: r.i * groups.length + j, keys: g === 'other' ? others : [g] })))
      : ranges;
    const p90 = await ttcP90(db, cells, dimension ?? null);
    return [...p90].map(([i, value]) =>
      dimension
        ? { t: startAt(starts, Math.floor(i / groups.length)), g: groups[i % groups.length], a: value }
        : { t: startAt(starts, i), a: value },
    );
  }
  const valueFor = VALUE[metric];
  if (!valueFor) throw new Error(`analytics series: ${metric} is not a summable verification metric`);
  const merged = new Map<string, SeriesRow>();
  for (const row of await rolledUpSums(db, ranges, dimension ?? null)) {
    const g = groupOf(row.key);
    const value = valueFor(row.aggregates);
    const id = `${row.i}|${g ?? ''}`;
    const seen = merged.get(id);
    if (seen) merged.set(id, { ...seen, a: seen.a! + value.a!, b: value.b === undefined ? undefined : seen.b! + value.b });
    else merged.set(id, { t: startAt(starts, row.i), g, ...value });
  }
  return [...merged.values()];
}

/** API requests per bucket of the platform: `analytics_api_route_days` for whole days, the log at the edges. */
export async function rolledUpApiRequests(db: Kysely<Database>, starts: Date[], to: Date): Promise<SeriesRow[]> {
  const { spans, pieces } = splitLabelled(labelled(starts, to));
  const { rows } = await withoutJit(
    db,
    sql<{ i: number; a: string }>`
    SELECT i, sum(n)::bigint AS a FROM (
      SELECT s.i, r.n FROM jsonb_to_recordset(${spans}::jsonb) AS s (i int, df date, dt date)
      JOIN analytics_api_route_days r ON r.day >= s.df AND r.day < s.dt
      UNION ALL
      SELECT p.i, count(*) FROM jsonb_to_recordset(${pieces}::jsonb) AS p (i int, f timestamptz, t timestamptz)
      JOIN api_request_log l ON l.created_at >= p.f AND l.created_at < p.t GROUP BY p.i
    ) AS x GROUP BY i HAVING sum(n) > 0`,
  );
  return rows.map((row) => ({ t: startAt(starts, row.i), a: Number(row.a) }));
}

/**
 * Active accounts per bucket, or churned accounts: those active in the bucket before but not in this
 * one (the first bucket compares with the bucket before the range).
 */
export async function rolledUpAccountSeries(
  db: Kysely<Database>,
  metric: 'active_users' | 'churned_users',
  starts: Date[],
  to: Date,
  interval: Interval,
  zone: string,
): Promise<SeriesRow[]> {
  // label 0 is the bucket before the range, bucket k is label k + 1; each account gets one bit string
  // of the labels it was active in, so churn is a bit test per account rather than an anti-join
  const first = startAt(starts, 0);
  const before = DateTime.fromJSDate(first, { zone })
    .minus({ [interval]: 1 })
    .toJSDate();
  const ranges = [{ i: 0, from: before, to: first }, ...labelled(starts, to).map((r) => ({ ...r, i: r.i + 1 }))];
  const test = metric === 'active_users' ? sql`get_bit(b, j) = 1` : sql`get_bit(b, j - 1) = 1 AND get_bit(b, j) = 0`;
  const { rows } = await withoutJit(
    db,
    sql<{ i: number; a: string }>`
    WITH per_user AS (
      SELECT bit_or(set_bit(${'0'.repeat(starts.length + 1)}::varbit, x.i, 1)) AS b
      FROM (${activeAccounts(metric === 'active_users' ? ranges.slice(1) : ranges)}) AS x GROUP BY x.user_id
    )
    SELECT j - 1 AS i, count(*) AS a FROM per_user CROSS JOIN generate_series(1, ${starts.length}) AS j
    WHERE ${test} GROUP BY j`,
  );
  return rows.map((row) => ({ t: startAt(starts, row.i), a: Number(row.a) }));
}
