import type { ColumnType } from 'kysely';
import type { DeviceApnsEnvironment, DevicePlatform } from '../contract/index.ts';
import type { HeldChannel, NotificationChannel, NotificationSeverity, NotificationType } from './notification-types.ts';
import type { PreferenceSettings, QuietHours } from './preferences/preference-defaults.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** Kysely types of the tables of migration 0600-notifications. */
export type NotificationTables = {
  notifications: {
    id: string;
    user_id: string;
    type: NotificationType;
    title: string;
    body: string;
    severity: NotificationSeverity;
    data: Json<Record<string, string>>;
    event_id: string | null;
    read_at: Timestamp | null;
    created_at: Timestamp;
  };
  notification_receipts: {
    user_id: string;
    source_id: string;
    type: string;
    received_at: Timestamp;
  };
  notification_preferences: {
    user_id: string;
    type: NotificationType;
    enabled: boolean;
    channels: Json<NotificationChannel[]>;
    quiet_hours: Json<QuietHours | null> | null;
    sound: Json<PreferenceSettings['sound']>;
    frequency: PreferenceSettings['frequency'];
    updated_at: Timestamp;
  };
  devices: {
    id: string;
    user_id: string;
    platform: DevicePlatform;
    token: string;
    app_id: string;
    apns_environment: DeviceApnsEnvironment | null;
    name: string | null;
    locale: string;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  notification_deliveries: {
    id: string;
    user_id: string;
    source_id: string;
    type: NotificationType;
    channel: HeldChannel;
    severity: NotificationSeverity;
    title: string;
    body: string;
    data: Json<Record<string, string>>;
    created_at: Timestamp;
    due_at: Timestamp;
    status: ColumnType<'pending' | 'sent' | 'skipped' | 'failed', 'pending' | 'sent' | 'skipped' | 'failed' | undefined>;
    claimed_until: Timestamp | null;
    attempts: ColumnType<number, number | undefined, number>;
    last_error: string | null;
    finished_at: Timestamp | null;
  };
  mailbox_messages: {
    id: string;
    from_address: string;
    to_address: string;
    subject: string;
    text: string;
    html: string | null;
    created_at: Timestamp;
  };
};
