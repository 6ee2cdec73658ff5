import { randomBytes } from 'node:crypto';
import type { Kysely, KyselyPlugin } from 'kysely';
import type { Database } from '../../src/storage/database-schema.ts';
import { pino } from 'pino';
import { expect } from 'vitest';
import { apiRequestLogOf } from '../../src/analytics/index.ts';
import { createApp, type AppDependencies, type BuiltApp } from '../../src/app.ts';
import { loadConfig, type ServerConfig } from '../../src/config.ts';
import { postLedgerEntry } from '../../src/domain/wallet-ledger.ts';
import { SimulatorProvider, type SimulatorOptions } from '../../src/providers/simulator/index.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import type { SmsSink, UpstreamProvider } from '../../src/domain/ports/upstream-provider.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { migratedPgliteTemplate } from './pglite-template-cache.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { contract, contractViolations } from './contract.ts';

/** The databases the suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DRIVERS: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  /** Sent as is instead of `rawBody`, to send what is not UTF-8. */
  rawBytes?: Uint8Array;
  headers?: Record<string, string>;
}

/** A server on a fresh database (a new PGlite, or a new schema in PostgreSQL) with the simulator. */
export interface TestServer extends BuiltApp {
  database: DatabaseHandle;
  simulator: SimulatorProvider;
  /** Calls the app in process; every response is checked against the spec and fails the test if off-contract. */
  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** Registers a fresh user; returns its access token and id. */
  register(
    overrides?: Partial<{ email: string; password: string }>,
  ): Promise<{ token: string; userId: string; refreshToken: string; email: string; password: string }>;
  /** Credits a user's wallet through an adjustment ledger entry. */
  fund(userId: string, cents: number): Promise<void>;
  setTier(userId: string, tierId: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: Partial<ServerConfig>;
  simulator?: SimulatorOptions;
  /** Providers registered after the simulator (routing priority after it, unless `simulatorLast`). */
  extraProviders?: (smsSink: SmsSink) => UpstreamProvider[];
  simulatorLast?: boolean;
  /** Kysely plugins on the app's database handle (tests that count or inspect the app's queries). */
  plugins?: KyselyPlugin[];
  /** A database the app takes for its read replica (analytics and exports read from it while it serves). */
  replica?: Kysely<Database>;
  /** Outbound SMS sender (Twilio against a local server); the simulator by default. */
  outboundSms?: AppDependencies['outboundSms'];
  /** Payment provider (Stripe against a local server); the sandbox by default. */
  payments?: AppDependencies['payments'];
}

export async function createTestServer(driver: 'pglite' | 'postgres', options: TestServerOptions = {}): Promise<TestServer> {
  let database: DatabaseHandle;
  let dropSchema: (() => Promise<void>) | null = null;
  if (driver === 'postgres') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '', poolSize: 1 });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    database = await createDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 30 });
    dropSchema = async () => {
      const cleanup = await createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '', poolSize: 1 });
      await cleanup.db.schema.dropSchema(schema).cascade().execute();
      await cleanup.close();
    };
  } else {
    // a copy of one database migrated once per test process: no initdb, no migration run per server
    database = await createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteTemplate: await migratedPgliteTemplate() });
  }
  await migrateToLatest(database.db);
  await seedTiers(database.db);
  const { spec } = await contract();
  const config = loadConfig({}, { sweepIntervalMs: 0, logLevel: 'silent', ...options.config });
  let simulator!: SimulatorProvider;
  const built = createApp(config, {
    db: (options.plugins ?? []).reduce((db, plugin) => db.withPlugin(plugin), database.db),
    databaseDriver: database.driver,
    replica: options.replica ?? null,
    outboundSms: options.outboundSms,
    payments: options.payments,
    spec,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    createProviders: (smsSink) => {
      // no automatic SMS unless a test asks: tests decide when codes arrive
      simulator = new SimulatorProvider({ smsSink, noSmsRate: 1, ...options.simulator });
      const extra = options.extraProviders?.(smsSink) ?? [];
      return new ProviderRegistry(options.simulatorLast ? [...extra, simulator] : [simulator, ...extra], { catalogTtlMs: 0 });
    },
  });

  const request = async (method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | Uint8Array | undefined = opts.rawBytes ?? opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await built.app.request(path, { method, headers, body: body as BodyInit | undefined });
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

  const server: TestServer = {
    ...built,
    database,
    simulator,
    request,
    async register(overrides = {}) {
      const email = overrides.email ?? `user-${randomBytes(5).toString('hex')}@example.com`;
      const password = overrides.password ?? 'correct horse battery';
      const res = await request('POST', '/v1/auth/register', { body: { email, password, name: 'Test User' } });
      expect(res.status).toBe(201);
      return {
        token: res.body.tokens.access_token,
        refreshToken: res.body.tokens.refresh_token,
        userId: res.body.user.id,
        email,
        password,
      };
    },
    async fund(userId, cents) {
      await database.db
        .transaction()
        .execute((trx) => postLedgerEntry(trx, { userId, kind: 'adjustment', amountCents: cents, reason: 'test funding' }));
    },
    async setTier(userId, tierId) {
      await database.db.updateTable('users').set({ tier_id: tierId }).where('id', '=', userId).execute();
    },
    async close() {
      // what a stopping node writes last (platform stop), before the database goes
      await apiRequestLogOf(database.db).flush();
      await built.services.apiKeys.flushUsage();
      await built.services.providers.close();
      await database.close();
      await dropSchema?.();
    },
  };
  return server;
}
