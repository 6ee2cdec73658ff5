// The server suite's runner (scripts/lib/vitest-rerun-crashed.mjs) reruns only test files whose worker
// died of a signal, once; a failing assertion or a file that crashes twice still fails the run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const runner = join(root, 'scripts/lib/vitest-rerun-crashed.mjs');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rerun-crashed-'));
  // The server package's vitest, as the suite uses it.
  symlinkSync(join(root, 'server-reference/node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'vitest.config.ts'), "export default { test: { include: ['*.test.ts'], pool: 'forks' } };\n");
  const file = (name: string, body: string) => writeFileSync(join(dir, name), `import { expect, it } from 'vitest';\n${body}\n`);
  file('passes.test.ts', "it('passes', () => expect(1).toBe(1));");
  file('fails.test.ts', "it('fails', () => expect(1).toBe(2));");
  file('always-crashes.test.ts', "it('crashes', () => { process.kill(process.pid, 'SIGSEGV'); });");
  const marker = join(dir, 'crashed-once');
  file(
    'crashes-once.test.ts',
    `import { existsSync, writeFileSync } from 'node:fs';
it('crashes the first time only', async () => {
  if (existsSync(${JSON.stringify(marker)})) return;
  writeFileSync(${JSON.stringify(marker)}, '');
  process.kill(process.pid, 'SIGSEGV');
  await new Promise((r) => setTimeout(r, 5000));
});`,
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

function run(...files: string[]) {
  rmSync(join(dir, 'crashed-once'), { force: true });
  const env = { ...process.env, PATH: `${join(dir, 'node_modules/.bin')}${delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  const result = spawnSync(process.execPath, [runner, ...files], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('vitest-rerun-crashed', () => {
  it('passes a run whose only failure is a worker that crashed once, after running that file again', () => {
    const { status, output } = run('passes.test.ts', 'crashes-once.test.ts');
    assert.equal(status, 0, output);
    assert.match(output, /lost their worker to a signal \(SIGSEGV/);
    assert.match(output, /crashes-once\.test\.ts/);
  });

  it('fails when a file crashes again on the second run', () => {
    const { status, output } = run('passes.test.ts', 'always-crashes.test.ts');
    assert.notEqual(status, 0, output);
  });

  it('never reruns when an assertion failed beside the crash', () => {
    const { status, output } = run('fails.test.ts', 'crashes-once.test.ts');
    assert.notEqual(status, 0, output);
    assert.doesNotMatch(output, /running them once more/);
  });

  it('passes a green run untouched', () => {
    const { status, output } = run('passes.test.ts');
    assert.equal(status, 0, output);
    assert.doesNotMatch(output, /running them once more/);
  });
});
