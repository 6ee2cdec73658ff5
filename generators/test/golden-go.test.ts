import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const goldens = readdirSync(join(here, 'golden')).filter((name) => existsSync(join(here, 'golden', name, 'go')));
const sdk = resolve(here, '../../sdks/go');
const workDir = mkdtempSync(join(tmpdir(), 'namaskah-golden-go-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * Each fixture's Go output, next to the SDK's hand-written core (`core_*.go`, which never depends on
 * generated code), must build and pass `go vet`, and be gofmt-clean as committed.
 */
describe('golden Go output builds and vets against the SDK core', () => {
  it.each(goldens)('%s', (name) => {
    const dir = join(workDir, name);
    execFileSync('mkdir', ['-p', dir]);
    for (const file of readdirSync(sdk).filter((f) => /^core_.*\.go$/.test(f) && !f.endsWith('_test.go'))) {
      copyFileSync(join(sdk, file), join(dir, file));
    }
    const golden = join(here, 'golden', name, 'go');
    for (const file of readdirSync(golden).filter((f) => f.endsWith('.go'))) copyFileSync(join(golden, file), join(dir, file));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/golden\n\ngo 1.24\n');
    const env = { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
    const run = (cmd: string, args: string[]) => {
      try {
        return execFileSync(cmd, args, { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string };
        return `${cmd} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`;
      }
    };
    expect(run('go', ['build', './...'])).toBe('');
    expect(run('go', ['vet', './...'])).toBe('');
    expect(run('gofmt', ['-l', golden])).toBe('');
  });
});
