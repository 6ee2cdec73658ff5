import { EVENT_TYPES, type NotificationChannel, type NotificationType } from '@namaskah/sdk';

/** The matrix's columns, in the order the contract lists them. */
export const CHANNELS: readonly NotificationChannel[] = ['in_app', 'email', 'sms', 'webhook', 'push'];

export const CHANNEL_LABELS: Record<NotificationChannel, string> = {
  in_app: 'In-app',
  email: 'Email',
  sms: 'SMS',
  webhook: 'Webhook',
  push: 'Push',
};

/** `verification.completed` -> "Verification completed", `sms.received` -> "SMS received", `webhook.endpoint_disabled` -> "Webhook endpoint disabled". */
export const typeLabel = (type: NotificationType): string => {
  const words = type.replace(/[._]/g, ' ').replace(/^sms\b/, 'SMS');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const catalogEvents = new Set<string>(EVENT_TYPES);

/**
 * The contract's fixed rules, so the matrix never offers a choice the server refuses: `webhook` only for
 * catalog event types, and `security.alert` always on and always by email.
 */
export const channelOffered = (type: NotificationType, channel: NotificationChannel): boolean =>
  channel !== 'webhook' || catalogEvents.has(type);

export const channelLocked = (type: NotificationType, channel: NotificationChannel): boolean =>
  type === 'security.alert' && channel === 'email';

export const alwaysEnabled = (type: NotificationType): boolean => type === 'security.alert';
