import type { Emitter } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import type { CliModel } from './command-model.js';
import { printCommandTable } from './print-command-table.js';
import { refine } from './refine.js';

export const CLI_COMMANDS_GENERATOR = 'namaskah-generators/cli-commands';

/**
 * The `namaskah` CLI's command table (sdks/cli/src/generated/): one command per operation, named by its
 * SDK name, with positionals, flags, pagination and risk. The CLI's runtime turns a parsed command into
 * the SDK's low-level request, so no operation has hand-written code.
 */
export const cliCommandsEmitter: Emitter<CliModel> = {
  name: 'cli-commands',
  generator: CLI_COMMANDS_GENERATOR,
  outputRoot: 'sdks/cli',
  goldenDir: 'cli',
  refine,
  print: (model) => [{ path: 'src/generated/commands.ts', contents: printCommandTable(model) }],
  format: formatWithPrettier,
};
