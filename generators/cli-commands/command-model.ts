/**
 * The command table's shape, as data: what the refiner decides and the printer lays out. The printed
 * file declares the same types (print-command-table.ts), so the CLI package needs nothing from here.
 */

/** How a flag's text is turned into a value before it is sent. */
export type CliValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'json';

export interface CliPositional {
  /** The path parameter's wire name (`endpoint_id`). */
  name: string;
  description?: string;
  /** The id's pattern, so the CLI can refuse a malformed id before sending it. */
  pattern?: string;
}

export interface CliFlag {
  /** The long flag, kebab-case, without dashes (`area-code`). */
  flag: string;
  /** The wire name it fills (`area_code`, `Idempotency-Key`). */
  name: string;
  in: 'query' | 'header' | 'body';
  kind: CliValueKind;
  /** An array parameter: the flag may be given more than once (or comma-separated). */
  repeated?: true;
  /** The allowed values, for enums and constants. */
  choices?: (string | number)[];
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

export interface CliCommandModel {
  /** The words typed after `namaskah` (`['webhook-endpoints', 'deliveries', 'list']`). */
  path: string[];
  /** The SDK method (`webhookEndpoints.deliveries.list`). */
  sdkName: string;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path template (`/v1/webhook-endpoints/{endpoint_id}/deliveries`). */
  httpPath: string;
  summary?: string;
  description?: string;
  deprecated?: true;
  /** Path parameters in path order: the command's positional arguments. */
  positionals: CliPositional[];
  /** Query, header and (flattened) body parameters. */
  flags: CliFlag[];
  /** How a body is sent; absent when the operation takes none. `flattened`: its fields are flags too. */
  body?: { kind: 'json' | 'form' | 'binary'; required: boolean; flattened: boolean };
  response: 'json' | 'binary' | 'text' | 'event-stream' | 'redirect' | 'empty';
  pagination?: CliPagination;
  idempotent: boolean;
  /** Callable without credentials. */
  public: boolean;
  /** Deletes or revokes something (a DELETE). */
  destructive: boolean;
  /** Charges the balance (the operation can answer `insufficient_balance`) or credits/refunds it. */
  movesMoney: boolean;
}

export interface CliModel {
  commands: CliCommandModel[];
}
