/**
 * Capacity through nginx (issue 20; printed, never asserted): real reference-server nodes (`src/main.ts`, each
 * its own process) on one PostgreSQL and one Redis, real-time clients in a process of their own, writers in
 * another (each event its own transaction, waking the nodes by NOTIFY as a peer node would). Three layouts,
 * each measured the same way: the baseline, one node reached directly; the same node behind nginx (the
 * shipped deploy/nginx/nginx.conf); three nodes behind nginx. For each: how the CLIENTS connections spread over
 * the nodes, then offered event rates stepped up, with the commit -> client latency of each step; the figure
 * is the highest rate delivered whole at p99 < 20 ms, and its ratio to the baseline's.
 * Run: scripts/bench.sh cluster   (BENCH_CLIENTS, BENCH_SECONDS per step, BENCH_CLUSTER_RATES=250,500,...)
 */
import { AccessTokens } from '../../../server-reference/src/domain/access-tokens.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { freePort } from '../../../sdks/js/test/e2e/reference-server.ts';
import { type Node, startNode } from '../../fault/support/cluster.ts';
import { missingEngines, startNginx, startPostgres, startRedis } from '../../fault/support/engines.ts';
import { insertBenchUsers } from '../realtime/bench-users.ts';
import { appendInOwnProcess, connectClients, percentile } from '../realtime/latency-processes.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const RATES = (process.env.BENCH_CLUSTER_RATES ?? '100,250,500,1000,2000').split(',').map(Number);
const TARGET_P99_MS = 20;
const JWT_SECRET = 'bench-cluster-secret-0123456789abcdef0123456789';

const missing = missingEngines();
if (missing.length) {
  console.log(`cluster capacity: skipped, needs ${missing.join(', ')}`);
  process.exit(0);
}

const started = Date.now();

const postgres = await startPostgres();
const redis = await startRedis();
const nodeEnv = {
  DATABASE_URL: postgres.url,
  REDIS_URL: redis.url,
  JWT_SECRET,
  LOG_LEVEL: 'warn',
  TRUST_PROXY: 'true',
};
const nodes: Node[] = [await startNode('node-1', nodeEnv)];

/** The clients' accounts, straight in the tables (registering 1,000 through the API would measure scrypt). */
async function users(count: number) {
  const database = await createDatabase({ databaseUrl: postgres.url, dataDir: '', poolSize: 4 });
  const accounts = await insertBenchUsers(database.db, new AccessTokens(JWT_SECRET, 3600), count);
  await database.close();
  return accounts;
}
const accounts = await users(CLIENTS);

const append = (rate: number) =>
  appendInOwnProcess({ databaseUrl: postgres.url, userIds: accounts.map((a) => a.userId), rate, seconds: SECONDS });

/** Each node's open real-time connections, from its Prometheus gauge. */
async function connectionsPerNode(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const node of nodes) {
    const text = await (await fetch(`${node.url}/metrics`)).text();
    const gauge = /^namaskah_realtime_connections(?:\{[^}]*\})? (\d+)/m.exec(text);
    counts[node.name] = gauge ? Number(gauge[1]) : NaN;
  }
  return counts;
}

/** CLIENTS connected through `base`, then each offered rate for SECONDS: delivery and latency per step. */
async function measure(layout: string, base: string) {
  const clients = await connectClients(
    `${base.replace(/^http/, 'ws')}/v1/realtime/ws`,
    accounts.map((a) => a.token),
  );
  const spread = await connectionsPerNode();
  const steps: Array<Record<string, number>> = [];
  for (const rate of RATES) {
    const { committed, offeredSeconds } = await append(rate);
    const latencies = await clients.latencies(committed, 5_000);
    const sorted = latencies.sort((a, b) => a - b);
    steps.push({
      offered_per_s: rate,
      achieved_per_s: Math.round(committed.length / offeredSeconds),
      delivered_pct: Number(((100 * sorted.length) / committed.length).toFixed(1)),
      p50_ms: Number(percentile(sorted, 50).toFixed(1)),
      p99_ms: Number(percentile(sorted, 99).toFixed(1)),
    });
  }
  clients.close();
  await new Promise((r) => setTimeout(r, 1000));
  const within = steps.filter((s) => s.delivered_pct === 100 && s.p99_ms! < TARGET_P99_MS);
  const sustained = within.length ? Math.max(...within.map((s) => s.achieved_per_s!)) : 0;
  console.log(`cluster capacity, ${layout}: ${CLIENTS} clients, connections per node ${JSON.stringify(spread)}`);
  console.table(steps);
  return { sustained, p99: steps.map((s) => s.p99_ms!) };
}

const first = nodes[0]!;
const baseline = await measure('1 node, direct (baseline)', first.url);
const proxyOne = await freePort();
const nginxOne = await startNginx([new URL(first.url).host], proxyOne);
const throughOne = await measure('1 node behind nginx', nginxOne.url);
nginxOne.stop();
nodes.push(...(await Promise.all([startNode('node-2', nodeEnv), startNode('node-3', nodeEnv)])));
const proxyThree = await freePort();
const nginxThree = await startNginx(
  nodes.map((n) => new URL(n.url).host),
  proxyThree,
);
const throughThree = await measure('3 nodes behind nginx', nginxThree.url);
nginxThree.stop();

const ratio = (x: number, base: number) => (base ? `${(x / base).toFixed(2)}x` : 'n/a');
console.log(
  `cluster capacity, events/s delivered whole at p99 < ${TARGET_P99_MS} ms: 1 node direct ${baseline.sustained} (baseline); ` +
    `1 node behind nginx ${throughOne.sustained} (${ratio(throughOne.sustained, baseline.sustained)}); ` +
    `3 nodes behind nginx ${throughThree.sustained} (${ratio(throughThree.sustained, baseline.sustained)})`,
);
console.log('cluster capacity, p99 commit -> client by offered rate, with the ratio to the baseline at the same rate:');
console.table(
  RATES.map((rate, i) => ({
    offered_per_s: rate,
    direct_p99_ms: baseline.p99[i],
    nginx_1_node_p99_ms: throughOne.p99[i],
    nginx_1_node_ratio: ratio(throughOne.p99[i]!, baseline.p99[i]!),
    nginx_3_nodes_p99_ms: throughThree.p99[i],
    nginx_3_nodes_ratio: ratio(throughThree.p99[i]!, baseline.p99[i]!),
  })),
);
await Promise.all(nodes.map((n) => n.stop()));
redis.stop();
postgres.stop();
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(0);
