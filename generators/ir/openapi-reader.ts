import { camelCase, pascalCase } from '../core/naming.js';
import type {
  CursorPagination,
  ErrorResponse,
  Operation,
  Parameter,
  ParameterConstraints,
  RequestBody,
  Resource,
  ResponseKind,
  SuccessResponse,
  TypeExpr,
} from './ir-types.js';
import { checkSdkNames, readSdkName } from './sdk-naming.js';
import { mergeAllOf, type Schema, type SchemaConverter, schemaExample } from './schema-converter.js';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Reads the `paths` of a dereferenced OpenAPI document into resources, one per tag, in tag order. */
export function readResources(doc: Schema, types: SchemaConverter): Resource[] {
  const tagOrder: { name: string; description?: string; 'x-sdk-entry'?: unknown }[] = doc.tags ?? [];
  const byTag = new Map<string, Operation[]>();
  const rootSecurity = doc.security ?? [];
  const bearerSchemes = new Set(
    Object.entries<Schema>(doc.components?.securitySchemes ?? {})
      .filter(([, scheme]) => scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
      .map(([name]) => name),
  );
  const named: { op: Operation; explicit: boolean; where: string }[] = [];

  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag: string | undefined = op.tags?.[0];
      if (!tag) throw new Error(`${method.toUpperCase()} ${path} has no tag`);
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const where = `${method.toUpperCase()} ${path} (${op.operationId})`;
      const sdkExcluded = op['x-sdk-exclude'] === true;
      if (sdkExcluded && op['x-sdk-name'] !== undefined) throw new Error(`${where}: x-sdk-exclude and x-sdk-name contradict`);
      const operation = readOperation(path, method, op, item.parameters ?? [], rootSecurity, readSdkName(op, tag, where), types);
      // Every alternative needs the bearer credential an SDK client holds (none is public or another scheme).
      operation.needsCredentials =
        operation.security.length > 0 && operation.security.every((req) => req.some((name) => bearerSchemes.has(name)));
      // An operation only a third party calls is served by the server but is no client's method.
      if (sdkExcluded) operation.sdkExcluded = true;
      else named.push({ op: operation, explicit: op['x-sdk-name'] !== undefined, where });
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation]);
    }
  }
  checkSdkNames(named);

  const known = new Set(tagOrder.map((t) => t.name));
  const extra = [...byTag.keys()].filter((t) => !known.has(t)).sort();
  return [...tagOrder, ...extra.map((name): (typeof tagOrder)[number] => ({ name }))]
    .filter((tag) => byTag.has(tag.name))
    .map((tag) => {
      const sdkEntry = readSdkEntry(tag);
      return {
        tag: tag.name,
        name: camelCase(tag.name),
        ...(tag.description ? { description: tag.description.trim() } : {}),
        ...(sdkEntry ? { sdkEntry } : {}),
        operations: byTag.get(tag.name)!,
      };
    });
}

/** A tag's `x-sdk-entry`: a lower-case name usable as a package subpath (`admin`). */
function readSdkEntry(tag: { name: string; 'x-sdk-entry'?: unknown }): string | undefined {
  const entry = tag['x-sdk-entry'];
  if (entry === undefined) return undefined;
  if (typeof entry !== 'string' || !/^[a-z][a-z0-9-]*$/.test(entry) || ['index', 'validation', 'webhooks'].includes(entry)) {
    throw new Error(`tag ${tag.name}: x-sdk-entry must be a lower-case subpath name other than index, validation or webhooks`);
  }
  return entry;
}

function readOperation(
  path: string,
  httpMethod: Operation['httpMethod'],
  op: Schema,
  pathItemParams: Schema[],
  rootSecurity: Schema[],
  sdkName: string[],
  types: SchemaConverter,
): Operation {
  const opName = pascalCase(op.operationId);
  const params = mergeParameters(pathItemParams, op.parameters ?? []).map((p) => readParameter(p, opName, types));
  const idempotent = params.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
  const response = readSuccess(op.responses ?? {}, opName, types);
  const queryParams = params.filter((p) => p.in === 'query');
  const body = readBody(op.requestBody, opName, types);
  const pagination = readPagination(queryParams, response, types);
  const operation: Operation = {
    id: op.operationId,
    sdkName,
    httpMethod,
    path,
    pathParams: orderPathParams(
      path,
      params.filter((p) => p.in === 'path'),
    ),
    queryParams,
    headerParams: params.filter((p) => p.in === 'header' && p.name.toLowerCase() !== 'idempotency-key'),
    response,
    errors: readErrors(op.responses ?? {}),
    idempotent,
    movesMoney: op['x-moves-money'] === true,
    destructive: op['x-destructive'] === true,
    needsCredentials: false,
    security: (op.security ?? rootSecurity).map((req: Schema) => Object.keys(req).sort()),
  };
  checkMarkers(operation);
  if (op.summary) operation.summary = op.summary.trim();
  if (op.description) operation.description = op.description.trim();
  if (op.deprecated) operation.deprecated = true;
  if (body) operation.body = body;
  if (pagination) operation.pagination = pagination;
  return operation;
}

/**
 * The markers tools guard on must not be forgotten where the contract itself shows them: an operation that
 * can answer `insufficient_balance` charges a wallet, and a DELETE removes something.
 */
function checkMarkers(op: Operation): void {
  if (!op.movesMoney && op.errors.some((e) => e.codes.includes('insufficient_balance'))) {
    throw new Error(`${op.id} can answer insufficient_balance but has no x-moves-money: true`);
  }
  if (!op.destructive && op.httpMethod === 'delete') {
    throw new Error(`${op.id} is a DELETE but has no x-destructive: true`);
  }
}

/** Operation-level parameters override path-item ones with the same name and location. */
function mergeParameters(pathItemParams: Schema[], opParams: Schema[]): Schema[] {
  const key = (p: Schema) => `${p.in}:${p.name}`;
  const overridden = new Set(opParams.map(key));
  return [...pathItemParams.filter((p) => !overridden.has(key(p))), ...opParams].filter((p) => p.in !== 'cookie');
}

function orderPathParams(path: string, params: Parameter[]): Parameter[] {
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  for (const name of order) {
    if (!params.some((p) => p.name === name)) throw new Error(`${path}: path parameter {${name}} is not declared`);
  }
  return [...params].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

function readParameter(p: Schema, opName: string, types: SchemaConverter): Parameter {
  const param: Parameter = {
    name: p.name,
    in: p.in,
    required: p.in === 'path' ? true : Boolean(p.required),
    type: types.convert(p.schema, `${opName}${pascalCase(p.name)}`),
  };
  if (p.description) param.description = p.description.trim();
  if (p.deprecated) param.deprecated = true;
  const constraints = readConstraints(p.schema);
  if (constraints) param.constraints = constraints;
  const example = p.example ?? firstExample(p.examples) ?? schemaExample(p.schema);
  if (example !== undefined) param.example = example;
  return param;
}

const CONSTRAINT_KEYS = ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum'] as const;

/** The scalar constraints a parameter schema sets, in a fixed key order; undefined when it sets none. */
function readConstraints(schema: Schema | undefined): ParameterConstraints | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const constraints: ParameterConstraints = {};
  for (const key of CONSTRAINT_KEYS) {
    if (schema[key] !== undefined) (constraints as Record<string, unknown>)[key] = schema[key];
  }
  return Object.keys(constraints).length > 0 ? constraints : undefined;
}

function readBody(body: Schema | undefined, opName: string, types: SchemaConverter): RequestBody | undefined {
  if (!body?.content) return undefined;
  const [mediaType, media] = Object.entries<Schema>(body.content)[0]!;
  const request: RequestBody = {
    mediaType,
    required: Boolean(body.required),
    type:
      isJson(mediaType) || mediaType === 'application/x-www-form-urlencoded'
        ? types.convert(media.schema, `${opName}Request`)
        : { kind: 'binary' },
  };
  const example = media.example ?? firstExample(media.examples);
  if (example !== undefined) request.example = example;
  return request;
}

/** The value of the first entry of an OpenAPI `examples` map (`{ name: { value } }`). */
function firstExample(examples: Schema | undefined): unknown {
  const first = examples && typeof examples === 'object' ? Object.values<Schema>(examples)[0] : undefined;
  return first && typeof first === 'object' ? first.value : undefined;
}

function isJson(mediaType: string): boolean {
  return mediaType === 'application/json' || /\+json$/.test(mediaType);
}

function kindOf(status: number, mediaType: string | undefined): ResponseKind {
  if (status >= 300 && status < 400) return 'redirect';
  if (!mediaType) return 'empty';
  if (isJson(mediaType)) return 'json';
  if (mediaType === 'text/event-stream') return 'event-stream';
  if (mediaType === 'text/plain') return 'text';
  return 'binary';
}

/** The success response: the lowest 2xx, else the lowest 3xx (a redirect). */
function readSuccess(responses: Schema, opName: string, types: SchemaConverter): SuccessResponse {
  const statuses = Object.keys(responses)
    .filter((s) => /^[23]\d\d$/.test(s))
    .map(Number)
    .sort((a, b) => a - b);
  const status = statuses.find((s) => s < 300) ?? statuses[0];
  if (status === undefined) throw new Error(`${opName} has no success response`);
  const response = responses[String(status)];
  const [mediaType, media] = Object.entries<Schema>(response.content ?? {})[0] ?? [];
  const kind = kindOf(status, mediaType);
  const success: SuccessResponse = { status, kind };
  if (mediaType) success.mediaType = mediaType;
  if (kind === 'json') success.type = types.convert(media?.schema, `${opName}Response`);
  if (response.description) success.description = response.description.trim();
  return success;
}

/** Error statuses with the problem codes each can carry, read from the narrowed `code` enum. */
function readErrors(responses: Schema): ErrorResponse[] {
  return Object.entries<Schema>(responses)
    .filter(([status]) => /^[45]\d\d$/.test(status))
    .map(([status, response]) => {
      const media = Object.values<Schema>(response.content ?? {})[0];
      const schema = media?.schema ? (media.schema.allOf ? mergeAllOf(media.schema) : media.schema) : undefined;
      const codeSchema = schema?.properties?.code;
      const codes: string[] = Array.isArray(codeSchema?.enum) ? [...codeSchema.enum] : [];
      const error: ErrorResponse = { status: Number(status), codes: codes.sort() };
      if (response.description) error.description = response.description.trim();
      return error;
    })
    .sort((a, b) => a.status - b.status);
}

/** Cursor pagination: a `starting_after` parameter and a `{ data, has_more, next_cursor }` response. */
function readPagination(queryParams: Parameter[], response: SuccessResponse, types: SchemaConverter): CursorPagination | undefined {
  const cursor = queryParams.find((p) => p.name === 'starting_after');
  if (!cursor || response.type?.kind !== 'ref') return undefined;
  const decl = types.decls.get(response.type.name);
  if (decl?.kind !== 'object') return undefined;
  const field = (name: string) => decl.properties.find((p) => p.name === name);
  const data = field('data');
  if (data?.type.kind !== 'array' || !field('has_more') || !field('next_cursor')) return undefined;
  const pagination: CursorPagination = {
    kind: 'cursor',
    cursorParam: cursor.name,
    itemsField: 'data',
    hasMoreField: 'has_more',
    nextCursorField: 'next_cursor',
    itemType: data.type.items as TypeExpr,
  };
  if (queryParams.some((p) => p.name === 'limit')) pagination.limitParam = 'limit';
  return pagination;
}
