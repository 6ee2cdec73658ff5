import { DateTime } from 'luxon';
import type { AnalyticsInterval } from '../../contract/index.ts';
import { problems } from '../../errors/index.ts';
import type { AnalyticsRange } from '../analytics-params.ts';

export type Interval = AnalyticsInterval;

/** The most buckets one series may have. */
const MAX_BUCKETS = 1000;

/**
 * The bucket starts covering `range` in `zone`: `from` moved back and `to` moved forward to bucket
 * boundaries (days, ISO weeks and months start at local midnight, so DST days are 23 or 25 hours long).
 * The same boundaries as PostgreSQL's `date_trunc(interval, t AT TIME ZONE zone) AT TIME ZONE zone`.
 */
export function bucketsOf(range: AnalyticsRange, interval: Interval, zone: string): { starts: Date[]; from: Date; to: Date } {
  let cursor = DateTime.fromJSDate(range.from, { zone }).startOf(interval);
  const end = DateTime.fromJSDate(range.to, { zone });
  const starts: Date[] = [];
  while (cursor < end) {
    starts.push(cursor.toJSDate());
    if (starts.length > MAX_BUCKETS) {
      throw problems.validation([
        {
          field: '/query/interval',
          code: 'too_many_buckets',
          message: `A series may have at most ${MAX_BUCKETS} buckets; widen the interval or narrow the range.`,
        },
      ]);
    }
    cursor = cursor.plus({ [interval]: 1 });
  }
  // a range is never empty (rangeOf refuses `from` >= `to`), so its first bucket exists
  const [from] = starts;
  if (!from) throw new Error('bucketsOf: an empty range has no buckets');
  return { starts, from, to: cursor.toJSDate() };
}
