import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Ir, Operation } from '../../../../generators/ir/ir-types.js';
import { type JsonObject, Unsupported } from './case-files.js';

/** The committed IR dump: (tag, operationId) -> SDK name (nested accessors, then the method) and parameter order. */
const ir = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../../generators/ir/ir.json'), 'utf8')) as Ir;

export interface ResolvedOperation {
  operation: Operation;
}

export function findOperation(tag: string, operationId: string): ResolvedOperation {
  const resource = ir.resources.find((r) => r.tag === tag);
  if (!resource) throw new Unsupported(`no resource with tag "${tag}" in the IR`);
  const operation = resource.operations.find((o) => o.id === operationId);
  if (!operation) throw new Unsupported(`no operation "${operationId}" under tag "${tag}" in the IR`);
  return { operation };
}

/** `Last-Event-ID` -> `lastEventId`: how the TypeScript emitter names header parameters. */
function headerParamKey(header: string): string {
  return header
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * The positional arguments of the JS method, before `options`: each path parameter in the IR's order,
 * then one `params` object (query + header params + JSON body fields) when the operation takes any.
 */
export function methodArguments(operation: Operation, call: JsonObject): unknown[] {
  const pathParams = (call.path_params ?? {}) as JsonObject;
  const query = (call.query ?? {}) as JsonObject;
  const headers = (call.header_params ?? {}) as JsonObject;
  for (const key of Object.keys(pathParams)) {
    if (!operation.pathParams.some((p) => p.name === key)) throw new Unsupported(`${operation.id} has no path parameter "${key}"`);
  }
  for (const key of Object.keys(query)) {
    if (!operation.queryParams.some((p) => p.name === key)) throw new Unsupported(`${operation.id} has no query parameter "${key}"`);
  }
  const args: unknown[] = operation.pathParams.map((p) => pathParams[p.name]);
  const takesParams = operation.queryParams.length > 0 || operation.headerParams.length > 0 || operation.body !== undefined;
  if (!takesParams) {
    if (call.body !== undefined || Object.keys(query).length + Object.keys(headers).length > 0) {
      throw new Unsupported(`${operation.id} takes no query, header or body parameters`);
    }
    return args;
  }
  const params: Record<string, unknown> = { ...query };
  for (const [name, value] of Object.entries(headers)) {
    const param = operation.headerParams.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!param) throw new Unsupported(`${operation.id} has no header parameter "${name}"`);
    params[headerParamKey(param.name)] = value;
  }
  if (call.body !== undefined) {
    if (!operation.body || !/json/.test(operation.body.mediaType)) throw new Unsupported(`${operation.id} takes no JSON body`);
    Object.assign(params, call.body as JsonObject);
  }
  args.push(params);
  return args;
}
