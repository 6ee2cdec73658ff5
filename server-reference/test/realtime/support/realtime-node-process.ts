/**
 * A real-time node as its own process, for the two-node test: `DATABASE_URL` (schema already migrated),
 * `REDIS_URL`, `DISPATCH=false` to serve clients only, `DISPATCH_POLL_INTERVAL_MS` for the dispatcher's
 * safety-net poll (it is woken by LISTEN/NOTIFY as well). Prints one JSON line with its URLs when ready.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { loadSpec } from '../../../src/http/openapi/load-spec.ts';
import { createProviderRegistry, providersConfigFromEnv } from '../../../src/providers/index.ts';
import { createDatabase } from '../../../src/storage/create-database.ts';
import { startRealtimeNode } from './realtime-node.ts';

const databaseUrl = process.env.DATABASE_URL!;
const database = await createDatabase({ databaseUrl, dataDir: '', poolSize: 10 });
const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 2 });
const config = loadConfig({}, { databaseUrl, sweepIntervalMs: 0, logLevel: 'silent' });
const { services } = createApp(config, {
  db: database.db,
  databaseDriver: 'postgres',
  spec: await loadSpec(),
  redis,
  logger: pino({ level: 'silent' }),
  createProviders: (smsSink) => createProviderRegistry(providersConfigFromEnv({}), { smsSink }),
});
const node = await startRealtimeNode({
  db: database.db,
  services,
  driver: 'postgres',
  redis,
  dispatch: process.env.DISPATCH !== 'false',
  pollIntervalMs: process.env.DISPATCH_POLL_INTERVAL_MS ? Number(process.env.DISPATCH_POLL_INTERVAL_MS) : undefined,
  wakeChannelUrl: databaseUrl,
});
process.stdout.write(`${JSON.stringify({ baseUrl: node.baseUrl, wsUrl: node.wsUrl })}\n`);
process.on('SIGTERM', async () => {
  await node.close();
  redis.disconnect();
  await database.close();
  process.exit(0);
});
