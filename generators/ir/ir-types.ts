/**
 * The intermediate representation (IR): a closed, language-neutral model of the contract.
 *
 * Emitters read only this; they never see `$ref`, YAML or OpenAPI/AsyncAPI quirks. Every list is
 * sorted (or kept in spec order where order carries meaning, like properties) so a JSON dump of the
 * IR is deterministic and a spec edit shows its effect as a small diff.
 */

/** A primitive scalar. `format` is kept verbatim (`date-time`, `uri`, `int64`, ...). */
export interface PrimitiveType {
  kind: 'primitive';
  type: 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
}

/** A reference to a named declaration in {@link Ir.types}. */
export interface RefType {
  kind: 'ref';
  name: string;
}

/** A single constant value (`const`). */
export interface LiteralType {
  kind: 'literal';
  value: string | number | boolean;
}

export interface ArrayType {
  kind: 'array';
  items: TypeExpr;
}

/** An object with arbitrary keys (`additionalProperties: <schema>` and no properties). */
export interface MapType {
  kind: 'map';
  values: TypeExpr;
}

/** `type: [X, 'null']`: always present when required, but may be null. Distinct from optional. */
export interface NullableType {
  kind: 'nullable';
  type: TypeExpr;
}

/** Anything (a schema with no constraint). */
export interface UnknownType {
  kind: 'unknown';
}

/** Binary content (a download or an upload), never parsed. */
export interface BinaryType {
  kind: 'binary';
}

/** A type used where a value is expected. Inline objects and enums are hoisted to named declarations. */
export type TypeExpr = PrimitiveType | RefType | LiteralType | ArrayType | MapType | NullableType | UnknownType | BinaryType;

/** One property of an object declaration. `required` and nullability (a `nullable` type) are independent. */
export interface Property {
  /** The wire name, exactly as in the spec (snake_case). */
  name: string;
  type: TypeExpr;
  required: boolean;
  description?: string;
  deprecated?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  /** The schema's first example, verbatim (documentation only). */
  example?: unknown;
}

export interface ObjectDecl {
  kind: 'object';
  name: string;
  description?: string;
  /** In spec order. */
  properties: Property[];
  /**
   * Extra keys: `false` when the spec forbids them, `true` when it explicitly allows any, a type when it
   * allows them with a schema; absent when the spec says nothing.
   */
  additionalProperties?: boolean | TypeExpr;
}

export interface EnumDecl {
  kind: 'enum';
  name: string;
  description?: string;
  valueType: 'string' | 'integer';
  values: (string | number)[];
}

export interface UnionDecl {
  kind: 'union';
  name: string;
  description?: string;
  variants: TypeExpr[];
  /** Present for `oneOf` + `discriminator`: the tag property and which value selects which type. */
  discriminator?: { property: string; mapping: { value: string; type: string }[] };
}

/** A named schema that is neither object, enum nor union (a named string with a pattern, an array...). */
export interface AliasDecl {
  kind: 'alias';
  name: string;
  description?: string;
  type: TypeExpr;
}

export type TypeDecl = ObjectDecl | EnumDecl | UnionDecl | AliasDecl;

/** Value constraints of a parameter's schema, verbatim, so an SDK can check an id before sending it. */
export interface ParameterConstraints {
  /** An ECMAScript regular expression (`^ver_[A-Za-z0-9]+$`). */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Parameter {
  /** Wire name (`verification_id`, `starting_after`, `Idempotency-Key`). */
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  type: TypeExpr;
  description?: string;
  deprecated?: boolean;
  /** Present when the schema constrains the value (only the keys it sets). */
  constraints?: ParameterConstraints;
  /** The parameter's example (or its schema's), verbatim (documentation only). */
  example?: unknown;
}

/** How the success body is consumed. */
export type ResponseKind = 'json' | 'binary' | 'text' | 'event-stream' | 'redirect' | 'empty';

export interface SuccessResponse {
  status: number;
  kind: ResponseKind;
  mediaType?: string;
  type?: TypeExpr;
  description?: string;
}

/** One documented error status with the problem codes it can carry (from the narrowed `code` enum). */
export interface ErrorResponse {
  status: number;
  codes: string[];
  description?: string;
}

export interface CursorPagination {
  kind: 'cursor';
  /** Query parameter that takes the cursor (`starting_after`). */
  cursorParam: string;
  limitParam?: string;
  itemsField: string;
  hasMoreField: string;
  nextCursorField: string;
  itemType: TypeExpr;
}

export interface RequestBody {
  mediaType: string;
  required: boolean;
  type: TypeExpr;
  /** The media type's example (`example`, or the first of `examples`), verbatim (documentation only). */
  example?: unknown;
}

export interface Operation {
  /** The spec's `operationId`. */
  id: string;
  /**
   * The SDK name: camelCase resource segments then the method (`['webhookEndpoints', 'deliveries', 'list']`),
   * from `x-sdk-name` (or derived from the tag when the spec names no operation). Every SDK nests its
   * resources by it, so the surface is the same in every language modulo case.
   */
  sdkName: string[];
  httpMethod: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** Header parameters other than `Idempotency-Key` (see {@link idempotent}). */
  headerParams: Parameter[];
  body?: RequestBody;
  response: SuccessResponse;
  errors: ErrorResponse[];
  pagination?: CursorPagination;
  /** True when the operation takes an `Idempotency-Key` header. */
  idempotent: boolean;
  /** From `x-moves-money`: the call charges, credits or refunds a wallet (tools ask before making it). */
  movesMoney: boolean;
  /** From `x-destructive`: the call deletes or revokes something that cannot be brought back. */
  destructive: boolean;
  /**
   * From `x-sdk-exclude`: only a third party calls it (Stripe's webhook). The server's contract serves it; no
   * SDK, CLI command or MCP tool is generated for it (see `core/emitter.ts`).
   */
  sdkExcluded?: true;
  /** Alternatives of security requirements; `[]` means public. Each entry lists scheme names. */
  security: string[][];
  /**
   * True when every alternative of {@link security} needs a bearer credential (the API key or access token a
   * client is built with): an SDK refuses such a call, before sending it, when it has no credentials.
   */
  needsCredentials: boolean;
}

/** The operations of one spec tag (how the spec groups them; SDKs nest by {@link Operation.sdkName}). */
export interface Resource {
  /** The tag as written (`webhook-endpoints`). */
  tag: string;
  /** camelCase accessor name (`webhookEndpoints`). */
  name: string;
  description?: string;
  /**
   * From the tag's `x-sdk-entry`: an SDK whose package has entry points (JavaScript) serves this resource from
   * an entry of that name (`@namaskah/sdk/admin`) instead of its main one, so apps that never call it do not
   * ship it. Every other SDK ignores it.
   */
  sdkEntry?: string;
  operations: Operation[];
}

export interface ErrorCode {
  code: string;
  /** HTTP status family the code belongs to (400, 401, ..., 500 for `5xx`). */
  status: number;
}

/** One event type of the catalog, shared by webhooks and real time. */
export interface EventDecl {
  /** The `type` value (`verification.completed`). */
  type: string;
  /** Named declaration of the whole event envelope. */
  typeName: string;
  description?: string;
}

/** A message on the real-time channel. */
export interface RealtimeMessage {
  /** Message name in the AsyncAPI document. */
  name: string;
  /** Value of the message's `type` field when it has a constant one. */
  type?: string;
  typeName: string;
  direction: 'send' | 'receive';
  description?: string;
}

export interface RealtimeChannel {
  address: string;
  messages: RealtimeMessage[];
}

export interface SecurityScheme {
  name: string;
  type: string;
  scheme?: string;
  in?: string;
  headerName?: string;
}

/** The whole contract. */
export interface Ir {
  info: { title: string; version: string };
  servers: string[];
  securitySchemes: SecurityScheme[];
  resources: Resource[];
  types: TypeDecl[];
  errorCodes: ErrorCode[];
  events: EventDecl[];
  realtime: RealtimeChannel[];
}
