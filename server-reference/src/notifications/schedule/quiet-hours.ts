import { DateTime, IANAZone } from 'luxon';
import type { QuietHours } from '../preferences/preference-defaults.ts';

/** Whether `zone` is a zone of the tz database (as the running ICU knows it). */
export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

const hhmm = (value: string): { hour: number; minute: number } => {
  // `HH:MM`, as the preference schema requires
  const [hour = 0, minute = 0] = value.split(':').map(Number);
  return { hour, minute };
};

/**
 * The wall-clock time `time` on the calendar day of `day`, in the day's zone. A time skipped by a
 * daylight-saving jump moves forward with it (02:30 on a spring-forward night is 03:30), as people expect.
 */
const atWallClock = (day: DateTime, time: string): DateTime =>
  DateTime.fromObject({ year: day.year, month: day.month, day: day.day, ...hhmm(time) }, { zone: day.zone });

/**
 * When the quiet-hours window that contains `instant` ends, or null when `instant` is outside every
 * window (or the window is disabled). The window is `[start, end)` in wall-clock time of `timezone`,
 * spanning midnight when `end` is earlier than `start`, so it follows daylight-saving changes.
 *
 * @example
 * quietHoursEnd(new Date('2026-03-10T17:30:00Z'), { enabled: true, start: '22:00', end: '07:00', timezone: 'Asia/Kolkata' })
 * // 2026-03-11T01:30:00Z (07:00 in Kolkata)
 */
export function quietHoursEnd(instant: Date, quiet: QuietHours | null): Date | null {
  if (!quiet?.enabled) return null;
  const local = DateTime.fromJSDate(instant, { zone: quiet.timezone });
  if (!local.isValid) return null;
  const spansMidnight = quiet.end <= quiet.start;
  // the window containing `instant` started today or (when it spans midnight) yesterday
  for (const startDay of [local.startOf('day'), local.startOf('day').minus({ days: 1 })]) {
    const start = atWallClock(startDay, quiet.start);
    const end = atWallClock(spansMidnight ? startDay.plus({ days: 1 }) : startDay, quiet.end);
    if (start <= local && local < end) return end.toJSDate();
  }
  return null;
}
