import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { emit } from '../core/emitter.js';
import type { GeneratedFile } from '../core/generated-file.js';
import { planApi } from '../core/operation-plan.js';
import { buildIr } from '../ir/build-ir.js';
import { readBundledOpenApi } from '../ir/bundled-document.js';
import type { Ir } from '../ir/ir-types.js';
import { EMITTERS } from './emitters.js';

/** One output folder of a generation run: its files and the generator named in its manifest. */
export interface GenerationTarget {
  root: string;
  generator: string;
  files: GeneratedFile[];
}

export interface GenerationPlan {
  targets: GenerationTarget[];
  warnings: string[];
}

const IR_GENERATOR = 'namaskah-generators/ir';

/** The IR as committed JSON: stable key order comes from the IR builders, lists are sorted there. */
export function irDump(ir: Ir): GeneratedFile {
  return { path: 'ir.json', contents: `${JSON.stringify(ir, null, 2)}\n` };
}

/** Every registered emitter's files for one IR, in registry order, sharing one operation plan. */
function emitAll(ir: Ir, emitters: readonly (typeof EMITTERS)[number][], bundled?: string): Promise<GeneratedFile[][]> {
  const plan = planApi(ir);
  return Promise.all(emitters.map((emitter) => emit(emitter, ir, plan, bundled)));
}

/**
 * Everything `pnpm gen` produces, computed in memory: the IR dump, each registered emitter's output from
 * spec/ (the SDKs and the reference server's contract module), and the golden output of every fixture
 * spec. Writing and drift-checking both start from this plan.
 */
export async function planGeneration(repoRoot: string): Promise<GenerationPlan> {
  // The spec's SDKs and the goldens are independent: run them together so gofmt (a child process) and
  // file reads overlap the in-process formatters.
  const [{ ir, warnings, outputs }, goldens] = await Promise.all([
    buildIr(join(repoRoot, 'spec')).then(async ({ ir, warnings }) => ({
      ir,
      warnings,
      outputs: await emitAll(ir, EMITTERS, readBundledOpenApi(join(repoRoot, 'spec'))),
    })),
    planGoldens(repoRoot),
  ]);
  const targets: GenerationTarget[] = [
    { root: join(repoRoot, 'generators/ir'), generator: IR_GENERATOR, files: [irDump(ir)] },
    ...EMITTERS.map((emitter, i) => ({ root: join(repoRoot, emitter.outputRoot), generator: emitter.generator, files: outputs[i]! })),
    ...goldens,
  ];
  return { targets, warnings };
}

/**
 * Golden output of each fixture spec under generators/test/fixtures/<name>/openapi.yaml: every emitter
 * with a `goldenDir` writes to generators/test/golden/<name>/<goldenDir>/ with its own manifest; the one
 * at `.` (TypeScript) shares its folder and manifest with the fixture's IR dump.
 */
export async function planGoldens(repoRoot: string): Promise<GenerationTarget[]> {
  const fixtures = join(repoRoot, 'generators/test/fixtures');
  const names = readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const emitters = EMITTERS.filter((e) => e.goldenDir !== undefined);
  const perFixture = await Promise.all(
    names.map(async (name): Promise<GenerationTarget[]> => {
      const { ir } = await buildIr(join(fixtures, name));
      const outputs = await emitAll(ir, emitters);
      return emitters.map((emitter, i) => ({
        root: join(repoRoot, 'generators/test/golden', name, emitter.goldenDir!),
        generator: emitter.generator,
        files: emitter.goldenDir === '.' ? [irDump(ir), ...outputs[i]!] : outputs[i]!,
      }));
    }),
  );
  return perFixture.flat();
}
