import type { EnumDecl, Ir, ObjectDecl, Operation, Resource, TypeDecl, TypeExpr, UnionDecl } from '../ir/ir-types.js';
import { goLocalName, goName } from './naming.js';
import { fieldType, type GoTypeContext, goType, unwrapDepth } from './type-mapping.js';

/**
 * The refined Go model: every identifier, type string and import decided, so the printers only lay text
 * out. Go-specific knowledge lives here (initialisms, `Opt`/`Nullable`, sentinel errors, receiver shapes);
 * the IR stays language-neutral.
 */
export interface GoModel {
  title: string;
  version: string;
  decls: GoDecl[];
  /** Spec `const` strings: Go type name -> value. Sorted by type name. */
  consts: { name: string; value: string }[];
  services: GoService[];
  errorKinds: GoErrorKind[];
  eventTypes: string[];
  errorCodes: string[];
}

export interface GoField {
  name: string;
  type: string;
  /** The JSON tag value (`name` or `name,omitzero`). */
  tag: string;
  doc: (string | undefined)[];
}

export type GoDecl =
  | { kind: 'struct'; name: string; doc?: string; fields: GoField[]; imports: string[] }
  | { kind: 'alias'; name: string; doc?: string; type: string; imports: string[] }
  | { kind: 'enum'; name: string; doc?: string; base: 'string' | 'int64'; values: { name: string; literal: string }[]; imports: string[] }
  | { kind: 'union'; name: string; doc?: string; discriminator?: { property: string }; variants: GoVariant[]; imports: string[] };

export interface GoVariant {
  typeName: string;
  /** The discriminator value selecting this variant, for discriminated unions. */
  tag?: string;
}

export interface GoService {
  /** `VerificationsService`. */
  typeName: string;
  /** The field of the client: `Verifications`. */
  field: string;
  fileName: string;
  tag: string;
  description?: string;
  methods: GoMethod[];
  paramsStructs: { name: string; doc: string; fields: GoField[] }[];
  imports: string[];
}

export interface GoMethod {
  name: string;
  operationId: string;
  httpMethod: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  pathArgs: { local: string; wire: string }[];
  /** The argument after the path arguments: `params XParams` or `body T`. */
  arg?: { name: 'params' | 'body'; type: string };
  query: { wire: string; expr: string }[];
  headers: { wire: string; expr: string }[];
  body?: { kind: 'json' | 'form' | 'binary'; expr: string };
  response: 'json' | 'binary' | 'text' | 'event-stream' | 'redirect' | 'empty';
  /** The Go result type (without `error`); undefined for `empty`. */
  result?: { type: string; pointer: boolean };
  idempotent: boolean;
  /** The call needs no client credentials (IR `needsCredentials` false). */
  public: boolean;
  pagination?: {
    /** Name of the single-page method (`ListPage`); the iterator keeps the operation's name. */
    pageMethod: string;
    itemType: string;
    pageType: string;
    itemsExpr: string;
    hasMoreExpr: string;
    cursorExpr: string;
    /** Statement that sets the cursor on `params`. */
    setCursor: string;
  };
}

export interface GoErrorKind {
  code: string;
  status: number;
  /** The sentinel variable name (`ErrInsufficientBalance`). */
  name: string;
  /** False when a status-family sentinel of the core already stands for the code (`ErrNotFound`). */
  generated: boolean;
}

/** Status family -> the core's sentinel for it (mirrors sdks/go/core_errors.go). */
export const STATUS_SENTINELS: Record<number, string> = {
  400: 'ErrBadRequest',
  401: 'ErrAuthentication',
  402: 'ErrPaymentRequired',
  403: 'ErrPermissionDenied',
  404: 'ErrNotFound',
  409: 'ErrConflict',
  410: 'ErrGone',
  413: 'ErrPayloadTooLarge',
  415: 'ErrUnsupportedMediaType',
  422: 'ErrUnprocessableEntity',
  429: 'ErrRateLimit',
  500: 'ErrInternalServer',
};

const RESPONSE_RESULT: Record<string, { type: string; pointer: boolean } | undefined> = {
  binary: { type: '[]byte', pointer: false },
  text: { type: 'string', pointer: false },
  'event-stream': { type: '*EventStream', pointer: false },
  redirect: { type: 'Redirect', pointer: true },
  empty: undefined,
};

export function refine(ir: Ir): GoModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  const consts = new Map<string, string>();
  const newContext = (): GoTypeContext => ({ decls, consts, imports: new Set() });
  const goDecls = ir.types.map((t) => refineDecl(t, newContext()));
  assertUnique(goDecls.map((d) => d.name), 'type');
  const services = ir.resources.map((r) => refineService(r, newContext(), goDecls));
  assertUnique(services.map((s) => s.typeName), 'service');
  return {
    title: ir.info.title,
    version: ir.info.version,
    decls: goDecls.sort((a, b) => a.name.localeCompare(b.name)),
    consts: [...consts].map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
    services,
    errorKinds: ir.errorCodes.map(({ code, status }) => {
      const name = `Err${goName(code.replace(/_error$/, ''))}`;
      const family = STATUS_SENTINELS[status] ?? 'ErrInternalServer';
      return { code, status, name, generated: name !== family };
    }),
    eventTypes: ir.events.map((e) => e.type),
    errorCodes: ir.errorCodes.map((c) => c.code),
  };
}

function assertUnique(names: string[], what: string): void {
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`two ${what} declarations map to the Go name ${clash}; rename one in the spec`);
}

function refineDecl(decl: TypeDecl, ctx: GoTypeContext): GoDecl {
  const name = goName(decl.name);
  const doc = decl.description;
  const done = <T extends object>(d: T) => ({ ...d, imports: [...ctx.imports].sort() });
  switch (decl.kind) {
    case 'object':
      return done({ kind: 'struct' as const, name, doc, fields: structFields(decl, ctx) });
    case 'alias':
      return done({ kind: 'alias' as const, name, doc, type: goType(decl.type, ctx) });
    case 'enum':
      return done(refineEnum(decl, name, doc));
    case 'union':
      return done(refineUnion(decl, name, doc, ctx));
  }
}

function structFields(decl: ObjectDecl, ctx: GoTypeContext): GoField[] {
  const used = new Set<string>();
  return decl.properties.map((p) => {
    let name = goName(p.name) || 'Field';
    while (used.has(name)) name += '_';
    used.add(name);
    return {
      name,
      type: fieldType(p.type, p.required, ctx),
      tag: p.required ? p.name : `${p.name},omitzero`,
      doc: [p.description, p.readOnly ? 'Read-only: set by the server.' : undefined, p.deprecated ? 'Deprecated: see the API reference.' : undefined],
    };
  });
}

function refineEnum(decl: EnumDecl, name: string, doc?: string): GoDecl & { kind: 'enum' } {
  const values = decl.values.map((v, i) => ({
    name: `${name}${goName(String(v)) || `Value${i}`}`,
    literal: typeof v === 'string' ? JSON.stringify(v) : String(v),
  }));
  assertUnique(values.map((v) => v.name), `${decl.name} enum value`);
  return { kind: 'enum', name, doc, base: decl.valueType === 'integer' ? 'int64' : 'string', values, imports: [] };
}

/** True for a type whose JSON is always a string (a string enum, a string constant, a plain string). */
function isStringLike(t: TypeExpr, decls: Map<string, TypeDecl>): boolean {
  if (t.kind === 'primitive') return t.type === 'string' && !t.format;
  if (t.kind === 'literal') return typeof t.value === 'string';
  if (t.kind === 'ref') {
    const d = decls.get(t.name);
    return d?.kind === 'enum' ? d.valueType === 'string' : d?.kind === 'alias' ? isStringLike(d.type, decls) : false;
  }
  return false;
}

function refineUnion(decl: UnionDecl, name: string, doc: string | undefined, ctx: GoTypeContext): GoDecl {
  // A union of strings (an enum or `*`) is a string in Go, with constants for its literal members.
  if (decl.variants.every((v) => isStringLike(v, ctx.decls))) {
    const values = decl.variants
      .filter((v): v is { kind: 'literal'; value: string } => v.kind === 'literal')
      .map((v) => ({ name: `${name}${goName(v.value)}`, literal: JSON.stringify(v.value) }));
    return { kind: 'enum', name, doc, base: 'string', values, imports: [] };
  }
  const objectVariants = decl.variants.every((v) => v.kind === 'ref' && ctx.decls.get(v.name)?.kind === 'object');
  if (!objectVariants) {
    ctx.imports.add('encoding/json');
    return { kind: 'alias', name, doc: `${doc ?? ''}\n\nOne of several shapes; decode it with json.Unmarshal.`.trim(), type: 'json.RawMessage', imports: [] };
  }
  const tags = new Map(decl.discriminator?.mapping.map((m) => [m.type, m.value]));
  return {
    kind: 'union',
    name,
    doc,
    ...(decl.discriminator ? { discriminator: { property: decl.discriminator.property } } : {}),
    variants: decl.variants.map((v) => {
      const ref = (v as { name: string }).name;
      const tag = tags.get(ref);
      return { typeName: goName(ref), ...(tag !== undefined ? { tag } : {}) };
    }),
    imports: [],
  };
}

function refineService(resource: Resource, ctx: GoTypeContext, decls: GoDecl[]): GoService {
  const field = goName(resource.tag);
  const paramsStructs: GoService['paramsStructs'] = [];
  const structs = new Map(decls.filter((d) => d.kind === 'struct').map((d) => [d.name, d]));
  const methods = resource.operations.map((op) => refineMethod(op, resource, ctx, paramsStructs, structs));
  ctx.imports.add('context');
  if (methods.some((m) => m.pagination)) ctx.imports.add('iter');
  return {
    typeName: `${field}Service`,
    field,
    fileName: `gen_service_${resource.tag.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase()}.go`,
    tag: resource.tag,
    ...(resource.description ? { description: resource.description } : {}),
    methods,
    paramsStructs,
    imports: [...ctx.imports].sort(),
  };
}

function refineMethod(
  op: Operation,
  resource: Resource,
  ctx: GoTypeContext,
  paramsStructs: GoService['paramsStructs'],
  structs: Map<string, GoDecl>,
): GoMethod {
  const name = goName(op.methodName);
  const pathArgs = op.pathParams.map((p) => ({ local: goLocalName(p.name), wire: p.name }));
  const paramFields: GoField[] = [];
  const query: GoMethod['query'] = [];
  const headers: GoMethod['headers'] = [];
  for (const p of [...op.queryParams, ...op.headerParams]) {
    const fieldName = goName(p.name);
    paramFields.push({
      name: fieldName,
      type: fieldType(p.type, p.required, ctx),
      tag: p.required ? p.name : `${p.name},omitzero`,
      doc: [p.description, p.required ? 'Required.' : undefined, p.deprecated ? 'Deprecated: see the API reference.' : undefined],
    });
    (p.in === 'query' ? query : headers).push({ wire: p.name, expr: `params.${fieldName}` });
  }

  let arg: GoMethod['arg'];
  let body: GoMethod['body'];
  const bodyKind = !op.body ? undefined : op.body.type.kind === 'binary' ? 'binary' : /form-urlencoded/.test(op.body.mediaType) ? 'form' : 'json';
  if (op.body && bodyKind) {
    const bodyType = bodyKind === 'binary' ? '[]byte' : goType(op.body.type, ctx);
    if (paramFields.length === 0) {
      arg = { name: 'body', type: bodyType };
      body = { kind: bodyKind, expr: 'body' };
    } else {
      paramFields.unshift({ name: 'Body', type: bodyType, tag: '-', doc: ['The request body.'] });
      body = { kind: bodyKind, expr: 'params.Body' };
    }
  }
  if (paramFields.length > 0) {
    const paramsName = `${goName(op.id)}Params`;
    paramsStructs.push({ name: paramsName, doc: `${paramsName} holds the parameters of ${goName(resource.tag)}Service.${name}.`, fields: paramFields });
    arg = { name: 'params', type: paramsName };
  }

  let result: GoMethod['result'];
  if (op.response.kind === 'json') {
    if (op.response.type) {
      const type = goType(op.response.type, ctx);
      result = { type, pointer: structs.has(type) || op.response.type.kind === 'ref' };
    } else {
      ctx.imports.add('encoding/json');
      result = { type: 'json.RawMessage', pointer: false };
    }
  } else {
    result = RESPONSE_RESULT[op.response.kind];
  }

  let pagination: GoMethod['pagination'];
  const pageDecl = op.response.type?.kind === 'ref' ? structs.get(goName(op.response.type.name)) : undefined;
  const pageSource = op.response.type?.kind === 'ref' ? ctx.decls.get(op.response.type.name) : undefined;
  const cursorParam = op.queryParams.find((p) => p.name === op.pagination?.cursorParam);
  if (op.pagination && pageDecl?.kind === 'struct' && pageSource?.kind === 'object' && cursorParam) {
    const pg = op.pagination;
    const access = (wire: string) => {
      const prop = pageSource.properties.find((p) => p.name === wire);
      if (!prop) throw new Error(`${op.id}: pagination field ${wire} is not a property of ${pageSource.name}`);
      return `page.${goName(wire)}${'.Value()'.repeat(unwrapDepth(prop.type, prop.required))}`;
    };
    const cursorField = goName(cursorParam.name);
    pagination = {
      pageMethod: `${name}Page`,
      itemType: goType(pg.itemType, ctx),
      pageType: pageDecl.name,
      itemsExpr: access(pg.itemsField),
      hasMoreExpr: access(pg.hasMoreField),
      cursorExpr: access(pg.nextCursorField),
      setCursor: `params.${cursorField} = ${cursorParam.required ? 'cursor' : 'Some(cursor)'}`,
    };
  }

  return {
    name,
    operationId: op.id,
    httpMethod: op.httpMethod.toUpperCase(),
    path: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    pathArgs,
    ...(arg ? { arg } : {}),
    query,
    headers,
    ...(body ? { body } : {}),
    response: op.response.kind,
    ...(result ? { result } : {}),
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    ...(pagination ? { pagination } : {}),
  };
}
