import { DateTime } from 'luxon';

export interface Schedule {
  frequency: 'daily' | 'weekly';
  dayOfWeek: number | null;
  hourOfDay: number;
  timezone: string;
}

/**
 * The first run strictly after `after`: the next `hour_of_day` in the zone (on the ISO `day_of_week` for
 * weekly reports). On a DST day without that hour, luxon moves it forward, which is the next hour.
 */
export function nextRunAt(schedule: Schedule, after: Date): Date {
  const now = DateTime.fromJSDate(after, { zone: schedule.timezone });
  let candidate = now.startOf('day').set({ hour: schedule.hourOfDay });
  for (let i = 0; i < 9; i++) {
    const dayMatches = schedule.frequency === 'daily' || candidate.weekday === schedule.dayOfWeek;
    if (dayMatches && candidate > now) return candidate.toJSDate();
    candidate = candidate.plus({ days: 1 }).startOf('day').set({ hour: schedule.hourOfDay });
  }
  throw new Error('no run time found within 9 days');
}

/** The period a run covers: the previous calendar day, or the 7 days before the run day, midnight to midnight. */
export function periodOfRun(schedule: Schedule, runAt: Date): { from: Date; to: Date } {
  const runDay = DateTime.fromJSDate(runAt, { zone: schedule.timezone }).startOf('day');
  const from = runDay.minus({ days: schedule.frequency === 'daily' ? 1 : 7 });
  return { from: from.toJSDate(), to: runDay.toJSDate() };
}
