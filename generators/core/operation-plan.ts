import type { CursorPagination, Ir, Operation, Parameter, Property, SuccessResponse, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { exampleForParameter, exampleForType } from './example-values.js';
import { words } from './naming.js';

/**
 * The language-neutral plan of every SDK method, decided once so each emitter only dresses it in its
 * language: which resource a method belongs to, its name, how its parameters group, whether its body can
 * be flattened into arguments, how it paginates, what it returns, and example argument values.
 */
export interface ApiPlan {
  /** The client's resources, nested by the operations' SDK names, in spec order of first use. */
  resources: ResourcePlan[];
}

export interface ResourcePlan {
  /** camelCase accessor on its parent (`deliveries`). */
  name: string;
  /** The accessors from the client down to it (`['webhookEndpoints', 'deliveries']`). */
  path: string[];
  /** The description of the spec tag of the same name, for a top-level resource named like its tag. */
  description?: string;
  /** The tag's `x-sdk-entry`, for a top-level resource named like its tag (see `Resource.sdkEntry`). */
  entry?: string;
  methods: MethodPlan[];
  resources: ResourcePlan[];
}

export interface MethodPlan {
  operation: Operation;
  /** camelCase method name within its resource (`list`, `rotateSecret`). */
  name: string;
  /** What every language prints at the head of the method: its doc comment and API reference row. */
  head: MethodHead;
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

/**
 * The operation as a method's documentation states it, the same in every SDK: each refiner spreads it
 * into its method and adds the name in its own casing.
 */
export interface MethodHead {
  /** The spec's operationId (`listVerifications`). */
  operationId: string;
  /** Upper case (`GET`), as the docs print it. */
  httpMethod: string;
  /** The path template (`/v1/verifications/{id}`). */
  path: string;
  summary?: string;
  description?: string;
  /** Present (true) only for a deprecated operation. */
  deprecated?: true;
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

/** Example argument values for a method's documentation, as JSON data (see example-values.ts). */
export interface ExamplePlan {
  /** One value per path parameter, in order. */
  pathArgs: unknown[];
  /** The required query and header parameters, by wire name. */
  params: { name: string; in: 'query' | 'header'; value: unknown }[];
  /**
   * The body: the media type's example (for an object body, only its writable fields) or one built from
   * the body's type; absent for a binary body or when the call needs none.
   */
  body?: unknown;
}

export function planApi(ir: Ir): ApiPlan {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  const tagDescriptions = new Map(ir.resources.filter((r) => r.description).map((r) => [r.name, r.description!]));
  const tagEntries = new Map(ir.resources.filter((r) => r.sdkEntry).map((r) => [r.name, r.sdkEntry!]));
  const root: ResourcePlan = { name: '', path: [], methods: [], resources: [] };
  for (const op of ir.resources.flatMap((r) => r.operations)) {
    let node = root;
    for (const segment of op.sdkName.slice(0, -1)) {
      let child = node.resources.find((r) => r.name === segment);
      if (!child) {
        const path = [...node.path, segment];
        const description = path.length === 1 ? tagDescriptions.get(segment) : undefined;
        const entry = path.length === 1 ? tagEntries.get(segment) : undefined;
        child = { name: segment, path, ...(description ? { description } : {}), ...(entry ? { entry } : {}), methods: [], resources: [] };
        node.resources.push(child);
      }
      node = child;
    }
    node.methods.push(planMethod(op, decls));
  }
  return { resources: root.resources };
}

/** Every resource of the plan, parents before their children. */
export function allResources(resources: ResourcePlan[]): ResourcePlan[] {
  return resources.flatMap((r) => [r, ...allResources(r.resources)]);
}

function planMethod(op: Operation, decls: Map<string, TypeDecl>): MethodPlan {
  const body = planBody(op, decls);
  const paramFields = [...op.queryParams, ...op.headerParams];
  assertDistinctParameters(
    op,
    [...op.pathParams, ...paramFields, ...(body?.fields ?? [])].map((p) => p.name),
  );
  return {
    operation: op,
    name: op.sdkName.at(-1)!,
    head: methodHead(op),
    pathParams: op.pathParams,
    query: op.queryParams,
    headers: op.headerParams,
    paramFields,
    ...(body ? { body } : {}),
    paramsTypeName: `${op.id}Params`,
    paramsRequired: paramFields.some((p) => p.required) || Boolean(op.body?.required),
    response: op.response,
    ...(op.pagination ? { pagination: op.pagination } : {}),
    example: planExample(op, body, paramFields, decls),
  };
}

function methodHead(op: Operation): MethodHead {
  return {
    operationId: op.id,
    httpMethod: op.httpMethod.toUpperCase(),
    path: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true as const } : {}),
  };
}

function planExample(op: Operation, body: BodyPlan | undefined, paramFields: Parameter[], decls: Map<string, TypeDecl>): ExamplePlan {
  const example: ExamplePlan = {
    pathArgs: op.pathParams.map((p) => exampleForParameter(p, decls)),
    params: paramFields
      .filter((p) => p.required)
      .map((p) => ({
        name: p.name,
        in: p.in === 'header' ? ('header' as const) : ('query' as const),
        value: exampleForParameter(p, decls),
      })),
  };
  if (!body || body.kind === 'binary') return example;
  const shaped = exampleForType(body.type, decls);
  const given = op.body?.example;
  // The spec's example wins; the type's required fields fill what it leaves out.
  let value = isRecord(given) && isRecord(shaped) ? { ...shaped, ...given } : (given ?? shaped);
  if (body.fields && isRecord(value)) {
    const writable = new Set(body.fields.map((f) => f.name));
    value = Object.fromEntries(Object.entries(value).filter(([key]) => writable.has(key)));
  }
  if (value !== undefined) example.body = value;
  return example;
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
