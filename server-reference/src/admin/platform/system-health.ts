import { sql, type Kysely } from 'kysely';
import type { AdminProviders } from '../providers/admin-providers.ts';
import type { RuntimeHandles } from './runtime-handles.ts';
import type { Database } from '../../storage/database-schema.ts';
import { singleRow } from '../../storage/single-row.ts';

type Check = 'ok' | 'degraded' | 'down';

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T | null; failed: boolean }> => {
  const started = performance.now();
  try {
    const value = await work();
    return { ms: Math.round(performance.now() - started), value, failed: false };
  } catch {
    return { ms: Math.round(performance.now() - started), value: null, failed: true };
  }
};

const tableExists = async (db: Kysely<Database>, name: string): Promise<boolean> => {
  const { rows } = await sql<{ found: string | null }>`SELECT to_regclass(${name})::text AS found`.execute(db);
  return Boolean(rows[0]?.found);
};

/**
 * The platform's health (spec/schemas/system-health.yaml), measured on every call: database round trip,
 * Redis PING, the read replica's lag, provider probes, job-queue depth and lag (pg-boss's table), this node's real-time
 * connections and the last hour's webhook failure rate.
 */
export async function systemHealth(
  db: Kysely<Database>,
  runtime: RuntimeHandles,
  providers: AdminProviders,
  meta: { version: string; startedAt: Date },
) {
  const database = await timed(() => sql`SELECT 1`.execute(db));
  const databaseStatus: Check = database.failed || database.ms > 2000 ? 'down' : database.ms > 250 ? 'degraded' : 'ok';

  let redis: { status: Check | 'not_configured'; latency_ms: number | null } = { status: 'not_configured', latency_ms: null };
  if (runtime.redis) {
    const ping = await timed(() => runtime.redis!.ping());
    redis = ping.failed ? { status: 'down', latency_ms: null } : { status: ping.ms > 100 ? 'degraded' : 'ok', latency_ms: ping.ms };
  }

  const replica = await runtime.readReplica();

  const providerViews = database.failed ? [] : await providers.list();

  let queue = { status: 'ok' as 'ok' | 'degraded', depth: 0, oldest_job_age_ms: null as number | null };
  if (!database.failed && (await tableExists(db, 'pgboss.job'))) {
    const { rows } = await sql<{ depth: number; oldest: Date | null }>`
      SELECT count(*)::int AS depth, min(start_after) AS oldest FROM pgboss.job
      WHERE state IN ('created', 'retry') AND start_after <= now()`.execute(db);
    const oldest = rows[0]?.oldest ? Math.max(0, Date.now() - new Date(rows[0].oldest).getTime()) : null;
    queue = {
      status: oldest !== null && oldest > 60_000 ? 'degraded' : 'ok',
      depth: Number(rows[0]?.depth ?? 0),
      oldest_job_age_ms: oldest,
    };
  }

  let webhooks = { status: 'ok' as 'ok' | 'degraded', failure_rate: 0, failing_endpoints: 0 };
  if (!database.failed && (await tableExists(db, 'webhook_deliveries'))) {
    const { rows } = await sql<{ failed: number; total: number }>`
      SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS total
      FROM webhook_deliveries WHERE attempted_at >= now() - interval '1 hour'`.execute(db);
    const { rows: failing } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM webhook_endpoints e WHERE e.enabled AND (
        SELECT d.status FROM webhook_deliveries d WHERE d.endpoint_id = e.id AND d.attempted_at IS NOT NULL
        ORDER BY d.attempted_at DESC LIMIT 1) = 'failed'`.execute(db);
    const { failed, total } = singleRow(rows, 'webhook failure rate');
    const rate = total > 0 ? Math.round((failed * 10_000) / total) : 0;
    webhooks = { status: rate > 2000 ? 'degraded' : 'ok', failure_rate: rate, failing_endpoints: Number(failing[0]?.n ?? 0) };
  }

  const enabled = providerViews.filter((p) => p.enabled);
  const anyServing = enabled.some((p) => p.status !== 'down');
  const status: Check =
    databaseStatus === 'down' || !anyServing
      ? 'down'
      : databaseStatus !== 'ok' ||
          (redis.status !== 'not_configured' && redis.status !== 'ok') ||
          (replica.status !== 'not_configured' && replica.status !== 'ok') ||
          providerViews.some((p) => p.status !== 'up') ||
          queue.status !== 'ok' ||
          webhooks.status !== 'ok'
        ? 'degraded'
        : 'ok';

  return {
    status,
    checks: {
      database: { status: databaseStatus, latency_ms: database.failed ? null : database.ms },
      redis,
      read_replica: {
        status: replica.status,
        lag_seconds: replica.lagSeconds === null ? null : Math.round(replica.lagSeconds * 1000) / 1000,
        lag_bytes: replica.lagBytes,
      },
      providers: providerViews.map((p) => ({ id: p.id, slug: p.slug, enabled: p.enabled, status: p.status, balance: p.balance })),
      queue,
      websocket: { connections: runtime.realtimeConnections?.() ?? 0 },
      webhooks,
    },
    version: meta.version,
    uptime_s: Math.max(0, Math.floor((Date.now() - meta.startedAt.getTime()) / 1000)),
    checked_at: new Date().toISOString(),
  };
}
