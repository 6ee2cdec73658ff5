import type { Schemas } from './wire-models.ts';

/** `{ amount, currency }` (spec/schemas/money.yaml). */
export const money = (amount: number, currency = 'USD'): Schemas['Money'] => ({ amount, currency });

/** RFC 3339 UTC; null for a column that may be null (a `Date` always gives a string). */
export function iso(date: Date): string;
export function iso(date: Date | null | undefined): string | null;
export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** A cursor page (`data`, `has_more`, `next_cursor`) from `limit + 1` rows. */
export function page<T, R>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
  serialize: (row: T) => R,
): { data: R[]; has_more: boolean; next_cursor: string | null } {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    data: items.map(serialize),
    has_more: hasMore,
    next_cursor: hasMore && last !== undefined ? cursorOf(last) : null,
  };
}
