import { SERVER_VERSION } from '../server-version.ts';
import { startTracing } from './start-tracing.ts';
import { loadTracingSettings } from './tracing-settings.ts';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { serveDashboard } from '../../web/serve-dashboard.ts';
import { adminServicesOf } from '../admin/index.ts';
import { apiRequestLogOf } from '../analytics/index.ts';
import { createApp } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { OutboxDispatcher, OutboxWakeChannel } from '../events/index.ts';
import type { AppEnv, AppServices } from '../http/app-env.ts';
import { loadSpec, type SpecOperation } from '../http/openapi/load-spec.ts';
import { JobQueue } from '../storage/queue/job-queue.ts';
import { connectRedis } from './redis-connection.ts';
import { autoTopUpConsumer, loadPaymentConfig } from '../payments/index.ts';
import { loadNotificationConfig, loadOutboundSmsConfig, registerNotificationJobs } from '../notifications/index.ts';
import { createProviderRegistry, providersConfigFromEnv } from '../providers/index.ts';
import type { ProviderRegistry } from '../providers/index.ts';
import type { SmsSink } from '../domain/ports/upstream-provider.ts';
import { createDatabase, type DatabaseHandle } from '../storage/create-database.ts';
import { migrateToLatest } from '../storage/migrate.ts';
import { seedDemoData, seedTiers, type DemoAccount } from '../domain/demo-seed.ts';
import { loadWebhookConfig } from '../webhooks/index.ts';
import { createLogger } from './create-logger.ts';
import { schedulePeriodicJobs } from '../jobs/index.ts';
import { HTTP_SERVER_OPTIONS } from './http-server-options.ts';

const DASHBOARD_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface StartPlatformOptions {
  /** Where the modules read their settings (WEBHOOK_*, SMTP_URL, PUSH_*, PROVIDERS, ...); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Seeds the demo accounts (default: unless `SEED_DEMO=false`). */
  seedDemo?: boolean;
  /** Replaces the providers named in PROVIDERS (tests: a simulator that sends no SMS on its own). */
  createProviders?: (smsSink: SmsSink) => ProviderRegistry;
  /** Serves the web dashboard when it is built (default true). */
  dashboard?: boolean;
  /** A database already opened on `config` (main.ts opens it while the modules load); closed by `stop()`. */
  database?: DatabaseHandle;
}

/** A running node of the platform. */
export interface RunningPlatform {
  app: Hono<AppEnv>;
  services: AppServices;
  server: Server;
  /** `http://host:port` this node listens on. */
  url: string;
  database: DatabaseHandle;
  jobs: JobQueue;
  dispatcher: OutboxDispatcher;
  demoAccounts: DemoAccount[];
  unimplemented: SpecOperation[];
  /** Whether the built web dashboard is served at `/`. */
  servesDashboard: boolean;
  /** Stops everything in order (connections closed with 1001, jobs and deliveries finished) and closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts one node of the platform (DESIGN.md §5-§6): opens and migrates the database, seeds, builds the
 * app with every module, starts the job queue (periodic work, notification wake-ups), the outbox
 * dispatcher feeding the real-time hub, the notification router and the webhook queue (on PostgreSQL
 * woken by the other nodes' commits through LISTEN/NOTIFY too), the webhook
 * delivery worker, and listens, with the WebSocket endpoint on the same server and the dashboard when it
 * is built. Used by `main.ts` and by the end-to-end tests, so both run the same wiring.
 *
 * @example
 * const platform = await startPlatform(loadConfig());
 * process.on('SIGTERM', () => platform.stop().then(() => process.exit(0)));
 */
export async function startPlatform(config: ServerConfig, options: StartPlatformOptions = {}): Promise<RunningPlatform> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger(config.logLevel, config.logFormat);
  const database = options.database ?? (await createDatabase(config));
  database.onConnectionError = (error) => logger.warn({ err: error }, 'a PostgreSQL connection failed; the pool opens a new one');
  const { db } = database;
  const tracing = startTracing(loadTracingSettings(env), { version: SERVER_VERSION });
  await migrateToLatest(db);
  const seed = async () => {
    await seedTiers(db);
    return (options.seedDemo ?? config.seedDemo) ? await seedDemoData(db) : [];
  };
  const jobs = new JobQueue({ db, driver: database.driver, databaseUrl: config.databaseUrl, schema: config.jobQueueSchema, logger });
  // independent of each other: the seeds, reading the contract and pg-boss's own start (its schema, its
  // maintenance) overlap, which on PostgreSQL is most of a start's wait
  const [demoAccounts, spec] = await Promise.all([seed(), loadSpec(), jobs.start()]);
  const redis = connectRedis(config);

  const providersConfig = providersConfigFromEnv(env);
  const notificationConfig = loadNotificationConfig(env);
  const { app, services, unimplemented } = createApp(config, {
    db,
    databaseDriver: database.driver,
    replica: database.replica,
    spec,
    redis,
    logger,
    traced: tracing !== null,
    outboundSms: loadOutboundSmsConfig(env),
    payments: loadPaymentConfig(env),
    createProviders:
      options.createProviders ??
      ((smsSink) =>
        createProviderRegistry(providersConfig, {
          smsSink: (providerId, providerRef, sms) =>
            smsSink(providerId, providerRef, sms).catch((error) => {
              // the sink buffers SMS that arrive early; an error here is a database failure, worth a log line
              logger.error({ err: error, providerId, providerRef }, 'SMS delivery failed');
            }),
        })),
    modules: {
      jobQueue: jobs,
      webhookConfig: loadWebhookConfig(env, { sandbox: config.sandbox, fallbackKeyMaterial: config.jwtSecret }),
      notificationConfig,
    },
  });
  const { realtime, webhooks, notifications } = services.platform;
  services.metrics.attach({ jobQueues: () => jobs.queueCounts() });
  const servesDashboard = options.dashboard !== false && existsSync(DASHBOARD_DIST);
  if (servesDashboard) app.route('/', serveDashboard({ distDir: DASHBOARD_DIST }));

  await adminServicesOf(services).providers.applyStoredRouting();
  // queues first: the router enqueues wake-ups inside event transactions, which needs declared queues
  await registerNotificationJobs(jobs, notifications, { tickSeconds: Math.round(notificationConfig.deliveryIntervalMs / 1000) });
  await schedulePeriodicJobs(jobs, services, logger);
  await realtime.start();
  webhooks.start();
  const dispatcher = new OutboxDispatcher({
    db,
    consumers: [realtime.consumer, notifications.consumer, webhooks.consumer, autoTopUpConsumer(services.autoTopUps)],
    pollIntervalMs: config.dispatchPollIntervalMs,
    logger,
  });
  await dispatcher.start();
  // on PostgreSQL the other nodes' commits wake this dispatcher too (NOTIFY after commit; the poll stays the safety net)
  const wakeChannel =
    database.driver === 'postgres' && config.databaseUrl
      ? new OutboxWakeChannel({ databaseUrl: config.databaseUrl, onWake: () => dispatcher.nudge(), logger })
      : null;
  await wakeChannel?.start();

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: HTTP_SERVER_OPTIONS }, () =>
      resolve(s as Server),
    ) as Server;
  });
  realtime.attachWebSocket(server);
  const address = server.address() as AddressInfo;
  const url = `http://${address.address === '::' || address.address === '0.0.0.0' ? 'localhost' : address.address}:${address.port}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      const step = async (name: string, run: () => unknown) => {
        try {
          await run();
        } catch (error) {
          logger.warn({ err: error, step: name }, 'shutdown step failed');
        }
      };
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await step('realtime', () => realtime.close());
      await step('outbox wake-up', () => wakeChannel?.stop());
      await step('dispatcher', () => dispatcher.stop());
      await step('webhooks', () => webhooks.stop());
      await step('jobs', () => jobs.stop(5_000));
      await step('notifications', () => notifications.close());
      await step('request log', () => apiRequestLogOf(db).flush());
      await step('API key usage', () => services.apiKeys.flushUsage());
      await step('providers', () => services.providers.close());
      server.closeAllConnections();
      await closed;
      await step('database', () => database.close());
      await step('redis', () => redis?.quit());
      await step('traces', () => tracing?.shutdown());
      logger.flush();
    })());

  return { app, services, server, url, database, jobs, dispatcher, demoAccounts, unimplemented, servesDashboard, stop };
}
