import { allResources, type ApiPlan, type MethodPlan } from '../core/operation-plan.js';
import { kebabCase } from '../core/naming.js';
import type { Ir, Parameter, Property, TypeDecl, TypeExpr } from '../ir/ir-types.js';
import type { CliCommandModel, CliFlag, CliModel, CliValueKind } from './command-model.js';

/** Flags every command has (see sdks/cli/src/program/global-options.ts): no generated flag may take one. */
const GLOBAL_FLAGS = new Set(['json', 'data', 'all', 'api-key', 'base-url', 'profile', 'help', 'version', 'idempotency-key', 'yes']);

/** The IR and plan as a command table: one command per operation, its words from the SDK name. */
export function refine(ir: Ir, plan: ApiPlan): CliModel {
  const decls = new Map(ir.types.map((t) => [t.name, t]));
  const commands = allResources(plan.resources).flatMap((resource) => resource.methods.map((method) => command(method, decls)));
  const keys = commands.map((c) => c.path.join(' '));
  const clash = keys.find((k, i) => keys.indexOf(k) !== i);
  if (clash) throw new Error(`cli: two operations map to the command "${clash}"`);
  return { commands };
}

function command(method: MethodPlan, decls: Map<string, TypeDecl>): CliCommandModel {
  const op = method.operation;
  const sdkName = op.sdkName.join('.');
  const flags: CliFlag[] = [
    ...method.query.map((p) => paramFlag(p, 'query', decls)),
    ...method.headers.map((p) => paramFlag(p, 'header', decls)),
    ...(method.body && method.body.kind !== 'binary' ? (method.body.fields ?? []).map((f) => bodyFlag(f, decls)) : []),
  ];
  for (const f of flags) {
    if (GLOBAL_FLAGS.has(f.flag)) {
      throw new Error(`cli: ${op.id} has a parameter --${f.flag}, which is a global flag of the CLI; rename it in the spec`);
    }
  }
  return {
    path: op.sdkName.map(kebabCase),
    sdkName,
    operationId: op.id,
    method: op.httpMethod,
    httpPath: op.path,
    ...(op.summary ? { summary: op.summary } : {}),
    ...(op.description ? { description: op.description } : {}),
    ...(op.deprecated ? { deprecated: true as const } : {}),
    positionals: method.pathParams.map((p) => ({
      name: p.name,
      ...(p.description ? { description: p.description } : {}),
      ...(p.constraints?.pattern ? { pattern: p.constraints.pattern } : {}),
    })),
    flags,
    ...(method.body
      ? {
          body: {
            kind: method.body.kind,
            required: method.body.required,
            flattened: method.body.kind !== 'binary' && Boolean(method.body.fields),
          },
        }
      : {}),
    response: op.response.kind,
    ...(op.pagination
      ? {
          pagination: {
            cursorParam: op.pagination.cursorParam,
            ...(op.pagination.limitParam ? { limitParam: op.pagination.limitParam } : {}),
            itemsField: op.pagination.itemsField,
            hasMoreField: op.pagination.hasMoreField,
            nextCursorField: op.pagination.nextCursorField,
          },
        }
      : {}),
    idempotent: op.idempotent,
    public: !op.needsCredentials,
    destructive: op.destructive,
    movesMoney: op.movesMoney,
  };
}

function paramFlag(p: Parameter, where: 'query' | 'header', decls: Map<string, TypeDecl>): CliFlag {
  return flagOf(p.name, where, p.type, p.required, p.description, p.deprecated, decls);
}

/**
 * A body field's flag. A field named like a global flag (`data` of a third party's event, which the
 * contract cannot rename) is `--body-<name>`; a query or header parameter must still be renamed.
 */
function bodyFlag(f: Property, decls: Map<string, TypeDecl>): CliFlag {
  const flag = flagOf(f.name, 'body', f.type, f.required, f.description, f.deprecated, decls);
  return GLOBAL_FLAGS.has(flag.flag) ? { ...flag, flag: `body-${flag.flag}` } : flag;
}

function flagOf(
  name: string,
  where: CliFlag['in'],
  type: TypeExpr,
  required: boolean,
  description: string | undefined,
  deprecated: boolean | undefined,
  decls: Map<string, TypeDecl>,
): CliFlag {
  const value = flagValueOf(type, decls);
  return {
    flag: kebabCase(name),
    name,
    in: where,
    kind: value.kind,
    ...(value.repeated ? { repeated: true as const } : {}),
    ...(value.choices ? { choices: value.choices } : {}),
    required,
    ...(description ? { description: firstSentence(description) } : {}),
    ...(deprecated ? { deprecated: true as const } : {}),
  };
}

interface FlagValue {
  kind: CliValueKind;
  repeated?: boolean;
  choices?: (string | number)[];
}

/** What a flag's text becomes: scalars and enums as such, arrays of scalars repeated, anything else JSON. */
function flagValueOf(type: TypeExpr, decls: Map<string, TypeDecl>, inArray = false): FlagValue {
  switch (type.kind) {
    case 'primitive':
      return { kind: type.type };
    case 'literal':
      return {
        kind: typeof type.value === 'boolean' ? 'boolean' : typeof type.value === 'number' ? 'number' : 'string',
        choices: [String(type.value)],
      };
    case 'nullable':
      return flagValueOf(type.type, decls, inArray);
    case 'array': {
      if (inArray) return { kind: 'json' };
      const item = flagValueOf(type.items, decls, true);
      return item.kind === 'json' ? { kind: 'json' } : { ...item, repeated: true };
    }
    case 'ref': {
      const decl = decls.get(type.name);
      if (decl?.kind === 'enum') return { kind: decl.valueType, choices: decl.values };
      if (decl?.kind === 'alias') return flagValueOf(decl.type, decls, inArray);
      return { kind: 'json' };
    }
    default:
      return { kind: 'json' };
  }
}

/** A flag's help line: the description's first sentence, on one line. */
function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = flat.search(/\.(\s|$)/);
  return end === -1 ? flat : flat.slice(0, end + 1);
}
