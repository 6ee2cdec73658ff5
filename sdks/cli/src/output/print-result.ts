import type { CliPagination } from '../generated/commands.js';
import { wantsJson } from './output-mode.js';
import { renderList, renderObject } from './render-table.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Prints a command's result on stdout: JSON (pretty, one document) on a pipe or with `--json`; on a
 * terminal a list (`data` of a page, or an array) as a table, an object as field rows, text as is.
 * `pagination` names a page's fields, so only its items are tabled (the next cursor is printed below).
 */
export function printResult(result: unknown, options: { json?: boolean; pagination?: CliPagination }): void {
  if (result === undefined) return;
  if (wantsJson(options.json)) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (typeof result === 'string') {
    process.stdout.write(result.endsWith('\n') ? result : `${result}\n`);
    return;
  }
  const items = Array.isArray(result) ? result : isRecord(result) && options.pagination ? result[options.pagination.itemsField] : undefined;
  if (Array.isArray(items) && items.every(isRecord)) {
    process.stdout.write(`${renderList(items)}\n`);
    const page = options.pagination;
    if (page && isRecord(result) && result[page.hasMoreField] === true) {
      process.stdout.write(`more: --${page.cursorParam.replace(/_/g, '-')} ${String(result[page.nextCursorField])} (or --all)\n`);
    }
    return;
  }
  process.stdout.write(`${isRecord(result) ? renderObject(result) : JSON.stringify(result, null, 2)}\n`);
}
