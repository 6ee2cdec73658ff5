import { statusFamily } from '../core/error-families.js';
import { pascalCase } from '../core/naming.js';
import { allResources, type ApiPlan, type MethodHead, type MethodPlan, type ResourcePlan } from '../core/operation-plan.js';
import type { Ir, ObjectDecl, Parameter, Property, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { phpCaseName, phpClassName, phpVariable } from './naming.js';
import { decodeExpr, declaredType, docType, isClassUnion, phpType, type TypeContext } from './type-mapping.js';

/**
 * The refined PHP model: every class, property, parameter and type string decided, so the printers
 * only lay text out. PHP knowledge lives here (PascalCase classes, camelCase properties, required
 * parameters before optional ones, `Enum|string` so an enum value added later still decodes).
 */
export interface PhpModel {
  title: string;
  version: string;
  defaultBaseUrl: string;
  classes: PhpDecl[];
  resources: PhpResource[];
  /** The top-level resources: the client's properties. */
  clientResources: { property: string; className: string }[];
  errors: PhpError[];
}

export interface PhpProperty {
  name: string;
  wire: string;
  /** The declared type (`?string`). */
  type: string;
  doc?: string;
  description?: string;
  optional: boolean;
  /** The expression decoding `$data[wire]` (`$data['x']` or `Foo::fromArray($data['x'])`). */
  decode: string;
}

export type PhpDecl =
  | { kind: 'model'; name: string; description?: string; properties: PhpProperty[] }
  | { kind: 'enum'; name: string; description?: string; backing: 'string' | 'int'; cases: { name: string; value: string | number }[] }
  | { kind: 'union'; name: string; description?: string; property: string; variants: { tag: string; className: string }[] };

export interface PhpParam {
  name: string;
  type: string;
  doc?: string;
  description?: string;
  /** Has a default: `= null`, or `= NotGiven::Value` for a nullable field where null is a value to send. */
  optional: boolean;
  default?: string;
}

export interface PhpMethod extends MethodHead {
  name: string;
  params: PhpParam[];
  optionsName: string;
  pathArgs: { wire: string; variable: string }[];
  query: { wire: string; variable: string }[];
  headers: { wire: string; variable: string }[];
  body?: {
    kind: 'json' | 'form' | 'binary';
    required: boolean;
    fields?: { wire: string; variable: string }[];
    variable?: string;
    keepNull: string[];
  };
  idempotent: boolean;
  /** The call needs no client credentials (IR `needsCredentials` false): the core sends it without a key. */
  public: boolean;
  /** What the method returns. */
  result:
    | { kind: 'decode'; type: string; doc?: string; expr: string }
    | { kind: 'raw'; type: string; expr: string }
    | { kind: 'void' }
    | { kind: 'page'; pageClass: string; items: string; hasMore: string; nextCursor: string; cursorVariable: string; itemDoc: string };
  /** The `$client->a->b->name(...)` path for docs. */
  accessPath: string;
  /** The example call's arguments, from the plan's example values (positional when `name` is absent). */
  example: PhpExampleArg[];
}

export interface PhpExampleArg {
  name?: string;
  value: unknown;
}

export interface PhpResource {
  className: string;
  description?: string;
  accessPath: string;
  methods: PhpMethod[];
  children: { property: string; className: string }[];
  /** Hand-written traits the class uses (`\Namaskah\Lib\WaitForCode` on verifications). */
  traits: string[];
}

export interface PhpError {
  code: string;
  status: number;
  className: string;
  extendsClass: string;
  /** False when the status family's class already stands for the code. */
  generated: boolean;
}

/** Hand-written traits mixed into generated resource classes, by resource path. */
const RESOURCE_TRAITS: Record<string, string[]> = {
  verifications: ['\\Namaskah\\Lib\\WaitForCode'],
  'realtime.events': ['\\Namaskah\\Lib\\ListenForEvents'],
};

export function refine(ir: Ir, plan: ApiPlan): PhpModel {
  const ctx: TypeContext = { decls: new Map(ir.types.map((t) => [t.name, t])) };
  const classes = ir.types.flatMap((t) => refineDecl(t, ctx));
  assertUnique(
    classes.map((c) => c.name),
    'model',
  );
  const resources = allResources(plan.resources).map((r) => refineResource(r, ctx));
  assertUnique(
    resources.map((r) => r.className),
    'resource',
  );
  return {
    title: ir.info.title,
    version: ir.info.version,
    defaultBaseUrl: ir.servers[0] ?? 'http://localhost',
    classes: classes.sort((a, b) => a.name.localeCompare(b.name)),
    resources,
    clientResources: plan.resources.map((r) => ({ property: r.name, className: resourceClass(r) })),
    errors: ir.errorCodes.map(({ code, status }) => {
      const family = `${statusFamily(status) ?? 'InternalServer'}Exception`;
      const className = `${pascalCase(code.replace(/_error$/, ''))}Exception`;
      return { code, status, className, extendsClass: family, generated: className !== family };
    }),
  };
}

function assertUnique(names: string[], what: string): void {
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`two ${what} declarations map to the PHP name ${clash}; rename one in the spec`);
}

function refineDecl(decl: TypeDecl, ctx: TypeContext): PhpDecl[] {
  const name = phpClassName(decl.name);
  const description = decl.description;
  switch (decl.kind) {
    case 'object':
      return [{ kind: 'model', name, ...(description ? { description } : {}), properties: refineProperties(decl, ctx) }];
    case 'enum': {
      const cases = decl.values.map((v, i) => ({ name: phpCaseName(v, i), value: v }));
      assertUnique(
        cases.map((c) => c.name),
        `${decl.name} enum case`,
      );
      return [
        { kind: 'enum', name, ...(description ? { description } : {}), backing: decl.valueType === 'integer' ? 'int' : 'string', cases },
      ];
    }
    case 'union': {
      if (!isClassUnion(decl, ctx)) return [];
      const tags = new Map(decl.discriminator!.mapping.map((m) => [m.type, m.value]));
      const variants = decl.variants.map((v) => {
        const ref = (v as { name: string }).name;
        return { tag: tags.get(ref) ?? ref, className: phpClassName(ref) };
      });
      return [{ kind: 'union', name, ...(description ? { description } : {}), property: decl.discriminator!.property, variants }];
    }
    case 'alias':
      return [];
  }
}

function refineProperties(decl: ObjectDecl, ctx: TypeContext): PhpProperty[] {
  const used = new Set<string>();
  const props = decl.properties.map((p) => {
    let name = phpVariable(p.name);
    while (used.has(name)) name += '_';
    used.add(name);
    return refineProperty(p, name, ctx);
  });
  // PHP wants required constructor parameters first.
  return [...props.filter((p) => !p.optional), ...props.filter((p) => p.optional)];
}

function refineProperty(p: Property, name: string, ctx: TypeContext): PhpProperty {
  const t = phpType(p.type, ctx);
  const optional = !p.required;
  // Every property is nullable in PHP: a payload may leave out a field the contract calls required (a
  // partial object in a test, an older server), and decoding must not fail on it; has() tells absent from null.
  const access = `$data[${quote(p.name)}]`;
  const inner = decodeExpr(stripNullable(p.type), access, ctx);
  const decode = inner === undefined ? `${access} ?? null` : `isset(${access}) ? ${inner} : null`;
  const notes = [p.readOnly ? 'Read-only: set by the server.' : undefined];
  const description = [p.description, ...notes, p.deprecated ? '@deprecated' : undefined].filter(Boolean).join('\n');
  const doc = docType(t, true);
  return {
    name,
    wire: p.name,
    type: declaredType(t, true),
    ...(doc ? { doc } : {}),
    ...(description ? { description } : {}),
    optional,
    decode,
  };
}

function stripNullable(t: TypeExpr): TypeExpr {
  return t.kind === 'nullable' ? stripNullable(t.type) : t;
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function resourceClass(r: ResourcePlan): string {
  return phpClassName(r.path.join(' '));
}

function refineResource(r: ResourcePlan, ctx: TypeContext): PhpResource {
  const accessPath = `$client->${r.path.join('->')}`;
  return {
    className: resourceClass(r),
    ...(r.description ? { description: r.description } : {}),
    accessPath,
    methods: r.methods.map((m) => refineMethod(m, ctx, accessPath)),
    children: r.resources.map((c) => ({ property: c.name, className: resourceClass(c) })),
    traits: RESOURCE_TRAITS[r.path.join('.')] ?? [],
  };
}

function refineMethod(method: MethodPlan, ctx: TypeContext, resourcePath: string): PhpMethod {
  const op = method.operation;
  const required: PhpParam[] = [];
  const optional: PhpParam[] = [];
  const used = new Set<string>();
  const variableOf = (wire: string) => {
    let name = phpVariable(wire);
    while (used.has(name)) name += '_';
    used.add(name);
    return name;
  };
  const keepNull: string[] = [];
  const add = (wire: string, type: TypeExpr, isRequired: boolean, description?: string, bodyField = false): string => {
    const variable = variableOf(wire);
    const t = phpType(type, ctx, true);
    const nullable = t.nullable || !isRequired;
    // An optional body field that may be null: null is sent as null, leaving the argument out sends nothing.
    const notGiven = bodyField && !isRequired && t.nullable;
    if (bodyField && t.nullable) keepNull.push(wire);
    const doc = docType(t, nullable);
    const declared = declaredType(t, nullable);
    const param: PhpParam = {
      name: variable,
      type: notGiven
        ? `${declared === 'mixed' ? 'mixed' : `${declared.startsWith('?') ? `${declared.slice(1)}|null` : declared}|\\Namaskah\\Core\\NotGiven`}`
        : declared,
      ...(doc ? { doc } : {}),
      ...(description ? { description } : {}),
      optional: !isRequired,
      ...(notGiven ? { default: '\\Namaskah\\Core\\NotGiven::Value' } : {}),
    };
    (isRequired ? required : optional).push(param);
    return variable;
  };
  const pathArgs = method.pathParams.map((p) => ({ wire: p.name, variable: add(p.name, p.type, true, p.description) }));
  let body: PhpMethod['body'];
  if (method.body) {
    const b = method.body;
    if (b.kind === 'binary') {
      body = {
        kind: 'binary',
        required: b.required,
        variable: add('body', { kind: 'binary' }, b.required, 'The request body (bytes).'),
        keepNull,
      };
    } else if (b.fields) {
      body = {
        kind: b.kind,
        required: b.required,
        fields: b.fields.map((f) => ({ wire: f.name, variable: add(f.name, f.type, b.required && f.required, f.description, true) })),
        keepNull,
      };
    } else {
      body = { kind: b.kind, required: b.required, variable: add('body', b.type, b.required, 'The request body.'), keepNull };
    }
  }
  const param = (p: Parameter) => ({ wire: p.name, variable: add(p.name, p.type, p.required, p.description) });
  const query = method.query.map(param);
  const headers = method.headers.map(param);
  const optionsName = used.has('options') ? 'requestOptions' : 'options';
  const params = [...required, ...optional];

  let result: PhpMethod['result'];
  const response = method.response;
  const cursor = query.find((q) => q.wire === method.pagination?.cursorParam);
  const pageDecl = response.type?.kind === 'ref' ? ctx.decls.get(response.type.name) : undefined;
  if (method.pagination && cursor && pageDecl?.kind === 'object') {
    const prop = (wire: string) => {
      const p = pageDecl.properties.find((x) => x.name === wire);
      if (!p) throw new Error(`${op.id}: pagination field ${wire} is not a property of ${pageDecl.name}`);
      return phpVariable(wire);
    };
    const item = phpType(method.pagination.itemType, ctx);
    result = {
      kind: 'page',
      pageClass: phpClassName(pageDecl.name),
      items: prop(method.pagination.itemsField),
      hasMore: prop(method.pagination.hasMoreField),
      nextCursor: prop(method.pagination.nextCursorField),
      cursorVariable: cursor.variable,
      itemDoc: item.doc ?? item.native,
    };
  } else if (response.kind === 'json' && response.type) {
    const t = phpType(response.type, ctx);
    const expr = decodeExpr(response.type, '$response->json()', ctx) ?? '$response->json()';
    const doc = docType(t);
    result = { kind: 'decode', type: declaredType(t), ...(doc ? { doc } : {}), expr };
  } else if (response.kind === 'json') {
    result = { kind: 'raw', type: 'mixed', expr: '$response->json()' };
  } else if (response.kind === 'binary' || response.kind === 'text') {
    result = { kind: 'raw', type: 'string', expr: '$response->body' };
  } else if (response.kind === 'event-stream') {
    result = { kind: 'raw', type: '\\Namaskah\\Core\\EventStream', expr: '$response->eventStream()' };
  } else if (response.kind === 'redirect') {
    result = { kind: 'raw', type: '\\Namaskah\\Core\\Response', expr: '$response' };
  } else {
    result = { kind: 'void' };
  }

  const accessPath = `${resourcePath}->${phpVariable(method.name)}`;
  return {
    name: phpVariable(method.name),
    example: exampleArgs(method, { query, headers, ...(body ? { body } : {}) }),
    ...method.head,
    params,
    optionsName,
    pathArgs,
    query,
    headers,
    ...(body ? { body } : {}),
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    result,
    accessPath,
  };
}

type Wire = { wire: string; variable: string };

/** The plan's example arguments in call order: positional path arguments, then named ones. */
function exampleArgs(method: MethodPlan, m: { query: Wire[]; headers: Wire[]; body?: PhpMethod['body'] }): PhpExampleArg[] {
  const ex = method.example;
  const args: PhpExampleArg[] = ex.pathArgs.map((value) => ({ value }));
  const named = new Map([...m.query, ...m.headers].map((p) => [p.wire, p.variable]));
  for (const p of ex.params) {
    const name = named.get(p.name);
    if (name) args.push({ name, value: p.value });
  }
  if (m.body && ex.body !== undefined) {
    if (m.body.fields && typeof ex.body === 'object' && ex.body !== null && !Array.isArray(ex.body)) {
      const fields = new Map(m.body.fields.map((f) => [f.wire, f.variable]));
      for (const [key, value] of Object.entries(ex.body as Record<string, unknown>)) {
        const name = fields.get(key);
        if (name) args.push({ name, value });
      }
    } else if (m.body.variable) {
      args.push({ name: m.body.variable, value: ex.body });
    }
  }
  return args;
}
