/**
 * Webhook delivery benchmark: deliveries per second to a local receiver, and event-to-delivery latency
 * (from handing a committed event to the webhook module to the receiver reading the request), through the
 * real module: fan-out into the database, the worker's claims, signing, the SSRF-guarded HTTP client, and
 * the recorded outcome. A baseline in the same run POSTs the same bodies straight to the receiver with
 * node:http at the same concurrency, so the ratio shows what the durable path costs. Loopback only; printed,
 * never asserted (targets: >= 1,000 deliveries/s, p99 < 50 ms). A last phase appends events in their own
 * transactions and times them from COMMIT to the receiver, through the outbox dispatcher (the first attempt
 * of issue 13's target). Bounded by BENCH_MAX_SECONDS (default 120).
 *
 *   pnpm --filter @namaskah/server bench:webhooks               # PGlite in memory
 *   TEST_DATABASE_URL=postgres://... pnpm --filter @namaskah/server bench:webhooks
 */
import { randomBytes } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { migrateToLatest } from '../../../server-reference/src/storage/migrate.ts';
import { seedTiers } from '../../../server-reference/src/domain/demo-seed.ts';
import { appendEvent } from '../../../server-reference/src/storage/events/append-event.ts';
import { OutboxDispatcher } from '../../../server-reference/src/events/outbox-dispatcher.ts';
import { createWebhookModule, loadWebhookConfig, type CommittedEvent } from '../../../server-reference/src/webhooks/index.ts';

const THROUGHPUT_EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 1000);
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const maxSeconds = Number(process.env.BENCH_MAX_SECONDS ?? 120);
setTimeout(() => {
  console.error('webhooks bench: time budget exceeded, stopping');
  process.exit(2);
}, maxSeconds * 1000).unref();

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// the receiver: answers 204 at once and notes when each webhook-id arrived
const arrivals = new Map<string, number>();
let waiting: { count: number; resolve: () => void } | null = null;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const id = String(req.headers['webhook-id'] ?? req.headers['x-id']);
    if (!arrivals.has(id)) arrivals.set(id, performance.now());
    res.writeHead(204).end();
    if (waiting && arrivals.size >= waiting.count) waiting.resolve();
  });
});
receiver.keepAliveTimeout = 10_000;
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
const arrived = (count: number) =>
  new Promise<void>((resolve) => {
    if (arrivals.size >= count) return resolve();
    waiting = { count, resolve };
  });

// database: PGlite in memory, or a throwaway schema of TEST_DATABASE_URL
const pgUrl = process.env.TEST_DATABASE_URL;
let schema: string | null = null;
let url: string | null = null;
if (pgUrl) {
  schema = `bench_webhooks_${randomBytes(4).toString('hex')}`;
  const admin = await createDatabase({ databaseUrl: pgUrl, dataDir: '', poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  await admin.close();
  const withSchema = new URL(pgUrl);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  url = withSchema.toString();
}
const database = await createDatabase({ databaseUrl: url, dataDir: 'memory://', poolSize: 30 });
await migrateToLatest(database.db);
await seedTiers(database.db);
const userId = 'usr_bench';
await database.db
  .insertInto('users')
  .values({
    id: userId,
    email: 'bench@example.com',
    password_hash: 'x',
    name: null,
    role: 'user',
    tier_id: 'tier_pro',
    status: 'active',
    phone_number: null,
    suspended_at: null,
  } as any)
  .execute();

const config = loadWebhookConfig(
  {},
  { sandbox: true, fallbackKeyMaterial: 'bench' },
  { concurrency: CONCURRENCY, connectionsPerOrigin: CONCURRENCY },
);
const webhooks = createWebhookModule({ db: database.db, config });
await webhooks.endpoints.create(userId, { url: `${receiverUrl}/hook`, event_types: ['*'] });
// the outbox phase spreads its events over several accounts, as a platform does: one account's appends
// wait for each other on its sequence counter, which would measure that lock instead of the wake-up
const outboxUsers = Array.from({ length: 20 }, (_, i) => `usr_bench${String(i).padStart(2, '0')}`);
for (const id of outboxUsers) {
  await database.db
    .insertInto('users')
    .values({
      id,
      email: `${id}@example.com`,
      password_hash: 'x',
      name: null,
      role: 'user',
      tier_id: 'tier_pro',
      status: 'active',
      phone_number: null,
      suspended_at: null,
    } as any)
    .execute();
  await webhooks.endpoints.create(id, { url: `${receiverUrl}/hook`, event_types: ['*'] });
}
webhooks.start();

let sequence = 0;
const makeEvent = (prefix: string): CommittedEvent => ({
  id: `evt_${prefix}${String(++sequence).padStart(8, '0')}`,
  userId,
  type: 'verification.completed',
  timestamp: new Date(),
  sequence,
  data: { id: 'ver_01JD4Z9B5M2N8Q4R6S8T0V2W4X', status: 'completed', code: '482913', price: { amount: 250, currency: 'USD' } },
});

// warm-up: connections, JIT, database caches
const warm = Array.from({ length: 200 }, () => makeEvent('warm'));
await webhooks.fanout.handleMany(warm);
await arrived(arrivals.size + warm.length);

// throughput: a backlog of events handed over in batches of 100 (as the outbox dispatcher does)
const before = arrivals.size;
const throughputStart = performance.now();
for (let i = 0; i < THROUGHPUT_EVENTS; i += 100) {
  await webhooks.fanout.handleMany(Array.from({ length: Math.min(100, THROUGHPUT_EVENTS - i) }, () => makeEvent('tput')));
}
await arrived(before + THROUGHPUT_EVENTS);
const throughputSeconds = (performance.now() - throughputStart) / 1000;
const deliveriesPerSecond = THROUGHPUT_EVENTS / throughputSeconds;

// latency: events one at a time at a steady rate, each timed from hand-over to arrival
const handedAt = new Map<string, number>();
const latencyStart = performance.now();
for (let i = 0; i < LATENCY_EVENTS; i++) {
  const event = makeEvent('lat');
  handedAt.set(event.id, performance.now());
  void webhooks.handleEvent(event);
  const due = latencyStart + ((i + 1) * 1000) / LATENCY_RATE;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
}
await arrived(before + THROUGHPUT_EVENTS + LATENCY_EVENTS);
const latencies = [...handedAt].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);

// commit -> receiver: events appended in their own transactions at the same rate, through the outbox and
// the dispatcher (woken by the commit signal; its poll is only the safety net), timed from COMMIT returning
// the hand-over to the webhook consumer is timed too, to tell the outbox's share from the delivery's
const handedOver = new Map<string, number>();
const timedConsumer = {
  name: webhooks.consumer.name,
  async handle(events: Array<{ id: string }>) {
    const now = performance.now();
    for (const event of events) handedOver.set(event.id, now);
    await webhooks.consumer.handle(events as never);
  },
};
const dispatcher = new OutboxDispatcher({ db: database.db, consumers: [timedConsumer], pollIntervalMs: 1000 });
await dispatcher.start();
const committedAt = new Map<string, number>();
const commits: Promise<unknown>[] = [];
const outboxStart = performance.now();
for (let i = 0; i < LATENCY_EVENTS; i++) {
  commits.push(
    database.db
      .transaction()
      .execute((trx) =>
        appendEvent(trx, {
          userId: outboxUsers[i % outboxUsers.length],
          type: 'verification.completed',
          data: makeEvent('outbox').data,
        }),
      )
      .then((event) => {
        committedAt.set(event.id, performance.now());
      }),
  );
  const due = outboxStart + ((i + 1) * 1000) / LATENCY_RATE;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
}
await Promise.all(commits);
await arrived(before + THROUGHPUT_EVENTS + 2 * LATENCY_EVENTS);
const toDispatcher = [...committedAt].map(([id, at]) => handedOver.get(id)! - at).sort((a, b) => a - b);
const commitLatencies = [...committedAt].map(([id, at]) => arrivals.get(id)! - at).sort((a, b) => a - b);
await dispatcher.stop();
await webhooks.stop();
await database.close();

// baseline: the same POSTs straight to the receiver over kept-alive connections, no database, no signing
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const body = JSON.stringify(makeEvent('base'));
const post = (n: number) =>
  new Promise<void>((resolve, reject) => {
    const req = request(
      `${receiverUrl}/base`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-id': `base${n}` } },
      (res) => {
        res.resume();
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
let next = 0;
const baselineStart = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < THROUGHPUT_EVENTS) await post(next++);
  }),
);
const baselinePerSecond = THROUGHPUT_EVENTS / ((performance.now() - baselineStart) / 1000);
agent.destroy();
receiver.close();

if (schema) {
  const admin = await createDatabase({ databaseUrl: pgUrl!, dataDir: '', poolSize: 1 });
  await admin.db.schema.dropSchema(schema).cascade().execute();
  await admin.close();
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`webhooks bench (${database.driver}, concurrency ${CONCURRENCY}, loopback receiver)`);
console.log(
  `  throughput: ${THROUGHPUT_EVENTS} deliveries in ${throughputSeconds.toFixed(2)} s = ${deliveriesPerSecond.toFixed(0)} deliveries/s (target >= 1000)`,
);
console.log(
  `  baseline (plain node:http POSTs, same run): ${baselinePerSecond.toFixed(0)} requests/s; delivery path = ${(deliveriesPerSecond / baselinePerSecond).toFixed(2)}x of it`,
);
console.log(
  `  latency at ${LATENCY_RATE} events/s, ${LATENCY_EVENTS} events: p50 ${ms(percentile(latencies, 50))}, p90 ${ms(percentile(latencies, 90))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies[latencies.length - 1])} (target p99 < 50 ms)`,
);
console.log(
  `  commit -> receiver through the outbox at ${LATENCY_RATE} events/s, ${LATENCY_EVENTS} events: p50 ${ms(percentile(commitLatencies, 50))}, p90 ${ms(percentile(commitLatencies, 90))}, p99 ${ms(percentile(commitLatencies, 99))}, max ${ms(commitLatencies[commitLatencies.length - 1])} (target p99 < 50 ms); of which commit -> hand-over to the webhook consumer p50 ${ms(percentile(toDispatcher, 50))}, p99 ${ms(percentile(toDispatcher, 99))}`,
);
process.exit(0);
