import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { expect } from 'vitest';
import { loadConfig, type ServerConfig } from '../../../src/config.ts';
import { postLedgerEntry } from '../../../src/domain/wallet-ledger.ts';
import { startPlatform, type RunningPlatform } from '../../../src/platform/start-platform.ts';
import { ProviderRegistry } from '../../../src/providers/registry.ts';
import { SimulatorProvider } from '../../../src/providers/simulator/index.ts';
import { createDatabase } from '../../../src/storage/create-database.ts';

/** A free loopback port (the platform hands its public URL out with tickets, so it must know it up front). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** A fresh PostgreSQL schema for one test, and the URL whose connections use it. */
export async function freshSchema(prefix: string): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const schema = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await createDatabase({ databaseUrl: base, dataDir: '', poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  await admin.close();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    async drop() {
      const cleanup = await createDatabase({ databaseUrl: base, dataDir: '', poolSize: 1 });
      await cleanup.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await cleanup.db.schema.dropSchema(`${schema}_jobs`).ifExists().cascade().execute();
      await cleanup.close();
    },
  };
}

export interface TestPlatform extends RunningPlatform {
  simulator: SimulatorProvider;
  wsUrl: string;
  /** A real HTTP call to the running node; JSON in and out. */
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: any }>;
  register(): Promise<{ token: string; userId: string }>;
  fund(userId: string, cents: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole platform, started the way main.ts starts it (startPlatform), on a fresh database (in-memory
 * PGlite, or a new PostgreSQL schema with its own job-queue schema), listening on loopback, with a
 * simulator that sends no SMS unless the test injects one.
 */
export async function startTestPlatform(
  driver: 'pglite' | 'postgres',
  overrides: Partial<ServerConfig> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<TestPlatform> {
  const port = await freePort();
  const schema = driver === 'postgres' ? await freshSchema('platform') : null;
  const config = loadConfig(
    {},
    {
      port,
      logLevel: 'silent',
      dataDir: 'memory://',
      databaseUrl: schema?.url ?? null,
      jobQueueSchema: schema ? `${schema.schema}_jobs` : 'pgboss',
      dispatchPollIntervalMs: 250,
      ...overrides,
    },
  );
  let simulator!: SimulatorProvider;
  const platform = await startPlatform(config, {
    env,
    seedDemo: false,
    dashboard: false,
    logger: pino({ level: 'silent' }),
    createProviders: (smsSink) => {
      simulator = new SimulatorProvider({ smsSink, noSmsRate: 1 });
      return new ProviderRegistry([simulator], { catalogTtlMs: 0 });
    },
  });
  const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(platform.url + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  return {
    ...platform,
    simulator,
    wsUrl: `${platform.url.replace(/^http/, 'ws')}/v1/realtime/ws`,
    call,
    async register() {
      const email = `user-${randomBytes(5).toString('hex')}@example.com`;
      const res = await call('POST', '/v1/auth/register', { body: { email, password: 'correct horse battery', name: 'Platform Test' } });
      expect(res.status).toBe(201);
      return { token: res.body.tokens.access_token, userId: res.body.user.id };
    },
    async fund(userId, cents) {
      await platform.database.db
        .transaction()
        .execute((trx) => postLedgerEntry(trx, { userId, kind: 'adjustment', amountCents: cents, reason: 'test funding' }));
    },
    async close() {
      await platform.stop();
      await schema?.drop();
    },
  };
}

/** Buys a Google number in the US for `token` through the API. */
export async function buyVerification(platform: TestPlatform, token: string): Promise<any> {
  const res = await platform.call('POST', '/v1/verifications', { token, body: { service: 'google', country: 'US' } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
