import { generatedHeader } from '../core/generated-file.js';
import type { CliModel } from './command-model.js';

/** The types the table is written in, printed verbatim so the CLI package imports nothing from generators/. */
const TYPES = `
/** How a flag's text is turned into a value before it is sent. */
export type CliValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'json';

/** A path parameter: a positional argument, in path order. */
export interface CliPositional {
  name: string;
  description?: string;
  pattern?: string;
}

/** A query, header or body parameter as a long flag (\`--area-code\` for \`area_code\`). */
export interface CliFlag {
  flag: string;
  name: string;
  in: 'query' | 'header' | 'body';
  kind: CliValueKind;
  repeated?: true;
  choices?: readonly (string | number)[];
  required: boolean;
  description?: string;
  deprecated?: true;
}

export interface CliPagination {
  cursorParam: string;
  limitParam?: string;
  itemsField: string;
  hasMoreField: string;
  nextCursorField: string;
}

/** One API operation as a command: \`namaskah <path...> <positionals...> [flags]\`. */
export interface CliCommand {
  path: readonly string[];
  sdkName: string;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  httpPath: string;
  summary?: string;
  description?: string;
  deprecated?: true;
  positionals: readonly CliPositional[];
  flags: readonly CliFlag[];
  body?: { kind: 'json' | 'form' | 'binary'; required: boolean; flattened: boolean };
  response: 'json' | 'binary' | 'text' | 'event-stream' | 'redirect' | 'empty';
  pagination?: CliPagination;
  idempotent: boolean;
  public: boolean;
  destructive: boolean;
  movesMoney: boolean;
}
`;

/** `src/generated/commands.ts`: the types, then every operation's command in plan order. */
export function printCommandTable(model: CliModel): string {
  return `${generatedHeader('//')}${TYPES}
/** Every API operation of the contract, one command each. */
export const COMMANDS: readonly CliCommand[] = ${JSON.stringify(model.commands, null, 2)};
`;
}
