import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedFile } from '../core/generated-file.js';
import { emitGo, GO_GENERATOR } from '../go/index.js';
import { buildIr } from '../ir/build-ir.js';
import type { Ir } from '../ir/ir-types.js';
import { emitPython, PYTHON_GENERATOR } from '../python/index.js';
import { emitServerContract, emitTypescript, SERVER_CONTRACT_GENERATOR, TYPESCRIPT_GENERATOR } from '../typescript/index.js';

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

/**
 * Everything `pnpm gen` produces, computed in memory: the IR dump, the SDKs and the reference server's
 * contract module (server-reference/src/contract/) from spec/, and the
 * golden output of every fixture spec. Writing and drift-checking both start from this plan.
 */
export async function planGeneration(repoRoot: string): Promise<GenerationPlan> {
  // The spec's SDKs and the goldens are independent: run them together so gofmt (a child process) and
  // file reads overlap the in-process formatters.
  const [{ ir, warnings, sdks }, goldens] = await Promise.all([
    buildIr(join(repoRoot, 'spec')).then(async ({ ir, warnings }) => {
      const [typescript, python, go, serverContract] = await Promise.all([
        emitTypescript(ir),
        emitPython(ir),
        emitGo(ir),
        emitServerContract(ir),
      ]);
      return { ir, warnings, sdks: { typescript, python, go, serverContract } };
    }),
    planGoldens(repoRoot),
  ]);
  const targets: GenerationTarget[] = [
    { root: join(repoRoot, 'generators/ir'), generator: IR_GENERATOR, files: [irDump(ir)] },
    { root: join(repoRoot, 'sdks/js'), generator: TYPESCRIPT_GENERATOR, files: sdks.typescript },
    { root: join(repoRoot, 'sdks/python'), generator: PYTHON_GENERATOR, files: sdks.python },
    { root: join(repoRoot, 'sdks/go'), generator: GO_GENERATOR, files: sdks.go },
    { root: join(repoRoot, 'server-reference/src/contract'), generator: SERVER_CONTRACT_GENERATOR, files: sdks.serverContract },
    ...goldens,
  ];
  return { targets, warnings };
}

/**
 * Golden output of each fixture spec under generators/test/fixtures/<name>/openapi.yaml: the IR dump and
 * TypeScript at generators/test/golden/<name>/, each other language in its own subfolder with its own
 * manifest (golden/<name>/python/, golden/<name>/go/).
 */
export async function planGoldens(repoRoot: string): Promise<GenerationTarget[]> {
  const fixtures = join(repoRoot, 'generators/test/fixtures');
  const names = readdirSync(fixtures, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  const perFixture = await Promise.all(
    names.map(async (name): Promise<GenerationTarget[]> => {
      const { ir } = await buildIr(join(fixtures, name));
      const root = join(repoRoot, 'generators/test/golden', name);
      const [typescript, python, go] = await Promise.all([emitTypescript(ir), emitPython(ir), emitGo(ir)]);
      return [
        { root, generator: TYPESCRIPT_GENERATOR, files: [irDump(ir), ...typescript] },
        { root: join(root, 'python'), generator: PYTHON_GENERATOR, files: python },
        { root: join(root, 'go'), generator: GO_GENERATOR, files: go },
      ];
    }),
  );
  return perFixture.flat();
}
