/**
 * Start-up time of README's first command, `scripts/start.sh` (API only: DASHBOARD=off, so the one-off
 * dashboard build is not counted), on a fresh data folder (PGlite initdb, migrations, demo data) and on a
 * warm one (open, migrations already current), from spawn to the banner. The baseline, measured in the same
 * run, is a plain node:http server started the same way (bash exec node), so the ratio says what the
 * platform adds over "a Node process that listens". Targets (issue 19): warm < 3 s, fresh < 10 s.
 * Usage: node --import tsx bench/start/run.ts [rounds]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../server-reference/test/platform/support/test-platform.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const rounds = Number(process.argv[2] ?? 3);

/** Milliseconds from spawn until `ready` appears in the output; the process is then stopped with SIGTERM. */
async function timeToBanner(command: string[], env: Record<string, string>, ready: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command[0] ?? 'bash', command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const elapsed = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve(performance.now() - started);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before "${ready}":\n${output}`)));
  });
  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const baseline: number[] = [];
const fresh: number[] = [];
const warm: number[] = [];
for (let round = 0; round < rounds; round++) {
  const port = String(await freePort());
  baseline.push(
    await timeToBanner(
      [
        'bash',
        '-c',
        `exec node -e "require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, () => console.log('listening'))"`,
      ],
      {},
      'listening',
    ),
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'namaskah-start-bench-'));
  try {
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, DASHBOARD: 'off', LOG_LEVEL: 'warn' };
    fresh.push(await timeToBanner(['bash', 'scripts/start.sh'], env, 'demo@namaskah.dev'));
    warm.push(await timeToBanner(['bash', 'scripts/start.sh'], { ...env, PORT: String(await freePort()) }, 'demo@namaskah.dev'));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const row = (name: string, values: number[], target: number) => {
  const m = median(values);
  console.log(
    `${name.padEnd(28)} median ${(m / 1000).toFixed(2)} s  (${values.map((v) => (v / 1000).toFixed(2)).join(', ')})  ` +
      `${(m / median(baseline)).toFixed(1)}x baseline  target < ${target} s: ${m < target * 1000 ? 'met' : 'NOT met'}`,
  );
};
console.log(`baseline (bash exec node:http)  median ${(median(baseline) / 1000).toFixed(2)} s over ${rounds} rounds`);
row('start.sh, fresh data folder', fresh, 10);
row('start.sh, warm data folder', warm, 3);
