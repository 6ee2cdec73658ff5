import type { ScheduledReport } from '@namaskah/sdk';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** ISO days of the week (1 = Monday) with their names, for the weekly picker. */
export const WEEKDAYS = DAYS.map((name, i) => [i + 1, name] as const);

/** An hour of the day as a clock time: 8 -> `08:00`. */
export const clockHour = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** When a report runs, in words: `Every day at 08:00 (Asia/Kolkata)`, `Every Monday at 09:00 (UTC)`. */
export function describeSchedule(report: Pick<ScheduledReport, 'frequency' | 'day_of_week' | 'hour_of_day' | 'timezone'>): string {
  const day = report.frequency === 'weekly' && report.day_of_week ? DAYS[report.day_of_week - 1] : 'day';
  return `Every ${day} at ${clockHour(report.hour_of_day)} (${report.timezone})`;
}

/** The recipients typed into the form: separated by commas, spaces or lines, blanks dropped, each once. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}
