import { sql, type Kysely } from 'kysely';

/**
 * Analytics rollups: per-UTC-day aggregates maintained by statement-level triggers in the same
 * transaction as the source change, so a figure read from them is never behind the rows it summarises.
 *
 * - `analytics_verification_days`: per (UTC day, service, country) counts by status, sums of price,
 *   refunds, provider cost and time to code.
 * - `analytics_ttc_histogram`: completed verifications per (UTC day, 1-second time-to-code bucket), for
 *   all, per service and per country. The p90 is found exactly from it: the histogram says which bucket
 *   holds the 90th-percentile row and its rank there, and `verifications_ttc_bucket` reads just that
 *   bucket's rows (src/analytics/rollups/ttc-percentile.ts).
 * - `analytics_user_activity`: per (account, UTC year) a bit per day with a verification or a top-up
 *   created, for active and churned accounts.
 * - `analytics_api_key_days` and `analytics_api_route_days`: the API request log per day and account
 *   and key, and per day, route, status and exact duration (so the latency percentiles stay exact).
 *
 * Increments go through `INSERT ... ON CONFLICT DO UPDATE SET n = n + EXCLUDED.n`, pre-aggregated per
 * statement and in key order, so concurrent writers never lose an update and lock rollup rows in the
 * same order. The backfill runs after the triggers exist: `CREATE TRIGGER` holds a lock that blocks
 * writers to the table until this migration commits, so no row is counted twice or missed.
 */

/** UTC day of a timestamptz column. */
const day = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;
/** Time to code in ms, exactly as the raw queries compute it (src/analytics/queries/verification-figures.ts). */
const ttcMs = (alias: string) => `round(extract(epoch FROM ${alias}.completed_at - ${alias}.created_at) * 1000)`;

/** Adds the verifications of `source` (a query with a sign column `s` and every verification column). */
const verificationDaysUpsert = (source: string) => `
  INSERT INTO analytics_verification_days AS d
    (day, service, country, total, completed, pending, refunded, spend, refunds, provider_cost, ttc_sum_ms)
  SELECT * FROM (
    SELECT ${day('c.created_at')} AS day, c.service, c.country,
      sum(c.s) AS total,
      coalesce(sum(c.s) FILTER (WHERE c.status = 'completed'), 0) AS completed,
      coalesce(sum(c.s) FILTER (WHERE c.status = 'pending'), 0) AS pending,
      coalesce(sum(c.s) FILTER (WHERE c.refunded), 0) AS refunded,
      coalesce(sum(c.s * c.price_cents), 0) AS spend,
      coalesce(sum(c.s * c.price_cents) FILTER (WHERE c.refunded), 0) AS refunds,
      coalesce(sum(c.s * c.cost_cents) FILTER (WHERE c.status = 'completed'), 0) AS provider_cost,
      coalesce(sum(c.s * ${ttcMs('c')}) FILTER (WHERE c.status = 'completed'), 0) AS ttc_sum_ms
    FROM (${source}) AS c GROUP BY 1, 2, 3
  ) AS delta
  WHERE (total, completed, pending, refunded, spend, refunds, provider_cost, ttc_sum_ms) <> (0, 0, 0, 0, 0, 0, 0, 0)
  ORDER BY 1, 2, 3
  ON CONFLICT (day, service, country) DO UPDATE SET
    total = d.total + EXCLUDED.total, completed = d.completed + EXCLUDED.completed, pending = d.pending + EXCLUDED.pending,
    refunded = d.refunded + EXCLUDED.refunded, spend = d.spend + EXCLUDED.spend, refunds = d.refunds + EXCLUDED.refunds,
    provider_cost = d.provider_cost + EXCLUDED.provider_cost, ttc_sum_ms = d.ttc_sum_ms + EXCLUDED.ttc_sum_ms`;

const ttcHistogramUpsert = (source: string) => `
  INSERT INTO analytics_ttc_histogram AS h (dim, day, key, bucket, n)
  SELECT k.dim, c.day, k.key, c.bucket, sum(c.s)
  FROM (
    SELECT v.s, ${day('v.created_at')} AS day, v.service, v.country, floor(${ttcMs('v')} / 1000)::bigint AS bucket
    FROM (${source}) AS v WHERE v.status = 'completed' AND v.completed_at IS NOT NULL
  ) AS c
  CROSS JOIN LATERAL (VALUES ('all', ''), ('service', c.service), ('country', c.country)) AS k (dim, key)
  GROUP BY 1, 2, 3, 4 HAVING sum(c.s) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (dim, key, day, bucket) DO UPDATE SET n = h.n + EXCLUDED.n`;

/** Sets the activity bit of each (user_id, created_at) of `source`. */
const activityUpsert = (source: string) => `
  INSERT INTO analytics_user_activity AS a (year, user_id, days)
  SELECT extract(year FROM p.created_at AT TIME ZONE 'UTC')::int, p.user_id,
    bit_or(set_bit(B'0'::bit(366), extract(doy FROM p.created_at AT TIME ZONE 'UTC')::int - 1, 1))
  FROM (${source}) AS p GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (year, user_id) DO UPDATE SET days = a.days | EXCLUDED.days
  WHERE (a.days | EXCLUDED.days) <> a.days`;

/** Clears the activity bits of the (user, day) pairs of `source` that no longer have any activity. */
const activityRecheck = (source: string) => `
  UPDATE analytics_user_activity AS a SET days = set_bit(a.days, gone.doy - 1, 0)
  FROM (
    SELECT DISTINCT p.user_id, extract(year FROM p.created_at AT TIME ZONE 'UTC')::int AS year,
      extract(doy FROM p.created_at AT TIME ZONE 'UTC')::int AS doy, ${day('p.created_at')} AS day
    FROM (${source}) AS p
  ) AS gone
  WHERE a.year = gone.year AND a.user_id = gone.user_id
    AND NOT EXISTS (SELECT 1 FROM verifications v WHERE v.user_id = gone.user_id
      AND v.created_at >= gone.day::timestamp AT TIME ZONE 'UTC' AND v.created_at < (gone.day + 1)::timestamp AT TIME ZONE 'UTC')
    AND NOT EXISTS (SELECT 1 FROM top_ups t WHERE t.user_id = gone.user_id
      AND t.created_at >= gone.day::timestamp AT TIME ZONE 'UTC' AND t.created_at < (gone.day + 1)::timestamp AT TIME ZONE 'UTC')`;

const apiKeyDaysUpsert = (source: string) => `
  INSERT INTO analytics_api_key_days AS k
    (day, user_id, api_key_id, requests, status_2xx, status_3xx, status_4xx, status_5xx, rate_limited, last_request_at)
  SELECT ${day('l.created_at')}, l.user_id, coalesce(l.api_key_id, ''), sum(l.s),
    coalesce(sum(l.s) FILTER (WHERE l.status BETWEEN 200 AND 299), 0),
    coalesce(sum(l.s) FILTER (WHERE l.status BETWEEN 300 AND 399), 0),
    coalesce(sum(l.s) FILTER (WHERE l.status BETWEEN 400 AND 499), 0),
    coalesce(sum(l.s) FILTER (WHERE l.status >= 500), 0),
    coalesce(sum(l.s) FILTER (WHERE l.status = 429), 0),
    max(l.created_at) FILTER (WHERE l.s > 0)
  FROM (${source}) AS l WHERE l.user_id IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (day, user_id, api_key_id) DO UPDATE SET
    requests = k.requests + EXCLUDED.requests, status_2xx = k.status_2xx + EXCLUDED.status_2xx,
    status_3xx = k.status_3xx + EXCLUDED.status_3xx, status_4xx = k.status_4xx + EXCLUDED.status_4xx,
    status_5xx = k.status_5xx + EXCLUDED.status_5xx, rate_limited = k.rate_limited + EXCLUDED.rate_limited,
    last_request_at = greatest(k.last_request_at, EXCLUDED.last_request_at)`;

const apiRouteDaysUpsert = (source: string) => `
  INSERT INTO analytics_api_route_days AS r (day, method, route, status, duration_ms, n)
  SELECT ${day('l.created_at')}, l.method, l.route, l.status, l.duration_ms, sum(l.s)
  FROM (${source}) AS l GROUP BY 1, 2, 3, 4, 5 HAVING sum(l.s) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, method, route, status, duration_ms) DO UPDATE SET n = r.n + EXCLUDED.n`;

/** A deleted request-log row may have been a day's latest: recompute those days' `last_request_at`. */
const apiKeyLastRecheck = `
  UPDATE analytics_api_key_days AS k SET last_request_at = (
    SELECT max(l.created_at) FROM api_request_log l WHERE l.user_id = k.user_id AND coalesce(l.api_key_id, '') = k.api_key_id
      AND l.created_at >= k.day::timestamp AT TIME ZONE 'UTC' AND l.created_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC')
  WHERE (k.day, k.user_id, k.api_key_id) IN (SELECT DISTINCT ${day('o.created_at')}, o.user_id, coalesce(o.api_key_id, '') FROM old_rows o)`;

const OLD = 'SELECT -1 AS s, * FROM old_rows';
const NEW = 'SELECT 1 AS s, * FROM new_rows';

/** A statement-level trigger function running `statements` (each may read `old_rows`/`new_rows`). */
const triggerFunction = (name: string, statements: string[]) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $body$
  BEGIN
    ${statements.map((s) => `${s.trim()};`).join('\n    ')}
    RETURN NULL;
  END
  $body$`;

/** Three statement-level triggers (insert, update, delete) on `table` with transition tables. */
const triggers = (table: string, prefix: string) => [
  `CREATE TRIGGER ${prefix}_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_inserted()`,
  `CREATE TRIGGER ${prefix}_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_updated()`,
  `CREATE TRIGGER ${prefix}_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${prefix}_deleted()`,
];

const pairs = (rows: string) => `SELECT user_id, created_at FROM ${rows}`;
const pairsExcept = (a: string, b: string) => `${pairs(a)} EXCEPT ${pairs(b)}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `CREATE TABLE analytics_verification_days (
      day date NOT NULL, service text NOT NULL, country text NOT NULL,
      total bigint NOT NULL, completed bigint NOT NULL, pending bigint NOT NULL, refunded bigint NOT NULL,
      spend bigint NOT NULL, refunds bigint NOT NULL, provider_cost bigint NOT NULL, ttc_sum_ms bigint NOT NULL,
      PRIMARY KEY (day, service, country))`,
    `CREATE TABLE analytics_ttc_histogram (
      dim text NOT NULL CHECK (dim IN ('all', 'service', 'country')), day date NOT NULL, key text NOT NULL,
      bucket bigint NOT NULL, n bigint NOT NULL,
      PRIMARY KEY (dim, key, day, bucket))`,
    `CREATE TABLE analytics_user_activity (
      year integer NOT NULL, user_id text NOT NULL, days bit(366) NOT NULL,
      PRIMARY KEY (year, user_id))`,
    `CREATE TABLE analytics_api_key_days (
      day date NOT NULL, user_id text NOT NULL, api_key_id text NOT NULL,
      requests bigint NOT NULL, status_2xx bigint NOT NULL, status_3xx bigint NOT NULL, status_4xx bigint NOT NULL,
      status_5xx bigint NOT NULL, rate_limited bigint NOT NULL, last_request_at timestamptz,
      PRIMARY KEY (day, user_id, api_key_id))`,
    `CREATE TABLE analytics_api_route_days (
      day date NOT NULL, method text NOT NULL, route text NOT NULL, status integer NOT NULL, duration_ms integer NOT NULL,
      n bigint NOT NULL,
      PRIMARY KEY (day, method, route, status, duration_ms))`,
    // the rows of one time-to-code bucket in a time range, for the exact p90
    `CREATE INDEX verifications_ttc_bucket ON verifications ((floor(${ttcMs('verifications')} / 1000)::bigint), created_at)
      INCLUDE (completed_at, service, country) WHERE status = 'completed'`,

    triggerFunction('analytics_verifications_inserted', [
      verificationDaysUpsert(NEW),
      ttcHistogramUpsert(NEW),
      activityUpsert(pairs('new_rows')),
    ]),
    triggerFunction('analytics_verifications_updated', [
      verificationDaysUpsert(`${OLD} UNION ALL ${NEW}`),
      ttcHistogramUpsert(`${OLD} UNION ALL ${NEW}`),
      activityUpsert(pairsExcept('new_rows', 'old_rows')),
      activityRecheck(pairsExcept('old_rows', 'new_rows')),
    ]),
    triggerFunction('analytics_verifications_deleted', [
      verificationDaysUpsert(OLD),
      ttcHistogramUpsert(OLD),
      activityRecheck(pairs('old_rows')),
    ]),
    ...triggers('verifications', 'analytics_verifications'),

    triggerFunction('analytics_top_ups_inserted', [activityUpsert(pairs('new_rows'))]),
    triggerFunction('analytics_top_ups_updated', [
      activityUpsert(pairsExcept('new_rows', 'old_rows')),
      activityRecheck(pairsExcept('old_rows', 'new_rows')),
    ]),
    triggerFunction('analytics_top_ups_deleted', [activityRecheck(pairs('old_rows'))]),
    ...triggers('top_ups', 'analytics_top_ups'),

    triggerFunction('analytics_api_request_log_inserted', [apiKeyDaysUpsert(NEW), apiRouteDaysUpsert(NEW)]),
    triggerFunction('analytics_api_request_log_updated', [
      apiKeyDaysUpsert(`${OLD} UNION ALL ${NEW}`),
      apiRouteDaysUpsert(`${OLD} UNION ALL ${NEW}`),
      apiKeyLastRecheck,
    ]),
    triggerFunction('analytics_api_request_log_deleted', [apiKeyDaysUpsert(OLD), apiRouteDaysUpsert(OLD), apiKeyLastRecheck]),
    ...triggers('api_request_log', 'analytics_api_request_log'),

    // backfill from the rows that exist (writers are blocked by the triggers' locks until commit)
    verificationDaysUpsert('SELECT 1 AS s, * FROM verifications'),
    ttcHistogramUpsert('SELECT 1 AS s, * FROM verifications'),
    activityUpsert(`${pairs('verifications')} UNION ALL ${pairs('top_ups')}`),
    apiKeyDaysUpsert('SELECT 1 AS s, * FROM api_request_log'),
    apiRouteDaysUpsert('SELECT 1 AS s, * FROM api_request_log'),
  ];
  // one statement per call: PGlite's extended protocol takes one, and the bodies contain `;`
  for (const statement of statements) await sql.raw(statement).execute(db);
}
