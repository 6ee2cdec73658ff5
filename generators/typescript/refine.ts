import { familyErrorClass } from '../core/error-families.js';
import { camelCase, escapeReserved, kebabCase, pascalCase } from '../core/naming.js';
import { allResources, type ApiPlan, type MethodHead, type MethodPlan, type ResourcePlan } from '../core/operation-plan.js';
import type { CursorPagination, ErrorCode, Ir, Parameter, ResponseKind, TypeDecl } from '../ir/ir-types.js';
import { refineSchemas, type TsSchemas } from './refine-schemas.js';
import { tsKey, tsLiteral, tsType } from './type-mapping.js';

/**
 * The refined TypeScript model: every name, type string and import decided, so the printers only lay
 * text out. This is where TypeScript-specific knowledge lives (reserved words, casing, type mapping,
 * error class hierarchy); the IR stays language-neutral.
 */
export interface TsModel {
  models: TsModelFile[];
  resources: TsResourceFile[];
  /** The zod schemas of `src/schemas/index.ts`. */
  schemas: TsSchemas;
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

export type TsDeclBody = { kind: 'interface'; fields: TsField[]; indexSignature?: string } | { kind: 'type'; source: string };

export interface TsField {
  key: string;
  type: string;
  optional: boolean;
  description?: string;
  deprecated?: boolean;
  readOnly?: boolean;
}

/** One file per top-level resource, holding its class and the classes of its sub-resources. */
export interface TsResourceFile {
  fileName: string;
  /** The top-level class (the one the client holds). */
  className: string;
  accessor: string;
  /**
   * The package entry that serves it (`x-sdk-entry`): its client, `Namaskah` from `@namaskah/sdk/<entry>`,
   * is written by hand beside the main one (`src/<entry>.ts`); the main entry neither holds nor exports it.
   */
  entry?: string;
  /** The top-level class, then its sub-resources, parents before children (spec order). */
  classes: TsResourceClass[];
  paramsInterfaces: TsParamsInterface[];
  modelImports: { name: string; fileName: string }[];
  usesPagePromise: boolean;
}

export interface TsResourceClass {
  className: string;
  /** `webhookEndpoints.deliveries`: how users reach it from the client. */
  accessPath: string;
  description?: string;
  methods: TsMethod[];
  /** Sub-resources, each a field holding an instance. */
  children: { accessor: string; className: string }[];
}

export interface TsParamsInterface {
  name: string;
  extendsType?: string;
  fields: TsField[];
  description: string;
}

export interface TsMethod extends MethodHead {
  name: string;
  args: TsArg[];
  returnType: string;
  /** The client call: `request` or `requestPage`. */
  call: 'request' | 'requestPage';
  /** What the core needs to build the request (printed as the descriptor object literal). */
  request: TsRequest;
  example: TsExample;
}

export interface TsArg {
  name: string;
  type: string;
  optional: boolean;
  /** TypeScript source of the default value. */
  defaultValue?: string;
}

/** The request descriptor the resource passes to the core (sdks/js/src/core `RequestDescriptor`). */
export interface TsRequest {
  method: string;
  path: string;
  /** Each path placeholder's key and the argument that fills it. */
  pathParams: { key: string; arg: string }[];
  /** True when the method passes its `params` argument. */
  params: boolean;
  queryKeys: string[];
  /** Params key -> wire header name. */
  headerKeys: { key: string; header: string }[];
  body?: 'json' | 'form' | 'binary';
  response: ResponseKind;
  idempotent: boolean;
  /** The call needs no client credentials (IR `needsCredentials` false). */
  public: boolean;
  pagination?: CursorPagination;
}

/** A usage example: the call's source and how its result is consumed. */
export interface TsExample {
  call: string;
  /** `page`: iterated with `for await`; `empty`: awaited alone; `value`: awaited into `result`. */
  kind: 'page' | 'empty' | 'value';
}

export interface TsErrorClass {
  code: string;
  className: string;
  /** The family class it extends, exported by the SDK core, or `null` when the family class itself stands for the code. */
  extendsClass: string;
  generated: boolean;
}

function modelFileName(typeName: string): string {
  return kebabCase(typeName);
}

export function refine(ir: Ir, plan: ApiPlan): TsModel {
  const modelNames = new Set(ir.types.map((t) => t.name));
  return {
    models: ir.types.map(refineModel),
    resources: plan.resources.map((r) => refineResource(r, modelNames)),
    schemas: refineSchemas(ir),
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
      const indexSignature = extra === true ? 'unknown' : extra && typeof extra === 'object' ? tsType(extra, refs) : undefined;
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

function refineResource(resource: ResourcePlan, modelNames: Set<string>): TsResourceFile {
  const refs = new Set<string>();
  const paramsInterfaces: TsParamsInterface[] = [];
  const classes: TsResourceClass[] = [];
  for (const node of allResources([resource])) {
    classes.push({
      className: resourceClassName(node.path, modelNames),
      accessPath: node.path.join('.'),
      ...(node.description ? { description: node.description } : {}),
      methods: node.methods.map((m) => refineMethod(m, node, refs, paramsInterfaces)),
      children: node.resources.map((child) => ({ accessor: child.name, className: resourceClassName(child.path, modelNames) })),
    });
  }
  const className = classes[0]!.className;
  return {
    fileName: kebabCase(resource.name),
    className,
    accessor: resource.name,
    ...(resource.entry ? { entry: resource.entry } : {}),
    classes,
    paramsInterfaces,
    modelImports: importsFor(refs),
    usesPagePromise: classes.some((c) => c.methods.some((m) => m.call === 'requestPage')),
  };
}

/** `['webhookEndpoints', 'deliveries']` -> `WebhookEndpointsDeliveries`; `Resource` appended when a model has the name. */
function resourceClassName(path: string[], modelNames: Set<string>): string {
  const name = pascalCase(path.join(' '));
  return modelNames.has(name) ? `${name}Resource` : name;
}

const RESPONSE_TYPES: Record<string, string> = {
  binary: 'Blob',
  text: 'string',
  'event-stream': 'EventStream',
  redirect: 'Redirect',
  empty: 'void',
};

function refineMethod(method: MethodPlan, resource: ResourcePlan, refs: Set<string>, paramsInterfaces: TsParamsInterface[]): TsMethod {
  const op = method.operation;
  const args: TsArg[] = method.pathParams.map((p) => ({
    name: escapeReserved(camelCase(p.name), 'typescript'),
    type: tsType(p.type, refs),
    optional: false,
  }));

  const fieldOf = (p: Parameter, key: string): TsField => ({
    key,
    type: tsType(p.type, refs),
    optional: !p.required,
    ...(p.description ? { description: p.description } : {}),
    ...(p.deprecated ? { deprecated: true } : {}),
  });
  const paramFields = [...method.query.map((p) => fieldOf(p, tsKey(p.name))), ...method.headers.map((p) => fieldOf(p, camelCase(p.name)))];
  const body = method.body;
  const bodyType = body ? tsType(body.type, refs) : undefined;
  const bodyIsBinary = body?.kind === 'binary';

  // A body alone is passed as itself; anything else is one params object (extending the body's type).
  let paramsType: string | undefined;
  if (body && paramFields.length === 0 && !bodyIsBinary) {
    paramsType = bodyType;
  } else if (body || paramFields.length > 0) {
    paramsType = pascalCase(method.paramsTypeName);
    const fields = bodyIsBinary
      ? [{ key: 'body', type: 'Blob | ArrayBuffer | Uint8Array', optional: !body.required }, ...paramFields]
      : paramFields;
    paramsInterfaces.push({
      name: paramsType,
      ...(body && !bodyIsBinary ? { extendsType: bodyType } : {}),
      fields,
      description: `Parameters of \`${resource.path.join('.')}.${method.name}()\`.`,
    });
  }
  if (paramsType) {
    args.push(
      method.paramsRequired
        ? { name: 'params', type: paramsType, optional: false }
        : { name: 'params', type: paramsType, optional: true, defaultValue: '{}' },
    );
  }

  const responseType =
    method.response.kind === 'json'
      ? method.response.type
        ? tsType(method.response.type, refs)
        : 'unknown'
      : RESPONSE_TYPES[method.response.kind]!;
  const returnType = method.pagination
    ? `PagePromise<${responseType}, ${tsType(method.pagination.itemType, refs)}>`
    : `ApiPromise<${responseType}>`;

  const request: TsRequest = {
    method: op.httpMethod,
    path: op.path,
    pathParams: method.pathParams.map((p, i) => ({ key: tsKey(p.name), arg: args[i]!.name })),
    params: paramsType !== undefined,
    queryKeys: method.query.map((p) => p.name),
    headerKeys: method.headers.map((p) => ({ key: camelCase(p.name), header: p.name })),
    ...(body ? { body: body.kind } : {}),
    response: method.response.kind,
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    ...(method.pagination ? { pagination: method.pagination } : {}),
  };

  const exampleArgs = method.example.pathArgs.map(tsLiteral);
  const exampleParams = tsExampleParams(method, paramsType !== undefined && paramFields.length === 0 && !bodyIsBinary);
  if (paramsType && (method.paramsRequired || exampleParams !== undefined)) exampleArgs.push(exampleParams ?? '{}');
  const example: TsExample = {
    call: `client.${resource.path.join('.')}.${method.name}(${exampleArgs.join(', ')})`,
    kind: method.pagination ? 'page' : method.response.kind === 'empty' ? 'empty' : 'value',
  };

  return {
    name: method.name,
    ...method.head,
    args,
    returnType,
    call: method.pagination ? 'requestPage' : 'request',
    request,
    example,
  };
}

/**
 * The example's params argument: the body itself when it is passed alone, else one object with the
 * required query and header parameters (headers under their camelCase key) and the body's fields.
 */
function tsExampleParams(method: MethodPlan, bodyAlone: boolean): string | undefined {
  const { params, body } = method.example;
  if (bodyAlone) return body === undefined ? undefined : tsLiteral(body);
  const entries: [string, unknown][] = params.map((p) => [p.in === 'header' ? camelCase(p.name) : p.name, p.value]);
  if (body && typeof body === 'object' && !Array.isArray(body)) entries.push(...Object.entries(body));
  return entries.length === 0 ? undefined : tsLiteral(Object.fromEntries(entries));
}

function refineError(entry: ErrorCode): TsErrorClass {
  const family = familyErrorClass(entry.status);
  const base = pascalCase(entry.code);
  const className = base.endsWith('Error') ? base : `${base}Error`;
  // `not_found` -> NotFoundError is already the 404 family class: the family stands for the code.
  if (className === family) return { code: entry.code, className, extendsClass: family, generated: false };
  return { code: entry.code, className, extendsClass: family, generated: true };
}
