import { iso } from '../../serializers/money.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { EndpointRow } from '../storage/webhook-tables.ts';

/**
 * `WebhookEndpoint` (spec/schemas/webhook-endpoint.yaml). The previous secret's expiry is shown only while
 * it still signs.
 */
export function serializeEndpoint(row: EndpointRow, nowMs: number = Date.now()): Schemas['WebhookEndpoint'] {
  const previousSigns = row.previous_secret_expires_at !== null && row.previous_secret_expires_at.getTime() > nowMs;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    // the column is JSON text; create/update store only filters their request schema allowed
    event_types: row.event_types as Schemas['WebhookEndpoint']['event_types'],
    headers: row.headers_shown,
    max_deliveries_per_second: row.max_deliveries_per_second,
    enabled: row.enabled,
    disabled_reason: row.disabled_reason,
    disabled_at: iso(row.disabled_at),
    secret_prefix: row.secret_prefix,
    previous_secret_expires_at: previousSigns ? iso(row.previous_secret_expires_at) : null,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    last_success_at: iso(row.last_success_at),
    failure_since: iso(row.failure_since),
  };
}
