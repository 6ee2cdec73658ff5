import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { problems } from '../../errors/index.ts';
import { translatorFor } from '../../i18n/index.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { analyticsBreakdown } from '../queries/breakdown.ts';
import { periodMetrics } from '../queries/summary.ts';
import { analyticsTimeseries } from '../queries/timeseries.ts';
import { csvStream } from './csv-export.ts';
import { renderPdf } from './pdf-export.ts';
import { assertExportSize, COLUMNS, ledgerRows, type ReportRow, summaryRows, verificationRows, type ReportType } from './report-rows.ts';

/** The summary as a person reads it: each metric, its value and the previous period's, and the change. */
const PDF_SUMMARY_COLUMNS = ['metric', 'value', 'previous_value', 'change_bps'];

export interface ExportRequest {
  report: ReportType;
  format: 'csv' | 'pdf';
  range: AnalyticsRange;
  scope: AnalyticsScope;
  zone: string;
  currency: string;
  /** BCP 47 tag of the reader (the account's `locale`): the PDF's language and number formats. CSV is locale-free. */
  locale: string;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array> | Buffer;
}

/**
 * Builds an export (also what scheduled reports send): CSV is streamed from keyset-paged reads, PDF is
 * rendered in memory. Only `summary` may cover the platform; the other reports are the caller's own.
 */
export async function buildExport(db: Kysely<Database>, request: ExportRequest): Promise<ExportFile> {
  const { report, format, range, scope, zone, currency, locale } = request;
  if (report !== 'summary' && scope.scope === 'platform') {
    throw problems.validation([{ field: '/query/scope', code: 'scope', message: 'Only the summary report can cover the platform.' }]);
  }
  const day = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyyLLdd');
  const filename = `namaskah-${report}-${day(range.from)}-${day(range.to)}.${format}`;
  const contentType = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf';

  let rows: AsyncIterable<Record<string, string | number | boolean | null>> | Array<Record<string, string | number | boolean | null>>;
  if (report === 'summary') {
    const previous = { from: new Date(2 * range.from.getTime() - range.to.getTime()), to: range.from };
    const [cur, prev] = await Promise.all([periodMetrics(db, range, scope, currency), periodMetrics(db, previous, scope, currency)]);
    rows = summaryRows(cur, prev, currency);
  } else {
    await assertExportSize(db, report, scope.userId!, range);
    rows = report === 'verifications' ? verificationRows(db, scope.userId!, range) : ledgerRows(db, scope.userId!, range);
  }
  if (format === 'csv') return { filename, contentType, body: csvStream(COLUMNS[report], rows) };

  const t = translatorFor(locale);
  const title = t.t(scope.scope === 'platform' ? 'report.title_platform' : 'report.title', { report });
  const subtitle = t.t('report.subtitle', { from: t.dateTime(range.from, zone), to: t.dateTime(range.to, zone), zone, currency });
  const generated = t.t('report.generated', { at: t.dateTime(new Date(), zone) });
  if (report !== 'summary')
    return { filename, contentType, body: await renderPdf({ title, subtitle, generated, zone, t, columns: COLUMNS[report], rows }) };

  const [daily, rate, services, countries] = await Promise.all([
    analyticsTimeseries(db, { range, scope, metric: 'verifications', interval: 'day', zone, currency }),
    analyticsTimeseries(db, { range, scope, metric: 'success_rate', interval: 'day', zone, currency }),
    analyticsBreakdown(db, range, scope, 'service', currency),
    analyticsBreakdown(db, range, scope, 'country', currency),
  ]);
  const chart = daily.points.map((p, i) => ({
    t: new Date(p.t),
    verifications: p.value ?? 0,
    successRateBps: rate.points[i]?.value ?? null,
  }));
  const top = (title: string, b: typeof services) => ({
    title,
    rows: b.rows.slice(0, 10).map((r) => [r.key, r.verifications_total, r.success_rate_bps] as [string, number, number | null]),
  });
  return {
    filename,
    contentType,
    body: await renderPdf({
      title,
      subtitle,
      generated,
      zone,
      t,
      // the unit and currency columns are for programs (the CSV); a reader sees them in each value
      columns: PDF_SUMMARY_COLUMNS,
      rows: (rows as ReportRow[]).filter((row) => row.value !== null || row.previous_value !== null),
      chart,
      top: [top(t.t('report.top_services'), services), top(t.t('report.top_countries'), countries)],
    }),
  };
}
