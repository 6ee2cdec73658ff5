/** Every notification type, in the order of spec/schemas/notification-type.yaml (the list order). */
export const NOTIFICATION_TYPES = [
  'verification.created',
  'verification.completed',
  'verification.failed',
  'verification.cancelled',
  'verification.expired',
  'sms.received',
  'credit.deducted',
  'balance.credited',
  'refund.issued',
  'balance.low',
  'announcement.published',
  'security.alert',
  'webhook.endpoint_disabled',
  'report.ready',
] as const;

export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export type NotificationChannel = 'in_app' | 'email' | 'sms' | 'webhook' | 'push';
export type NotificationSeverity = 'info' | 'warning' | 'critical';
export type NotificationFrequency = 'instant' | 'hourly' | 'daily';
export type SoundName = 'default' | 'chime' | 'bell' | 'pop' | 'alarm';

/** The types that exist only as notifications: never catalog events, never delivered to webhooks. */
export const NOTIFICATION_ONLY_TYPES: ReadonlySet<NotificationType> = new Set(['security.alert', 'webhook.endpoint_disabled', 'report.ready']);

/** Channels whose deliveries the notification module sends itself (and quiet hours can hold). */
export type HeldChannel = 'email' | 'sms' | 'push';
export const HELD_CHANNELS: readonly HeldChannel[] = ['email', 'sms', 'push'];

export const isNotificationType = (value: string): value is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(value);
