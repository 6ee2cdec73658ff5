import type { Clock } from '../clock.ts';
import type { NotificationDeliveryWorker } from '../delivery/notification-delivery-worker.ts';
import type { DeviceRegistry } from '../devices/device-registry.ts';
import type { NotificationInbox } from '../inbox/notification-inbox.ts';
import type { DevMailbox } from '../mailbox/dev-mailbox.ts';
import type { PreferenceStore } from '../preferences/preference-store.ts';

/** What the notification handlers use. */
export interface NotificationServices {
  clock: Clock;
  inbox: NotificationInbox;
  preferences: PreferenceStore;
  devices: DeviceRegistry;
  mailbox: DevMailbox;
  worker: NotificationDeliveryWorker;
}
