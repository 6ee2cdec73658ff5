import Table from 'cli-table3';

/** Columns shown for a list: the scalar fields of its first items, at most this many. */
const MAX_COLUMNS = 7;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isMoney(value)) return `${(value.amount / 100).toFixed(2)} ${value.currency}`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function isMoney(value: unknown): value is { amount: number; currency: string } {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.amount === 'number' && typeof record.currency === 'string' && Object.keys(record).length === 2;
}

const isShown = (value: unknown) => value === null || typeof value !== 'object' || isMoney(value);

/** Items as rows, the columns chosen from the fields the items share. */
export function renderList(items: readonly Record<string, unknown>[]): string {
  if (items.length === 0) return '(no items)';
  const columns = Object.keys(items[0]!)
    .filter((key) => items.every((item) => isShown(item[key])))
    .slice(0, MAX_COLUMNS);
  const table = new Table({ head: columns, style: { head: [], border: [] } });
  for (const item of items) table.push(columns.map((key) => cell(item[key])));
  return table.toString();
}

/** One object as field / value rows. */
export function renderObject(value: Record<string, unknown>): string {
  const table = new Table({ style: { head: [], border: [] } });
  for (const [key, field] of Object.entries(value)) table.push({ [key]: cell(field) });
  return table.toString();
}
