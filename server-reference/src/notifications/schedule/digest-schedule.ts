import { DateTime } from 'luxon';

/** Local hour at which daily digests go out (spec/schemas/notification-frequency.yaml). */
const DAILY_DIGEST_HOUR = 8;

/**
 * When the digest that covers a notification created at `createdAt` is sent: the next top of the hour
 * (`hourly`) or the next 08:00 (`daily`), in the account's time zone, strictly after `createdAt`.
 * Hours are read in the zone too, since some zones are offset by 30 or 45 minutes.
 *
 * @example
 * digestDueAt(new Date('2026-03-10T09:15:00Z'), 'hourly', 'UTC') // 2026-03-10T10:00:00Z
 */
export function digestDueAt(createdAt: Date, frequency: 'hourly' | 'daily', accountZone: string): Date {
  let local = DateTime.fromJSDate(createdAt, { zone: accountZone });
  if (!local.isValid) local = DateTime.fromJSDate(createdAt, { zone: 'UTC' });
  if (frequency === 'hourly') return local.startOf('hour').plus({ hours: 1 }).toJSDate();
  let due = local.startOf('day').set({ hour: DAILY_DIGEST_HOUR });
  if (due <= local) due = local.startOf('day').plus({ days: 1 }).set({ hour: DAILY_DIGEST_HOUR });
  return due.toJSDate();
}
