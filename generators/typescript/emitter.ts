import { type Emitter, emit } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd } from './print-api-md.js';
import { printCatalog, printResourceIndex } from './print-client.js';
import { printProblemErrors } from './print-errors.js';
import { printModel, printModelIndex } from './print-model.js';
import { printResource } from './print-resource.js';
import { printSchemas } from './print-schemas.js';
import { refine, type TsModel } from './refine.js';

/** The generator's name in the manifest. */
export const TYPESCRIPT_GENERATOR = 'namaskah-generators/typescript';

/** The TypeScript SDK (paths relative to the package root): refine, print each file, prettier. */
export const typescriptEmitter: Emitter<TsModel> = {
  name: 'typescript',
  generator: TYPESCRIPT_GENERATOR,
  outputRoot: 'sdks/js',
  goldenDir: '.',
  refine,
  print: (model): GeneratedFile[] => [
    ...model.models.map((m) => ({ path: `src/models/${m.fileName}.ts`, contents: printModel(m) })),
    { path: 'src/models/index.ts', contents: printModelIndex(model.models) },
    ...model.resources.map((r) => ({ path: `src/resources/${r.fileName}.ts`, contents: printResource(r) })),
    { path: 'src/resources/index.ts', contents: printResourceIndex(model) },
    { path: 'src/resources/problem-errors.ts', contents: printProblemErrors(model) },
    { path: 'src/resources/contract-constants.ts', contents: printCatalog(model) },
    { path: 'src/schemas/index.ts', contents: printSchemas(model.schemas) },
    { path: 'API.md', contents: printApiMd(model) },
  ],
  format: formatWithPrettier,
};

export function emitTypescript(ir: Ir): Promise<GeneratedFile[]> {
  return emit(typescriptEmitter, ir);
}
