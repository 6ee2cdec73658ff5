import { createApp } from '../../../server-reference/src/app.ts';
import { loadConfig } from '../../../server-reference/src/config.ts';
import { newId } from '../../../server-reference/src/storage/ids.ts';
import { loadSpec } from '../../../server-reference/src/http/openapi/load-spec.ts';
import { createProviderRegistry, providersConfigFromEnv } from '../../../server-reference/src/providers/index.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { migrateToLatest } from '../../../server-reference/src/storage/migrate.ts';
import { seedTiers } from '../../../server-reference/src/domain/demo-seed.ts';
import { startRealtimeNode } from '../../../server-reference/test/realtime/support/realtime-node.ts';

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
  const users = async (count: number) => {
    const out: Array<{ userId: string; token: string }> = [];
    const expires = new Date(Date.now() + 3600_000);
    for (let start = 0; start < count; start += 500) {
      const batch = Array.from({ length: Math.min(500, count - start) }, () => ({ userId: newId('usr'), sessionId: newId('ses') }));
      await database.db
        .insertInto('users')
        .values(
          batch.map((b) => ({
            id: b.userId,
            email: `${b.userId}@bench.test`,
            password_hash: 'x',
            role: 'user' as const,
            tier_id: 'tier_basic',
            status: 'active' as const,
          })),
        )
        .execute();
      await database.db
        .insertInto('sessions')
        .values(
          batch.map((b) => ({
            id: b.sessionId,
            user_id: b.userId,
            ip: '127.0.0.1',
            user_agent: null,
            client_id: null,
            expires_at: expires,
          })),
        )
        .execute();
      for (const b of batch)
        out.push({ userId: b.userId, token: await services.tokens.sign({ userId: b.userId, sessionId: b.sessionId }) });
    }
    return out;
  };
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
