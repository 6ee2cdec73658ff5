/**
 * A committed event as the dispatcher hands it to consumers: the catalog event (spec/schemas/event.yaml)
 * plus the user it belongs to (events carry no user id on the wire; the outbox row knows it).
 */
export interface RoutedEvent {
  id: string;
  type: string;
  userId: string;
  /** The event's `data`. */
  data: unknown;
  /** When it was committed; the notification is dated by the router's clock otherwise. */
  timestamp?: string | Date;
}

/** A notification-only occurrence (security alert, disabled webhook endpoint, ready report). */
export interface NotificationOnlyOccurrence {
  type: 'security.alert' | 'webhook.endpoint_disabled' | 'report.ready';
  userId: string;
  /** Unique per occurrence and stable across retries of the producer: the dedupe key. */
  key: string;
  /**
   * `security.alert`: `{ alert: SecurityAlertKind, values, ids: { session_id?, api_key_id? } }`;
   * `webhook.endpoint_disabled`: `{ endpoint_id, url, reason }` (reason: a WebhookEndpointDisabledReason); `report.ready`: `{ report_id, name }`.
   */
  details: Record<string, unknown>;
}

/** Hands live notifications to the real-time hub (src/realtime/). */
export interface LivePublisher {
  publishToUser(userId: string, message: unknown): void | Promise<void>;
}
