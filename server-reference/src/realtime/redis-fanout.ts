import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { UserEvent } from '../storage/events/event-catalog.ts';
import type { EventConsumer, EventStore } from '../events/index.ts';
import type { LiveMessage, RealtimeHub } from './realtime-hub.ts';

/** The Redis pub/sub channel every node's hub listens on. */
const REALTIME_CHANNEL = 'namaskah:realtime:events';
/** The channel of live messages that are not events (`notification.created`), each `{ userId, message }`. */
const LIVE_CHANNEL = 'namaskah:realtime:live';

/** Hands a live message to a user's connections, wherever they are connected. */
export interface LivePublisher {
  publishToUser(userId: string, message: LiveMessage): void | Promise<void>;
}

/**
 * Live messages to every node's connections: the notification router runs on whichever node consumed the
 * event, while the user's sockets may be on any other. Without Redis, this node's hub is all there is.
 * Like the hub, nothing is kept: a message published while a node's subscription is down is not replayed
 * (the notification is in the inbox either way).
 */
export function livePublisher(hub: RealtimeHub, redis: Redis | null): LivePublisher {
  if (!redis) return hub;
  return {
    async publishToUser(userId, message) {
      await redis.publish(LIVE_CHANNEL, JSON.stringify({ userId, message }));
    },
  };
}

/**
 * The outbox consumer that feeds the hubs. Without Redis it hands events to this node's hub; with Redis it
 * publishes them, and every node (this one included) delivers them from its subscription, so an event
 * committed and dispatched on node A reaches a client connected to node B.
 */
export function realtimeConsumer(hub: RealtimeHub, redis: Redis | null): EventConsumer {
  return {
    name: 'realtime',
    async handle(events: UserEvent[]) {
      if (!redis) return hub.publish(events);
      const pipeline = redis.pipeline();
      for (const event of events) pipeline.publish(REALTIME_CHANNEL, JSON.stringify(event));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
    },
  };
}

/**
 * Subscribes this node's hub to the Redis channels (events and live messages), on a connection of its own (a subscribed Redis
 * connection can do nothing else). Returns the function that unsubscribes.
 */
export async function subscribeHubToRedis(
  hub: RealtimeHub,
  redis: Redis,
  store: EventStore,
  logger?: Logger,
): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  // Messages published while the subscription was down (a restart, a Sentinel failover) are gone: once it
  // is back, each connected user's latest event goes through the hub again, and every stream behind it
  // fetches what it missed from the store (one query per user with connections here, per reconnection).
  let connectedBefore = false;
  let resync: NodeJS.Timeout | undefined;
  subscriber.on('ready', () => {
    if (connectedBefore) {
      clearTimeout(resync);
      // after ioredis has re-sent SUBSCRIBE, so nothing committed from now on is missed either
      resync = setTimeout(() => void resyncHub(hub, store).catch((error) => logger?.warn({ err: error }, 'real-time resync failed')), 500);
    }
    connectedBefore = true;
  });
  subscriber.on('message', (channel: string, message: string) => {
    try {
      if (channel === REALTIME_CHANNEL) hub.publish([JSON.parse(message) as UserEvent]);
      else if (channel === LIVE_CHANNEL) {
        const live = JSON.parse(message) as { userId: string; message: LiveMessage };
        hub.publishToUser(live.userId, live.message);
      }
    } catch (error) {
      logger?.error({ err: error }, 'bad real-time message from Redis');
    }
  });
  subscriber.on('error', (error) => logger?.warn({ err: error }, 'real-time Redis subscriber error'));
  await subscriber.subscribe(REALTIME_CHANNEL, LIVE_CHANNEL);
  return async () => {
    clearTimeout(resync);
    subscriber.disconnect();
  };
}

async function resyncHub(hub: RealtimeHub, store: EventStore): Promise<void> {
  for (const userId of hub.users()) {
    const latest = await store.latestSequence(userId);
    if (latest > 0) hub.redeliver(await store.range(userId, latest - 1, latest));
  }
}
