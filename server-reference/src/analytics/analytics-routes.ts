import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { clientInfo } from '../http/middleware/authenticate/index.ts';
import type { AnyOperationEnv } from '../http/app-env.ts';
import type { SomeHandlers } from '../http/operation-handler.ts';
import { problems } from '../errors/index.ts';
import { json, pageParams, principalOf } from '../http/routes/respond.ts';
import { page } from '../serializers/money.ts';
import { rangeOf, scopeOf, zoneOf } from './analytics-params.ts';
import { buildExport } from './export/analytics-export.ts';
import { analyticsApiUsage } from './queries/api-usage.ts';
import { analyticsBreakdown } from './queries/breakdown.ts';
import { analyticsSummary } from './queries/summary.ts';
import { analyticsTimeseries } from './queries/timeseries.ts';
import { ScheduledReports, serializeScheduledReport } from './reports/scheduled-reports.ts';

const currencyOf = <E extends AnyOperationEnv>(c: Context<E>) => c.get('services').config.currency;
/** Analytics read from the read replica while it serves (a little stale is fine), else from the primary. */
const readAnalytics = <E extends AnyOperationEnv, T>(c: Context<E>, work: (reader: Kysely<Database>) => Promise<T>) =>
  c.get('services').reads.analytics(work);
const reports = <E extends AnyOperationEnv>(c: Context<E>) => new ScheduledReports(c.get('services').db);

/** Scheduling emails of the account's data needs a person, not a program. */
const requireSession = <E extends AnyOperationEnv>(c: Context<E>) => {
  const principal = principalOf(c);
  if (principal.kind !== 'session') throw problems.forbidden('API keys cannot manage scheduled reports; sign in instead.');
  return principal;
};

/** analytics tag: figures, series, breakdowns, API usage, exports and scheduled reports. */
export const analyticsHandlers = {
  async getAnalyticsSummary(c) {
    const { query } = c.get('input');
    const scope = scopeOf(principalOf(c), query.scope);
    return json(
      c,
      200,
      await readAnalytics(c, (reader) =>
        analyticsSummary(reader, rangeOf(query), scope, query.compare === 'previous_period', currencyOf(c)),
      ),
    );
  },

  async getAnalyticsTimeseries(c) {
    const { query } = c.get('input');
    const principal = principalOf(c);
    const scope = scopeOf(principal, query.scope);
    const zone = zoneOf(query.timezone ?? principal.user.timezone);
    return json(
      c,
      200,
      await readAnalytics(c, (reader) =>
        analyticsTimeseries(reader, {
          range: rangeOf(query),
          scope,
          metric: query.metric,
          interval: query.interval ?? 'day',
          zone,
          groupBy: query.group_by,
          currency: currencyOf(c),
        }),
      ),
    );
  },

  async getAnalyticsBreakdown(c) {
    const { query } = c.get('input');
    const scope = scopeOf(principalOf(c), query.scope);
    return json(
      c,
      200,
      await readAnalytics(c, (reader) => analyticsBreakdown(reader, rangeOf(query), scope, query.dimension, currencyOf(c))),
    );
  },

  async getAnalyticsApiUsage(c) {
    const { query } = c.get('input');
    const scope = scopeOf(principalOf(c), query.scope);
    return json(c, 200, await readAnalytics(c, (reader) => analyticsApiUsage(reader, rangeOf(query), scope)));
  },

  async exportAnalytics(c) {
    const { query } = c.get('input');
    const principal = principalOf(c);
    const scope = scopeOf(principal, query.scope);
    // a streamed export (CSV rows) keeps reading where it started: its first query picks the replica or the primary
    const file = await readAnalytics(c, (reader) =>
      buildExport(reader, {
        report: query.report ?? 'summary',
        format: query.format,
        range: rangeOf(query),
        scope,
        zone: zoneOf(query.timezone ?? principal.user.timezone),
        currency: currencyOf(c),
        locale: principal.user.locale,
      }),
    );
    // a Buffer from the PDF renderer is backed by an ArrayBuffer (Node never hands out a shared one here)
    return c.body(file.body as ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
    });
  },

  async listScheduledReports(c) {
    const params = pageParams(c);
    const rows = await reports(c).list(principalOf(c).user.id, params);
    return json(
      c,
      200,
      page(rows, params.limit, (r) => r.id, serializeScheduledReport),
    );
  },

  async createScheduledReport(c) {
    const principal = requireSession(c);
    const row = await reports(c).create(principal, c.get('input').body, clientInfo(c));
    return json(c, 201, serializeScheduledReport(row), { Location: `/v1/analytics/reports/${row.id}` });
  },

  async getScheduledReport(c) {
    return json(c, 200, serializeScheduledReport(await reports(c).get(principalOf(c).user.id, c.get('input').path.report_id)));
  },

  async deleteScheduledReport(c) {
    await reports(c).delete(requireSession(c), c.get('input').path.report_id, clientInfo(c));
    return c.body(null, 204);
  },
} satisfies SomeHandlers;
