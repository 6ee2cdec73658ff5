import { Command } from 'commander';
import { registerApiCommands } from '../api/register-api-commands.js';
import { registerBuy } from '../commands/buy.js';
import { registerCompletion } from '../commands/completion.js';
import { registerListen } from '../commands/listen.js';
import { registerLogin } from '../commands/login.js';
import { registerLogs } from '../commands/logs.js';
import { registerTrigger } from '../commands/trigger.js';
import { addGlobalOptions } from './global-options.js';
import { VERSION } from './version.js';

/** The whole `namaskah` command tree: the hand-written workflows first, then one command per operation. */
export function buildProgram(): Command {
  const program = addGlobalOptions(new Command('namaskah'))
    .description('The Namaskah API from the command line')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerLogin(program);
  registerBuy(program);
  registerListen(program);
  registerTrigger(program);
  registerLogs(program);
  registerCompletion(program);
  registerApiCommands(program);
  // Every subcommand reports usage errors to the entry point (exit 2), not by exiting itself.
  const override = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}
