import { createApp } from '../../../server-reference/src/app.ts';
import { loadConfig } from '../../../server-reference/src/config.ts';
import { loadSpec } from '../../../server-reference/src/http/openapi/load-spec.ts';
import { createProviderRegistry, providersConfigFromEnv } from '../../../server-reference/src/providers/index.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { migrateToLatest } from '../../../server-reference/src/storage/migrate.ts';
import { seedTiers } from '../../../server-reference/src/domain/demo-seed.ts';
import { startRealtimeNode } from '../../../server-reference/test/realtime/support/realtime-node.ts';
import { insertBenchUsers } from './bench-users.ts';

/**
 * One platform node for the benchmarks: embedded PGlite in memory (or `databaseUrl`, by default BENCH_DATABASE_URL), the real
 * outbox, dispatcher, hub and WebSocket server on a loopback port.
 */
export async function startBenchNode(config: { heartbeatMs?: number; databaseUrl?: string | null } = {}) {
  const databaseUrl = config.databaseUrl === undefined ? process.env.BENCH_DATABASE_URL || null : config.databaseUrl;
  const database = await createDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 20 });
  await migrateToLatest(database.db);
  await seedTiers(database.db);
  const { services } = createApp(loadConfig({}, { databaseUrl, sweepIntervalMs: 0, logLevel: 'silent' }), {
    db: database.db,
    databaseDriver: database.driver,
    spec: await loadSpec(),
    createProviders: (smsSink) => createProviderRegistry(providersConfigFromEnv({}), { smsSink }),
  });
  const node = await startRealtimeNode({
    db: database.db,
    services,
    driver: database.driver,
    config: { heartbeatMs: config.heartbeatMs ?? 15_000, maxConnectionsPerUser: 5 },
    // woken by the commits of other processes too (the PostgreSQL runs append from a process of their own)
    wakeChannelUrl: databaseUrl ?? undefined,
  });
  /** Users with live sessions and access tokens, created straight in the tables. */
  const users = (count: number) => insertBenchUsers(database.db, services.tokens, count);
  return {
    node,
    database,
    users,
    async close() {
      await node.close();
      await database.close();
    },
  };
}
