import type { RequestDescriptor } from '@namaskah/sdk';
import type { McpTool } from '../generated/tools.js';

/** The argument an idempotent tool takes its `Idempotency-Key` from (generators/mcp-tools/refine.ts). */
export const IDEMPOTENCY_ARGUMENT = 'idempotency_key';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A tool call's arguments as the SDK's request descriptor (`client.http.request`): the path parameters
 * fill the template, query and header parameters go where the table says, and the rest is the body (the
 * body fields, or the `body` argument of a body that is not one object's fields).
 */
export function buildRequest(tool: McpTool, args: Readonly<Record<string, unknown>>): RequestDescriptor {
  const pathParams: Record<string, string> = {};
  for (const name of tool.pathParams) pathParams[name] = String(args[name] ?? '');
  const params: Record<string, unknown> = {};
  for (const name of [...tool.queryParams, ...tool.headerParams]) if (args[name] !== undefined) params[name] = args[name];
  if (tool.body?.shape === 'argument' && isRecord(args.body)) Object.assign(params, args.body);
  if (tool.body?.shape === 'fields') {
    const taken = new Set([...tool.pathParams, ...tool.queryParams, ...tool.headerParams, IDEMPOTENCY_ARGUMENT]);
    for (const [name, value] of Object.entries(args)) if (!taken.has(name)) params[name] = value;
  }
  return {
    method: tool.method,
    path: tool.httpPath,
    ...(tool.pathParams.length ? { pathParams } : {}),
    params,
    queryKeys: tool.queryParams,
    ...(tool.headerParams.length ? { headerKeys: Object.fromEntries(tool.headerParams.map((h) => [h, h])) } : {}),
    ...(tool.body ? { body: tool.body.kind } : {}),
    response: tool.response,
    idempotent: tool.idempotent,
    public: tool.public,
  };
}
