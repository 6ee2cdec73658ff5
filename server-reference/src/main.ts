import { serve } from '@hono/node-server';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { loadSpec } from './http/openapi/load-spec.ts';
import { startExpirySweeper } from './jobs/verification-expiry-sweeper.ts';
import { SimulatorProvider } from './providers/simulator/index.ts';
import { createDatabase } from './storage/create-database.ts';
import { migrateToLatest } from './storage/migrate.ts';
import { seedDemoData, seedTiers } from './storage/seed.ts';

/**
 * Starts the server: opens the database (PGlite under ./data unless DATABASE_URL is set), migrates,
 * seeds the tiers (and the demo accounts unless SEED_DEMO=false), and listens.
 */
const config = loadConfig();
const logger = pino({ level: config.logLevel });
const database = await createDatabase(config);
await migrateToLatest(database.db);
await seedTiers(database.db);
const demo = process.env.SEED_DEMO === 'false' ? [] : await seedDemoData(database.db);
const redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 2 }) : null;
const spec = await loadSpec();
const { app, services, unimplemented } = createApp(config, {
  db: database.db,
  databaseDriver: database.driver,
  spec,
  redis,
  logger,
  createProvider: (smsSink) => new SimulatorProvider({
    smsSink,
    smsDelayMs: Number(process.env.SIMULATOR_SMS_DELAY_MS ?? 5000),
    noSmsRate: Number(process.env.SIMULATOR_NO_SMS_RATE ?? 0),
    failureRate: Number(process.env.SIMULATOR_FAILURE_RATE ?? 0),
    onSinkError: (error, providerRef) => logger.error({ err: error, providerRef }, 'SMS delivery failed'),
  }),
});
const stopSweeper = config.sweepIntervalMs > 0 ? startExpirySweeper(services.verifications, config.sweepIntervalMs, logger) : () => undefined;

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  const url = `http://${info.address === '::' ? 'localhost' : info.address}:${info.port}`;
  console.log(`Namaskah reference server on ${url} (database: ${database.driver}, provider: simulator)`);
  for (const account of demo) console.log(`  ${account.role.padEnd(5)} ${account.email} / ${account.password}`);
  console.log(`  ${unimplemented.length} operations of the spec answer 501 not_implemented for now`);
});

const shutdown = async () => {
  stopSweeper();
  server.close();
  await database.close();
  redis?.disconnect();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
