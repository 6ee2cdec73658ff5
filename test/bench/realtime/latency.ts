import { WebSocket } from '../../../server-reference/test/realtime/support/ws-client.ts';
import { appendEvent } from '../../../server-reference/src/events/append-event.ts';
import { startBenchNode } from './bench-node.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const RATE = Number(process.env.BENCH_RATE ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Commit-to-client latency: CLIENTS authenticated WebSocket clients (one user each), RATE events per
 * second for SECONDS, each in its own transaction. Latency = client receipt - the moment the appending
 * transaction's COMMIT returned (same process, same clock).
 */
export async function benchLatency(): Promise<Record<string, number | string>> {
  const bench = await startBenchNode();
  const users = await bench.users(CLIENTS);
  const committedAt = new Map<string, number>();
  const latencies: number[] = [];
  const sockets = await Promise.all(users.map((user) => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(bench.node.wsUrl);
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'auth', access_token: user.token }));
      ws.send(JSON.stringify({ type: 'subscribe' }));
    });
    ws.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.type === 'ready') return resolve(ws);
      const at = committedAt.get(message.id);
      if (at !== undefined) latencies.push(performance.now() - at);
    });
    ws.on('error', reject);
  })));

  const total = RATE * SECONDS;
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const user = users[i % users.length];
    inFlight.push(bench.database.db.transaction().execute((trx) => appendEvent(trx, {
      userId: user.userId, type: 'balance.low', data: { balance: { amount: i, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
    })).then((event) => { committedAt.set(event.id, performance.now()); }));
  }
  await Promise.all(inFlight);
  const offeredSeconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 10_000;
  while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const ws of sockets) ws.terminate();
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
