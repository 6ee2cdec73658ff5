import type { Ir, Parameter, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { tsKey } from './type-mapping.js';

/**
 * The zod schemas of `src/schemas/index.ts`, as source per declaration and per operation: a schema per IR
 * declaration (`WalletSchema`, ...) in dependency order and, per operation, the schema of its JSON request
 * body, of its JSON success body and of its constrained path parameters, keyed `'GET /v1/wallet'` (the
 * method and path template the resources already pass to the core, so validation needs no change to them).
 *
 * Schemas check, they do not transform: objects accept unknown keys (a newer server may add fields),
 * optional (`.optional()`) and nullable (`.nullable()`) stay distinct, integers must be integers.
 */
export interface TsSchemas {
  decls: { name: string; schemaName: string; description?: string; source: string }[];
  /** Sorted by key. */
  requestBodies: TsSchemaRow[];
  responseBodies: TsSchemaRow[];
  pathParams: { key: string; fields: { key: string; source: string }[] }[];
}

export interface TsSchemaRow {
  /** `METHOD /path/{template}`. */
  key: string;
  source: string;
}

export function refineSchemas(ir: Ir): TsSchemas {
  const decls = new Map(ir.types.map((d) => [d.name, d]));
  const emitted = new Set<string>();
  const declSchemas: TsSchemas['decls'] = [];
  for (const name of dependencyOrder(ir.types)) {
    const decl = decls.get(name)!;
    declSchemas.push({
      name,
      schemaName: schemaName(name),
      ...(decl.description ? { description: decl.description } : {}),
      source: declSchema(decl, emitted, decls),
    });
    emitted.add(name);
  }

  const requestBodies: TsSchemaRow[] = [];
  const responseBodies: TsSchemaRow[] = [];
  const pathParams: TsSchemas['pathParams'] = [];
  for (const resource of ir.resources) {
    for (const op of resource.operations) {
      const key = `${op.httpMethod.toUpperCase()} ${op.path}`;
      const constrained = op.pathParams.filter((p) => p.constraints);
      if (constrained.length > 0) {
        pathParams.push({ key, fields: constrained.map((p) => ({ key: tsKey(p.name), source: paramSchema(p, emitted) })) });
      }
      if (op.body && op.body.type.kind !== 'binary') requestBodies.push({ key, source: exprSchema(op.body.type, emitted) });
      if (op.response.kind === 'json' && op.response.type) responseBodies.push({ key, source: exprSchema(op.response.type, emitted) });
    }
  }
  const byKey = <T extends { key: string }>(rows: T[]) => rows.sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
  return { decls: declSchemas, requestBodies: byKey(requestBodies), responseBodies: byKey(responseBodies), pathParams: byKey(pathParams) };
}

function schemaName(typeName: string): string {
  return `${typeName}Schema`;
}

function declSchema(decl: TypeDecl, emitted: Set<string>, decls: Map<string, TypeDecl>): string {
  switch (decl.kind) {
    case 'object': {
      const fields = decl.properties.map((p) => {
        const schema = exprSchema(p.type, emitted);
        return `${tsKey(p.name)}: ${p.required ? schema : `${schema}.optional()`},`;
      });
      const object = `z.object({${fields.length ? `\n${fields.join('\n')}\n` : ''}})`;
      const extra = decl.additionalProperties;
      return extra && typeof extra === 'object' ? `${object}.catchall(${exprSchema(extra, emitted)})` : object;
    }
    case 'enum':
      return decl.valueType === 'string'
        ? `z.enum([${decl.values.map((v) => JSON.stringify(v)).join(', ')}])`
        : `z.union([${decl.values.map((v) => `z.literal(${JSON.stringify(v)})`).join(', ')}])`;
    case 'union': {
      const variants = decl.variants.map((v) => exprSchema(v, emitted)).join(', ');
      return decl.discriminator && isTagged(decl, emitted, decls)
        ? `z.discriminatedUnion(${JSON.stringify(decl.discriminator.property)}, [${variants}])`
        : `z.union([${variants}])`;
    }
    case 'alias':
      return exprSchema(decl.type, emitted);
  }
}

/** A parameter's type with its constraints (`pattern`, lengths, bounds) as zod checks. */
function paramSchema(param: Parameter, emitted: Set<string>): string {
  const c = param.constraints ?? {};
  let schema = exprSchema(param.type, emitted);
  const isString = param.type.kind === 'primitive' && param.type.type === 'string';
  const isNumber = param.type.kind === 'primitive' && param.type.type !== 'string' && param.type.type !== 'boolean';
  if (isString && c.pattern !== undefined) schema += `.regex(new RegExp(${JSON.stringify(c.pattern)}))`;
  if (isString && c.minLength !== undefined) schema += `.min(${c.minLength})`;
  if (isString && c.maxLength !== undefined) schema += `.max(${c.maxLength})`;
  if (isNumber && c.minimum !== undefined) schema += `.min(${c.minimum})`;
  if (isNumber && c.maximum !== undefined) schema += `.max(${c.maximum})`;
  return schema;
}

/**
 * zod's discriminated union (errors name the failing variant's fields, not every variant's) needs each
 * variant to be an object already declared with the tag as a required literal; otherwise a plain union.
 */
function isTagged(union: TypeDecl & { kind: 'union' }, emitted: Set<string>, decls: Map<string, TypeDecl>): boolean {
  return union.variants.every((v) => {
    const decl = v.kind === 'ref' && emitted.has(v.name) ? decls.get(v.name) : undefined;
    const tag = decl?.kind === 'object' ? decl.properties.find((p) => p.name === union.discriminator!.property) : undefined;
    return tag?.required === true && tag.type.kind === 'literal';
  });
}

/** A type expression as zod source. A reference to a declaration not yet emitted (a cycle) is lazy. */
function exprSchema(type: TypeExpr, emitted: Set<string>): string {
  switch (type.kind) {
    case 'primitive':
      if (type.type === 'integer') return 'z.int()';
      if (type.type === 'number') return 'z.number()';
      if (type.type === 'boolean') return 'z.boolean()';
      return type.format === 'date-time' ? 'z.iso.datetime({ offset: true })' : 'z.string()';
    case 'ref':
      return emitted.has(type.name) ? schemaName(type.name) : `z.lazy((): z.ZodType => ${schemaName(type.name)})`;
    case 'literal':
      return `z.literal(${JSON.stringify(type.value)})`;
    case 'array':
      return `z.array(${exprSchema(type.items, emitted)})`;
    case 'map':
      return `z.record(z.string(), ${exprSchema(type.values, emitted)})`;
    case 'nullable':
      return `${exprSchema(type.type, emitted)}.nullable()`;
    case 'binary':
    case 'unknown':
      return 'z.unknown()';
  }
}

/** Declarations ordered so each comes after the ones it references (name order otherwise; cycles broken). */
function dependencyOrder(types: TypeDecl[]): string[] {
  const deps = new Map(types.map((d) => [d.name, [...declRefs(d)].sort()]));
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name) || !deps.has(name)) return;
    state.set(name, 'visiting');
    for (const dep of deps.get(name)!) visit(dep);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of [...deps.keys()].sort()) visit(name);
  return order;
}

function declRefs(decl: TypeDecl): Set<string> {
  const refs = new Set<string>();
  const walk = (t: TypeExpr) => {
    if (t.kind === 'ref') refs.add(t.name);
    else if (t.kind === 'array') walk(t.items);
    else if (t.kind === 'map') walk(t.values);
    else if (t.kind === 'nullable') walk(t.type);
  };
  if (decl.kind === 'object') {
    for (const p of decl.properties) walk(p.type);
    if (decl.additionalProperties && typeof decl.additionalProperties === 'object') walk(decl.additionalProperties);
  } else if (decl.kind === 'union') for (const variant of decl.variants) walk(variant);
  else if (decl.kind === 'alias') walk(decl.type);
  return refs;
}
