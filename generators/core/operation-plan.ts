import type {
  CursorPagination,
  Ir,
  Operation,
  Parameter,
  Property,
  Resource,
  SuccessResponse,
  TypeDecl,
  TypeExpr,
} from '../ir/ir-types.js';
import { words } from './naming.js';

/**
 * The language-neutral plan of every SDK method, decided once so each emitter only dresses it in its
 * language: which resource a method belongs to, its name, how its parameters group, whether its body can
 * be flattened into arguments, how it paginates, what it returns, and example argument values.
 */
export interface ApiPlan {
  resources: ResourcePlan[];
}

export interface ResourcePlan {
  /** The spec tag the resource comes from (`webhook-endpoints`). */
  tag: string;
  /** camelCase accessor (`webhookEndpoints`). */
  name: string;
  description?: string;
  methods: MethodPlan[];
}

export interface MethodPlan {
  operation: Operation;
  /** camelCase method name within its resource (`list`, `rotateSecret`). */
  name: string;
  /** In path order: the positional arguments of every SDK. */
  pathParams: Parameter[];
  query: Parameter[];
  headers: Parameter[];
  /** Query then header parameters: what languages that group parameters put in one params type. */
  paramFields: Parameter[];
  body?: BodyPlan;
  /** The params type's name for languages that group parameters, for each to case: `listVerificationsParams`. */
  paramsTypeName: string;
  /** True when the call needs more than its path arguments (a required parameter, or a required body). */
  paramsRequired: boolean;
  response: SuccessResponse;
  pagination?: CursorPagination;
  example: ExamplePlan;
}

export interface BodyPlan {
  /** How the body goes on the wire. */
  kind: 'json' | 'form' | 'binary';
  mediaType: string;
  required: boolean;
  type: TypeExpr;
  /** The writable properties when the body is a named object: languages with keyword arguments flatten them. */
  fields?: Property[];
}

/** Example argument values for a method's documentation, as plain data. */
export interface ExamplePlan {
  /** One value per path parameter, in order. */
  pathArgs: string[];
}

export function planApi(ir: Ir): ApiPlan {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  return { resources: ir.resources.map((r) => planResource(r, decls)) };
}

function planResource(resource: Resource, decls: Map<string, TypeDecl>): ResourcePlan {
  return {
    tag: resource.tag,
    name: resource.name,
    ...(resource.description ? { description: resource.description } : {}),
    methods: resource.operations.map((op) => planMethod(op, decls)),
  };
}

function planMethod(op: Operation, decls: Map<string, TypeDecl>): MethodPlan {
  const body = planBody(op, decls);
  const paramFields = [...op.queryParams, ...op.headerParams];
  assertDistinctParameters(op, [...op.pathParams, ...paramFields, ...(body?.fields ?? [])].map((p) => p.name));
  return {
    operation: op,
    name: op.methodName,
    pathParams: op.pathParams,
    query: op.queryParams,
    headers: op.headerParams,
    paramFields,
    ...(body ? { body } : {}),
    paramsTypeName: `${op.id}Params`,
    paramsRequired: paramFields.some((p) => p.required) || Boolean(op.body?.required),
    response: op.response,
    ...(op.pagination ? { pagination: op.pagination } : {}),
    example: { pathArgs: op.pathParams.map((p) => `${p.name.replace(/_id$/, '')}_123`) },
  };
}

function planBody(op: Operation, decls: Map<string, TypeDecl>): BodyPlan | undefined {
  if (!op.body) return undefined;
  const { mediaType, required, type } = op.body;
  const kind = type.kind === 'binary' ? 'binary' : /form-urlencoded/.test(mediaType) ? 'form' : 'json';
  const decl = type.kind === 'ref' ? decls.get(type.name) : undefined;
  const fields = decl?.kind === 'object' ? decl.properties.filter((p) => !p.readOnly) : undefined;
  return { kind, mediaType, required, type, ...(fields ? { fields } : {}) };
}

/**
 * Every SDK turns parameters into identifiers of one casing or another, so two wire names that differ
 * only in case or separators (`page_size`, `pageSize`, `Page-Size`) would collide in some language.
 */
function assertDistinctParameters(op: Operation, names: string[]): void {
  const keys = names.map((n) => words(n).join('_'));
  const clash = keys.find((k, i) => keys.indexOf(k) !== i);
  if (clash) throw new Error(`${op.id} has two parameters named ${clash} in some SDK; rename one in the spec`);
}
