import { type Command, Option } from 'commander';
import { COMMANDS, type CliCommand, type CliFlag } from '../generated/commands.js';
import { commandContext } from '../program/command-context.js';
import { confirmRisk, riskOf, terminalPrompt } from './confirm-risk.js';
import { runApiCommand } from './run-api-command.js';

/** The one-line help of a command: its summary and what it risks. */
function helpLine(command: CliCommand): string {
  const marks = [command.movesMoney ? 'moves money' : '', command.destructive ? 'destructive' : '', command.deprecated ? 'deprecated' : '']
    .filter(Boolean)
    .join(', ');
  return `${command.summary ?? command.operationId}${marks ? ` [${marks}]` : ''}`;
}

/** The spec's hard-wrapped prose as paragraphs, so the terminal wraps it. */
const unwrap = (text: string) => text.replace(/(?<!\n)\n(?!\n)/g, ' ');

function flagOption(flag: CliFlag): Option {
  const value = flag.kind === 'boolean' ? ' [true|false]' : flag.repeated ? ` <${flag.kind}...>` : ` <${flag.kind}>`;
  const option = new Option(`--${flag.flag}${value}`, `${flag.description ?? flag.name}${flag.required ? ' (required)' : ''}`);
  if (flag.choices) option.choices(flag.choices.map(String));
  if (flag.repeated) option.argParser((text: string, previous: string[] | undefined) => [...(previous ?? []), text]);
  return option;
}

/** The command group for `words` under `root`, created on first use (`webhook-endpoints deliveries`). */
function group(root: Command, words: readonly string[]): Command {
  let node = root;
  for (const word of words) {
    node = node.commands.find((c) => c.name() === word) ?? node.command(word).description(`${word} commands`);
  }
  return node;
}

/**
 * One command per API operation, nested by its SDK name: `namaskah verifications create --service
 * whatsapp`, `namaskah webhook-endpoints deliveries list <endpoint_id>`. Each maps to the SDK's
 * low-level request from the generated table: no operation has code of its own.
 */
export function registerApiCommands(program: Command): void {
  for (const spec of COMMANDS) {
    const parent = group(program, spec.path.slice(0, -1));
    const command = parent.command(spec.path.at(-1)!).summary(helpLine(spec));
    command.description(`${helpLine(spec)}\n\n${unwrap(spec.description ?? '')}\n\n${spec.method.toUpperCase()} ${spec.httpPath}`.trim());
    for (const positional of spec.positionals) command.argument(`<${positional.name}>`, positional.description ?? positional.name);
    const options = new Map(spec.flags.map((flag) => [flag, flagOption(flag)]));
    for (const option of options.values()) command.addOption(option);
    if (spec.body) command.option('--data <json>', 'request body: JSON, @file.json or @- for stdin (flags override its fields)');
    if (spec.pagination) command.option('--all', 'follow the cursor and print every item of every page');
    if (spec.idempotent) command.option('--idempotency-key <key>', 'reuse this key (a replay returns the first answer)');
    const risk = riskOf(spec);
    if (risk) command.option('--yes', `do not ask before running (this command ${risk})`);
    command.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const ctx = commandContext(self);
      const flags = new Map<CliFlag, unknown>();
      for (const [flag, option] of options) {
        const value: unknown = self.getOptionValue(option.attributeName());
        if (value !== undefined) flags.set(flag, value);
      }
      const local = self.opts<{ data?: string; all?: boolean; idempotencyKey?: string; yes?: boolean }>();
      await confirmRisk(spec, terminalPrompt(local.yes === true));
      await runApiCommand(
        ctx.client(),
        spec,
        { positionals: self.processedArgs as string[], flags, ...(local.data !== undefined ? { data: local.data } : {}) },
        { json: ctx.globals.json, all: local.all, ...(local.idempotencyKey ? { idempotencyKey: local.idempotencyKey } : {}) },
      );
    });
  }
}
