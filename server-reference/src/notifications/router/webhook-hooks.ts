import type { EndpointDisabledHook } from '../../webhooks/index.ts';
import type { WebhookChannelFilter } from '../../webhooks/index.ts';
import { isNotificationType } from '../notification-types.ts';
import type { PreferenceStore } from '../preferences/preference-store.ts';
import type { NotificationRouter } from './notification-router.ts';

/**
 * The `webhook` channel of the preferences, for the webhook module's fan-out: a type is sent to the
 * account's endpoints only while it is enabled and lists `webhook`. A batch reads its preferences in one query.
 *
 * @example
 * createWebhookModule({ ..., channelFilter: webhookChannelFilter(notifications.preferences) });
 */
export const webhookChannelFilter =
  (preferences: PreferenceStore): WebhookChannelFilter =>
  async (events) => {
    const governed = events.flatMap((event) => (isNotificationType(event.type) ? [{ userId: event.userId, type: event.type }] : []));
    const read = await preferences.getMany(governed);
    let next = 0;
    return events.map((event) => {
      if (!isNotificationType(event.type)) return true;
      const preference = read[next++]!;
      return preference.enabled && preference.channels.includes('webhook');
    });
  };

/**
 * Tells the owner of an endpoint the webhook module disabled automatically (`webhook.endpoint_disabled`),
 * in the disabling transaction.
 *
 * @example
 * createWebhookModule({ ..., onEndpointDisabled: notifyEndpointDisabled(notifications.router) });
 */
export const notifyEndpointDisabled =
  (router: NotificationRouter): EndpointDisabledHook =>
  async (notice, trx) => {
    await router.notify(
      {
        type: 'webhook.endpoint_disabled',
        userId: notice.userId,
        key: `${notice.endpointId}:${notice.disabledAt.toISOString()}`,
        details: { endpoint_id: notice.endpointId, url: notice.url, reason: notice.reason },
      },
      trx,
    );
  };
