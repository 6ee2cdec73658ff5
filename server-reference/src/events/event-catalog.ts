/** The event catalog (spec/schemas/event-type.yaml): one payload schema per type under spec/schemas/events/. */
export const EVENT_TYPES = [
  'verification.created',
  'verification.completed',
  'verification.failed',
  'verification.cancelled',
  'verification.expired',
  'sms.received',
  'credit.deducted',
  'balance.credited',
  'refund.issued',
  'balance.low',
  'announcement.published',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * One event as every channel delivers it (spec/schemas/event.yaml): webhooks, WebSocket, SSE and
 * `GET /v1/events`. `data` is the type's payload, already serialized to the spec's shape.
 */
export interface PlatformEvent {
  id: string;
  type: EventType;
  timestamp: string;
  sequence: number;
  data: unknown;
}

/** A stored event plus the user it belongs to (not part of the wire object). */
export interface UserEvent extends PlatformEvent {
  userId: string;
}

/** The wire object of an event (drops the recipient, which the channel already implies). */
export const toWireEvent = ({ id, type, timestamp, sequence, data }: PlatformEvent): PlatformEvent =>
  ({ id, type, timestamp, sequence, data });
