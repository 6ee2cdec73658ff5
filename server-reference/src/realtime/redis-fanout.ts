import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { UserEvent } from '../storage/events/event-catalog.ts';
import type { EventConsumer, EventStore } from '../events/index.ts';
import type { RealtimeHub } from './realtime-hub.ts';

/** The Redis pub/sub channel every node's hub listens on. */
const REALTIME_CHANNEL = 'namaskah:realtime:events';

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
 * Subscribes this node's hub to the Redis channel, on a connection of its own (a subscribed Redis
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
    if (channel !== REALTIME_CHANNEL) return;
    try {
      hub.publish([JSON.parse(message) as UserEvent]);
    } catch (error) {
      logger?.error({ err: error }, 'bad real-time message from Redis');
    }
  });
  subscriber.on('error', (error) => logger?.warn({ err: error }, 'real-time Redis subscriber error'));
  await subscriber.subscribe(REALTIME_CHANNEL);
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
