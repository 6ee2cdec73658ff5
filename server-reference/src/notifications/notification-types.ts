import {
  NOTIFICATION_TYPE_VALUES,
  type NotificationChannel,
  type NotificationFrequency,
  type NotificationSeverity,
  type NotificationSoundName,
  type NotificationType,
} from '../contract/index.ts';

/** Every notification type, in the order of spec/schemas/notification-type.yaml (the list order; generated into src/contract/). */
export const NOTIFICATION_TYPES = NOTIFICATION_TYPE_VALUES;
export type { NotificationChannel, NotificationFrequency, NotificationSeverity, NotificationType };
export type SoundName = NotificationSoundName;

/** The types that exist only as notifications: never catalog events, never delivered to webhooks. */
export const NOTIFICATION_ONLY_TYPES: ReadonlySet<NotificationType> = new Set([
  'security.alert',
  'webhook.endpoint_disabled',
  'report.ready',
]);

/** Channels whose deliveries the notification module sends itself (and quiet hours can hold). */
export type HeldChannel = 'email' | 'sms' | 'push';
export const HELD_CHANNELS: readonly HeldChannel[] = ['email', 'sms', 'push'];

export const isNotificationType = (value: string): value is NotificationType => (NOTIFICATION_TYPES as readonly string[]).includes(value);
