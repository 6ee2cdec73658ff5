import type { Translator } from '../../i18n/index.ts';
import type { ReportRow } from './report-rows.ts';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Columns holding minor units of the row's `currency`. */
const MONEY_COLUMNS = new Set(['price_amount', 'amount', 'balance_after']);
/** Summary columns holding minor units when the row's `unit` says so. */
const SUMMARY_MONEY_COLUMNS = new Set(['value', 'previous_value']);

/**
 * A cell as people read it in the translator's locale: money in its currency, numbers with the locale's
 * separators, timestamps in the report's zone, booleans as words, null as an empty cell. Ids, codes and
 * other text stay as they are.
 */
export function pdfCellText(column: string, row: ReportRow, zone: string, t: Translator): string {
  const value = row[column];
  if (value === null || value === undefined) return '';
  const currency = typeof row.currency === 'string' ? row.currency : null;
  const isMoney = MONEY_COLUMNS.has(column) || (SUMMARY_MONEY_COLUMNS.has(column) && row.unit === 'minor_units');
  if (typeof value === 'number') {
    if (isMoney && currency) return `${value < 0 ? '-' : ''}${t.money({ amount: value, currency })}`;
    return t.number(value);
  }
  if (typeof value === 'boolean') return t.t(value ? 'common.yes' : 'common.no');
  if (TIMESTAMP.test(value)) return t.dateTime(new Date(value), zone);
  return value;
}
