import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { loadSpec } from './http/openapi/load-spec.ts';
import { sweepExpiredVerifications } from './jobs/verification-expiry-sweeper.ts';
import { createProviderRegistry, providersConfigFromEnv } from './providers/index.ts';
import { createDatabase } from './storage/create-database.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { seedDemoData, seedTiers } from './storage/seed.ts';
import { expireOverdueTopUps, pruneIdempotencyKeys } from './tasks/housekeeping.ts';
import { TimerScheduler } from './tasks/periodic-scheduler.ts';
import { pollProviderSms } from './tasks/sms-poller.ts';

/**
 * Starts the server: opens the database (PGlite under ./data unless DATABASE_URL is set), migrates,
 * seeds the tiers (and the demo accounts unless SEED_DEMO=false), builds the providers named in
 * PROVIDERS, starts the periodic tasks and listens.
 */
const config = loadConfig();
const logger = pino({ level: config.logLevel });
const database = await createDatabase(config);
await migrateToLatest(database.db);
await seedTiers(database.db);
const demo = process.env.SEED_DEMO === 'false' ? [] : await seedDemoData(database.db);
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
const spec = await loadSpec();
const providersConfig = providersConfigFromEnv();
const { app, services, unimplemented } = createApp(config, {
  db: database.db,
  databaseDriver: database.driver,
  spec,
  redis,
  logger,
  createProviders: (smsSink) => createProviderRegistry(providersConfig, {
    smsSink: (providerId, providerRef, sms) => smsSink(providerId, providerRef, sms).catch((error) => {
      // the sink buffers SMS that arrive early; an error here is a database failure, worth a log line
      logger.error({ err: error, providerId, providerRef }, 'SMS delivery failed');
    }),
  }),
});

// timers for now: every task is a conditional update, safe on many nodes (see tasks/periodic-scheduler.ts)
const scheduler = new TimerScheduler(logger);
scheduler.schedule({ name: 'verification-expiry', intervalMs: config.sweepIntervalMs, run: () => sweepExpiredVerifications(services.verifications) });
scheduler.schedule({ name: 'sms-poll', intervalMs: config.smsPollIntervalMs, run: () => pollProviderSms(services.providers, services.verifications, { logger }) });
scheduler.schedule({ name: 'top-up-expiry', intervalMs: config.maintenanceIntervalMs, run: () => expireOverdueTopUps(database.db) });
scheduler.schedule({ name: 'idempotency-key-prune', intervalMs: config.maintenanceIntervalMs, run: () => pruneIdempotencyKeys(database.db) });
scheduler.schedule({ name: 'unmatched-sms-prune', intervalMs: config.maintenanceIntervalMs, run: () => services.verifications.pruneUnmatchedSms(new Date(Date.now() - 24 * 3600_000)) });

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${info.address === '::' ? 'localhost' : info.address}:${info.port}`;
  console.log(`Namaskah reference server on ${url} (database: ${database.driver}, providers: ${providersConfig.providers.join(', ')})`);
  for (const account of demo) console.log(`  ${account.role.padEnd(5)} ${account.email} / ${account.password}`);
  console.log(`  ${unimplemented.length} operations of the spec answer 501 not_implemented for now`);
});

const shutdown = async () => {
  scheduler.stop();
  server.close();
  await services.providers.close();
  await database.close();
  redis?.disconnect();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
