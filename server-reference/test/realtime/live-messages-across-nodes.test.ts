import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/events/index.ts';
import { type LiveMessage, RealtimeHub } from '../../src/realtime/realtime-hub.ts';
import { livePublisher, subscribeHubToRedis } from '../../src/realtime/redis-fanout.ts';

const REDIS = process.env.TEST_REDIS_URL;

/** The store is only read to resync after a lost subscription, which these tests do not cause. */
const unusedStore = {} as EventStore;

const received = (hub: RealtimeHub, userId: string) => {
  const messages: LiveMessage[] = [];
  hub.subscribeMessages(userId, (message) => messages.push(message));
  return messages;
};

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('live messages (notification.created) without Redis', () => {
  it("go to this node's connections of the user, and no one else's", () => {
    const hub = new RealtimeHub();
    const mine = received(hub, 'usr_a');
    const theirs = received(hub, 'usr_b');
    void livePublisher(hub, null).publishToUser('usr_a', { type: 'notification.created', notification: { id: 'ntf_1' } });
    expect(mine).toEqual([{ type: 'notification.created', notification: { id: 'ntf_1' } }]);
    expect(theirs).toEqual([]);
  });
});

/**
 * The notification router runs on whichever node consumed the event; the user's sockets may be on another.
 * Two hubs on one Redis stand for two nodes: a message published on node A reaches the user's listener on
 * node B (and on A), once each.
 */
describe.skipIf(!REDIS)('live messages (notification.created) across nodes through Redis', () => {
  let redis: Redis;
  const leave: Array<() => Promise<void>> = [];
  beforeAll(() => {
    redis = new Redis(REDIS!, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    for (const stop of leave) await stop();
    redis?.disconnect();
  });

  it("reach the user's connections on every node, once each, and only that user's", async () => {
    const [nodeA, nodeB] = [new RealtimeHub(), new RealtimeHub()];
    leave.push(await subscribeHubToRedis(nodeA, redis, unusedStore), await subscribeHubToRedis(nodeB, redis, unusedStore));
    const onB = received(nodeB, 'usr_live');
    const onA = received(nodeA, 'usr_live');
    const someoneElse = received(nodeB, 'usr_other');
    const message = { type: 'notification.created', notification: { id: 'ntf_cross', title: 'Code received' }, sound: null };
    await livePublisher(nodeA, redis).publishToUser('usr_live', message);
    await until(() => onB.length === 1 && onA.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(onB).toEqual([message]);
    expect(onA).toEqual([message]);
    expect(someoneElse).toEqual([]);
  });
});
