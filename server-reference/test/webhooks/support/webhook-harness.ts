import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
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
import {
  createWebhookEndpointRoutes,
  createWebhookModule,
  loadWebhookConfig,
  ManualWebhookClock,
  staticResolver,
  type EndpointDisabledNotice,
  type WebhookConfig,
  type WebhookModule,
} from '../../../src/webhooks/index.ts';
import { contractViolations } from '../../support/contract.ts';
import { createTestServer, type ApiResponse, type RequestOptions, type TestServer } from '../../support/test-server.ts';
import type { Database } from '../../../src/storage/database-schema.ts';

const LOOPBACK = ['127.0.0.0/8', '::1/128'];

export interface WebhookHarnessOptions {
  config?: Partial<WebhookConfig>;
  /** Host names the resolver answers itself (the rest go to the system resolver). Mutable during the test. */
  hosts?: Record<string, string[]>;
  /** Start time of the manual clock; the wall clock when absent. */
  clockStart?: number;
  random?: () => number;
}

/**
 * The real server core on a fresh database (PGlite, or a PostgreSQL schema) plus the webhook module and its
 * routes registered through the real spec router (auth, scopes, validation, idempotency), so requests go
 * through what production runs, and every response is checked against the contract.
 */
export interface WebhookHarness {
  server: TestServer;
  webhooks: WebhookModule;
  db: Kysely<Database>;
  clock: ManualWebhookClock | null;
  hosts: Record<string, string[]>;
  disabledNotices: EndpointDisabledNotice[];
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** A registered user on a tier with webhooks; returns its token and id. */
  proUser(): Promise<{ token: string; userId: string }>;
  /** A user row written directly (for tests that drive the module without the HTTP API). */
  insertUser(tierId?: string): Promise<string>;
  /** An endpoint created through the service; returns its id and secret. */
  endpoint(userId: string, url: string, eventTypes?: string[]): Promise<{ id: string; secret: string }>;
  close(): Promise<void>;
}

export async function createWebhookHarness(driver: 'pglite' | 'postgres', options: WebhookHarnessOptions = {}): Promise<WebhookHarness> {
  const server = await createTestServer(driver);
  const clock = options.clockStart !== undefined ? new ManualWebhookClock(options.clockStart) : null;
  const hosts = { ...options.hosts };
  const disabledNotices: EndpointDisabledNotice[] = [];
  const config = loadWebhookConfig(
    {},
    { sandbox: false },
    {
      secretsKey: Buffer.alloc(32, 7),
      allowedCidrs: LOOPBACK,
      allowHttp: true,
      pollIntervalMs: 50,
      ...options.config,
    },
  );
  const webhooks = createWebhookModule({
    db: server.database.db,
    config,
    clock: clock ?? undefined,
    random: options.random,
    resolveHost: staticResolver(hosts),
    onEndpointDisabled: async (notice) => {
      disabledNotices.push(notice);
    },
  });
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
  registerSpecRoutes(
    app,
    server.services.spec,
    { ...operationHandlers, ...createWebhookEndpointRoutes(webhooks) },
    new IdempotencyStore(server.database.db),
  );

  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body = opts.rawBody;
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
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
  };

  return {
    server,
    webhooks,
    db: server.database.db,
    clock,
    hosts,
    disabledNotices,
    request,
    async proUser() {
      const { token, userId } = await server.register();
      await server.setTier(userId, 'tier_pro');
      return { token, userId };
    },
    async insertUser(tierId = 'tier_pro') {
      const id = `usr_${randomBytes(8).toString('hex')}`;
      await server.database.db
        .insertInto('users')
        .values({
          id,
          email: `${id}@example.com`,
          password_hash: 'not-a-login',
          name: null,
          role: 'user',
          tier_id: tierId,
          status: 'active',
          phone_number: null,
          suspended_at: null,
        })
        .execute();
      return id;
    },
    async endpoint(userId, url, eventTypes = ['*']) {
      const { endpoint, secret } = await webhooks.endpoints.create(userId, { url, event_types: eventTypes });
      return { id: endpoint.id, secret };
    },
    async close() {
      await webhooks.stop();
      await server.close();
    },
  };
}

let sequence = 0;

/** A committed event of `type` for `userId`, as the outbox dispatcher hands it over. */
export const committedEvent = (userId: string, type = 'verification.completed', data: unknown = { n: ++sequence }) => ({
  id: `evt_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`,
  userId,
  type,
  timestamp: new Date().toISOString(),
  sequence: ++sequence,
  data,
});
