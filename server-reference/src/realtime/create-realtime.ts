import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { EventStore } from '../events/index.ts';
import type { EventConsumer } from '../events/index.ts';
import type { OperationHandlers } from '../http/operation-handler.ts';
import type { RealtimeAuth } from './realtime-auth.ts';
import { DEFAULT_REALTIME_CONFIG, type RealtimeConfig } from './realtime-config.ts';
import { RealtimeHub } from './realtime-hub.ts';
import { RealtimeTickets } from './realtime-tickets.ts';
import { type LivePublisher, livePublisher, realtimeConsumer, subscribeHubToRedis } from './redis-fanout.ts';
import { sseHandler } from './sse-stream.ts';
import { ticketHandler } from './ticket-handler.ts';
import { attachWebSocketServer, type AttachedWebSocket } from './websocket-server.ts';
import type { Database } from '../storage/database-schema.ts';

export interface RealtimeOptions {
  db: Kysely<Database>;
  auth: RealtimeAuth;
  /** The public WebSocket URL handed out with tickets (`ws://127.0.0.1:8080/v1/realtime/ws`). */
  webSocketUrl: string;
  /** With Redis, events reach the clients of every node sharing it. */
  redis?: Redis | null;
  config?: Partial<RealtimeConfig>;
  logger?: Logger;
}

/** The real-time channel of one node. */
export interface Realtime {
  hub: RealtimeHub;
  /** Live messages that are not events (`notification.created`) to a user's connections on every node. */
  live: LivePublisher;
  /** Give this to the outbox dispatcher: it feeds every node's hub (through Redis when configured). */
  consumer: EventConsumer;
  /** Handlers of `createRealtimeTicket` and `streamEvents`, to merge into the spec router's handlers. */
  handlers: Pick<OperationHandlers, 'createRealtimeTicket' | 'streamEvents'>;
  /** Serves the WebSocket endpoint on the node HTTP server. */
  attachWebSocket(server: Pick<Server, 'on' | 'off'>): AttachedWebSocket;
  /** Subscribes to Redis (when configured). */
  start(): Promise<void>;
  /** Closes WebSockets with 1001 and leaves Redis. */
  close(): Promise<void>;
}

/**
 * Builds the real-time channel: hub, tickets, WebSocket endpoint (asyncapi.yaml) and SSE stream.
 *
 * @example
 * const realtime = createRealtime({ db, auth: coreRealtimeAuth({ db, tokens, isSessionLive }), webSocketUrl: 'ws://127.0.0.1:8080/v1/realtime/ws', redis });
 * const handlers = { ...operationHandlers, ...eventRoutes, ...realtime.handlers };
 * const dispatcher = new OutboxDispatcher({ db, consumers: [realtime.consumer] });
 * await realtime.start(); await dispatcher.start();
 * const server = serve({ fetch: app.fetch, port });
 * realtime.attachWebSocket(server as Server);
 */
export function createRealtime(options: RealtimeOptions): Realtime {
  const config: RealtimeConfig = { ...DEFAULT_REALTIME_CONFIG, ...options.config };
  const hub = new RealtimeHub();
  const store = new EventStore(options.db);
  const tickets = new RealtimeTickets(options.db, config.ticketTtlMs);
  const redis = options.redis ?? null;
  const attached: AttachedWebSocket[] = [];
  let leaveRedis: (() => Promise<void>) | null = null;
  const deps = { config, hub, store, tickets, auth: options.auth, logger: options.logger };
  return {
    hub,
    live: livePublisher(hub, redis),
    consumer: realtimeConsumer(hub, redis),
    handlers: {
      createRealtimeTicket: ticketHandler(tickets, options.webSocketUrl),
      streamEvents: sseHandler(deps),
    },
    attachWebSocket(server) {
      const ws = attachWebSocketServer(server, deps);
      attached.push(ws);
      return ws;
    },
    async start() {
      if (redis && !leaveRedis) leaveRedis = await subscribeHubToRedis(hub, redis, store, options.logger);
    },
    async close() {
      await Promise.all(attached.map((ws) => ws.close()));
      await leaveRedis?.();
      leaveRedis = null;
    },
  };
}
