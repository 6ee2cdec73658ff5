import { formatPythonFiles } from '../core/format-python.js';
import type { GeneratedFile } from '../core/generated-file.js';
import { formatFiles } from '../core/format-code.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd, printCatalog, printProblemErrors, printResourceIndex } from './print-client.js';
import { printModel, printModelIndex } from './print-model.js';
import { printResource } from './print-resource.js';
import { refine } from './refine.js';

/** The generator's name in the manifest. */
export const PYTHON_GENERATOR = 'namaskah-generators/python';

/**
 * Emits the Python SDK's generated files (paths relative to the distribution root, package `namaskah`):
 * refine the IR, print each file, format with ruff (the WebAssembly build, pinned, so output never
 * depends on the machine).
 */
export async function emitPython(ir: Ir): Promise<GeneratedFile[]> {
  const model = refine(ir);
  const files: GeneratedFile[] = [
    ...model.models.map((m) => ({ path: `namaskah/models/${m.moduleName}.py`, contents: printModel(m) })),
    { path: 'namaskah/models/__init__.py', contents: printModelIndex(model.models) },
    ...model.resources.map((r) => ({ path: `namaskah/resources/${r.moduleName}.py`, contents: printResource(r) })),
    { path: 'namaskah/resources/__init__.py', contents: printResourceIndex(model) },
    { path: 'namaskah/resources/problem_errors.py', contents: printProblemErrors(model) },
    { path: 'namaskah/resources/contract_constants.py', contents: printCatalog(model) },
    { path: 'API.md', contents: printApiMd(model) },
  ];
  const paths = files.map((f) => f.path);
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new Error(`two generated files would be written to ${clash}; rename the tag or schema`);
  const formatted = await formatFiles(formatPythonFiles(files));
  return formatted.sort((a, b) => a.path.localeCompare(b.path));
}
