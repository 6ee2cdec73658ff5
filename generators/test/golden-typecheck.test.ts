import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const goldens = readdirSync(join(here, 'golden'));
const sdkCore = resolve(here, '../../sdks/js/src/core');
const tsc = resolve(here, '../node_modules/typescript/bin/tsc');
const workDir = mkdtempSync(join(tmpdir(), 'namaskah-golden-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('golden TypeScript output typechecks against the SDK core', () => {
  it.each(goldens)('%s', (name) => {
    const dir = join(workDir, name);
    cpSync(join(here, 'golden', name, 'src'), join(dir, 'src'), { recursive: true });
    symlinkSync(sdkCore, join(dir, 'src/core'));
    symlinkSync(resolve(here, '../../sdks/js/node_modules'), join(dir, 'node_modules'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
          preserveSymlinks: true,
        },
        include: ['src'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
