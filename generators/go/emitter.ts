import { type Emitter, emit } from '../core/emitter.js';
import { formatWithGofmt } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd } from './print-api-md.js';
import { printConstants, printEnums, printErrors, printModels, printUnions } from './print-models.js';
import { printServiceFile, printServices } from './print-service.js';
import { type GoModel, refine } from './refine.js';

/** The generator's name in the manifest. */
export const GO_GENERATOR = 'namaskah-generators/go';

/**
 * The Go SDK (paths relative to the module root): refine, print each file, gofmt. Every generated file
 * is named `gen_*.go` (plus `API.md`); the hand-written core (`core_*.go`, `lib_*.go`, `internal/`) is
 * never written here.
 */
export const goEmitter: Emitter<GoModel> = {
  name: 'go',
  generator: GO_GENERATOR,
  outputRoot: 'sdks/go',
  goldenDir: 'go',
  refine,
  print: (model): GeneratedFile[] => [
    { path: 'gen_models.go', contents: printModels(model) },
    { path: 'gen_enums.go', contents: printEnums(model) },
    { path: 'gen_unions.go', contents: printUnions(model) },
    { path: 'gen_constants.go', contents: printConstants(model) },
    { path: 'gen_errors.go', contents: printErrors(model) },
    { path: 'gen_services.go', contents: printServices(model) },
    ...model.files.map((f) => ({ path: f.fileName, contents: printServiceFile(f) })),
    { path: 'API.md', contents: printApiMd(model) },
  ],
  format: formatWithGofmt,
};

export function emitGo(ir: Ir): Promise<GeneratedFile[]> {
  return emit(goEmitter, ir);
}
