import type { SomeHandlers } from '../../http/operation-handler.ts';
import { deviceHandlers } from './device-handlers.ts';
import { mailboxHandlers } from './mailbox-handlers.ts';
import { notificationHandlers } from './notification-handlers.ts';
import type { NotificationServices } from './notification-services.ts';
import { preferenceHandlers } from './preference-handlers.ts';

export type { NotificationServices } from './notification-services.ts';

/** Every operation the notification module implements, by operationId, for the spec router. */
export const notificationOperationHandlers = (services: NotificationServices) =>
  ({
    ...notificationHandlers(services),
    ...preferenceHandlers(services),
    ...deviceHandlers(services),
    ...mailboxHandlers(services),
  }) satisfies SomeHandlers;
