import type {
  NotificationChannel,
  NotificationFrequency,
  NotificationPreference,
  NotificationQuietHours,
  NotificationSoundName,
  NotificationType,
  UpdateNotificationPreferenceRequest,
} from '@namaskah/sdk';
import { CHANNELS } from './preference-rules.ts';

/** The single form's values: one row per type, and the settings shared by every type. */
export interface PreferenceFormValues {
  rows: ReadonlyMap<NotificationType, { enabled: boolean; channels: NotificationChannel[]; sound: NotificationSoundName | 'off' }>;
  quietHours: NotificationQuietHours;
  /** `keep` leaves each type's own frequency (offered only while the types differ). */
  frequency: NotificationFrequency | 'keep';
}

/** The frequency every type shares, or `keep` when they differ. */
export const sharedFrequency = (preferences: readonly NotificationPreference[]): NotificationFrequency | 'keep' => {
  const frequencies = new Set(preferences.map((preference) => preference.frequency));
  return frequencies.size === 1 ? [...frequencies][0]! : 'keep';
};

/** The quiet-hours window the form starts from: the first type that has one, else 22:00-07:00 off, in `zone`. */
export const sharedQuietHours = (preferences: readonly NotificationPreference[], zone: string): NotificationQuietHours =>
  preferences.find((preference) => preference.quiet_hours)?.quiet_hours ?? { enabled: false, start: '22:00', end: '07:00', timezone: zone };

const sameQuietHours = (saved: NotificationQuietHours | null, wanted: NotificationQuietHours): boolean =>
  saved === null
    ? !wanted.enabled
    : saved.enabled === wanted.enabled && saved.start === wanted.start && saved.end === wanted.end && saved.timezone === wanted.timezone;

/**
 * The PATCH each type needs so the saved preferences match the form: only the fields that differ, and
 * no entry for a type that already matches (so one Save sends as few requests as it can).
 */
export function preferenceChanges(
  preferences: readonly NotificationPreference[],
  values: PreferenceFormValues,
): Array<[NotificationType, UpdateNotificationPreferenceRequest]> {
  const changes: Array<[NotificationType, UpdateNotificationPreferenceRequest]> = [];
  for (const preference of preferences) {
    const row = values.rows.get(preference.type);
    const update: UpdateNotificationPreferenceRequest = {};
    if (row) {
      const channels = CHANNELS.filter((channel) => row.channels.includes(channel));
      // no channel ticked means "deliver nowhere": the contract says that with `enabled: false`, not an empty list
      const enabled = row.enabled && channels.length > 0;
      if (enabled !== preference.enabled) update.enabled = enabled;
      const saved = CHANNELS.filter((channel) => preference.channels.includes(channel));
      if (channels.length > 0 && channels.join() !== saved.join()) update.channels = channels;
      const sound = row.sound === 'off' ? { enabled: false, name: preference.sound.name } : { enabled: true, name: row.sound };
      if (sound.enabled !== preference.sound.enabled || (sound.enabled && sound.name !== preference.sound.name)) update.sound = sound;
    }
    if (!sameQuietHours(preference.quiet_hours, values.quietHours)) update.quiet_hours = values.quietHours;
    if (values.frequency !== 'keep' && values.frequency !== preference.frequency) update.frequency = values.frequency;
    if (Object.keys(update).length > 0) changes.push([preference.type, update]);
  }
  return changes;
}
