import type {
  NotificationChannel,
  NotificationFrequency,
  NotificationSeverity,
  NotificationType,
  SoundName,
} from '../notification-types.ts';

/** A type's quiet-hours window (spec/schemas/notification-quiet-hours.yaml). */
export interface QuietHours {
  enabled: boolean;
  /** `HH:MM`, 24-hour clock. */
  start: string;
  end: string;
  /** IANA zone the times are read in. */
  timezone: string;
}

/** The settings of one type (spec/schemas/notification-preference.yaml without the bookkeeping fields). */
export interface PreferenceSettings {
  enabled: boolean;
  channels: NotificationChannel[];
  quiet_hours: QuietHours | null;
  sound: { enabled: boolean; name: SoundName };
  frequency: NotificationFrequency;
}

/** The effective preference of a type for an account. */
export interface EffectivePreference extends PreferenceSettings {
  type: NotificationType;
  is_default: boolean;
  updated_at: Date | null;
}

const OFF = { enabled: false, name: 'default' } as const;
const on = (name: SoundName) => ({ enabled: true, name });

/**
 * The defaults table of spec/paths/notification-preferences.yaml, with each type's fixed severity
 * (`announcement.published` takes the announcement's own; `info` is its fallback).
 */
export const TYPE_DEFAULTS: Record<
  NotificationType,
  { channels: NotificationChannel[]; sound: PreferenceSettings['sound']; severity: NotificationSeverity }
> = {
  'verification.created': { channels: ['webhook'], sound: OFF, severity: 'info' },
  'verification.completed': { channels: ['in_app', 'push', 'webhook'], sound: on('chime'), severity: 'info' },
  'verification.failed': { channels: ['in_app', 'push', 'webhook'], sound: on('default'), severity: 'warning' },
  'verification.cancelled': { channels: ['webhook'], sound: OFF, severity: 'info' },
  'verification.expired': { channels: ['in_app', 'webhook'], sound: OFF, severity: 'warning' },
  'sms.received': { channels: ['webhook'], sound: OFF, severity: 'info' },
  'credit.deducted': { channels: ['webhook'], sound: OFF, severity: 'info' },
  'balance.credited': { channels: ['in_app', 'email', 'webhook'], sound: OFF, severity: 'info' },
  'refund.issued': { channels: ['in_app', 'webhook'], sound: OFF, severity: 'info' },
  'balance.low': { channels: ['in_app', 'email', 'push', 'webhook'], sound: on('bell'), severity: 'warning' },
  'announcement.published': { channels: ['in_app', 'email', 'webhook'], sound: OFF, severity: 'info' },
  'security.alert': { channels: ['in_app', 'email', 'push'], sound: on('alarm'), severity: 'critical' },
  'webhook.endpoint_disabled': { channels: ['in_app', 'email'], sound: OFF, severity: 'warning' },
  'report.ready': { channels: ['in_app'], sound: OFF, severity: 'info' },
};

/** The default preference of `type` (fresh objects: callers may change them). */
export function defaultPreference(type: NotificationType): EffectivePreference {
  const defaults = TYPE_DEFAULTS[type];
  return {
    type,
    is_default: true,
    enabled: true,
    channels: [...defaults.channels],
    quiet_hours: null,
    sound: { ...defaults.sound },
    frequency: 'instant',
    updated_at: null,
  };
}
