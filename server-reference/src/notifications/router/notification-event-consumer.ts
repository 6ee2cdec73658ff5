import type { EventConsumer } from '../../events/index.ts';
import type { NotificationRouter } from './notification-router.ts';

/** The outbox consumer name of the notification router (its outbox rows are kept under it). */
export const NOTIFICATION_CONSUMER = 'notifications';

/**
 * The notification router as a consumer of the outbox dispatcher. A batch is routed in one go (its
 * preferences and accounts read once, its records written in one transaction), in order; a failure throws
 * so the dispatcher redelivers the batch, and the router's receipts make the events already routed no-ops
 * the second time.
 *
 * @example
 * new OutboxDispatcher({ db, consumers: [hubConsumer, notificationEventConsumer(notifications.router)] });
 */
export const notificationEventConsumer = (router: NotificationRouter): EventConsumer => ({
  name: NOTIFICATION_CONSUMER,
  async handle(events) {
    await router.routeEvents(events);
  },
});
