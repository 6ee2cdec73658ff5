import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { appendEvent } from '../../../server-reference/src/storage/events/append-event.ts';
import { startBenchNode } from './bench-node.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Commit-to-client latency: CLIENTS authenticated WebSocket clients (one user each), `rate` events per
 * second for SECONDS, each in its own transaction. Latency = client receipt - the moment the appending
 * transaction's COMMIT returned, both on the machine-wide clock: the clients run in a process of their own
 * (latency-clients.ts), so the server's event loop is not shared with them.
 */
export async function benchLatency(options: { rate: number; databaseUrl: string | null }): Promise<Record<string, number | string>> {
  const RATE = options.rate;
  const bench = await startBenchNode({ databaseUrl: options.databaseUrl });
  const users = await bench.users(CLIENTS);
  const committedAt = new Map<string, number>();
  // the clients run in their own process (latency-clients.ts); times are on the machine-wide clock
  const clock = () => performance.timeOrigin + performance.now();
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
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const user = users[i % users.length];
    inFlight.push(
      bench.database.db
        .transaction()
        .execute((trx) =>
          appendEvent(trx, {
            userId: user.userId,
            type: 'balance.low',
            data: { balance: { amount: i, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
          }),
        )
        .then((event) => {
          committedAt.set(event.id, clock());
        }),
    );
  }
  await Promise.all(inFlight);
  const offeredSeconds = (performance.now() - started) / 1000;
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
