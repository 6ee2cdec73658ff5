import { type Emitter, emit } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printApiMd, printBaseClient, printError, printProblemCodes } from './print-client.js';
import { printDecl } from './print-model.js';
import { printResource } from './print-resource.js';
import { type PhpModel, refine } from './refine.js';

/** The generator's name in the manifest. */
export const PHP_GENERATOR = 'namaskah-generators/php';

/**
 * The PHP SDK (paths relative to the package root, PSR-4 `Namaskah\` in src/): models and enums in
 * src/Models, resources in src/Resources, per-code exceptions in src/Exception, the client's resource
 * holder src/BaseClient.php. The printers write PSR-12 directly (phpcs checks the goldens), so only
 * API.md goes through a formatter (prettier). The hand-written core (src/Core, src/Http, src/Lib, the
 * family exceptions) is never written here.
 */
export const phpEmitter: Emitter<PhpModel> = {
  name: 'php',
  generator: PHP_GENERATOR,
  outputRoot: 'sdks/php',
  goldenDir: 'php',
  refine,
  print: (model): GeneratedFile[] => [
    ...model.classes.map((c) => ({ path: `src/Models/${c.name}.php`, contents: printDecl(c) })),
    ...model.resources.map((r) => ({ path: `src/Resources/${r.className}.php`, contents: printResource(r) })),
    ...model.errors.filter((e) => e.generated).map((e) => ({ path: `src/Exception/${e.className}.php`, contents: printError(e) })),
    { path: 'src/Exception/ProblemCodes.php', contents: printProblemCodes(model) },
    { path: 'src/BaseClient.php', contents: printBaseClient(model) },
    { path: 'API.md', contents: printApiMd(model) },
  ],
  format: (files) => formatWithPrettier(files),
};

export function emitPhp(ir: Ir): Promise<GeneratedFile[]> {
  return emit(phpEmitter, ir);
}
