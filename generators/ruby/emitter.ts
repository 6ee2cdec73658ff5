import { type Emitter, emit } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printModels, printModelsRbs } from './print-models.js';
import { printResource, printResourceIndex, printResourcesRbs } from './print-resources.js';
import { printApiMd, printConstants, printErrors, printErrorsRbs } from './print-support.js';
import { type RbModel, refine } from './refine.js';

export const RUBY_GENERATOR = 'namaskah-generators/ruby';

/**
 * The Ruby SDK (gem `namaskah`, paths relative to sdks/ruby). The printers write rubocop-clean Ruby
 * directly (the SDK's test runs `rubocop` over it, so a printer change that breaks style fails there);
 * rubocop itself is not run as a formatter because its output depends on the installed version.
 * API.md goes through prettier.
 */
export const rubyEmitter: Emitter<RbModel> = {
  name: 'ruby',
  generator: RUBY_GENERATOR,
  outputRoot: 'sdks/ruby',
  goldenDir: 'ruby',
  refine,
  print: (model): GeneratedFile[] => [
    { path: 'lib/namaskah/generated/models.rb', contents: printModels(model) },
    ...model.resources.map((r) => ({ path: `lib/namaskah/generated/resources/${r.fileName}.rb`, contents: printResource(r) })),
    { path: 'lib/namaskah/generated/resources.rb', contents: printResourceIndex(model) },
    { path: 'lib/namaskah/generated/errors.rb', contents: printErrors(model) },
    { path: 'lib/namaskah/generated/constants.rb', contents: printConstants(model) },
    { path: 'sig/namaskah/generated/models.rbs', contents: printModelsRbs(model) },
    { path: 'sig/namaskah/generated/resources.rbs', contents: printResourcesRbs(model) },
    { path: 'sig/namaskah/generated/errors.rbs', contents: printErrorsRbs(model) },
    { path: 'API.md', contents: printApiMd(model) },
  ],
  format: (files) => formatWithPrettier(files),
};

export function emitRuby(ir: Ir): Promise<GeneratedFile[]> {
  return emit(rubyEmitter, ir);
}
