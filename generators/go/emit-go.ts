import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { formatGoFiles } from './format-go.js';
import { printApiMd } from './print-api-md.js';
import { printConstants, printEnums, printErrors, printModels, printUnions } from './print-models.js';
import { printService, printServices } from './print-service.js';
import { refine } from './refine.js';

/** The generator's name in the manifest. */
export const GO_GENERATOR = 'namaskah-generators/go';

/**
 * Emits the Go SDK's generated files (paths relative to the module root): refine the IR, print each
 * file, format with gofmt. Every generated file is named `gen_*.go` (plus `API.md`); the hand-written
 * core (`core_*.go`, `lib_*.go`, `internal/`) is never written here.
 */
export async function emitGo(ir: Ir): Promise<GeneratedFile[]> {
  const model = refine(ir);
  const files: GeneratedFile[] = [
    { path: 'gen_models.go', contents: printModels(model) },
    { path: 'gen_enums.go', contents: printEnums(model) },
    { path: 'gen_unions.go', contents: printUnions(model) },
    { path: 'gen_constants.go', contents: printConstants(model) },
    { path: 'gen_errors.go', contents: printErrors(model) },
    { path: 'gen_services.go', contents: printServices(model) },
    ...model.services.map((s) => ({ path: s.fileName, contents: printService(s) })),
    { path: 'API.md', contents: printApiMd(model) },
  ];
  const paths = files.map((f) => f.path);
  const clash = paths.find((p, i) => paths.indexOf(p) !== i);
  if (clash) throw new Error(`two generated files would be written to ${clash}; rename the tag`);
  return (await formatGoFiles(files)).sort((a, b) => a.path.localeCompare(b.path));
}
