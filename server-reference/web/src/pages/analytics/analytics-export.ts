import type { AnalyticsExportFormat, AnalyticsReportType } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import type { AnalyticsQuery } from './analytics-controls.ts';
import { apiRange } from './analytics-controls.ts';

/**
 * Downloads a CSV or PDF report. The export needs the bearer token, so a plain link cannot fetch it:
 * the SDK fetches the file and the browser saves the blob.
 */
export async function downloadReport(query: AnalyticsQuery, report: AnalyticsReportType, format: AnalyticsExportFormat): Promise<void> {
  const blob = await client.analytics.export({
    format,
    report,
    ...apiRange(query),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    ...(query.scope === 'platform' ? { scope: 'platform' as const } : {}),
  });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `namaskah-${report}-${query.from}-${query.to}.${format}`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
