import { iso } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { DeliveryWithBody } from './delivery-query.ts';

/**
 * `WebhookDelivery` (spec/schemas/webhook-delivery.yaml). `withResponseBody: false` hides what the
 * receiver answered, for any view that is not the endpoint owner's own.
 */
export function serializeDelivery(
  row: DeliveryWithBody,
  options: { withResponseBody: boolean } = { withResponseBody: true },
): Schemas['WebhookDelivery'] {
  return {
    id: row.id,
    endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    // the column is text; deliveries are made only for catalog events (storage/events/event-catalog.ts)
    event_type: row.event_type as Schemas['WebhookDelivery']['event_type'],
    status: row.status,
    trigger: row.trigger,
    attempt: row.attempt,
    replay_of: row.replay_of,
    url: row.url,
    request_headers: row.request_headers,
    request_body: row.request_body,
    response_status: row.response_status,
    response_body: options.withResponseBody ? row.response_body : null,
    response_body_truncated: options.withResponseBody ? row.response_body_truncated : false,
    latency_ms: row.latency_ms,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    next_attempt_at: iso(row.next_attempt_at),
    attempted_at: iso(row.attempted_at),
    created_at: iso(row.created_at),
  };
}
