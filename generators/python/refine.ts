import { escapeReserved, pascalCase, snakeCase } from '../core/naming.js';
import type { ErrorCode, Ir, Operation, Parameter, Resource, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { familyClassFor } from '../typescript/refine.js';
import { pyLiteral, pyString, pyType } from './type-mapping.js';

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

export interface PyMethod {
  name: string;
  operationId: string;
  httpMethod: string;
  path: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  positional: PyArg[];
  keyword: PyArg[];
  syncReturn: string;
  asyncReturn: string;
  /** The core call: `request`, `request_page` or `request_stream`. */
  call: 'request' | 'request_page' | 'request_stream';
  /** Keyword arguments of the core call, as Python source. */
  callArgs: string[];
  /** True when the return type is not a class, so the result is `cast` to it. */
  castResult: boolean;
  example: string;
}

export interface PyResourceFile {
  moduleName: string;
  className: string;
  asyncClassName: string;
  accessor: string;
  description?: string;
  methods: PyMethod[];
  modelImports: string[];
  coreImports: string[];
  typing: string[];
}

export interface PyErrorClass {
  code: string;
  className: string;
  extendsClass: string;
  generated: boolean;
}

/** Attributes of pydantic's BaseModel that a field must not shadow. */
const MODEL_ATTRIBUTES = new Set([
  'copy', 'dict', 'json', 'schema', 'schema_json', 'construct', 'validate', 'fields', 'parse_obj', 'parse_raw',
  'parse_file', 'from_orm', 'update_forward_refs', 'is_set', 'to_dict',
]);

/**
 * snake_case for Python names. Brand words written with inner capitals stay one word
 * (`issueOAuthToken` -> `issue_oauth_token`, not `issue_o_auth_token`).
 */
export function pySnake(name: string): string {
  return snakeCase(name.replace(/OAuth/g, 'Oauth'));
}

/** A wire name as a Python identifier: snake_case kept, keywords and model attributes escaped with `_`. */
export function pyIdentifier(wireName: string, isModelField = false): string {
  const base = /^[a-z_][a-z0-9_]*$/.test(wireName) ? wireName : pySnake(wireName);
  if (isModelField && (MODEL_ATTRIBUTES.has(base) || base.startsWith('model_'))) return `${base}_`;
  return escapeReserved(base, 'python');
}

export function refine(ir: Ir): PyModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  return {
    models: ir.types.map(refineModel),
    resources: ir.resources.map((r) => refineResource(r, decls)),
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

function refineResource(resource: Resource, decls: Map<string, TypeDecl>): PyResourceFile {
  const refs = new Set<string>();
  const core = new Set<string>(['RequestOptions']);
  const methods = resource.operations.map((op) => refineMethod(op, resource, decls, refs, core));
  if (methods.some((m) => m.keyword.some((a) => a.default === 'NOT_GIVEN'))) core.add('NOT_GIVEN').add('NotGiven');
  const base = pascalCase(resource.tag);
  const className = decls.has(base) ? `${base}Resource` : base;
  const source = methods.flatMap((m) => [m.syncReturn, ...m.keyword.map((a) => a.type), ...m.positional.map((a) => a.type), ...m.callArgs]).join(' ');
  return {
    moduleName: moduleName(resource.tag),
    className,
    asyncClassName: `Async${className}`,
    accessor: pyIdentifier(resource.name),
    ...(resource.description ? { description: resource.description } : {}),
    methods,
    modelImports: [...refs].sort(),
    coreImports: [...core].sort(),
    typing: typingNames(source + (methods.some((m) => m.castResult) ? ' cast' : '')),
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
  op: Operation,
  resource: Resource,
  decls: Map<string, TypeDecl>,
  refs: Set<string>,
  core: Set<string>,
): PyMethod {
  const positional = op.pathParams.map((p) => paramArg(p, refs));
  const query = op.queryParams.map((p) => ({ wire: p.name, arg: paramArg(p, refs) }));
  const headers = op.headerParams.map((p) => ({ wire: p.name, arg: paramArg(p, refs) }));
  const bodyFields: { wire: string; arg: PyArg }[] = [];
  let bodyArg: PyArg | undefined;
  const bodyDecl = op.body?.type.kind === 'ref' ? decls.get(op.body.type.name) : undefined;
  if (op.body && bodyDecl?.kind === 'object') {
    for (const prop of bodyDecl.properties) {
      if (prop.readOnly) continue;
      bodyFields.push({ wire: prop.name, arg: paramArg({ name: prop.name, in: 'query', required: prop.required, type: prop.type, ...(prop.description ? { description: prop.description } : {}) }, refs) });
    }
  } else if (op.body) {
    const type = op.body.type.kind === 'binary' ? 'bytes' : `${pyType(op.body.type, refs)} | Mapping[str, object]`;
    bodyArg = { name: 'body', type: op.body.required ? type : `${type} | NotGiven`, ...(op.body.required ? {} : { default: 'NOT_GIVEN' }) };
  }

  const keywordEntries = [...query, ...headers, ...bodyFields].map((e) => e.arg);
  if (bodyArg) keywordEntries.push(bodyArg);
  const names = [...positional, ...keywordEntries].map((a) => a.name);
  const clash = names.find((n, i) => names.indexOf(n) !== i || n === 'request_options');
  if (clash) throw new Error(`python: ${op.id} has two parameters named ${clash}; rename one in the spec`);
  // Required keyword arguments first, each group in spec order.
  const keyword = [...keywordEntries.filter((a) => !a.default), ...keywordEntries.filter((a) => a.default)];
  keyword.push({ name: 'request_options', type: 'RequestOptions | None', default: 'None' });

  const dict = (entries: { wire: string; arg: PyArg }[]) => `{${entries.map((e) => `${pyString(e.wire)}: ${e.arg.name}`).join(', ')}}`;
  const callArgs: string[] = [`method=${pyString(op.httpMethod)}`, `path=${pyString(op.path)}`];
  if (positional.length > 0) callArgs.push(`path_params=${dict(op.pathParams.map((p, i) => ({ wire: p.name, arg: positional[i]! })))}`);
  if (query.length > 0) callArgs.push(`query=${dict(query)}`);
  if (headers.length > 0) callArgs.push(`headers=${dict(headers)}`);
  if (op.body) {
    callArgs.push(`body=${bodyArg ? 'body' : dict(bodyFields)}`);
    const kind = op.body.type.kind === 'binary' ? 'binary' : op.body.mediaType === 'application/x-www-form-urlencoded' ? 'form' : 'json';
    callArgs.push(`body_kind=${pyString(kind)}`);
  }
  callArgs.push(`response=${pyString(op.response.kind)}`);
  if (op.idempotent) callArgs.push('idempotent=True');
  if (!op.needsCredentials) callArgs.push('public=True');

  let syncReturn: string;
  let asyncReturn: string;
  let call: PyMethod['call'] = 'request';
  let castResult = false;
  if (op.pagination) {
    const p = op.pagination;
    const page = op.response.type ? pyType(op.response.type, refs) : 'object';
    const item = pyType(p.itemType, refs);
    call = 'request_page';
    core.add('SyncPage').add('AsyncPager').add('Pagination');
    syncReturn = `SyncPage[${page}, ${item}]`;
    asyncReturn = `AsyncPager[${page}, ${item}]`;
    callArgs.unshift(`page_type=${page}`, `item_type=${isClassType(p.itemType, decls) ? item : `cast(Any, ${item})`}`);
    callArgs.push(
      `pagination=Pagination(cursor_param=${pyString(p.cursorParam)}, items_field=${pyString(p.itemsField)}, has_more_field=${pyString(p.hasMoreField)}, next_cursor_field=${pyString(p.nextCursorField)})`,
    );
  } else if (op.response.kind === 'event-stream') {
    call = 'request_stream';
    core.add('EventStream').add('AsyncEventStream');
    syncReturn = 'EventStream';
    asyncReturn = 'AsyncEventStream';
  } else {
    const json = op.response.kind === 'json';
    syncReturn = json ? (op.response.type ? pyType(op.response.type, refs) : 'object') : RESPONSE_CLASSES[op.response.kind]!;
    asyncReturn = syncReturn;
    if (syncReturn === 'Redirect') core.add('Redirect');
    castResult = json && !isClassType(op.response.type, decls);
    const castTo = op.response.kind === 'empty' ? 'type(None)' : castResult ? `cast(Any, ${syncReturn})` : syncReturn;
    callArgs.unshift(`cast_to=${castTo}`);
  }

  const exampleArgs = [
    ...op.pathParams.map((p) => pyString(`${p.name.replace(/_id$/, '')}_123`)),
    ...keyword.filter((a) => !a.default).map((a) => `${a.name}=...`),
  ];
  const callSource = `client.${pyIdentifier(resource.name)}.${pyIdentifier(pySnake(op.methodName))}(${exampleArgs.join(', ')})`;
  const example = op.pagination
    ? `for item in ${callSource}:\n    print(item)`
    : op.response.kind === 'empty'
      ? callSource
      : `result = ${callSource}`;

  return {
    name: pyIdentifier(pySnake(op.methodName)),
    operationId: op.id,
    httpMethod: op.httpMethod.toUpperCase(),
    path: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true } : {}),
    positional,
    keyword,
    syncReturn,
    asyncReturn,
    call,
    callArgs,
    castResult,
    example,
  };
}

/** Builtin exception names a problem class must not shadow (`not_implemented` -> `ApiNotImplementedError`). */
const BUILTIN_EXCEPTIONS = new Set(['NotImplementedError', 'TimeoutError', 'ConnectionError', 'PermissionError', 'LookupError', 'ValueError', 'MemoryError', 'OverflowError', 'RecursionError', 'SystemError']);

function refineError(entry: ErrorCode): PyErrorClass {
  const family = familyClassFor(entry.status);
  const base = pascalCase(entry.code);
  const plain = base.endsWith('Error') ? base : `${base}Error`;
  const className = BUILTIN_EXCEPTIONS.has(plain) ? `Api${plain}` : plain;
  return { code: entry.code, className, extendsClass: family, generated: className !== family };
}
