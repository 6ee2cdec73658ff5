import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { ReportRow } from './report-rows.ts';

/** Characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet would run as a formula gets a leading `'`; numbers, booleans and nulls are
 * left as they are (a negative amount stays a number).
 */
const neutralizeFormula = (value: ReportRow[string]): ReportRow[string] =>
  typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;

/**
 * Streams rows as RFC 4180 CSV: UTF-8 without BOM, CRLF line ends, a header row, fields quoted when
 * they hold a comma, quote or line break, empty for null, booleans `true`/`false`.
 *
 * @example
 * return new Response(csvStream(COLUMNS.ledger, ledgerRows(db, userId, range)), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
 */
export function csvStream(columns: string[], rows: AsyncIterable<ReportRow> | Iterable<ReportRow>): ReadableStream<Uint8Array> {
  const source = Readable.from(
    (async function* () {
      for await (const row of rows) yield columns.map((column) => neutralizeFormula(row[column] ?? null));
    })(),
  );
  const csv = stringify({
    header: true,
    columns,
    record_delimiter: 'windows',
    bom: false,
    cast: { boolean: (value) => (value ? 'true' : 'false') },
  });
  source.on('error', (error) => csv.destroy(error));
  return Readable.toWeb(source.pipe(csv)) as ReadableStream<Uint8Array>;
}
