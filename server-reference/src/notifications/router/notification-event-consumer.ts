import type { EventConsumer } from '../../events/index.ts';
import type { NotificationRouter } from './notification-router.ts';

/** The outbox consumer name of the notification router (its outbox rows are kept under it). */
export const NOTIFICATION_CONSUMER = 'notifications';

/**
 * The notification router as a consumer of the outbox dispatcher. Events of a batch are routed in order;
 * a failure throws so the dispatcher redelivers the batch, and the router's receipts make the events
 * already routed no-ops the second time.
 *
 * @example
 * new OutboxDispatcher({ db, consumers: [hubConsumer, notificationEventConsumer(notifications.router)] });
 */
export const notificationEventConsumer = (router: NotificationRouter): EventConsumer => ({
  name: NOTIFICATION_CONSUMER,
  async handle(events) {
    for (const event of events) await router.routeEvent(event);
  },
});
