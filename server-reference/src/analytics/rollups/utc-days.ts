const DAY_MS = 86_400_000;

/** A time range cut into the whole UTC days the rollups answer and the edge pieces read from raw rows. */
interface DaySplit {
  /** Whole UTC days `[from, to)` as `YYYY-MM-DD`, or null when the range holds none. */
  days: { from: string; to: string } | null;
  /** The parts of the range outside `days` (at most two, each shorter than a day). */
  raw: Array<{ from: Date; to: Date }>;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Splits `[from, to)` at UTC midnights. The rollups are kept per UTC day, so a bucket aligned to a
 * caller's zone (say Asia/Kolkata, +05:30) is read from the rollups for the UTC days wholly inside it
 * and from the raw rows for the hours at its ends; a bucket shorter than a day, or one of a day in a
 * zone not aligned to UTC, is read from raw rows alone. The result is the same either way; only the
 * share served by the rollups changes.
 */
function splitUtcDays(from: Date, to: Date): DaySplit {
  const start = from.getTime();
  const end = to.getTime();
  const firstWhole = Math.ceil(start / DAY_MS) * DAY_MS;
  const lastWhole = Math.floor(end / DAY_MS) * DAY_MS;
  if (firstWhole >= lastWhole) return { days: null, raw: start < end ? [{ from, to }] : [] };
  const raw: DaySplit['raw'] = [];
  if (start < firstWhole) raw.push({ from, to: new Date(firstWhole) });
  if (lastWhole < end) raw.push({ from: new Date(lastWhole), to });
  return { days: { from: isoDay(firstWhole), to: isoDay(lastWhole) }, raw };
}

/** One labelled range: `i` is the bucket (or period) the figures of the range are reported under. */
export interface LabelledRange {
  i: number;
  from: Date;
  to: Date;
}

/** The rollup spans and raw pieces of many labelled ranges, as JSON for `jsonb_to_recordset`. */
export function splitLabelled(ranges: LabelledRange[]) {
  const spans: Array<{ i: number; df: string; dt: string }> = [];
  const pieces: Array<{ i: number; f: string; t: string }> = [];
  for (const range of ranges) {
    const split = splitUtcDays(range.from, range.to);
    if (split.days) spans.push({ i: range.i, df: split.days.from, dt: split.days.to });
    for (const piece of split.raw) pieces.push({ i: range.i, f: piece.from.toISOString(), t: piece.to.toISOString() });
  }
  return { spans: JSON.stringify(spans), pieces: JSON.stringify(pieces) };
}

/**
 * The UTC-day spans of `ranges` cut at year ends, as 1-based day-of-year positions in the per-year
 * activity bitmaps (`analytics_user_activity.days`), with the raw pieces left over.
 */
export function splitYearBits(ranges: LabelledRange[]) {
  const segments: Array<{ i: number; y: number; st: number; len: number }> = [];
  const pieces: Array<{ i: number; f: string; t: string }> = [];
  for (const range of ranges) {
    const split = splitUtcDays(range.from, range.to);
    for (const piece of split.raw) pieces.push({ i: range.i, f: piece.from.toISOString(), t: piece.to.toISOString() });
    if (!split.days) continue;
    let cursor = Date.parse(`${split.days.from}T00:00:00Z`);
    const end = Date.parse(`${split.days.to}T00:00:00Z`);
    while (cursor < end) {
      const year = new Date(cursor).getUTCFullYear();
      const yearStart = Date.UTC(year, 0, 1);
      const segmentEnd = Math.min(end, Date.UTC(year + 1, 0, 1));
      segments.push({ i: range.i, y: year, st: (cursor - yearStart) / DAY_MS + 1, len: (segmentEnd - cursor) / DAY_MS });
      cursor = segmentEnd;
    }
  }
  return { segments: JSON.stringify(segments), pieces: JSON.stringify(pieces) };
}
