import { appendAtRate } from './append-at-rate.ts';
import { startBenchNode } from './bench-node.ts';
import { appendInOwnProcess, connectClients, percentile } from './latency-processes.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * Commit-to-client latency: CLIENTS authenticated WebSocket clients (one user each), `rate` events per
 * second for SECONDS, each in its own transaction. Latency = client receipt - the moment the appending
 * transaction's COMMIT returned, both on the machine-wide clock: the clients run in a process of their own
 * (latency-clients.ts), and so do the writers on PostgreSQL (latency-appender.ts, waking the server's
 * dispatcher by NOTIFY), so the server's event loop is shared with neither.
 */
export async function benchLatency(options: { rate: number; databaseUrl: string | null }): Promise<Record<string, number | string>> {
  const RATE = options.rate;
  const bench = await startBenchNode({ databaseUrl: options.databaseUrl });
  const users = await bench.users(CLIENTS);
  const clients = await connectClients(
    bench.node.wsUrl,
    users.map((user) => user.token),
  );

  const total = RATE * SECONDS;
  const userIds = users.map((user) => user.userId);
  // PostgreSQL: the writers run in a process of their own too (latency-appender.ts); PGlite in memory is this process's alone
  const { committed, offeredSeconds } = options.databaseUrl
    ? await appendInOwnProcess({ databaseUrl: options.databaseUrl, userIds, rate: RATE, seconds: SECONDS })
    : await appendAtRate(bench.database.db, userIds, RATE, SECONDS);
  const latencies = await clients.latencies(committed, 10_000);
  clients.close();
  await bench.close();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    driver: bench.database.driver,
    clients: CLIENTS,
    events: total,
    achieved_rate_per_s: Math.round(total / offeredSeconds),
    delivered: sorted.length,
    p50_ms: Number(percentile(sorted, 50).toFixed(2)),
    p99_ms: Number(percentile(sorted, 99).toFixed(2)),
    max_ms: Number(sorted.at(-1)?.toFixed(2)),
  };
}
