/**
 * The delay before automatic attempt number `step` (1-based) of an event, with up to `jitterRatio` of
 * random variation either way so the retries of a burst of failures spread out; null once the schedule is
 * exhausted.
 *
 * @example
 * retryDelayMs([0, 5000, 300000], 2, 0.1) // between 4500 and 5500
 * retryDelayMs([0, 5000, 300000], 4, 0.1) // null
 */
export function retryDelayMs(
  scheduleMs: readonly number[],
  step: number,
  jitterRatio: number,
  random: () => number = Math.random,
): number | null {
  const base = step >= 1 ? scheduleMs[step - 1] : undefined;
  if (base === undefined) return null;
  return Math.max(0, Math.round(base * (1 + jitterRatio * (2 * random() - 1))));
}
