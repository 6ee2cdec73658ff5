import { iso } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { DeviceRow } from '../devices/device-registry.ts';
import type { NotificationRow } from '../inbox/notification-inbox.ts';
import type { MailboxMessageRow } from '../mailbox/dev-mailbox.ts';
import type { EffectivePreference } from '../preferences/preference-defaults.ts';

/** spec/schemas/notification.yaml */
export const serializeNotification = (row: NotificationRow): Schemas['Notification'] => ({
  id: row.id,
  type: row.type,
  title: row.title,
  body: row.body,
  severity: row.severity,
  data: row.data,
  read_at: iso(row.read_at),
  created_at: iso(row.created_at),
  event_id: row.event_id,
});

/** spec/schemas/notification-preference.yaml */
export const serializePreference = (preference: EffectivePreference): Schemas['NotificationPreference'] => ({
  type: preference.type,
  is_default: preference.is_default,
  enabled: preference.enabled,
  channels: preference.channels,
  quiet_hours: preference.quiet_hours,
  sound: preference.sound,
  frequency: preference.frequency,
  updated_at: iso(preference.updated_at),
});

/** spec/schemas/device.yaml: the token itself is never returned, only its last 8 characters. */
export const serializeDevice = (row: DeviceRow): Schemas['Device'] => ({
  id: row.id,
  platform: row.platform,
  app_id: row.app_id,
  apns_environment: row.apns_environment,
  name: row.name,
  locale: row.locale,
  token_suffix: row.token.slice(-8),
  created_at: iso(row.created_at),
  updated_at: iso(row.updated_at),
});

/** spec/schemas/mailbox-message.yaml */
export const serializeMailboxMessage = (row: MailboxMessageRow): Schemas['MailboxMessage'] => ({
  id: row.id,
  from: row.from_address,
  to: row.to_address,
  subject: row.subject,
  text: row.text,
  html: row.html,
  created_at: iso(row.created_at),
});
