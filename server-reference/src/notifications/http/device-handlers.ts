import type { SomeHandlers } from '../../http/operation-handler.ts';
import { json, pageParams, principalOf } from '../../http/routes/respond.ts';
import { page } from '../../serializers/money.ts';
import type { NotificationServices } from './notification-services.ts';
import { serializeDevice } from './notification-serializers.ts';

/** devices tag: register (idempotent on the token), list, unregister. */
export const deviceHandlers = (services: NotificationServices) =>
  ({
    async registerDevice(c) {
      const { user } = principalOf(c);
      const { device, created } = await services.devices.register(user, c.get('input').body, services.clock.now());
      return json(c, created ? 201 : 200, serializeDevice(device));
    },

    async listDevices(c) {
      const params = pageParams(c);
      const rows = await services.devices.list(principalOf(c).user.id, params);
      return json(
        c,
        200,
        page(rows, params.limit, (d) => d.id, serializeDevice),
      );
    },

    async deleteDevice(c) {
      await services.devices.remove(principalOf(c).user.id, c.get('input').path.device_id);
      return c.body(null, 204);
    },
  }) satisfies SomeHandlers;
