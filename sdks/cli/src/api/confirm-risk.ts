import { createInterface } from 'node:readline/promises';
import { UsageError } from '../errors/exit-codes.js';
import type { CliCommand } from '../generated/commands.js';

/** What a command risks, from the contract's `x-moves-money` / `x-destructive` (via the generated table). */
export function riskOf(command: Pick<CliCommand, 'movesMoney' | 'destructive'>): string | undefined {
  const risks = [command.movesMoney ? 'moves money' : '', command.destructive ? 'cannot be undone' : ''].filter(Boolean);
  return risks.length > 0 ? risks.join(' and ') : undefined;
}

export interface RiskPrompt {
  /** `--yes` was given. */
  yes: boolean;
  /** A person is at the terminal (stdin and stderr are TTYs); scripts and pipes are never asked. */
  interactive: boolean;
  ask: (question: string) => Promise<string>;
}

/**
 * Asks before a risky command runs at a terminal: anything but `y`/`yes` stops it before a request is
 * sent. `--yes` and non-interactive runs go ahead unasked.
 */
export async function confirmRisk(command: CliCommand, prompt: RiskPrompt): Promise<void> {
  const risk = riskOf(command);
  if (!risk || prompt.yes || !prompt.interactive) return;
  const answer = await prompt.ask(`${command.path.join(' ')} ${risk}. Continue? [y/N] `);
  if (!/^y(es)?$/i.test(answer.trim()))
    throw new UsageError(`not confirmed: ${command.path.join(' ')} was not sent (--yes skips this question)`);
}

/** The terminal's prompt for {@link confirmRisk}. */
export function terminalPrompt(yes: boolean): RiskPrompt {
  return {
    yes,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    ask: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(question);
      } finally {
        rl.close();
      }
    },
  };
}
