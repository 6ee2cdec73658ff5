import type { SomeHandlers } from '../../http/operation-handler.ts';
import { problems } from '../../errors/index.ts';
import { json, pageParams, principalOf } from '../../http/routes/respond.ts';
import { page } from '../../serializers/money.ts';
import type { NotificationServices } from './notification-services.ts';
import { serializeMailboxMessage } from './notification-serializers.ts';

/** admin tag, dev mailbox: admins only, since messages can hold sign-in codes and reset links. */
export const mailboxHandlers = (services: NotificationServices) =>
  ({
    async adminListMailboxMessages(c) {
      if (principalOf(c).user.role !== 'admin') throw problems.forbidden('This operation requires the admin role.');
      const params = pageParams(c);
      const rows = await services.mailbox.list({ to: c.get('input').query.to }, params);
      return json(
        c,
        200,
        page(rows, params.limit, (m) => m.id, serializeMailboxMessage),
      );
    },
  }) satisfies SomeHandlers;
