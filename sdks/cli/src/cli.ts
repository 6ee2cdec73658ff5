import { CommanderError } from 'commander';
import { describeError, EXIT_CODES, exitCodeFor } from './errors/exit-codes.js';
import { buildProgram } from './program/build-program.js';

/** The `namaskah` bin: run the command, map what went wrong to an exit code (README "Exit codes"). */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    // A command may set its own code (buy: 130 after Ctrl-C).
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODES.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; commander printed its message already.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    process.stderr.write(`${describeError(error)}\n`);
    return exitCodeFor(error);
  }
}

process.exitCode = await main(process.argv);
