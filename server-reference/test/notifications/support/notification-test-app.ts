import type { Kysely } from 'kysely';
import { Hono } from 'hono';
import { expect } from 'vitest';
import type { AppEnv } from '../../../src/http/app-env.ts';
import { authenticate } from '../../../src/http/middleware/authenticate/index.ts';
import { IdempotencyStore } from '../../../src/http/middleware/idempotency/index.ts';
import { notFoundHandler, problemHandler } from '../../../src/http/middleware/problem-handler/index.ts';
import { rateLimit } from '../../../src/http/middleware/rate-limit/index.ts';
import { requestId } from '../../../src/http/middleware/request-id/index.ts';
import { operationHandlers } from '../../../src/http/routes/index.ts';
import { registerSpecRoutes } from '../../../src/http/spec-router.ts';
import { smsSenderFromProviders } from '../../../src/notifications/channels/sms/sms-sender.ts';
import type { UserEvent } from '../../../src/storage/events/event-catalog.ts';
import {
  createNotificationModule,
  type NotificationModule,
  type NotificationModuleDeps,
} from '../../../src/notifications/notification-module.ts';
import { loadNotificationConfig, type NotificationConfig } from '../../../src/notifications/notification-config.ts';
import { contract, contractViolations } from '../../support/contract.ts';
import { createTestServer, type ApiResponse, type RequestOptions, type TestServer } from '../../support/test-server.ts';
import { TestClock } from './test-clock.ts';
import type { Database } from '../../../src/storage/database-schema.ts';

export interface NotificationTestApp {
  server: TestServer;
  module: NotificationModule;
  db: Kysely<Database>;
  clock: TestClock;
  /** Messages the live publisher was handed, per user. */
  live: Array<{ userId: string; message: any }>;
  /** Calls the app with the notification handlers wired in; every response is checked against the spec. */
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** A fresh account; `timezone`/`phone` set on the row directly. */
  user(options?: { timezone?: string; phone?: string; role?: 'user' | 'admin' }): Promise<{ token: string; userId: string; email: string }>;
  /** A committed catalog event for `userId`, as the outbox dispatcher hands it over. */
  event(userId: string, type: string, data: unknown, id?: string): UserEvent;
  /** Mailbox rows to `email`, oldest first. */
  mailTo(email: string): Promise<Array<{ subject: string; text: string }>>;
  close(): Promise<void>;
}

let eventCounter = 0;

/**
 * The core's test server (fresh database, real migrations) plus an app whose spec router also has the
 * notification module's handlers, built the way app.ts builds its own.
 */
export async function createNotificationTestApp(
  driver: 'pglite' | 'postgres',
  options: { start?: string; config?: Partial<NotificationConfig>; deps?: Partial<NotificationModuleDeps> } = {},
): Promise<NotificationTestApp> {
  const server = await createTestServer(driver);
  const clock = new TestClock(options.start ?? '2026-11-20T12:00:00Z');
  const live: Array<{ userId: string; message: any }> = [];
  const module = createNotificationModule({
    db: server.database.db,
    config: loadNotificationConfig({}, { deliveryIntervalMs: 0, ...options.config }),
    clock,
    // SMS goes through the provider layer: the simulator records what it sends
    sms: smsSenderFromProviders([server.simulator]),
    live: {
      publishToUser: (userId, message) => {
        live.push({ userId, message });
      },
    },
    ...options.deps,
  });
  const { spec } = await contract();
  const app = new Hono<AppEnv>();
  app.onError(problemHandler);
  app.notFound(notFoundHandler);
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', server.services);
    await next();
  });
  app.use('/v1/*', authenticate());
  app.use('/v1/*', rateLimit({ anonymousPerMinute: 1000 }));
  registerSpecRoutes(app, spec, { ...operationHandlers, ...module.handlers }, new IdempotencyStore(server.database.db));
  const db = server.database.db;

  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    const violations = await contractViolations(method, new URL(path, 'http://x').pathname, {
      status: response.status,
      headers: response.headers,
      body: text,
    });
    expect(violations, `${method} ${path} -> ${response.status} ${text.slice(0, 300)}`).toEqual([]);
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  return {
    server,
    module,
    db,
    clock,
    live,
    request,
    async user(userOptions = {}) {
      const { token, userId, email } = await server.register();
      const changes = {
        ...(userOptions.timezone ? { timezone: userOptions.timezone } : {}),
        ...(userOptions.phone ? { phone_number: userOptions.phone } : {}),
        ...(userOptions.role ? { role: userOptions.role } : {}),
      };
      if (Object.keys(changes).length > 0) await server.database.db.updateTable('users').set(changes).where('id', '=', userId).execute();
      return { token, userId, email };
    },
    event(userId, type, data, id) {
      eventCounter++;
      return {
        id: id ?? `evt_T${Date.now().toString(36).toUpperCase()}${eventCounter}`,
        type: type as UserEvent['type'],
        userId,
        data,
        timestamp: clock.now().toISOString(),
        sequence: eventCounter,
      };
    },
    async mailTo(email) {
      return db.selectFrom('mailbox_messages').select(['subject', 'text']).where('to_address', '=', email).orderBy('id').execute();
    },
    async close() {
      await module.close();
      await server.close();
    },
  };
}
