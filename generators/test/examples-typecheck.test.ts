import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const sdk = resolve(import.meta.dirname, '../../sdks/js');
const tsc = resolve(import.meta.dirname, '../node_modules/typescript/bin/tsc');
const workDir = mkdtempSync(join(sdk, '.examples-check-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Every ```ts block of the generated resources' JSDoc, without the leading ` * `. */
function examples(): { where: string; source: string }[] {
  const dir = join(sdk, 'src/resources');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({
        where: `${file} #${i + 1}`,
        source: m[1]!.replace(/^\s*\* ?/gm, ''),
      })),
    );
}

/**
 * The docstring examples are generated from the spec's examples: each must compile against the SDK as
 * users get it (real method names, required arguments present, values of the right types), so an
 * example can neither be a stub nor drift from the signature it documents.
 */
describe('generated JS examples', () => {
  it('are no stubs and typecheck against the SDK', () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(100);
    for (const e of all) expect(e.source, e.where).not.toMatch(/\.\.\.|_123\b/);
    const body = all.map((e, i) => `// ${e.where}\nasync function example${i}(client: Namaskah) {\n${e.source}}\n`).join('\n');
    // The admin entry's client is the main one plus `admin` (`x-sdk-entry`), so it compiles every resource's examples.
    writeFileSync(join(workDir, 'examples.ts'), `import type { Namaskah } from '../src/admin.js';\n\n${body}\nexport {};\n`);
    writeFileSync(
      join(workDir, 'tsconfig.json'),
      JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noUnusedLocals: false }, include: ['examples.ts'] }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', workDir], { encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  });
});
