import type { SomeHandlers } from '../../http/operation-handler.ts';
import { problems } from '../../errors/index.ts';
import { json, principalOf } from '../../http/routes/respond.ts';
import type { NotificationType } from '../notification-types.ts';
import type { PreferencePatch } from '../preferences/preference-store.ts';
import type { NotificationServices } from './notification-services.ts';
import { serializePreference } from './notification-serializers.ts';

const preferenceList = async (services: NotificationServices, userId: string) => ({
  preferences: (await services.preferences.list(userId)).map(serializePreference),
});

/**
 * notification-preferences tag. A change or reset also reschedules the account's held deliveries, so
 * they follow the new settings.
 */
export const preferenceHandlers = (services: NotificationServices) =>
  ({
    async listNotificationPreferences(c) {
      return json(c, 200, await preferenceList(services, principalOf(c).user.id));
    },

    async getNotificationPreference(c) {
      const preference = await services.preferences.get(principalOf(c).user.id, c.get('input').path.type);
      return json(c, 200, serializePreference(preference));
    },

    async updateNotificationPreference(c) {
      const { user } = principalOf(c);
      const type = c.get('input').path.type as NotificationType;
      const preference = await services.preferences.update(user, type, c.get('input').body as PreferencePatch, services.clock.now());
      await services.worker.reschedule(user.id);
      return json(c, 200, serializePreference(preference));
    },

    async resetNotificationPreferences(c) {
      const { user } = principalOf(c);
      const types = (c.get('input').body?.types ?? undefined) as NotificationType[] | undefined;
      if (types && types.length === 0) {
        throw problems.validation([
          { field: '/body/types', code: 'min_length', message: 'must list at least one type; omit it to reset every type' },
        ]);
      }
      if (types && new Set(types).size !== types.length) {
        throw problems.validation([{ field: '/body/types', code: 'unique', message: 'must not list a type twice' }]);
      }
      await services.preferences.reset(user.id, types);
      await services.worker.reschedule(user.id);
      return json(c, 200, await preferenceList(services, user.id));
    },
  }) satisfies SomeHandlers;
