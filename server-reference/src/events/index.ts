export { EVENT_TYPES, toWireEvent, type EventType, type PlatformEvent, type UserEvent } from '../storage/events/event-catalog.ts';
export { appendEvent, appendEvents, appendBroadcast, type NewEvent } from '../storage/events/append-event.ts';
export { EventStore } from './event-store.ts';
export { OutboxDispatcher, type EventConsumer, type DispatcherOptions } from './outbox-dispatcher.ts';
export { OutboxWakeChannel, type OutboxWakeChannelOptions } from './outbox-wake-channel.ts';
export { pruneEvents } from './event-retention.ts';
export { eventRoutes } from './event-routes.ts';
