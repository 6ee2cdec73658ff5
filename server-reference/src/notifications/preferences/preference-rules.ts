import type { FieldError } from '../../errors/index.ts';
import { NOTIFICATION_ONLY_TYPES, type NotificationType } from '../notification-types.ts';
import { isValidTimeZone } from '../schedule/quiet-hours.ts';
import type { PreferenceSettings } from './preference-defaults.ts';

/**
 * The rules of spec/paths/notification-preferences.yaml a changed preference must keep, beyond what the
 * request schema checks. Returns the field errors (empty when the settings are acceptable).
 */
export function preferenceViolations(
  type: NotificationType,
  settings: PreferenceSettings,
  account: { phoneNumber: string | null },
): FieldError[] {
  const errors: FieldError[] = [];
  const { channels, quiet_hours: quiet } = settings;
  if (channels.length === 0) {
    errors.push({
      field: '/body/channels',
      code: 'min_length',
      message: 'must list at least one channel; to deliver nowhere, set enabled to false',
    });
  }
  if (new Set(channels).size !== channels.length) {
    errors.push({ field: '/body/channels', code: 'unique', message: 'must not list a channel twice' });
  }
  if (type === 'security.alert' && !settings.enabled) {
    errors.push({ field: '/body/enabled', code: 'invalid', message: 'security.alert cannot be disabled' });
  }
  if (type === 'security.alert' && !channels.includes('email')) {
    errors.push({ field: '/body/channels', code: 'invalid', message: 'security.alert must keep the email channel' });
  }
  if (NOTIFICATION_ONLY_TYPES.has(type) && channels.includes('webhook')) {
    errors.push({ field: '/body/channels', code: 'invalid', message: `${type} is not a catalog event and cannot be sent to webhooks` });
  }
  if (channels.includes('sms') && !account.phoneNumber) {
    errors.push({ field: '/body/channels', code: 'invalid', message: 'the sms channel needs a contact phone_number on the account' });
  }
  if (quiet) {
    if (quiet.start === quiet.end) {
      errors.push({ field: '/body/quiet_hours/end', code: 'invalid', message: 'must differ from start' });
    }
    if (!isValidTimeZone(quiet.timezone)) {
      errors.push({ field: '/body/quiet_hours/timezone', code: 'invalid', message: `${quiet.timezone} is not a tz database zone` });
    }
  }
  return errors;
}
