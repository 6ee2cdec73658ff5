import type { Context } from 'hono';
import type { AnyOperationEnv } from '../../http/app-env.ts';
import type { SomeHandlers } from '../../http/operation-handler.ts';
import { ApiError } from '../../errors/index.ts';
import { json, pageParams, principalOf } from '../../http/routes/respond.ts';
import { page } from '../../serializers/money.ts';
import { serializeDelivery } from '../deliveries/delivery-serializer.ts';
import { sampleEventData } from '../deliveries/sample-event-data.ts';
import { serializeEndpoint } from '../endpoints/endpoint-serializer.ts';
import type { WebhookModule } from '../webhook-module.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** 403 `feature_not_available` unless the caller's tier has webhooks. */
function requireWebhooksFeature<E extends AnyOperationEnv>(c: Context<E>): string {
  const principal = principalOf(c);
  if (!principal.tier.features.webhooks) {
    throw new ApiError('feature_not_available', `The ${principal.tier.name} tier does not include webhooks.`);
  }
  return principal.user.id;
}

/**
 * Handlers of the `webhook-endpoints` operations, by operationId, for the spec router (which has already
 * authenticated, checked the API key scope, validated the input and applied idempotency).
 *
 * @example
 * const webhooks = createWebhookModule({ db, config: loadWebhookConfig(process.env, { sandbox: true }) });
 * registerSpecRoutes(app, spec, { ...operationHandlers, ...createWebhookEndpointRoutes(webhooks) }, store);
 */
export function createWebhookEndpointRoutes(webhooks: WebhookModule) {
  const now = () => webhooks.clock.now();
  return {
    async listWebhookEndpoints(c) {
      const params = pageParams(c);
      const rows = await webhooks.endpoints.list(principalOf(c).user.id, { ...params, enabled: c.get('input').query.enabled });
      return json(
        c,
        200,
        page(
          rows,
          params.limit,
          (row) => row.id,
          (row) => serializeEndpoint(row, now()),
        ),
      );
    },

    async createWebhookEndpoint(c) {
      const userId = requireWebhooksFeature(c);
      const { endpoint, secret } = await webhooks.endpoints.create(userId, c.get('input').body);
      return json(
        c,
        201,
        { ...serializeEndpoint(endpoint, now()), secret },
        { ...NO_STORE, Location: `/v1/webhook-endpoints/${endpoint.id}` },
      );
    },

    async getWebhookEndpoint(c) {
      const endpoint = await webhooks.endpoints.get(principalOf(c).user.id, c.get('input').path.endpoint_id);
      return json(c, 200, serializeEndpoint(endpoint, now()));
    },

    async updateWebhookEndpoint(c) {
      const body = c.get('input').body ?? {};
      // disabling and editing the description stay possible on a tier without webhooks
      const userId =
        body.url !== undefined || body.event_types !== undefined || body.enabled === true
          ? requireWebhooksFeature(c)
          : principalOf(c).user.id;
      const endpoint = await webhooks.endpoints.update(userId, c.get('input').path.endpoint_id, body);
      return json(c, 200, serializeEndpoint(endpoint, now()));
    },

    async deleteWebhookEndpoint(c) {
      await webhooks.endpoints.delete(principalOf(c).user.id, c.get('input').path.endpoint_id);
      return c.body(null, 204);
    },

    async rotateWebhookEndpointSecret(c) {
      const userId = requireWebhooksFeature(c);
      const overlap = c.get('input').body?.overlap_seconds ?? webhooks.config.rotationOverlapSeconds;
      const { endpoint, secret } = await webhooks.endpoints.rotateSecret(userId, c.get('input').path.endpoint_id, overlap);
      return json(c, 200, { ...serializeEndpoint(endpoint, now()), secret }, NO_STORE);
    },

    async testWebhookEndpoint(c) {
      const userId = requireWebhooksFeature(c);
      const type = c.get('input').body?.event_type ?? 'verification.completed';
      const data = sampleEventData(c.get('services').spec.document, type);
      const delivery = await webhooks.manual.sendTest(userId, c.get('input').path.endpoint_id, type, data);
      return json(c, 201, serializeDelivery(delivery), { Location: deliveryLocation(delivery) });
    },

    async listWebhookDeliveries(c) {
      const query = c.get('input').query;
      const params = pageParams(c);
      const rows = await webhooks.log.list(principalOf(c).user.id, c.get('input').path.endpoint_id, {
        ...params,
        status: query.status,
        eventType: query.event_type,
        eventId: query.event_id,
        createdGte: query.created_gte ? new Date(query.created_gte) : undefined,
        createdLt: query.created_lt ? new Date(query.created_lt) : undefined,
      });
      return json(
        c,
        200,
        page(
          rows,
          params.limit,
          (row) => row.id,
          (row) => serializeDelivery(row),
        ),
      );
    },

    async getWebhookDelivery(c) {
      const { endpoint_id, delivery_id } = c.get('input').path;
      return json(c, 200, serializeDelivery(await webhooks.log.get(principalOf(c).user.id, endpoint_id, delivery_id)));
    },

    async replayWebhookDelivery(c) {
      const userId = requireWebhooksFeature(c);
      const { endpoint_id, delivery_id } = c.get('input').path;
      const delivery = await webhooks.manual.replay(userId, endpoint_id, delivery_id);
      return json(c, 201, serializeDelivery(delivery), { Location: deliveryLocation(delivery) });
    },

    async replayFailedWebhookDeliveries(c) {
      const userId = requireWebhooksFeature(c);
      const queued = await webhooks.manual.replayFailed(userId, c.get('input').path.endpoint_id, new Date(c.get('input').body.since));
      return json(c, 202, { queued });
    },
  } satisfies SomeHandlers;
}

const deliveryLocation = (delivery: { endpoint_id: string; id: string }) =>
  `/v1/webhook-endpoints/${delivery.endpoint_id}/deliveries/${delivery.id}`;
