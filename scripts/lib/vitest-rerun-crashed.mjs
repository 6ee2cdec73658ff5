#!/usr/bin/env node
// Runs `vitest run <args>` and, only when some test files failed because their worker process was killed
// by a signal (SIGSEGV and friends), runs those files once more. The known cause is a Node/V8 WebAssembly
// crash when several processes start PGlite at once (nodejs/node#64500, electric-sql/pglite#1053): it
// is not a failure of the code under test, and one crashed fork must not fail a 10-minute suite.
// Anything else (a failing assertion, an unhandled error, a file that crashed twice) fails as usual.
// Usage (from a package folder): node ../scripts/lib/vitest-rerun-crashed.mjs [vitest run args]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CRASH = /Worker exited unexpectedly with signal (SIG[A-Z]+) .*?while running test file (\S+)/g;
const ERROR_COUNT = /Errors\s+(\d+) errors?/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are stripped before matching
const ANSI = /\u001b\[[0-9;]*m/g;

const args = process.argv.slice(2);
const scratch = mkdtempSync(join(tmpdir(), 'vitest-run-'));

/** One `vitest run`: its output streamed through, its exit code, the crashed and failed files. */
function runVitest(vitestArgs, round) {
  const report = join(scratch, `report-${round}.json`);
  // `vitest` is on PATH inside a package script (pnpm puts node_modules/.bin there).
  const child = spawn('vitest', ['run', ...vitestArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  let text = '';
  const keep = (chunk) => {
    // Only the crash lines and the summary are read back: keep a bounded tail plus every crash line.
    text = (text + chunk.toString()).slice(-200_000);
  };
  const crashes = new Map();
  const scan = (chunk) => {
    for (const match of chunk.toString().replace(ANSI, '').matchAll(CRASH)) crashes.set(resolve(match[2]), match[1]);
  };
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    keep(chunk);
    scan(chunk);
  });
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    keep(chunk);
    scan(chunk);
  });
  return new Promise((done) => {
    child.on('close', (code, signal) => {
      let failed = [];
      try {
        const results = JSON.parse(readFileSync(report, 'utf8')).testResults ?? [];
        failed = results.filter((file) => file.status === 'failed').map((file) => resolve(file.name));
      } catch {
        failed = undefined; // no report: vitest itself failed; nothing to rerun
      }
      const errors = Number(text.replace(ANSI, '').match(ERROR_COUNT)?.[1] ?? 0);
      done({ code: code ?? (signal ? 1 : 0), crashes, failed, errors });
    });
  });
}

let exitCode;
const first = await runVitest(args, 1);
const onlyCrashes =
  first.code !== 0 &&
  first.crashes.size > 0 &&
  first.failed?.every((file) => first.crashes.has(file)) &&
  first.errors <= first.crashes.size;
if (!onlyCrashes) {
  exitCode = first.code;
} else {
  const files = [...first.crashes.keys()];
  console.error(
    `\nvitest-rerun-crashed: ${files.length} test file(s) lost their worker to a signal ` +
      `(${[...first.crashes.values()].join(', ')}; nodejs/node#64500); running them once more:\n  ${files.join('\n  ')}\n`,
  );
  const second = await runVitest(files, 2);
  exitCode = second.code;
}
rmSync(scratch, { recursive: true, force: true });
process.exit(exitCode);
