import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AnalyticsBreakdown, AnalyticsTimeseries } from '@namaskah/sdk';
import { breakdownSummary, timeseriesSummary } from '../src/pages/analytics/chart-summary.ts';

const series = (unit: AnalyticsTimeseries['unit'], values: Array<number | null>): AnalyticsTimeseries => ({
  scope: 'me',
  timezone: 'UTC',
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-05T00:00:00Z',
  group_by: null,
  metric: 'spend',
  unit,
  currency: unit === 'minor_units' ? 'USD' : null,
  interval: 'day',
  points: values.map((value, i) => ({ t: `2026-12-0${i + 1}T00:00:00Z`, value })),
});
const day = (t: string) => t.slice(5, 10);

test('a line chart is read as its range, its lowest and highest points, in the series unit', () => {
  assert.equal(
    timeseriesSummary(series('minor_units', [120, null, 30, 480]), day),
    'spend per day, 12-01 to 12-04: lowest $0.30 (12-03), highest $4.80 (12-04), 3 points',
  );
  assert.match(timeseriesSummary(series('bps', [9250, 10000]), day), /lowest 92\.5% \(12-01\), highest 100\.0% \(12-02\)/);
});

test('an empty chart says so', () => {
  assert.equal(timeseriesSummary(series('count', [null]), day), 'spend per day: no data in this range');
  const empty = { dimension: 'service', rows: [] } as unknown as AnalyticsBreakdown;
  assert.equal(breakdownSummary(empty, []), 'Verifications and spend by service: no data in this range');
});

test('a breakdown is read row by row', () => {
  const rows = [
    { name: 'WhatsApp', verifications_total: 3, spend: { amount: 150, currency: 'USD' } },
    { name: 'Telegram', verifications_total: 1, spend: { amount: 40, currency: 'USD' } },
  ] as AnalyticsBreakdown['rows'];
  const breakdown = { dimension: 'service', rows } as AnalyticsBreakdown;
  assert.equal(
    breakdownSummary(breakdown, rows),
    'Verifications and spend by service: WhatsApp 3 verifications, $1.50; Telegram 1 verifications, $0.40',
  );
});
