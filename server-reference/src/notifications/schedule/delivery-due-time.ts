import type { HeldChannel, NotificationSeverity } from '../notification-types.ts';
import type { PreferenceSettings } from '../preferences/preference-defaults.ts';
import { digestDueAt } from './digest-schedule.ts';
import { quietHoursEnd } from './quiet-hours.ts';

export interface DueTimeInput {
  createdAt: Date;
  severity: NotificationSeverity;
  channel: HeldChannel;
  preference: PreferenceSettings;
  /** The account's own time zone (`users.timezone`): digests are sent by it. */
  accountZone: string;
  now: Date;
}

/**
 * When a channel delivery is due under the preference as it is NOW: critical ones at once; an email of
 * an `hourly`/`daily` type at its digest time; and anything that would fall inside the type's quiet hours
 * at the end of the window. Recomputed whenever the preference changes, so held deliveries follow the
 * new settings (removing quiet hours makes them due at once).
 */
export function deliveryDueAt(input: DueTimeInput): Date {
  const { createdAt, now, preference } = input;
  if (input.severity === 'critical') return createdAt;
  let due = createdAt;
  if (input.channel === 'email' && preference.frequency !== 'instant') {
    due = digestDueAt(createdAt, preference.frequency, input.accountZone);
  }
  if (due < now) due = now;
  // a window end is never inside the next window of the same daily schedule, but a DST fold can make one
  // end touch another; a few steps settle it
  for (let i = 0; i < 3; i++) {
    const end = quietHoursEnd(due, preference.quiet_hours);
    if (!end) break;
    due = end;
  }
  return due;
}

/** Whether `instant` is inside the type's quiet hours, where sounds stay off for non-critical ones. */
export const isQuietAt = (instant: Date, preference: PreferenceSettings): boolean =>
  quietHoursEnd(instant, preference.quiet_hours) !== null;
