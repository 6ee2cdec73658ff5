import type { Redis } from 'ioredis';
import { newId } from '../../../src/storage/ids.ts';
import { appendEvent, type NewEvent } from '../../../src/storage/events/append-event.ts';
import type { UserEvent } from '../../../src/storage/events/event-catalog.ts';
import type { OutboxDispatcher } from '../../../src/events/outbox-dispatcher.ts';
import type { Realtime, RealtimeConfig } from '../../../src/realtime/index.ts';
import type { AttachedWebSocket } from '../../../src/realtime/websocket-server.ts';
import { createTestServer, type TestServer } from '../../support/test-server.ts';
import { startRealtimeNode } from './realtime-node.ts';

/** A real HTTP server on loopback with the real-time channel wired as the lead wires it in main.ts. */
export interface RealtimeHarness {
  server: TestServer;
  realtime: Realtime;
  dispatcher: OutboxDispatcher;
  ws: AttachedWebSocket;
  baseUrl: string;
  wsUrl: string;
  /** A new user with a live session and its access token (straight in the tables, independent of registration). */
  signIn(): Promise<{ userId: string; sessionId: string; token: string }>;
  /** Appends events for a user in one committed transaction. */
  append(userId: string, events: Array<Omit<NewEvent, 'userId'>>): Promise<UserEvent[]>;
  close(): Promise<void>;
}

/** A payload shaped like spec/schemas/events/balance-low.yaml, with the sequence of the test in it. */
export const balanceLow = (n: number): Omit<NewEvent, 'userId'> => ({
  type: 'balance.low',
  data: { balance: { amount: n, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
});

export async function createRealtimeHarness(
  driver: 'pglite' | 'postgres',
  options: { config?: Partial<RealtimeConfig>; redis?: Redis | null; server?: TestServer } = {},
): Promise<RealtimeHarness> {
  const server = options.server ?? (await createTestServer(driver));
  const { db } = server.database;
  const services = server.services;
  const node = await startRealtimeNode({ db, services, driver, redis: options.redis, config: options.config });
  const dispatcher = node.dispatcher!;
  return {
    server,
    realtime: node.realtime,
    dispatcher,
    ws: node.ws,
    baseUrl: node.baseUrl,
    wsUrl: node.wsUrl,
    async signIn() {
      const userId = newId('usr');
      const sessionId = newId('ses');
      await db
        .insertInto('users')
        .values({ id: userId, email: `${userId}@example.com`, password_hash: 'x', role: 'user', tier_id: 'tier_basic', status: 'active' })
        .execute();
      await db.insertInto('wallets').values({ user_id: userId, balance_cents: 0, currency: 'USD' }).execute();
      await db
        .insertInto('sessions')
        .values({
          id: sessionId,
          user_id: userId,
          ip: '127.0.0.1',
          user_agent: null,
          client_id: null,
          expires_at: new Date(Date.now() + 3600_000),
        })
        .execute();
      return { userId, sessionId, token: await services.tokens.sign({ userId, sessionId }) };
    },
    async append(userId, events) {
      return db.transaction().execute(async (trx) => {
        const out: UserEvent[] = [];
        for (const event of events) out.push(await appendEvent(trx, { userId, ...event }));
        return out;
      });
    },
    async close() {
      await node.close();
      if (!options.server) await server.close();
    },
  };
}
