import { camelCase, escapeReserved, kebabCase, pascalCase } from '../core/naming.js';
import type { ErrorCode, Ir, Operation, Resource, TypeDecl } from '../ir/ir-types.js';
import { tsKey, tsType } from './type-mapping.js';

/**
 * The refined TypeScript model: every name, type string and import decided, so the printers only lay
 * text out. This is where TypeScript-specific knowledge lives (reserved words, casing, type mapping,
 * error class hierarchy); the IR stays language-neutral.
 */
export interface TsModel {
  models: TsModelFile[];
  resources: TsResourceFile[];
  errors: TsErrorClass[];
  errorCodes: string[];
  eventTypes: string[];
  realtimeMessages: { send: string[]; receive: string[] };
  title: string;
  version: string;
}

export interface TsModelFile {
  fileName: string;
  decl: TypeDecl;
  /** TypeScript source of the declaration's body, per kind. */
  body: TsDeclBody;
  imports: { name: string; fileName: string }[];
}

export type TsDeclBody =
  | { kind: 'interface'; fields: TsField[]; indexSignature?: string }
  | { kind: 'type'; source: string };

export interface TsField {
  key: string;
  type: string;
  optional: boolean;
  description?: string;
  deprecated?: boolean;
  readOnly?: boolean;
}

export interface TsResourceFile {
  fileName: string;
  className: string;
  accessor: string;
  description?: string;
  methods: TsMethod[];
  paramsInterfaces: TsParamsInterface[];
  modelImports: { name: string; fileName: string }[];
  usesPagePromise: boolean;
}

export interface TsParamsInterface {
  name: string;
  extendsType?: string;
  fields: TsField[];
  description: string;
}

export interface TsMethod {
  name: string;
  operationId: string;
  httpMethod: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  args: { name: string; type: string; optional: boolean; defaultValue?: string }[];
  returnType: string;
  /** The client call: `request` or `requestPage`. */
  call: 'request' | 'requestPage';
  /** The request descriptor, as TypeScript object-literal source. */
  descriptor: string;
  example: string;
}

export interface TsErrorClass {
  code: string;
  className: string;
  /** The family class it extends, exported by the SDK core, or `null` when the family class itself stands for the code. */
  extendsClass: string;
  generated: boolean;
}

/** Status family -> the core error class for it (mirrors sdks/js/src/core/errors.ts). */
export const STATUS_ERROR_CLASSES: Record<number, string> = {
  400: 'BadRequestError',
  401: 'AuthenticationError',
  402: 'PaymentRequiredError',
  403: 'PermissionDeniedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  410: 'GoneError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  422: 'UnprocessableEntityError',
  429: 'RateLimitError',
  500: 'InternalServerError',
};

export function familyClassFor(status: number): string {
  return STATUS_ERROR_CLASSES[status] ?? (status >= 500 ? 'InternalServerError' : 'ApiError');
}

export function modelFileName(typeName: string): string {
  return kebabCase(typeName);
}

export function refine(ir: Ir): TsModel {
  const modelNames = new Set(ir.types.map((t) => t.name));
  return {
    models: ir.types.map(refineModel),
    resources: ir.resources.map((r) => refineResource(r, modelNames)),
    errors: ir.errorCodes.map(refineError),
    errorCodes: ir.errorCodes.map((c) => c.code),
    eventTypes: ir.events.map((e) => e.type),
    realtimeMessages: {
      send: ir.realtime.flatMap((c) => c.messages.filter((m) => m.direction === 'send').map((m) => m.typeName)),
      receive: ir.realtime.flatMap((c) => c.messages.filter((m) => m.direction === 'receive').map((m) => m.typeName)),
    },
    title: ir.info.title,
    version: ir.info.version,
  };
}

function importsFor(refs: Set<string>, self?: string) {
  return [...refs]
    .filter((name) => name !== self)
    .sort()
    .map((name) => ({ name, fileName: modelFileName(name) }));
}

function refineModel(decl: TypeDecl): TsModelFile {
  const refs = new Set<string>();
  let body: TsDeclBody;
  switch (decl.kind) {
    case 'object': {
      const fields = decl.properties.map((p) => ({
        key: tsKey(p.name),
        type: tsType(p.type, refs),
        optional: !p.required,
        ...(p.description ? { description: p.description } : {}),
        ...(p.deprecated ? { deprecated: true } : {}),
        ...(p.readOnly ? { readOnly: true } : {}),
      }));
      const extra = decl.additionalProperties;
      const indexSignature =
        extra === true ? 'unknown' : extra && typeof extra === 'object' ? tsType(extra, refs) : undefined;
      body = { kind: 'interface', fields, ...(indexSignature ? { indexSignature } : {}) };
      // An index signature must accept every declared property's type.
      if (indexSignature && indexSignature !== 'unknown') body.indexSignature = 'unknown';
      break;
    }
    case 'enum':
      body = { kind: 'type', source: decl.values.map((v) => JSON.stringify(v)).join(' | ') };
      break;
    case 'union':
      body = { kind: 'type', source: decl.variants.map((v) => tsType(v, refs)).join(' | ') };
      break;
    case 'alias':
      body = { kind: 'type', source: tsType(decl.type, refs) };
      break;
  }
  return { fileName: modelFileName(decl.name), decl, body, imports: importsFor(refs, decl.name) };
}

function refineResource(resource: Resource, modelNames: Set<string>): TsResourceFile {
  const refs = new Set<string>();
  const paramsInterfaces: TsParamsInterface[] = [];
  const className = modelNames.has(pascalCase(resource.tag)) ? `${pascalCase(resource.tag)}Resource` : pascalCase(resource.tag);
  const methods = resource.operations.map((op) => refineMethod(op, resource, refs, paramsInterfaces));
  return {
    fileName: kebabCase(resource.tag),
    className,
    accessor: resource.name,
    ...(resource.description ? { description: resource.description } : {}),
    methods,
    paramsInterfaces,
    modelImports: importsFor(refs),
    usesPagePromise: methods.some((m) => m.call === 'requestPage'),
  };
}

const RESPONSE_TYPES: Record<string, string> = {
  binary: 'Blob',
  text: 'string',
  'event-stream': 'EventStream',
  redirect: 'Redirect',
  empty: 'void',
};

function refineMethod(
  op: Operation,
  resource: Resource,
  refs: Set<string>,
  paramsInterfaces: TsParamsInterface[],
): TsMethod {
  const args: TsMethod['args'] = op.pathParams.map((p) => ({
    name: escapeReserved(camelCase(p.name), 'typescript'),
    type: tsType(p.type, refs),
    optional: false,
  }));

  const fieldOf = (p: Operation['queryParams'][number], key: string): TsField => ({
    key,
    type: tsType(p.type, refs),
    optional: !p.required,
    ...(p.description ? { description: p.description } : {}),
    ...(p.deprecated ? { deprecated: true } : {}),
  });
  const queryFields = op.queryParams.map((p) => fieldOf(p, tsKey(p.name)));
  const headerFields = op.headerParams.map((p) => fieldOf(p, camelCase(p.name)));
  const bodyType = op.body ? tsType(op.body.type, refs) : undefined;
  const bodyIsBinary = op.body?.type.kind === 'binary';
  const paramFields = [...queryFields, ...headerFields];
  const required = paramFields.some((f) => !f.optional) || Boolean(op.body?.required);

  let paramsType: string | undefined;
  if (op.body && paramFields.length === 0 && !bodyIsBinary) {
    paramsType = bodyType;
  } else if (op.body || paramFields.length > 0) {
    paramsType = `${pascalCase(op.id)}Params`;
    const fields = bodyIsBinary ? [{ key: 'body', type: 'Blob | ArrayBuffer | Uint8Array', optional: !op.body!.required }, ...paramFields] : paramFields;
    paramsInterfaces.push({
      name: paramsType,
      ...(op.body && !bodyIsBinary ? { extendsType: bodyType } : {}),
      fields,
      description: `Parameters of \`${resource.name}.${op.methodName}()\`.`,
    });
  }
  if (paramsType) {
    args.push(required ? { name: 'params', type: paramsType, optional: false } : { name: 'params', type: paramsType, optional: true, defaultValue: '{}' });
  }

  const responseType = op.response.kind === 'json' ? (op.response.type ? tsType(op.response.type, refs) : 'unknown') : RESPONSE_TYPES[op.response.kind]!;
  let returnType = `ApiPromise<${responseType}>`;
  if (op.pagination) {
    const item = tsType(op.pagination.itemType, refs);
    returnType = `PagePromise<${responseType}, ${item}>`;
  }

  const descriptor: string[] = [`method: '${op.httpMethod}'`, `path: '${op.path}'`];
  if (op.pathParams.length > 0) {
    descriptor.push(`pathParams: { ${op.pathParams.map((p, i) => `${tsKey(p.name)}: ${args[i]!.name}`).join(', ')} }`);
  }
  if (paramsType) descriptor.push('params');
  if (op.queryParams.length > 0) descriptor.push(`queryKeys: [${op.queryParams.map((p) => `'${p.name}'`).join(', ')}]`);
  if (op.headerParams.length > 0) {
    descriptor.push(`headerKeys: { ${op.headerParams.map((p) => `${camelCase(p.name)}: '${p.name}'`).join(', ')} }`);
  }
  if (op.body) descriptor.push(`body: '${bodyIsBinary ? 'binary' : 'json'}'`);
  descriptor.push(`response: '${op.response.kind}'`);
  if (op.idempotent) descriptor.push('idempotent: true');
  if (!op.needsCredentials) descriptor.push('public: true');
  if (op.pagination) {
    const p = op.pagination;
    descriptor.push(
      `pagination: { cursorParam: '${p.cursorParam}', itemsField: '${p.itemsField}', hasMoreField: '${p.hasMoreField}', nextCursorField: '${p.nextCursorField}' }`,
    );
  }

  const exampleArgs = op.pathParams.map((p) => `'${p.name.replace(/_id$/, '')}_123'`);
  if (args.some((a) => a.name === 'params' && !a.optional)) exampleArgs.push('{ ... }');
  const call = `client.${resource.name}.${op.methodName}(${exampleArgs.join(', ')})`;
  const example = op.pagination
    ? `for await (const item of ${call}) {\n  console.log(item);\n}`
    : op.response.kind === 'empty'
      ? `await ${call};`
      : `const result = await ${call};`;

  return {
    name: op.methodName,
    operationId: op.id,
    httpMethod: op.httpMethod.toUpperCase(),
    path: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    args,
    returnType,
    call: op.pagination ? 'requestPage' : 'request',
    descriptor: `{ ${descriptor.join(', ')} }`,
    example,
  };
}

function refineError(entry: ErrorCode): TsErrorClass {
  const family = familyClassFor(entry.status);
  const base = pascalCase(entry.code);
  const className = base.endsWith('Error') ? base : `${base}Error`;
  // `not_found` -> NotFoundError is already the 404 family class: the family stands for the code.
  if (className === family) return { code: entry.code, className, extendsClass: family, generated: false };
  return { code: entry.code, className, extendsClass: family, generated: true };
}
