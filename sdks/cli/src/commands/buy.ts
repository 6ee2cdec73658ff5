import type { Verification } from '@namaskah/sdk';
import { type Command, Option } from 'commander';
import { buildRequest } from '../api/build-request.js';
import { confirmRisk, riskOf, terminalPrompt } from '../api/confirm-risk.js';
import { findCommand } from '../api/find-command.js';
import type { CliFlag } from '../generated/commands.js';
import { printResult } from '../output/print-result.js';
import { notice, status } from '../output/status-line.js';
import { commandContext } from '../program/command-context.js';

const money = (m: { amount: number; currency: string }) => `${(m.amount / 100).toFixed(2)} ${m.currency}`;

/**
 * `namaskah buy --service whatsapp --country US --wait`: buys a number (the flags of `verifications
 * create`, from the command table), prints it on stderr, and with `--wait` waits for the code (the SDK's
 * waitForCode: real time, polling as a fallback). Ctrl-C while waiting cancels the verification, which
 * refunds it, and prints the refund.
 */
export function registerBuy(program: Command): void {
  const create = findCommand('verifications.create');
  const command = program
    .command('buy')
    .description('Buy a number for a service and country; --wait prints the code when it arrives (Ctrl-C cancels and refunds)');
  const options = new Map<CliFlag, Option>();
  for (const flag of create.flags) {
    const option = new Option(`--${flag.flag} <${flag.kind}>`, flag.description ?? flag.name);
    if (flag.choices) option.choices(flag.choices.map(String));
    options.set(flag, option);
    command.addOption(option);
  }
  command
    .option('--wait', 'wait for the code')
    .option('--timeout <seconds>', 'give up waiting after this long (default: the verification lifetime)')
    .option('--yes', `do not ask before buying (it ${riskOf(create) ?? 'moves money'})`)
    .action(async (_options, self: Command) => {
      const ctx = commandContext(self);
      const client = ctx.client();
      const flags = new Map<CliFlag, unknown>();
      for (const [flag, option] of options) {
        const value: unknown = self.getOptionValue(option.attributeName());
        if (value !== undefined) flags.set(flag, value);
      }
      const local = self.opts<{ wait?: boolean; timeout?: string; yes?: boolean }>();
      // The same question every money-moving command asks at a terminal (x-moves-money on verifications.create).
      await confirmRisk(create, terminalPrompt(local.yes === true));
      const verification = await client.http.request<Verification>(buildRequest(create, { positionals: [], flags }));
      notice(`${verification.phone_number ?? '(no number yet)'}  ${verification.id}  ${money(verification.price)}`);
      if (!local.wait) {
        printResult(verification, { json: ctx.globals.json });
        return;
      }
      status('waiting for the code (Ctrl-C cancels and refunds)...');
      const controller = new AbortController();
      const onInterrupt = () => controller.abort();
      process.once('SIGINT', onInterrupt);
      try {
        const done = await client.verifications.waitForCode(verification.id, {
          signal: controller.signal,
          ...(local.timeout ? { timeout: Number(local.timeout) * 1000 } : {}),
        });
        printResult(ctx.globals.json || !process.stdout.isTTY ? done : `code: ${done.code ?? `(none: ${done.status})`}`, {
          json: ctx.globals.json,
        });
      } catch (error) {
        if (!controller.signal.aborted) throw error;
        const cancelled = await client.verifications.cancel(verification.id, { note: 'cancelled from namaskah buy (Ctrl-C)' });
        notice(
          `cancelled ${cancelled.id}: ${cancelled.refunded ? `refunded ${money(cancelled.price)}` : `status ${cancelled.status}, not refunded`}`,
        );
        printResult(cancelled, { json: ctx.globals.json });
        process.exitCode = 130;
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    });
}
