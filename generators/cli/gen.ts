/**
 * `pnpm gen`: regenerates the IR dump, every SDK's generated files and the golden fixtures from spec/.
 * Deterministic: a second run changes nothing. `--check` writes nothing and exits 1 on drift.
 */
import { relative, resolve } from 'node:path';
import { diffGeneratedFiles, writeGeneratedFiles } from '../core/write-files.js';
import { planGeneration } from './generation-plan.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const check = process.argv.includes('--check');
const started = performance.now();
const plan = await planGeneration(repoRoot).catch((error: unknown) => {
  console.error(`gen: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

for (const warning of plan.warnings) console.warn(`gen: skipped (target not written yet) ${warning}`);
let drifted = 0;
for (const target of plan.targets) {
  const where = relative(repoRoot, target.root);
  if (check) {
    const drift = diffGeneratedFiles(target.root, target.generator, target.files);
    drifted += drift.length;
    for (const path of drift) console.error(`gen --check: ${where}/${path} differs from a fresh generation`);
  } else {
    const result = writeGeneratedFiles(target.root, target.generator, target.files);
    console.log(`gen: ${where}: ${result.written.length} written, ${result.removed.length} removed, ${result.unchanged} unchanged`);
  }
}
console.log(`gen: done in ${Math.round(performance.now() - started)} ms`);
if (drifted > 0) process.exit(1);
