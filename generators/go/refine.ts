import { statusFamily } from '../core/error-families.js';
import { words } from '../core/naming.js';
import { allResources, type ApiPlan, type MethodHead, type MethodPlan, type ResourcePlan } from '../core/operation-plan.js';
import type { EnumDecl, Ir, ObjectDecl, TypeDecl, TypeExpr, UnionDecl } from '../ir/ir-types.js';
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
  /** One per top-level resource. */
  files: GoServiceFile[];
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

/** One file per top-level resource: its service type, its sub-resources' service types, their params structs. */
export interface GoServiceFile {
  fileName: string;
  /** The top-level service, then its sub-resources, parents before children (spec order). */
  services: GoService[];
  paramsStructs: { name: string; doc: string; fields: GoField[] }[];
  imports: string[];
}

export interface GoService {
  /** `WebhookEndpointsDeliveriesService`. */
  typeName: string;
  /** The field on its parent (the client for a top-level service): `Deliveries`. */
  field: string;
  /** `WebhookEndpoints.Deliveries`: how users reach it from the client. */
  accessPath: string;
  description?: string;
  methods: GoMethod[];
  /** Sub-resources, each a field holding its service. */
  children: { field: string; typeName: string; accessPath: string }[];
}

export interface GoMethod extends MethodHead {
  name: string;
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

const RESPONSE_RESULT: Record<string, { type: string; pointer: boolean } | undefined> = {
  binary: { type: '[]byte', pointer: false },
  text: { type: 'string', pointer: false },
  'event-stream': { type: '*EventStream', pointer: false },
  redirect: { type: 'Redirect', pointer: true },
  empty: undefined,
};

export function refine(ir: Ir, plan: ApiPlan): GoModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  const consts = new Map<string, string>();
  const newContext = (): GoTypeContext => ({ decls, consts, imports: new Set() });
  const goDecls = ir.types.map((t) => refineDecl(t, newContext()));
  assertUnique(
    goDecls.map((d) => d.name),
    'type',
  );
  const files = plan.resources.map((r) => refineServiceFile(r, newContext(), goDecls));
  assertUnique([...goDecls.map((d) => d.name), ...files.flatMap((f) => f.services.map((s) => s.typeName))], 'type or service');
  return {
    title: ir.info.title,
    version: ir.info.version,
    decls: goDecls.sort((a, b) => a.name.localeCompare(b.name)),
    consts: [...consts].map(([value, name]) => ({ name, value })).sort((a, b) => a.name.localeCompare(b.name)),
    files,
    errorKinds: ir.errorCodes.map(({ code, status }) => {
      const name = `Err${goName(code.replace(/_error$/, ''))}`;
      // The core's status-family sentinel (sdks/go/core_errors.go) stands for a code of the same name.
      const family = `Err${statusFamily(status) ?? 'InternalServer'}`;
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
      doc: [
        p.description,
        p.readOnly ? 'Read-only: set by the server.' : undefined,
        p.deprecated ? 'Deprecated: see the API reference.' : undefined,
      ],
    };
  });
}

function refineEnum(decl: EnumDecl, name: string, doc?: string): GoDecl & { kind: 'enum' } {
  const values = decl.values.map((v, i) => ({
    name: `${name}${goName(String(v)) || `Value${i}`}`,
    literal: typeof v === 'string' ? JSON.stringify(v) : String(v),
  }));
  assertUnique(
    values.map((v) => v.name),
    `${decl.name} enum value`,
  );
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
    return {
      kind: 'alias',
      name,
      doc: `${doc ?? ''}\n\nOne of several shapes; decode it with json.Unmarshal.`.trim(),
      type: 'json.RawMessage',
      imports: [],
    };
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

function refineServiceFile(resource: ResourcePlan, ctx: GoTypeContext, decls: GoDecl[]): GoServiceFile {
  const paramsStructs: GoServiceFile['paramsStructs'] = [];
  const structs = new Map(decls.filter((d) => d.kind === 'struct').map((d) => [d.name, d]));
  const typeNameOf = (path: string[]) => `${goName(path.join(' '))}Service`;
  const accessPathOf = (path: string[]) => path.map(goName).join('.');
  const services = allResources([resource]).map((node) => {
    const typeName = typeNameOf(node.path);
    return {
      typeName,
      field: goName(node.name),
      accessPath: accessPathOf(node.path),
      ...(node.description ? { description: node.description } : {}),
      methods: node.methods.map((m) => refineMethod(m, typeName, ctx, paramsStructs, structs)),
      children: node.resources.map((c) => ({ field: goName(c.name), typeName: typeNameOf(c.path), accessPath: accessPathOf(c.path) })),
    };
  });
  ctx.imports.add('context');
  if (services.some((s) => s.methods.some((m) => m.pagination))) ctx.imports.add('iter');
  return {
    fileName: `gen_service_${words(resource.name).join('_')}.go`,
    services,
    paramsStructs,
    imports: [...ctx.imports].sort(),
  };
}

function refineMethod(
  method: MethodPlan,
  serviceType: string,
  ctx: GoTypeContext,
  paramsStructs: GoServiceFile['paramsStructs'],
  structs: Map<string, GoDecl>,
): GoMethod {
  const op = method.operation;
  const name = goName(method.name);
  const pathArgs = method.pathParams.map((p) => ({ local: goLocalName(p.name), wire: p.name }));
  const paramFields: GoField[] = [];
  const query: GoMethod['query'] = [];
  const headers: GoMethod['headers'] = [];
  for (const p of method.paramFields) {
    const fieldName = goName(p.name);
    paramFields.push({
      name: fieldName,
      type: fieldType(p.type, p.required, ctx),
      tag: p.required ? p.name : `${p.name},omitzero`,
      doc: [p.description, p.required ? 'Required.' : undefined, p.deprecated ? 'Deprecated: see the API reference.' : undefined],
    });
    (p.in === 'query' ? query : headers).push({ wire: p.name, expr: `params.${fieldName}` });
  }

  // A body alone is passed as itself; with other parameters it is the params struct's `Body` field.
  let arg: GoMethod['arg'];
  let body: GoMethod['body'];
  if (method.body) {
    const bodyKind = method.body.kind;
    const bodyType = bodyKind === 'binary' ? '[]byte' : goType(method.body.type, ctx);
    if (paramFields.length === 0) {
      arg = { name: 'body', type: bodyType };
      body = { kind: bodyKind, expr: 'body' };
    } else {
      paramFields.unshift({ name: 'Body', type: bodyType, tag: '-', doc: ['The request body.'] });
      body = { kind: bodyKind, expr: 'params.Body' };
    }
  }
  if (paramFields.length > 0) {
    const paramsName = goName(method.paramsTypeName);
    paramsStructs.push({ name: paramsName, doc: `${paramsName} holds the parameters of ${serviceType}.${name}.`, fields: paramFields });
    arg = { name: 'params', type: paramsName };
  }

  let result: GoMethod['result'];
  if (method.response.kind === 'json') {
    if (method.response.type) {
      const type = goType(method.response.type, ctx);
      result = { type, pointer: structs.has(type) || method.response.type.kind === 'ref' };
    } else {
      ctx.imports.add('encoding/json');
      result = { type: 'json.RawMessage', pointer: false };
    }
  } else {
    result = RESPONSE_RESULT[method.response.kind];
  }

  let pagination: GoMethod['pagination'];
  const pageDecl = method.response.type?.kind === 'ref' ? structs.get(goName(method.response.type.name)) : undefined;
  const pageSource = method.response.type?.kind === 'ref' ? ctx.decls.get(method.response.type.name) : undefined;
  const cursorParam = method.query.find((p) => p.name === method.pagination?.cursorParam);
  if (method.pagination && pageDecl?.kind === 'struct' && pageSource?.kind === 'object' && cursorParam) {
    const pg = method.pagination;
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
    ...method.head,
    pathArgs,
    ...(arg ? { arg } : {}),
    query,
    headers,
    ...(body ? { body } : {}),
    response: method.response.kind,
    ...(result ? { result } : {}),
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    ...(pagination ? { pagination } : {}),
  };
}
