/**
 * The MCP tool table's shape, as data: what the refiner decides and the printer lays out. The printed file
 * declares the same types (print-tool-table.ts), so the MCP package needs nothing from here.
 */

/** A JSON Schema (draft 2020-12) object, as MCP's `inputSchema` carries it. */
export type JsonSchema = { [key: string]: unknown };

export interface McpToolModel {
  /** The tool's name: the SDK name's words in snake_case, joined by `_` (`webhook_endpoints_deliveries_list`). */
  name: string;
  /** The spec's summary, for a client's tool list. */
  title?: string;
  /** Summary and description, for the model deciding what to call. */
  description: string;
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path template (`/v1/verifications/{verification_id}`). */
  httpPath: string;
  /** The wire names of the arguments that fill the path, the query and headers. */
  pathParams: string[];
  queryParams: string[];
  headerParams: string[];
  /**
   * How the body is sent; absent when the operation takes none. `fields`: the body object's fields are
   * arguments beside the parameters; `argument`: the whole body is the `body` argument (a union, an array).
   */
  body?: { kind: 'json' | 'form'; required: boolean; shape: 'fields' | 'argument' };
  response: 'json' | 'binary' | 'text' | 'redirect' | 'empty';
  /** Takes an `Idempotency-Key`: the optional `idempotency_key` argument. */
  idempotent: boolean;
  /** Callable with no credential at all (`security: []`, or an empty alternative). */
  public: boolean;
  /** Each security scheme's scopes (`{ apiKey: ['verifications:write'] }`, `[]`: any credential of it). */
  scopes: Record<string, string[]>;
  /** From `x-destructive`: deletes or revokes something that cannot be brought back. */
  destructive: boolean;
  /** From `x-moves-money`: charges, credits or refunds a wallet. */
  movesMoney: boolean;
  inputSchema: JsonSchema;
}

export interface McpModel {
  tools: McpToolModel[];
}
