import type { ColumnType, Selectable } from 'kysely';
import type {
  WebhookDeliveryErrorCode,
  WebhookDeliveryStatus,
  WebhookDeliveryTrigger,
  WebhookEndpointDisabledReason,
} from '../../contract/index.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type DefaultedJson<T> = ColumnType<T, string | undefined, string>;

/** Why an endpoint is disabled (spec/schemas/webhook-endpoint-disabled-reason.yaml). */
export type DisabledReason = WebhookEndpointDisabledReason;
export type DeliveryStatus = WebhookDeliveryStatus;
export type DeliveryTrigger = WebhookDeliveryTrigger;
/** spec/schemas/webhook-delivery-error.yaml `code`. */
export type DeliveryErrorCode = WebhookDeliveryErrorCode;

export interface WebhookEndpointsTable {
  id: string;
  user_id: string;
  url: string;
  description: string | null;
  event_types: Json<string[]>;
  enabled: boolean;
  disabled_reason: DisabledReason | null;
  disabled_at: Timestamp | null;
  secret_ciphertext: string;
  secret_prefix: string;
  previous_secret_ciphertext: string | null;
  previous_secret_expires_at: Timestamp | null;
  /** The delivery headers (a JSON object) sealed with the secret box; null when there are none. */
  headers_ciphertext: ColumnType<string | null, string | null | undefined, string | null>;
  /** The same headers with secret-looking values masked, as responses show them. */
  headers_shown: DefaultedJson<Record<string, string>>;
  last_success_at: Timestamp | null;
  failure_since: Timestamp | null;
  /** Migration 1800: the most attempts per second; null for no limit. */
  max_deliveries_per_second: ColumnType<number | null, number | null | undefined, number | null>;
  /** The next free send slot of a rate-limited endpoint (dispatch/delivery-pacing.ts). */
  next_delivery_slot_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface WebhookMessagesTable {
  event_id: string;
  user_id: string;
  event_type: string;
  sequence: number;
  /** The exact JSON bytes sent, so every retry and replay signs and sends the same body. */
  body: string;
  test: boolean;
  created_at: DefaultedTimestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  trigger: DeliveryTrigger;
  attempt: number;
  schedule_step: number | null;
  replay_of: string | null;
  url: string;
  request_headers: Json<Record<string, string>> | null;
  response_status: number | null;
  response_body: string | null;
  response_body_truncated: ColumnType<boolean, boolean | undefined, boolean>;
  latency_ms: number | null;
  error_code: DeliveryErrorCode | null;
  error_message: string | null;
  next_attempt_at: Timestamp | null;
  attempted_at: Timestamp | null;
  created_at: Timestamp;
  locked_until: Timestamp | null;
}

/** The webhook tables (migration 0500-webhooks). */
export type WebhookTables = {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_deliveries: WebhookDeliveriesTable;
};

export type EndpointRow = Selectable<WebhookEndpointsTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
