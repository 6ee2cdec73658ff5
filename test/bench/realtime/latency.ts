import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { appendAtRate } from './append-at-rate.ts';
import { startBenchNode } from './bench-node.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const appendInOwnProcess = (job: { databaseUrl: string; userIds: string[]; rate: number; seconds: number }) =>
  new Promise<{ committed: Array<[string, number]>; offeredSeconds: number }>((resolve, reject) => {
    const appender = fork(fileURLToPath(new URL('./latency-appender.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
    appender.once('message', (result) => resolve(result as { committed: Array<[string, number]>; offeredSeconds: number }));
    appender.once('exit', (code) => reject(new Error(`the appender exited with ${code} before answering`)));
    appender.send(job);
  });

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

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
  const clients = fork(fileURLToPath(new URL('./latency-clients.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  const reply = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const onMessage = (message: any) => {
        if (message.type !== type) return;
        clients.off('message', onMessage);
        resolve(message as T);
      };
      clients.on('message', onMessage);
    });
  const ready = reply('ready');
  clients.send({ type: 'connect', wsUrl: bench.node.wsUrl, tokens: users.map((user) => user.token) });
  await ready;

  const total = RATE * SECONDS;
  const userIds = users.map((user) => user.userId);
  // PostgreSQL: the writers run in a process of their own too (latency-appender.ts); PGlite in memory is this process's alone
  const { committed, offeredSeconds } = options.databaseUrl
    ? await appendInOwnProcess({ databaseUrl: options.databaseUrl, userIds, rate: RATE, seconds: SECONDS })
    : await appendAtRate(bench.database.db, userIds, RATE, SECONDS);
  const committedAt = new Map(committed);
  let latencies: number[] = [];
  const deadline = Date.now() + 10_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const collected = reply<{ arrivals: Array<[string, number]> }>('arrivals');
    clients.send({ type: 'collect' });
    const { arrivals } = await collected;
    latencies = arrivals.filter(([id]) => committedAt.has(id)).map(([id, at]) => at - committedAt.get(id)!);
    if (latencies.length >= total || Date.now() > deadline) break;
  }
  clients.kill();
  await bench.close();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    driver: bench.database.driver,
    clients: CLIENTS,
    events: total,
    achieved_rate_per_s: Math.round(total / offeredSeconds),
    delivered: sorted.length,
    p50_ms: Number(percentile(sorted, 50)?.toFixed(2)),
    p99_ms: Number(percentile(sorted, 99)?.toFixed(2)),
    max_ms: Number(sorted.at(-1)?.toFixed(2)),
  };
}
