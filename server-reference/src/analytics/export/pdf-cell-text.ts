import type { MessageKey, Translator } from '../../i18n/index.ts';
import { changeText, durationText, percentText } from './pdf-units.ts';
import type { ReportRow } from './report-rows.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Columns holding minor units of the row's `currency`. */
const MONEY_COLUMNS = new Set(['price_amount', 'amount', 'balance_after']);
/** Summary columns whose unit the row's `unit` gives. */
const SUMMARY_VALUE_COLUMNS = new Set(['value', 'previous_value']);

/** A summary value in its unit: money in its currency, rates as percentages, durations in ms/s/min. */
function summaryValue(value: number, row: ReportRow, t: Translator): string {
  if (row.unit === 'minor_units' && typeof row.currency === 'string')
    return `${value < 0 ? '-' : ''}${t.money({ amount: value, currency: row.currency })}`;
  if (row.unit === 'bps') return percentText(value, t);
  if (row.unit === 'ms') return durationText(value, t);
  return t.number(value);
}

/**
 * A cell as people read it in the translator's locale: money in its currency, rates as percentages,
 * durations with their unit, changes with their sign, numbers with the locale's separators, metric names
 * as words, timestamps in the report's zone, booleans as words, null as an empty cell. Ids, codes and
 * other text stay as they are. (The CSV keeps the raw values.)
 */
export function pdfCellText(column: string, row: ReportRow, zone: string, t: Translator): string {
  const value = row[column];
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (SUMMARY_VALUE_COLUMNS.has(column)) return summaryValue(value, row, t);
    if (column === 'change_bps') return changeText(value, t, row.unit === 'bps');
    if (column === 'success_rate_bps') return percentText(value, t);
    if (column === 'time_to_code_ms') return durationText(value, t);
    const currency = typeof row.currency === 'string' ? row.currency : null;
    if (MONEY_COLUMNS.has(column) && currency) return `${value < 0 ? '-' : ''}${t.money({ amount: value, currency })}`;
    return t.number(value);
  }
  if (typeof value === 'boolean') return t.t(value ? 'common.yes' : 'common.no');
  if (column === 'metric') return t.t(`report.metric.${value}` as MessageKey);
  if (TIMESTAMP.test(value)) return t.dateTime(new Date(value), zone);
  return value;
}
