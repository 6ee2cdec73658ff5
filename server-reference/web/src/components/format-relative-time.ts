const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

const UNITS: ReadonlyArray<readonly [Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** How long ago (or from now) `value` is, in the largest whole unit: `5 seconds ago`, `yesterday`; `never` for null. */
export function formatRelativeTime(value: string | null | undefined, now: number = Date.now()): string {
  if (!value) return 'never';
  const delta = new Date(value).getTime() - now;
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(delta) >= size) ?? UNITS.at(-1)!;
  return relative.format(Math.round(delta / ms), unit);
}
