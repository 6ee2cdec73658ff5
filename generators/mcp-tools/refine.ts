import { snakeCase } from '../core/naming.js';
import { allResources, type ApiPlan, type MethodPlan } from '../core/operation-plan.js';
import type { Ir, TypeDecl } from '../ir/ir-types.js';
import { InputSchemaBuilder } from './input-schema.js';
import type { JsonSchema, McpModel, McpToolModel } from './tool-model.js';

/**
 * The `Idempotency-Key` of an operation that takes one, as an argument: the SDK sends a fresh key per call
 * without it; with it, a client that repeats a call (after a timeout, say) gets the first answer back and
 * is never charged twice. The server checks the key's form (the contract's IdempotencyKey parameter).
 */
const IDEMPOTENCY_ARGUMENT = 'idempotency_key';
const IDEMPOTENCY_SCHEMA: JsonSchema = {
  type: 'string',
  description:
    'Optional. Repeat a call with the same key (a UUID, say) to retry it safely: the first answer comes back and the call never acts, or charges, twice.',
};

/** MCP's tool-name charset and length (the 2025-11-25 specification). */
const TOOL_NAME = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * The IR and plan as a tool table: one tool per operation a tool call can make. Left out: operations that
 * answer an event stream (no tool result can hold one: the real-time client is for that) or take a binary
 * upload (no JSON argument carries one).
 */
export function refine(ir: Ir, plan: ApiPlan): McpModel {
  const schemas = new InputSchemaBuilder(new Map<string, TypeDecl>(ir.types.map((t) => [t.name, t])));
  const tools = allResources(plan.resources)
    .flatMap((resource) => resource.methods)
    .filter((method) => method.response.kind !== 'event-stream' && method.body?.kind !== 'binary')
    .map((method) => tool(method, schemas));
  const names = tools.map((t) => t.name);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`mcp: two operations map to the tool name ${clash}`);
  return { tools };
}

function tool(method: MethodPlan, schemas: InputSchemaBuilder): McpToolModel {
  const op = method.operation;
  const name = op.sdkName.map(snakeCase).join('_');
  if (!TOOL_NAME.test(name)) throw new Error(`mcp: ${op.id}'s tool name ${name} is not a valid MCP tool name`);
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const add = (key: string, schema: JsonSchema, isRequired: boolean) => {
    if (key in properties)
      throw new Error(
        `mcp: ${op.id} has two arguments named ${key} (parameters, body fields, body, idempotency_key); rename the parameter in the spec`,
      );
    properties[key] = schema;
    if (isRequired) required.push(key);
  };
  for (const p of [...method.pathParams, ...method.query, ...method.headers])
    add(p.name, schemas.parameter(p), p.required || p.in === 'path');
  const body = method.body;
  if (body?.fields) for (const f of body.fields) add(f.name, schemas.property(f), f.required && body.required);
  else if (body) add('body', { description: 'The request body.', ...schemas.type(body.type) }, body.required);
  if (op.idempotent) add(IDEMPOTENCY_ARGUMENT, IDEMPOTENCY_SCHEMA, false);
  const response = op.response.kind;
  if (response === 'event-stream') throw new Error(`mcp: ${op.id} answers an event stream`);
  return {
    name,
    ...(op.summary ? { title: op.summary } : {}),
    description:
      [op.summary, op.description]
        .filter((text): text is string => Boolean(text))
        .map(unwrap)
        .join('\n\n') || op.id,
    operationId: op.id,
    method: op.httpMethod,
    httpPath: op.path,
    pathParams: method.pathParams.map((p) => p.name),
    queryParams: method.query.map((p) => p.name),
    headerParams: method.headers.map((p) => p.name),
    ...(body && body.kind !== 'binary'
      ? { body: { kind: body.kind, required: body.required, shape: body.fields ? ('fields' as const) : ('argument' as const) } }
      : {}),
    response,
    idempotent: op.idempotent,
    // no credential at all: public (`security: []`) or optional (an empty alternative); a third party's
    // signature is a credential too, so the payment provider's callback is no caller's tool
    public: op.security.length === 0 || op.security.some((requirement) => requirement.length === 0),
    scopes: op.scopes,
    destructive: op.destructive,
    movesMoney: op.movesMoney,
    inputSchema: { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false },
  };
}

/** The spec's hard-wrapped prose as a model reads it best: paragraphs kept, lines within one joined. */
function unwrap(text: string): string {
  return text.replace(/([^\n])\n(?!\n)/g, '$1 ');
}
