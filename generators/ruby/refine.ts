import { familyErrorClass } from '../core/error-families.js';
import { allResources, type ApiPlan, type MethodHead, type MethodPlan, type ResourcePlan } from '../core/operation-plan.js';
import type { ErrorCode, Ir, Parameter, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { rbArgName, rbClass, rbConstant, rbIdentifier, rbReader, rbSnake } from './naming.js';
import { optional, rbDescriptor, rbString, rbsType, rbsUnionAlias, rbValue } from './type-mapping.js';

/**
 * The refined Ruby model: names, runtime type descriptors and RBS types decided, so printers only lay
 * text out. Keyword arguments for query, header and flattened body fields (like Python), path parameters
 * positional, `Namaskah::OMIT` as the default of every optional argument.
 */
export interface RbModel {
  models: RbModelDecl[];
  resources: RbResourceFile[];
  errors: RbErrorClass[];
  errorCodes: string[];
  eventTypes: string[];
  title: string;
  version: string;
}

export type RbModelDecl =
  | { kind: 'object'; name: string; description?: string; fields: RbField[] }
  | { kind: 'enum'; name: string; description?: string; values: { constant: string; literal: string }[]; rbs: string }
  | {
      kind: 'union';
      name: string;
      description?: string;
      discriminator?: string;
      mapping: { value: string; type: string }[];
      variants: string[];
      rbsAlias: string;
      rbs: string;
    }
  | { kind: 'alias'; name: string; description?: string; rbs: string };

export interface RbField {
  name: string;
  wire: string;
  descriptor: string;
  /** The reader's RBS return type (`T?` when the field may be absent or null). */
  rbs: string;
  description?: string;
  deprecated?: boolean;
}

export interface RbArg {
  name: string;
  wire: string;
  /** Ruby source of the default (`Namaskah::OMIT`); required when absent. */
  default?: string;
  rbs: string;
  description?: string;
}

export interface RbMethod extends MethodHead {
  name: string;
  positional: RbArg[];
  keyword: RbArg[];
  /** The core call on Namaskah::Client: request, request_page or request_stream. */
  call: 'request' | 'request_page' | 'request_stream';
  query: RbArg[];
  headers: RbArg[];
  body?: { kind: 'json' | 'form' | 'binary'; whole?: string; fields?: RbArg[] };
  response: string;
  /** Descriptor of the decoded result (or of the page). */
  type: string;
  itemType?: string;
  pagination?: { cursor: string; items: string; hasMore: string; nextCursor: string };
  idempotent: boolean;
  /** The call needs no client credentials (IR `needsCredentials` false): the core sends it without a key. */
  public: boolean;
  /** The RBS return type (models qualified). */
  returns: string;
  /** The return type for docs (@return, API.md): a union named by its module. */
  docReturns: string;
  example: string;
}

export interface RbResourceFile {
  fileName: string;
  accessor: string;
  className: string;
  classes: RbResourceClass[];
}

export interface RbResourceClass {
  className: string;
  accessPath: string;
  description?: string;
  methods: RbMethod[];
  children: { accessor: string; className: string }[];
}

export interface RbErrorClass {
  code: string;
  className: string;
  extendsClass: string;
  generated: boolean;
}

/** Models named from outside `Namaskah::Models` (resources' signatures). */
const M = 'Namaskah::Models::';

export function refine(ir: Ir, plan: ApiPlan): RbModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  return {
    models: ir.types.map((d) => refineDecl(d, decls)),
    resources: plan.resources.map((r) => refineResource(r, decls)),
    errors: ir.errorCodes.map(refineError),
    errorCodes: ir.errorCodes.map((c) => c.code),
    eventTypes: ir.events.map((e) => e.type),
    title: ir.info.title,
    version: ir.info.version,
  };
}

function refineDecl(decl: TypeDecl, decls: Map<string, TypeDecl>): RbModelDecl {
  const description = decl.description ? { description: decl.description } : {};
  switch (decl.kind) {
    case 'object':
      return {
        kind: 'object',
        name: decl.name,
        ...description,
        fields: decl.properties.map((p) => {
          const type = rbsType(p.type, decls);
          return {
            name: rbReader(p.name),
            wire: p.name,
            descriptor: rbDescriptor(p.type, decls),
            rbs: p.required ? type : optional(type),
            ...(p.description ? { description: p.description } : {}),
            ...(p.deprecated ? { deprecated: true } : {}),
          };
        }),
      };
    case 'enum': {
      const seen = new Set<string>();
      const values = decl.values.map((v) => {
        let constant = rbConstant(v);
        while (seen.has(constant)) constant = `${constant}_`;
        seen.add(constant);
        return { constant, literal: typeof v === 'string' ? rbString(v) : String(v) };
      });
      return { kind: 'enum', name: decl.name, ...description, values, rbs: decl.valueType === 'integer' ? 'Integer' : 'String' };
    }
    case 'union': {
      const variants = decl.variants.flatMap((v) => (v.kind === 'ref' && decls.get(v.name)?.kind === 'object' ? [v.name] : []));
      return {
        kind: 'union',
        name: decl.name,
        ...description,
        ...(decl.discriminator ? { discriminator: decl.discriminator.property } : {}),
        mapping: decl.discriminator?.mapping ?? [],
        variants,
        rbsAlias: rbsUnionAlias(decl.name),
        rbs: [...new Set(decl.variants.map((v) => rbsType(v, decls)))].join(' | '),
      };
    }
    case 'alias':
      return { kind: 'alias', name: decl.name, ...description, rbs: rbsType(decl.type, decls) };
  }
}

function refineResource(resource: ResourcePlan, decls: Map<string, TypeDecl>): RbResourceFile {
  const classNameOf = (path: string[]) => rbClass(path.join(' '));
  const classes = allResources([resource]).map((node) => ({
    className: classNameOf(node.path),
    accessPath: node.path.map(rbIdentifier).join('.'),
    ...(node.description ? { description: node.description } : {}),
    methods: node.methods.map((m) => refineMethod(m, node, decls)),
    children: node.resources.map((child) => ({ accessor: rbIdentifier(child.name), className: classNameOf(child.path) })),
  }));
  return { fileName: rbSnake(resource.name), accessor: rbIdentifier(resource.name), className: classes[0]!.className, classes };
}

function arg(p: { name: string; required: boolean; type: TypeExpr; description?: string }, decls: Map<string, TypeDecl>): RbArg {
  return {
    name: rbArgName(p.name),
    wire: p.name,
    ...(p.required ? {} : { default: 'Namaskah::OMIT' }),
    rbs: rbsType(p.type, decls, M),
    ...(p.description ? { description: p.description } : {}),
  };
}

function refineMethod(method: MethodPlan, resource: ResourcePlan, decls: Map<string, TypeDecl>): RbMethod {
  const op = method.operation;
  // Path parameters are positional and always required.
  const positional = method.pathParams.map((p: Parameter) => arg({ ...p, required: true }, decls));
  const query = method.query.map((p) => arg(p, decls));
  const headers = method.headers.map((p) => arg(p, decls));
  let body: RbMethod['body'];
  const keywordEntries = [...query, ...headers];
  if (method.body) {
    if (method.body.fields) {
      const fields = method.body.fields.map((f) => arg(f, decls));
      keywordEntries.push(...fields);
      body = { kind: method.body.kind, fields };
    } else {
      const whole: RbArg = {
        name: 'body',
        wire: 'body',
        ...(method.body.required ? {} : { default: 'Namaskah::OMIT' }),
        rbs: method.body.kind === 'binary' ? 'String' : `${rbsType(method.body.type, decls, M)} | Hash[untyped, untyped]`,
      };
      keywordEntries.push(whole);
      body = { kind: method.body.kind, whole: 'body' };
    }
  }
  const names = [...positional, ...keywordEntries].map((a) => a.name);
  if (names.includes('request_options')) throw new Error(`ruby: ${op.id} has a parameter named request_options; rename it in the spec`);
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`ruby: ${op.id} has two arguments named ${clash}`);
  const keyword = [...keywordEntries.filter((a) => !a.default), ...keywordEntries.filter((a) => a.default)];

  const kind = method.response.kind;
  const responseType = method.response.type;
  let call: RbMethod['call'] = 'request';
  let type = responseType ? rbDescriptor(responseType, decls) : ':unknown';
  let returns = responseType ? rbsType(responseType, decls, M) : 'untyped';
  let itemType: string | undefined;
  let pagination: RbMethod['pagination'];
  if (method.pagination) {
    call = 'request_page';
    itemType = rbDescriptor(method.pagination.itemType, decls);
    pagination = {
      cursor: method.pagination.cursorParam,
      items: method.pagination.itemsField,
      hasMore: method.pagination.hasMoreField,
      nextCursor: method.pagination.nextCursorField,
    };
    returns = `Namaskah::Page[${rbsType(method.pagination.itemType, decls, M)}]`;
  } else if (kind === 'event-stream') {
    call = 'request_stream';
    returns = 'Namaskah::EventStream';
    type = ':unknown';
  } else if (kind === 'empty') {
    returns = 'nil';
  } else if (kind === 'binary' || kind === 'text') {
    returns = 'String';
  } else if (kind === 'redirect') {
    returns = 'Namaskah::Redirect';
  }
  return {
    name: rbIdentifier(method.name),
    ...method.head,
    positional,
    keyword,
    call,
    query,
    headers,
    ...(body ? { body } : {}),
    response: kind,
    type,
    ...(itemType ? { itemType } : {}),
    ...(pagination ? { pagination } : {}),
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    returns,
    docReturns: kind === 'json' && !method.pagination && responseType ? rbsType(responseType, decls, M, true) : returns,
    example: rbExample(method, resource),
  };
}

/** `client.verifications.create(service: "whatsapp", country: "US")`. */
function rbExample(method: MethodPlan, resource: ResourcePlan): string {
  const { pathArgs, params, body } = method.example;
  const args = pathArgs.map(rbValue);
  for (const p of params) args.push(`${rbArgName(p.name)}: ${rbValue(p.value)}`);
  if (body !== undefined && method.body) {
    if (method.body.fields && typeof body === 'object' && body !== null && !Array.isArray(body)) {
      for (const [key, value] of Object.entries(body)) args.push(`${rbArgName(key)}: ${rbValue(value)}`);
    } else {
      args.push(`body: ${rbValue(body)}`);
    }
  }
  const target = `client.${[...resource.path.map(rbIdentifier), rbIdentifier(method.name)].join('.')}`;
  return args.length > 0 ? `${target}(${args.join(', ')})` : target;
}

/** Ruby's own exception classes a problem class must not shadow inside `Namaskah`. */
const BUILTIN_EXCEPTIONS = new Set([
  'NotImplementedError',
  'ArgumentError',
  'TypeError',
  'NameError',
  'RangeError',
  'IOError',
  'SecurityError',
  'KeyError',
  'IndexError',
  'RuntimeError',
  'StandardError',
  'FrozenError',
  'EncodingError',
  'ThreadError',
  'ZeroDivisionError',
  'TimeoutError',
  'RegexpError',
  'ScriptError',
  'SystemCallError',
  'NoMemoryError',
]);

function refineError(entry: ErrorCode): RbErrorClass {
  const family = familyErrorClass(entry.status).replace(/^ApiError$/, 'APIError');
  const base = rbClass(entry.code);
  const plain = base.endsWith('Error') ? base : `${base}Error`;
  const className = BUILTIN_EXCEPTIONS.has(plain) ? `API${plain}` : plain;
  return { code: entry.code, className, extendsClass: family, generated: className !== family };
}
