import { type Command, Option } from 'commander';

/**
 * The options every command takes, anywhere on the line. The command table's generator refuses an API
 * parameter that would take one of these names (generators/cli-commands/refine.ts GLOBAL_FLAGS).
 */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(new Option('--json', 'print JSON (the default when stdout is not a terminal)'))
    .addOption(new Option('--api-key <key>', 'API key for this call (over NAMASKAH_API_KEY and the stored login)'))
    .addOption(new Option('--base-url <url>', 'API base URL (over NAMASKAH_BASE_URL and the stored login)'))
    .addOption(new Option('--profile <name>', 'stored login to use').default('default'));
}
