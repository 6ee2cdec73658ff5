import type { SomeHandlers } from '../../http/operation-handler.ts';
import { json, pageParams, principalOf } from '../../http/routes/respond.ts';
import { page } from '../../serializers/money.ts';
import type { NotificationServices } from './notification-services.ts';
import { serializeNotification } from './notification-serializers.ts';

/** notifications tag: list, unread count, mark one read, mark all read. */
export const notificationHandlers = (services: NotificationServices) =>
  ({
    async listNotifications(c) {
      const params = pageParams(c);
      const { unread, type, severity } = c.get('input').query;
      const rows = await services.inbox.list(principalOf(c).user.id, { unread, type, severity }, params);
      return json(
        c,
        200,
        page(rows, params.limit, (n) => n.id, serializeNotification),
      );
    },

    async getUnreadNotificationCount(c) {
      return json(c, 200, { count: await services.inbox.unreadCount(principalOf(c).user.id) });
    },

    async markNotificationRead(c) {
      const row = await services.inbox.markRead(principalOf(c).user.id, c.get('input').path.notification_id, services.clock.now());
      return json(c, 200, serializeNotification(row));
    },

    async markAllNotificationsRead(c) {
      const body = c.get('input').body ?? {};
      const updated = await services.inbox.markAllRead(
        principalOf(c).user.id,
        { type: body.type, before: body.before ? new Date(body.before) : undefined },
        services.clock.now(),
      );
      return json(c, 200, { updated });
    },
  }) satisfies SomeHandlers;
