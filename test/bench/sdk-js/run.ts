/**
 * SDK benchmarks, printed, never asserted (DESIGN.md §8):
 *   1. JS SDK call overhead: `client.health.retrieve()` against a raw `fetch` + `JSON.parse` of the same
 *      endpoint on the reference server (a child process), as a ratio measured in the same run. The raw
 *      call sends the headers the SDK sends (Accept and User-Agent), so both ask the server the same thing.
 *      Target <= 1.10.
 *   2. Generation time for every SDK: the in-memory generation plan (IR + every emitter + goldens), in a
 *      fresh process's first run with the formatter cache off (everything formatted: a fresh clone) and
 *      with it on (what a regeneration costs), and the wall time of `pnpm gen --check` as people run it.
 *      Target < 3 s.
 * Run: `pnpm --filter @namaskah/test bench:sdk-js [overhead|generation]` (or `pnpm --filter @namaskah/sdk bench`).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { planGeneration } from '../../../generators/cli/generation-plan.ts';
import { setFormatCacheEnabled } from '../../../generators/core/formatters/cache.ts';
import { emitGo } from '../../../generators/go/index.ts';
import { buildIr } from '../../../generators/ir/build-ir.ts';
import { emitPython } from '../../../generators/python/index.ts';
import { emitTypescript } from '../../../generators/typescript/index.ts';
import { Namaskah, VERSION } from '../../../sdks/js/src/index.ts';
import { startReferenceServer } from '../../../sdks/js/test/e2e/reference-server.ts';

const repoRoot = resolve(import.meta.dirname, '../../..');
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 4000);

async function timeBlock(call: () => Promise<unknown>, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return performance.now() - started;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function benchOverhead(): Promise<void> {
  const server = await startReferenceServer({ ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'error' });
  try {
    const url = `${server.url}/v1/health`;
    const rawHeaders = { accept: 'application/json, application/problem+json', 'user-agent': `namaskah-js/${VERSION}` };
    const raw = async () => {
      const response = await fetch(url, { headers: rawHeaders });
      if (!response.ok) throw new Error(`raw fetch: ${response.status}`);
      return JSON.parse(await response.text());
    };
    const client = new Namaskah({ baseUrl: server.url });
    const sdk = () => client.health.retrieve();

    await timeBlock(raw, 300); // warm-up: JIT, connection pool, server caches
    await timeBlock(sdk, 300);
    // Interleaved call by call (order alternating) so load from other processes hits both sides alike;
    // medians of per-call latencies resist the outliers a shared machine produces.
    const rawTimes: number[] = [];
    const sdkTimes: number[] = [];
    const timeOne = async (call: () => Promise<unknown>, into: number[]) => {
      const started = performance.now();
      await call();
      into.push(performance.now() - started);
    };
    for (let i = 0; i < SAMPLES; i++) {
      if (i % 2 === 0) {
        await timeOne(raw, rawTimes);
        await timeOne(sdk, sdkTimes);
      } else {
        await timeOne(sdk, sdkTimes);
        await timeOne(raw, rawTimes);
      }
    }
    const us = (ms: number) => `${(ms * 1000).toFixed(0)} us`;
    const ratio = median(sdkTimes) / median(rawTimes);
    const p90 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)]!;
    console.log(`\nSDK call overhead: GET /v1/health on the reference server (${SAMPLES} interleaved pairs of sequential calls)`);
    console.log(`  raw fetch       median ${us(median(rawTimes))}, p90 ${us(p90(rawTimes))}`);
    console.log(`  SDK health.retrieve median ${us(median(sdkTimes))}, p90 ${us(p90(sdkTimes))}`);
    console.log(`  ratio SDK/raw   ${ratio.toFixed(3)} (medians)  target <= 1.10  ${ratio <= 1.1 ? 'OK' : 'ABOVE TARGET'}`);
  } finally {
    await server.stop();
  }
}

async function benchGeneration(): Promise<void> {
  const times: number[] = [];
  let files = 0;
  for (let run = 0; run < 3; run++) {
    setFormatCacheEnabled(run > 0); // run 0: every file through prettier, ruff and gofmt
    const started = performance.now();
    const plan = await planGeneration(repoRoot);
    times.push(performance.now() - started);
    files = plan.targets.reduce((sum, target) => sum + target.files.length, 0);
  }
  setFormatCacheEnabled(false);
  const stage = async <T>(run: () => Promise<T> | T): Promise<[T, number]> => {
    const started = performance.now();
    const value = await run();
    return [value, performance.now() - started];
  };
  const [{ ir }, irMs] = await stage(() => buildIr(resolve(repoRoot, 'spec')));
  const [, tsMs] = await stage(() => emitTypescript(ir));
  const [, pyMs] = await stage(() => emitPython(ir));
  const [, goMs] = await stage(() => emitGo(ir));
  const genCheck = (cache: boolean) => {
    const started = performance.now();
    const env = { ...process.env, NAMASKAH_GEN_CACHE: cache ? '1' : '0' };
    const check = spawnSync('pnpm', ['--silent', 'gen', '--check'], { cwd: repoRoot, encoding: 'utf8', env });
    const wall = performance.now() - started;
    const status = `exit ${check.status}${check.status === 0 ? ', no drift' : ', drift or error: see `pnpm gen --check`'}`;
    return `${(wall / 1000).toFixed(2)} s wall, process start included (${status})`;
  };
  console.log(`\nGeneration of every SDK (IR + TypeScript + Python + Go emitters + goldens, ${files} files, in memory)`);
  console.log(
    `  first run       ${(times[0]! / 1000).toFixed(2)} s   target < 3 s  ${times[0]! < 3000 ? 'OK' : 'ABOVE TARGET'} (no formatter cache: everything formatted)`,
  );
  console.log(`  warm runs       ${(Math.min(...times.slice(1)) / 1000).toFixed(2)} s (formatter cache on)`);
  console.log(
    `  warm stages     IR ${irMs.toFixed(0)} ms, TypeScript ${tsMs.toFixed(0)} ms, Python ${pyMs.toFixed(0)} ms, Go ${goMs.toFixed(0)} ms (spec only, goldens excluded, no cache)`,
  );
  console.log(`  pnpm gen --check ${genCheck(false)}, no formatter cache`);
  console.log(`  pnpm gen --check ${genCheck(true)}, formatter cache on`);
}

// `run.ts overhead` or `run.ts generation` runs one of the two; no argument runs both.
const only = process.argv[2];
if (only !== 'generation') await benchOverhead();
if (only !== 'overhead') await benchGeneration();
