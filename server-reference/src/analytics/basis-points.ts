/** `part / whole` in basis points, rounded half up, with integers only; null when `whole` is 0. */
export function rateBps(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((2 * part * 10_000 + whole) / (2 * whole));
}

/** `total / count` rounded half up to an integer; null when `count` is 0. */
export function roundedMean(total: number, count: number): number | null {
  if (count <= 0) return null;
  return Math.floor((2 * total + count) / (2 * count));
}

/**
 * Relative change (current - previous) / previous in basis points, rounded half away from zero; null
 * when previous is 0 or either is null (spec/schemas/analytics-summary-change.yaml).
 */
export function relativeChangeBps(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  const scaled = (current - previous) * 10_000;
  const magnitude = Math.floor((2 * Math.abs(scaled) + Math.abs(previous)) / (2 * Math.abs(previous)));
  return Math.sign(scaled) * Math.sign(previous) * magnitude || 0;
}

/** Difference of two rates in basis points; null when either is null. */
export const differenceBps = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null ? null : current - previous;
