import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { eventRoutes } from '../../../src/events/event-routes.ts';
import { OutboxDispatcher } from '../../../src/events/outbox-dispatcher.ts';
import { OutboxWakeChannel } from '../../../src/events/outbox-wake-channel.ts';
import type { AppEnv, AppServices } from '../../../src/http/app-env.ts';
import { authenticate } from '../../../src/http/middleware/authenticate/index.ts';
import { IdempotencyStore } from '../../../src/http/middleware/idempotency/index.ts';
import { notFoundHandler, problemHandler } from '../../../src/http/middleware/problem-handler/index.ts';
import { rateLimit } from '../../../src/http/middleware/rate-limit/index.ts';
import { requestId } from '../../../src/http/middleware/request-id/index.ts';
import { operationHandlers } from '../../../src/http/routes/index.ts';
import { registerSpecRoutes } from '../../../src/http/spec-router.ts';
import { coreRealtimeAuth, createRealtime, type Realtime, type RealtimeConfig } from '../../../src/realtime/index.ts';
import type { AttachedWebSocket } from '../../../src/realtime/websocket-server.ts';
import type { Database } from '../../../src/storage/database-schema.ts';

/** One node of the platform's real-time path on loopback, wired the way main.ts should wire it. */
export interface RealtimeNode {
  realtime: Realtime;
  dispatcher: OutboxDispatcher | null;
  ws: AttachedWebSocket;
  baseUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

export async function startRealtimeNode(options: {
  db: Kysely<Database>;
  services: AppServices;
  driver: 'pglite' | 'postgres';
  redis?: Redis | null;
  config?: Partial<RealtimeConfig>;
  /** False: this node dispatches nothing (it only serves clients), to prove cross-node delivery. */
  dispatch?: boolean;
  /** The dispatcher's safety-net poll (default 250 ms). */
  pollIntervalMs?: number;
  /** PostgreSQL: the dispatcher is also woken by other processes' commits (LISTEN/NOTIFY), as in start-platform.ts. */
  wakeChannelUrl?: string;
}): Promise<RealtimeNode> {
  const { db, services } = options;
  const auth = coreRealtimeAuth({
    db: services.db,
    tokens: services.tokens,
    isSessionLive: (s, u) => services.accounts.isSessionLive(s, u),
  });
  const realtime = createRealtime({
    db,
    auth,
    webSocketUrl: 'ws://127.0.0.1/v1/realtime/ws',
    redis: options.redis ?? null,
    config: options.config,
  });

  const app = new Hono<AppEnv>();
  app.onError((error, c) => {
    if (process.env.DEBUG_HARNESS) console.error(error);
    return problemHandler(error, c);
  });
  app.notFound(notFoundHandler);
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', services);
    await next();
  });
  app.use('/v1/*', authenticate());
  app.use('/v1/*', rateLimit({ anonymousPerMinute: 1000 }));
  registerSpecRoutes(app, services.spec, { ...operationHandlers, ...eventRoutes, ...realtime.handlers }, new IdempotencyStore(services.db));

  const http = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
  });
  const port = (http.address() as AddressInfo).port;
  const ws = realtime.attachWebSocket(http);
  await realtime.start();
  let dispatcher: OutboxDispatcher | null = null;
  let wakeChannel: OutboxWakeChannel | null = null;
  if (options.dispatch !== false) {
    const started = new OutboxDispatcher({ db, consumers: [realtime.consumer], pollIntervalMs: options.pollIntervalMs ?? 250 });
    await started.start();
    dispatcher = started;
    if (options.wakeChannelUrl) {
      wakeChannel = new OutboxWakeChannel({ databaseUrl: options.wakeChannelUrl, onWake: () => started.nudge() });
      await wakeChannel.start();
    }
  }
  return {
    realtime,
    dispatcher,
    ws,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/v1/realtime/ws`,
    async close() {
      await wakeChannel?.stop();
      await dispatcher?.stop();
      await realtime.close();
      http.closeAllConnections?.();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
