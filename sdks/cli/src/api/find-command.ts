import { COMMANDS, type CliCommand } from '../generated/commands.js';

/** The generated command of an SDK method (`verifications.create`); throws when the contract lost it. */
export function findCommand(sdkName: string): CliCommand {
  const command = COMMANDS.find((c) => c.sdkName === sdkName);
  if (!command) throw new Error(`the command table has no ${sdkName}`);
  return command;
}
