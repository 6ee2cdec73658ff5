import { type Emitter, emit } from '../core/emitter.js';
import { formatWithPrettier, formatWithRuff } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd, printCatalog, printProblemErrors, printResourceIndex } from './print-client.js';
import { printModel, printModelIndex } from './print-model.js';
import { printResource } from './print-resource.js';
import { type PyModel, refine } from './refine.js';

/** The generator's name in the manifest. */
export const PYTHON_GENERATOR = 'namaskah-generators/python';

/**
 * The Python SDK (paths relative to the distribution root, package `namaskah`): refine, print each file,
 * ruff (the WebAssembly build, pinned, so output never depends on the machine) and prettier for API.md.
 */
export const pythonEmitter: Emitter<PyModel> = {
  name: 'python',
  generator: PYTHON_GENERATOR,
  outputRoot: 'sdks/python',
  goldenDir: 'python',
  refine,
  print: (model): GeneratedFile[] => [
    ...model.models.map((m) => ({ path: `namaskah/models/${m.moduleName}.py`, contents: printModel(m) })),
    { path: 'namaskah/models/__init__.py', contents: printModelIndex(model.models) },
    ...model.resources.map((r) => ({ path: `namaskah/resources/${r.moduleName}.py`, contents: printResource(r) })),
    { path: 'namaskah/resources/__init__.py', contents: printResourceIndex(model) },
    { path: 'namaskah/resources/problem_errors.py', contents: printProblemErrors(model) },
    { path: 'namaskah/resources/contract_constants.py', contents: printCatalog(model) },
    { path: 'API.md', contents: printApiMd(model) },
  ],
  format: (files) => formatWithPrettier(formatWithRuff(files)),
};

export function emitPython(ir: Ir): Promise<GeneratedFile[]> {
  return emit(pythonEmitter, ir);
}
