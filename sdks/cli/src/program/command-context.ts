import type { Namaskah } from '@namaskah/sdk';
import type { Command } from 'commander';
import { createClient, type GlobalOptions } from '../config/client-settings.js';

export interface CommandContext {
  globals: GlobalOptions;
  /** The SDK client for the resolved key and base URL (made on first call). */
  client(): Namaskah;
}

/** The global options as this command sees them, and its client. */
export function commandContext(command: Command): CommandContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  let client: Namaskah | undefined;
  return { globals, client: () => (client ??= createClient(globals)) };
}
