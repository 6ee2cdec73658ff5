/** `{ amount, currency }` (spec/schemas/money.yaml). */
export const money = (amount: number, currency = 'USD') => ({ amount, currency });

/** RFC 3339 UTC, or null. */
export const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** A cursor page (`data`, `has_more`, `next_cursor`) from `limit + 1` rows. */
export function page<T, R>(rows: T[], limit: number, cursorOf: (row: T) => string, serialize: (row: T) => R) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return {
    data: items.map(serialize),
    has_more: hasMore,
    next_cursor: hasMore && last !== undefined ? cursorOf(last) : null,
  };
}
