/**
 * HTTP benchmarks of the reference node (printed, never asserted): authenticated reads and purchases,
 * each against a bare Hono app on @hono/node-server measured in the same run, so the ratio survives a
 * noisy machine. The node and the baseline run in processes of their own, the load generator (autocannon)
 * in this one; loopback only. PGlite in memory, then PostgreSQL when BENCH_DATABASE_URL is set.
 *
 *   pnpm --filter @namaskah/test bench:http
 *
 * Targets (issue 13): reads >= 0.25x bare Hono on PostgreSQL and >= 0.10x on PGlite with p99 < 20 ms at 50
 * connections; purchases >= 1,000/s on PostgreSQL and >= 200/s on PGlite, the ledger exact afterwards.
 * BENCH_SECONDS (default 5) per measurement, BENCH_CONNECTIONS (default 50); BENCH_SKIP_PURCHASES=1 for reads only,
 * BENCH_CPU_PROF=dir for CPU profiles of the server processes (test/bench/profile-top.mjs prints their top functions).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const here = new URL('.', import.meta.url).pathname;
setTimeout(
  () => {
    console.error('http bench: time budget exceeded, stopping');
    process.exit(2);
  },
  Number(process.env.BENCH_MAX_SECONDS ?? 240) * 1000,
).unref();

interface Child {
  process: ChildProcess;
  ready: any;
  call(type: string): Promise<any>;
}

async function start(script: string, env: NodeJS.ProcessEnv, logFile: string): Promise<Child> {
  const out = openSync(logFile, 'w');
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of each server process there (open in Chrome DevTools)
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(join(here, script), [], { execArgv: profile, env, stdio: ['ignore', out, out, 'ipc'] });
  const replies: Array<(message: any) => void> = [];
  let onReady: (message: any) => void = () => undefined;
  child.on('message', (message: any) => (message.type === 'ready' ? onReady(message) : replies.shift()?.(message)));
  const ready = await new Promise<any>((resolve, reject) => {
    onReady = resolve;
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready (log: ${logFile})`)));
  });
  return {
    process: child,
    ready,
    call: (type) =>
      new Promise((resolve) => {
        replies.push(resolve);
        child.send({ type });
      }),
  };
}

async function stop(child: Child) {
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.send({ type: 'stop' });
  await exited;
}

interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(url: string, options: { method?: string; tokens?: string[]; body?: () => string; seconds?: number }): Promise<Figure> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    method: (options.method ?? 'GET') as any,
    requests: [
      {
        setupRequest: (request: any) => {
          const token = options.tokens?.[n++ % options.tokens.length];
          const headers: Record<string, string> = { ...request.headers };
          if (token) headers.authorization = `Bearer ${token}`;
          if (options.body) {
            headers['content-type'] = 'application/json';
            headers['idempotency-key'] = randomUUID();
            return { ...request, headers, body: options.body() };
          }
          return { ...request, headers };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

const show = (f: Figure) =>
  `${f.rps.toFixed(0)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms${f.errors || f.non2xx ? ` (${f.errors} errors, ${f.non2xx} non-2xx)` : ''}`;
const countries = ['DE', 'FR', 'NL', 'IN', 'BR'];
const services = ['whatsapp', 'telegram', 'google', 'facebook', 'instagram', 'tiktok', 'amazon', 'discord', 'microsoft', 'uber'];
let purchase = 0;
const purchaseBody = () => {
  const i = purchase++;
  return JSON.stringify({ service: services[i % services.length], country: countries[Math.floor(i / services.length) % countries.length] });
};

const drivers = [null, process.env.BENCH_DATABASE_URL || null].filter((url, i) => i === 0 || url);
for (const databaseUrl of drivers) {
  const tag = databaseUrl ? 'postgres' : 'pglite';
  const env = { ...process.env, BENCH_DATABASE_URL: databaseUrl ?? '', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' };
  const bare = await start('bare-server.ts', env, join(tmpdir(), `bench-http-bare.log`));
  const node = await start('reference-server.ts', env, join(tmpdir(), `bench-http-${tag}.log`));
  const tokens = node.ready.users.map((u: { token: string }) => u.token);
  const base = node.ready.url;
  // warm-up: JIT, connections, database caches
  await load(`${bare.ready.url}/v1/wallet`, { seconds: 2 });
  await load(`${base}/v1/wallet`, { tokens, seconds: 2 });

  const bareWallet = await load(`${bare.ready.url}/v1/wallet`, {});
  const wallet = await load(`${base}/v1/wallet`, { tokens });
  const list = await load(`${base}/v1/verifications?limit=10`, { tokens });
  const bareAgain = await load(`${bare.ready.url}/v1/wallet`, {});
  const bareRps = (bareWallet.rps + bareAgain.rps) / 2;
  const before = await node.call('ledger');
  const purchases = process.env.BENCH_SKIP_PURCHASES
    ? { rps: 0, p50: 0, p99: 0, errors: 0, non2xx: 0 }
    : await load(`${base}/v1/verifications`, { method: 'POST', tokens, body: purchaseBody });
  await new Promise((resolve) => setTimeout(resolve, 500)); // requests autocannon gave up on finish
  const after = await node.call('ledger');
  await stop(node);
  await stop(bare);

  const charged = after.purchases - before.purchases;
  console.log(`http bench (${node.ready.driver}, ${CONNECTIONS} connections, ${SECONDS} s each, ${tokens.length} users)`);
  console.log(`  baseline bare Hono GET: ${show(bareWallet)}; again after the reads: ${show(bareAgain)}`);
  console.log(
    `  GET /v1/wallet: ${show(wallet)} = ${(wallet.rps / bareRps).toFixed(3)}x bare (target >= ${tag === 'postgres' ? '0.25' : '0.10'}x, p99 < 20 ms)`,
  );
  console.log(`  GET /v1/verifications?limit=10: ${show(list)} = ${(list.rps / bareRps).toFixed(3)}x bare`);
  console.log(
    `  POST /v1/verifications: ${show(purchases)} = ${(purchases.rps / bareRps).toFixed(3)}x bare (target >= ${tag === 'postgres' ? '1000' : '200'}/s); ${charged} charged, ledger ${after.mismatched === 0 ? 'exact' : `OFF on ${after.mismatched} wallets`} (${after.wallets} wallets, ${after.verifications} verifications)`,
  );
}
process.exit(0);
