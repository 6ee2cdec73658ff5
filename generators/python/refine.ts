import { familyErrorClass } from '../core/error-families.js';
import { escapeReserved, pascalCase, snakeCase } from '../core/naming.js';
import { allResources, type ApiPlan, type MethodHead, type MethodPlan, type ResourcePlan } from '../core/operation-plan.js';
import type { CursorPagination, ErrorCode, Ir, Parameter, ResponseKind, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { pyLiteral, pyString, pyType, pyValue } from './type-mapping.js';

/**
 * The refined Python model: every name, annotation and import decided, so the printers only lay text out.
 * Python-specific knowledge lives here (keywords, pydantic's reserved attributes, snake_case, NOT_GIVEN for
 * optional parameters, which return types need a `cast`); the IR stays language-neutral.
 */
export interface PyModel {
  models: PyModelFile[];
  resources: PyResourceFile[];
  errors: PyErrorClass[];
  errorCodes: string[];
  eventTypes: string[];
  title: string;
  version: string;
}

export interface PyModelFile {
  moduleName: string;
  decl: TypeDecl;
  body: { kind: 'class'; fields: PyField[] } | { kind: 'alias'; source: string };
  /** Model names this module imports from sibling modules. */
  imports: string[];
  typing: string[];
  usesField: boolean;
}

export interface PyField {
  name: string;
  /** Set when the wire name is not a usable Python attribute (`from` -> `from_`). */
  alias?: string;
  type: string;
  required: boolean;
  description?: string;
  deprecated?: boolean;
}

export interface PyArg {
  name: string;
  type: string;
  /** Python source of the default; required when absent. */
  default?: string;
  description?: string;
}

export interface PyMethod extends MethodHead {
  name: string;
  positional: PyArg[];
  keyword: PyArg[];
  syncReturn: string;
  asyncReturn: string;
  /** The core call: `request`, `request_page` or `request_stream`. */
  call: 'request' | 'request_page' | 'request_stream';
  /** What the core call is given (printed as its keyword arguments). */
  request: PyRequest;
  /** True when the return type is not a class, so the result is `cast` to it. */
  castResult: boolean;
  example: PyExample;
}

/** The keyword arguments of the core call (sdks/python/namaskah/_core), as data. */
export interface PyRequest {
  /** `request`: the class the body decodes to (a Python expression). */
  castTo?: string;
  /** `request_page`: the page and item types (Python expressions). */
  pageType?: string;
  itemType?: string;
  method: string;
  path: string;
  /** Wire name -> argument, per location. */
  pathParams: PyWireArg[];
  query: PyWireArg[];
  headers: PyWireArg[];
  /** The body: one argument passed whole, or body fields gathered into a dict. */
  body?: { arg: string; kind: 'json' | 'form' | 'binary' } | { fields: PyWireArg[]; kind: 'json' | 'form' | 'binary' };
  response: ResponseKind;
  idempotent: boolean;
  /** The call needs no client credentials (IR `needsCredentials` false). */
  public: boolean;
  pagination?: CursorPagination;
}

export interface PyWireArg {
  wire: string;
  arg: string;
}

/** A usage example: the call's source (sync form) and how its result is consumed. */
export interface PyExample {
  call: string;
  /** `page`: iterated; `empty`: called alone; `value`: assigned to `result`. */
  kind: 'page' | 'empty' | 'value';
  /** Model classes the call constructs, imported from `namaskah.models` above it. */
  imports: string[];
}

/** One module per top-level resource, holding its classes and those of its sub-resources. */
export interface PyResourceFile {
  moduleName: string;
  /** The top-level classes (the ones the client holds). */
  className: string;
  asyncClassName: string;
  accessor: string;
  /** The top-level resource, then its sub-resources, parents before children (spec order). */
  classes: PyResourceClass[];
  modelImports: string[];
  coreImports: string[];
  typing: string[];
  /** True when an annotation is written `builtins.x` (a method shadows the builtin). */
  usesBuiltins: boolean;
  usesMapping: boolean;
}

export interface PyResourceClass {
  className: string;
  asyncClassName: string;
  /** `webhook_endpoints.deliveries`: how users reach it from the client. */
  accessPath: string;
  description?: string;
  methods: PyMethod[];
  /** Sub-resources, each an attribute holding an instance. */
  children: { accessor: string; className: string; asyncClassName: string }[];
}

export interface PyErrorClass {
  code: string;
  className: string;
  extendsClass: string;
  generated: boolean;
}

/** Attributes of pydantic's BaseModel that a field must not shadow. */
const MODEL_ATTRIBUTES = new Set([
  'copy',
  'dict',
  'json',
  'schema',
  'schema_json',
  'construct',
  'validate',
  'fields',
  'parse_obj',
  'parse_raw',
  'parse_file',
  'from_orm',
  'update_forward_refs',
  'is_set',
  'to_dict',
]);

/**
 * snake_case for Python names. Brand words written with inner capitals stay one word
 * (`issueOAuthToken` -> `issue_oauth_token`, not `issue_o_auth_token`).
 */
function pySnake(name: string): string {
  return snakeCase(name.replace(/OAuth/g, 'Oauth'));
}

/** A wire name as a Python identifier: snake_case kept, keywords and model attributes escaped with `_`. */
function pyIdentifier(wireName: string, isModelField = false): string {
  const base = /^[a-z_][a-z0-9_]*$/.test(wireName) ? wireName : pySnake(wireName);
  if (isModelField && (MODEL_ATTRIBUTES.has(base) || base.startsWith('model_'))) return `${base}_`;
  return escapeReserved(base, 'python');
}

export function refine(ir: Ir, plan: ApiPlan): PyModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  return {
    models: ir.types.map(refineModel),
    resources: plan.resources.map((r) => refineResource(r, decls)),
    errors: ir.errorCodes.map(refineError),
    errorCodes: ir.errorCodes.map((c) => c.code),
    eventTypes: ir.events.map((e) => e.type),
    title: ir.info.title,
    version: ir.info.version,
  };
}

function typingNames(source: string): string[] {
  return ['Annotated', 'Any', 'Literal', 'TypeAlias', 'cast'].filter((n) => new RegExp(`\\b${n}\\b`).test(source));
}

function refineModel(decl: TypeDecl): PyModelFile {
  const refs = new Set<string>();
  let body: PyModelFile['body'];
  let usesField = false;
  switch (decl.kind) {
    case 'object':
      body = {
        kind: 'class',
        fields: decl.properties.map((p) => {
          const name = pyIdentifier(p.name, true);
          if (name !== p.name) usesField = true;
          return {
            name,
            ...(name !== p.name ? { alias: p.name } : {}),
            type: pyType(p.type, refs),
            required: p.required,
            ...(p.description ? { description: p.description } : {}),
            ...(p.deprecated ? { deprecated: true } : {}),
          };
        }),
      };
      break;
    case 'enum':
      body = { kind: 'alias', source: `Literal[${decl.values.map(pyLiteral).join(', ')}]` };
      break;
    case 'union': {
      const variants = decl.variants.map((v) => pyType(v, refs)).join(' | ');
      if (decl.discriminator) {
        usesField = true;
        body = { kind: 'alias', source: `Annotated[${variants}, Field(discriminator=${pyString(decl.discriminator.property)})]` };
      } else {
        body = { kind: 'alias', source: variants };
      }
      break;
    }
    case 'alias':
      body = { kind: 'alias', source: pyType(decl.type, refs) };
      break;
  }
  const source = body.kind === 'alias' ? `${body.source} TypeAlias` : body.fields.map((f) => f.type).join(' ');
  return {
    moduleName: moduleName(decl.name),
    decl,
    body,
    imports: [...refs].filter((n) => n !== decl.name).sort(),
    typing: typingNames(source),
    usesField,
  };
}

export function moduleName(name: string): string {
  return escapeReserved(snakeCase(name), 'python');
}

/** True when a Python annotation names a class usable as `type[T]` (a model class or a builtin scalar). */
function isClassType(type: TypeExpr | undefined, decls: Map<string, TypeDecl>): boolean {
  if (!type) return false;
  if (type.kind === 'primitive') return true;
  return type.kind === 'ref' && decls.get(type.name)?.kind === 'object';
}

function refineResource(resource: ResourcePlan, decls: Map<string, TypeDecl>): PyResourceFile {
  const refs = new Set<string>();
  const core = new Set<string>(['RequestOptions']);
  const classNameOf = (path: string[]) => {
    const base = pascalCase(path.join(' '));
    return decls.has(base) ? `${base}Resource` : base;
  };
  const classes: PyResourceClass[] = allResources([resource]).map((node) => {
    const className = classNameOf(node.path);
    return {
      className,
      asyncClassName: `Async${className}`,
      accessPath: node.path.map((s) => pyIdentifier(s)).join('.'),
      ...(node.description ? { description: node.description } : {}),
      methods: qualifyShadowedBuiltins(node.methods.map((m) => refineMethod(m, node, decls, refs, core))),
      children: node.resources.map((child) => {
        const name = classNameOf(child.path);
        return { accessor: pyIdentifier(child.name), className: name, asyncClassName: `Async${name}` };
      }),
    };
  });
  const methods = classes.flatMap((c) => c.methods);
  if (methods.some((m) => m.keyword.some((a) => a.default === 'NOT_GIVEN'))) core.add('NOT_GIVEN').add('NotGiven');
  if (classes.some((c) => c.children.length > 0)) core.add('SyncHttpClient').add('AsyncHttpClient');
  const types = methods.flatMap((m) => [
    m.syncReturn,
    m.asyncReturn,
    ...[...m.positional, ...m.keyword].map((a) => a.type),
    ...[m.request.castTo, m.request.pageType, m.request.itemType].filter((t): t is string => t !== undefined),
  ]);
  const top = classes[0]!;
  return {
    moduleName: moduleName(resource.name),
    className: top.className,
    asyncClassName: top.asyncClassName,
    accessor: pyIdentifier(resource.name),
    classes,
    modelImports: [...refs].sort(),
    coreImports: [...core].sort(),
    typing: typingNames(types.join(' ') + (methods.some((m) => m.castResult) ? ' cast' : '')),
    usesBuiltins: types.some((t) => t.includes('builtins.')),
    usesMapping: methods.some((m) => m.keyword.some((a) => a.type.includes('Mapping['))),
  };
}

function paramArg(p: Parameter, refs: Set<string>): PyArg {
  const type = pyType(p.type, refs);
  return {
    name: pyIdentifier(p.name),
    // `None` last in the union (ruff RUF036): `str | NotGiven | None`.
    type: p.required ? type : type.endsWith(' | None') ? `${type.slice(0, -7)} | NotGiven | None` : `${type} | NotGiven`,
    ...(p.required ? {} : { default: 'NOT_GIVEN' }),
    ...(p.description ? { description: p.description } : {}),
  };
}

const RESPONSE_CLASSES: Record<string, string> = { binary: 'bytes', text: 'str', empty: 'None', redirect: 'Redirect' };

function refineMethod(
  method: MethodPlan,
  resource: ResourcePlan,
  decls: Map<string, TypeDecl>,
  refs: Set<string>,
  core: Set<string>,
): PyMethod {
  const op = method.operation;
  const wired = (p: Parameter) => ({ wire: p.name, arg: paramArg(p, refs) });
  const positional = method.pathParams.map((p) => paramArg(p, refs));
  const query = method.query.map(wired);
  const headers = method.headers.map(wired);
  // An object body is flattened into keyword arguments; any other body is one `body` argument.
  const body = method.body;
  const bodyFields = (body?.fields ?? []).map((prop) =>
    wired({
      name: prop.name,
      in: 'query',
      required: prop.required,
      type: prop.type,
      ...(prop.description ? { description: prop.description } : {}),
    }),
  );
  let bodyArg: PyArg | undefined;
  if (body && !body.fields) {
    const type = body.kind === 'binary' ? 'bytes' : `${pyType(body.type, refs)} | Mapping[str, object]`;
    bodyArg = { name: 'body', type: body.required ? type : `${type} | NotGiven`, ...(body.required ? {} : { default: 'NOT_GIVEN' }) };
  }

  const keywordEntries = [...query, ...headers, ...bodyFields].map((e) => e.arg);
  if (bodyArg) keywordEntries.push(bodyArg);
  if ([...positional, ...keywordEntries].some((a) => a.name === 'request_options')) {
    throw new Error(`python: ${op.id} has a parameter named request_options; rename it in the spec`);
  }
  // Required keyword arguments first, each group in spec order.
  const keyword = [...keywordEntries.filter((a) => !a.default), ...keywordEntries.filter((a) => a.default)];
  keyword.push({ name: 'request_options', type: 'RequestOptions | None', default: 'None' });

  const toWire = (entries: { wire: string; arg: PyArg }[]): PyWireArg[] => entries.map((e) => ({ wire: e.wire, arg: e.arg.name }));
  const request: PyRequest = {
    method: op.httpMethod,
    path: op.path,
    pathParams: method.pathParams.map((p, i) => ({ wire: p.name, arg: positional[i]!.name })),
    query: toWire(query),
    headers: toWire(headers),
    ...(body ? { body: bodyArg ? { arg: bodyArg.name, kind: body.kind } : { fields: toWire(bodyFields), kind: body.kind } } : {}),
    response: method.response.kind,
    idempotent: op.idempotent,
    public: !op.needsCredentials,
  };

  let syncReturn: string;
  let asyncReturn: string;
  let call: PyMethod['call'] = 'request';
  let castResult = false;
  if (method.pagination) {
    const p = method.pagination;
    const page = method.response.type ? pyType(method.response.type, refs) : 'object';
    const item = pyType(p.itemType, refs);
    call = 'request_page';
    core.add('SyncPage').add('AsyncPager').add('Pagination');
    syncReturn = `SyncPage[${page}, ${item}]`;
    asyncReturn = `AsyncPager[${page}, ${item}]`;
    request.pageType = page;
    request.itemType = isClassType(p.itemType, decls) ? item : `cast(Any, ${item})`;
    request.pagination = p;
  } else if (method.response.kind === 'event-stream') {
    call = 'request_stream';
    core.add('EventStream').add('AsyncEventStream');
    syncReturn = 'EventStream';
    asyncReturn = 'AsyncEventStream';
  } else {
    const json = method.response.kind === 'json';
    syncReturn = json ? (method.response.type ? pyType(method.response.type, refs) : 'object') : RESPONSE_CLASSES[method.response.kind]!;
    asyncReturn = syncReturn;
    if (syncReturn === 'Redirect') core.add('Redirect');
    castResult = json && !isClassType(method.response.type, decls);
    request.castTo = method.response.kind === 'empty' ? 'type(None)' : castResult ? `cast(Any, ${syncReturn})` : syncReturn;
  }

  const name = pyIdentifier(pySnake(method.name));
  const exampleModels = new Set<string>();
  const exampleArgs = [...method.example.pathArgs.map(pyValue), ...pyExampleKeywords(method, decls, exampleModels)];
  const example: PyExample = {
    call: `client.${resource.path.map((s) => pyIdentifier(s)).join('.')}.${name}(${exampleArgs.join(', ')})`,
    kind: method.pagination ? 'page' : method.response.kind === 'empty' ? 'empty' : 'value',
    imports: [...exampleModels].sort(),
  };

  return {
    name,
    ...method.head,
    positional,
    keyword,
    syncReturn,
    asyncReturn,
    call,
    request,
    castResult,
    example,
  };
}

/**
 * The example's keyword arguments: required query and header parameters, then the body (flattened or
 * whole), each value written as its annotation expects (a model class for an object, not a dict).
 * `models` collects the model classes the example names, for its import line.
 */
function pyExampleKeywords(method: MethodPlan, decls: Map<string, TypeDecl>, models: Set<string>): string[] {
  const { params, body } = method.example;
  const typed = (value: unknown, type: TypeExpr | undefined) => (type ? pyTypedValue(value, type, decls, models) : pyValue(value));
  const keywords = params.map((p) => `${pyIdentifier(p.name)}=${typed(p.value, method.paramFields.find((f) => f.name === p.name)?.type)}`);
  if (body === undefined || !method.body) return keywords;
  const fields = method.body.fields;
  if (fields && typeof body === 'object' && body !== null && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) {
      keywords.push(`${pyIdentifier(key)}=${typed(value, fields.find((f) => f.name === key)?.type)}`);
    }
  } else {
    keywords.push(`body=${typed(body, method.body.type)}`);
  }
  return keywords;
}

/** A JSON example as Python source of the given type: objects become their model class's constructor. */
function pyTypedValue(value: unknown, type: TypeExpr, decls: Map<string, TypeDecl>, models: Set<string>): string {
  const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  switch (type.kind) {
    case 'nullable':
      return value === null ? 'None' : pyTypedValue(value, type.type, decls, models);
    case 'array':
      return Array.isArray(value) ? `[${value.map((v) => pyTypedValue(v, type.items, decls, models)).join(', ')}]` : pyValue(value);
    case 'map':
      return record
        ? `{${Object.entries(record)
            .map(([k, v]) => `${pyString(k)}: ${pyTypedValue(v, type.values, decls, models)}`)
            .join(', ')}}`
        : pyValue(value);
    case 'ref': {
      const decl = decls.get(type.name);
      if (decl?.kind === 'alias') return pyTypedValue(value, decl.type, decls, models);
      if (decl?.kind === 'union' && record) {
        const tag = decl.discriminator ? record[decl.discriminator.property] : undefined;
        const chosen = decl.discriminator?.mapping.find((m) => m.value === tag)?.type;
        const variant = chosen ? ({ kind: 'ref', name: chosen } as const) : decl.variants.find((v) => v.kind === 'ref');
        return variant ? pyTypedValue(value, variant, decls, models) : pyValue(value);
      }
      if (decl?.kind !== 'object' || !record) return pyValue(value);
      models.add(decl.name);
      const args = Object.entries(record).flatMap(([key, v]) => {
        const prop = decl.properties.find((p) => p.name === key);
        return prop ? [`${pyIdentifier(key, true)}=${pyTypedValue(v, prop.type, decls, models)}`] : [];
      });
      return `${decl.name}(${args.join(', ')})`;
    }
    default:
      return pyValue(value);
  }
}

const BUILTIN_TYPES = ['list', 'dict', 'str', 'int', 'float', 'bool', 'bytes', 'object', 'type'];

/**
 * A method named like a builtin (`list`) shadows it inside the class body, so annotations after it would
 * name the method: such builtins are written `builtins.list[...]` in that resource.
 */
function qualifyShadowedBuiltins(methods: PyMethod[]): PyMethod[] {
  const shadowed = BUILTIN_TYPES.filter((b) => methods.some((m) => m.name === b));
  if (shadowed.length === 0) return methods;
  const pattern = new RegExp(`(?<![\\w.])(${shadowed.join('|')})(?=\\[|\\b(?!\\s*[(=]))`, 'g');
  const fix = (source: string) => source.replace(pattern, 'builtins.$1');
  const fixOptional = (source: string | undefined) => (source === undefined ? undefined : fix(source));
  const fixArg = (a: PyArg): PyArg => ({ ...a, type: fix(a.type) });
  return methods.map((m) => {
    const request = { ...m.request };
    for (const key of ['castTo', 'pageType', 'itemType'] as const) {
      const fixed = fixOptional(request[key]);
      if (fixed !== undefined) request[key] = fixed;
    }
    return {
      ...m,
      positional: m.positional.map(fixArg),
      keyword: m.keyword.map(fixArg),
      syncReturn: fix(m.syncReturn),
      asyncReturn: fix(m.asyncReturn),
      request,
    };
  });
}

/** Builtin exception names a problem class must not shadow (`not_implemented` -> `ApiNotImplementedError`). */
const BUILTIN_EXCEPTIONS = new Set([
  'NotImplementedError',
  'TimeoutError',
  'ConnectionError',
  'PermissionError',
  'LookupError',
  'ValueError',
  'MemoryError',
  'OverflowError',
  'RecursionError',
  'SystemError',
]);

function refineError(entry: ErrorCode): PyErrorClass {
  const family = familyErrorClass(entry.status);
  const base = pascalCase(entry.code);
  const plain = base.endsWith('Error') ? base : `${base}Error`;
  const className = BUILTIN_EXCEPTIONS.has(plain) ? `Api${plain}` : plain;
  return { code: entry.code, className, extendsClass: family, generated: className !== family };
}
