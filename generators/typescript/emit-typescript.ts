import { formatFiles } from '../core/format-code.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd } from './print-api-md.js';
import { printCatalog, printResourceIndex } from './print-client.js';
import { printProblemErrors } from './print-errors.js';
import { printModel, printModelIndex } from './print-model.js';
import { printResource } from './print-resource.js';
import { printSchemas } from './print-schemas.js';
import { refine } from './refine.js';

/** The generator's name in the manifest. */
export const TYPESCRIPT_GENERATOR = 'namaskah-generators/typescript';

/**
 * Emits the TypeScript SDK's generated files (paths relative to the package root):
 * refine the IR, print each file, format with prettier.
 */
export async function emitTypescript(ir: Ir): Promise<GeneratedFile[]> {
  const model = refine(ir);
  const files: GeneratedFile[] = [
    ...model.models.map((m) => ({ path: `src/models/${m.fileName}.ts`, contents: printModel(m) })),
    { path: 'src/models/index.ts', contents: printModelIndex(model.models) },
    ...model.resources.map((r) => ({ path: `src/resources/${r.fileName}.ts`, contents: printResource(r) })),
    { path: 'src/resources/index.ts', contents: printResourceIndex(model) },
    { path: 'src/resources/problem-errors.ts', contents: printProblemErrors(model) },
    { path: 'src/resources/contract-constants.ts', contents: printCatalog(model) },
    { path: 'src/schemas/index.ts', contents: printSchemas(ir) },
    { path: 'API.md', contents: printApiMd(model) },
  ];
  const paths = files.map((f) => f.path);
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new Error(`two generated files would be written to ${clash}; rename the tag or schema`);
  const formatted = await formatFiles(files);
  return formatted.sort((a, b) => a.path.localeCompare(b.path));
}
