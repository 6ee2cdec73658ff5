import { EVENT_TYPE_VALUES, type EventType } from '../../contract/index.ts';

/** The event catalog (spec/schemas/event-type.yaml, generated into src/contract/): one payload schema per type under spec/schemas/events/. */
export const EVENT_TYPES = EVENT_TYPE_VALUES;
export type { EventType };

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
export const toWireEvent = ({ id, type, timestamp, sequence, data }: PlatformEvent): PlatformEvent => ({
  id,
  type,
  timestamp,
  sequence,
  data,
});
