import type { TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { phpClassName } from './naming.js';

/**
 * PHP types of IR type expressions: the declared type (what PHP checks), the docblock type (what static
 * analysers read: `list<Verification>`), and the expression that turns a decoded JSON value into it.
 */
export interface PhpType {
  /** The declared type, without nullability (`string`, `int|float`, `Verification`, `mixed`). */
  native: string;
  /** The docblock type when it says more than `native` (`list<Message>`), else undefined. */
  doc?: string;
  /** True when the JSON may be null here. */
  nullable: boolean;
}

export interface TypeContext {
  decls: Map<string, TypeDecl>;
}

function literalType(value: string | number | boolean): string {
  return typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int' : 'float';
}

/** True for a union the SDK decodes to a variant class (every variant a named object, discriminated). */
export function isClassUnion(decl: TypeDecl, ctx: TypeContext): boolean {
  return (
    decl.kind === 'union' &&
    decl.discriminator !== undefined &&
    decl.variants.every((v) => v.kind === 'ref' && ctx.decls.get(v.name)?.kind === 'object')
  );
}

/** A union whose members are all strings (an enum plus `*`): a plain string in PHP. */
function isStringUnion(decl: TypeDecl, ctx: TypeContext): boolean {
  return (
    decl.kind === 'union' &&
    decl.variants.every((v) => phpType(v, ctx).native === 'string' || (v.kind === 'ref' && ctx.decls.get(v.name)?.kind === 'enum'))
  );
}

export function phpType(t: TypeExpr, ctx: TypeContext, input = false): PhpType {
  switch (t.kind) {
    case 'primitive':
      return {
        native: t.type === 'string' ? 'string' : t.type === 'integer' ? 'int' : t.type === 'number' ? 'int|float' : 'bool',
        nullable: false,
      };
    case 'literal':
      return { native: literalType(t.value), nullable: false };
    case 'unknown':
      return { native: 'mixed', nullable: true };
    case 'binary':
      return { native: 'string', nullable: false };
    case 'nullable': {
      const inner = phpType(t.type, ctx, input);
      return { ...inner, nullable: true };
    }
    case 'array': {
      const inner = phpType(t.items, ctx, input);
      return { native: 'array', doc: `list<${docOf(inner)}>`, nullable: false };
    }
    case 'map': {
      const inner = phpType(t.values, ctx, input);
      return { native: 'array', doc: `array<string, ${docOf(inner)}>`, nullable: false };
    }
    case 'ref': {
      const decl = ctx.decls.get(t.name);
      if (!decl) throw new Error(`unknown type ${t.name}`);
      const name = phpClassName(decl.name);
      switch (decl.kind) {
        case 'object':
          return input
            ? { native: `${name}|array`, doc: `${name}|array<string, mixed>`, nullable: false }
            : { native: name, nullable: false };
        case 'enum':
          return { native: `${name}|${decl.valueType === 'integer' ? 'int' : 'string'}`, nullable: false };
        case 'alias':
          return phpType(decl.type, ctx, input);
        case 'union': {
          if (isClassUnion(decl, ctx)) {
            const variants = decl.variants.map((v) => phpClassName((v as { name: string }).name));
            return input
              ? { native: '\\Namaskah\\Core\\Model|array', doc: `${variants.join('|')}|array<string, mixed>`, nullable: false }
              : { native: '\\Namaskah\\Core\\Model', doc: variants.join('|'), nullable: false };
          }
          if (isStringUnion(decl, ctx)) return { native: 'string', nullable: false };
          return { native: 'mixed', nullable: true };
        }
      }
    }
  }
}

function docOf(t: PhpType): string {
  const base = t.doc ?? t.native;
  return t.nullable && base !== 'mixed' ? `${base}|null` : base;
}

/** The declared type with nullability (`?string`, `Verification|string|null`, `mixed`). */
export function declaredType(t: PhpType, nullable = t.nullable): string {
  if (!nullable || t.native === 'mixed') return t.native;
  return t.native.includes('|') ? `${t.native}|null` : `?${t.native}`;
}

/** The docblock type with nullability, when it adds to the declared one. */
export function docType(t: PhpType, nullable = t.nullable): string | undefined {
  if (!t.doc) return undefined;
  return nullable ? `${t.doc}|null` : t.doc;
}

/**
 * The expression turning the decoded JSON `value` (an expression) of type `t` into its PHP value, or
 * undefined when the JSON value is already it (strings, numbers, lists of them).
 */
export function decodeExpr(t: TypeExpr, value: string, ctx: TypeContext, depth = 0): string | undefined {
  switch (t.kind) {
    case 'nullable': {
      const inner = decodeExpr(t.type, value, ctx, depth);
      return inner === undefined ? undefined : `${value} === null ? null : ${inner}`;
    }
    case 'array':
    case 'map': {
      const item = `$v${depth}`;
      const inner = decodeExpr(t.kind === 'array' ? t.items : t.values, item, ctx, depth + 1);
      if (inner === undefined) return undefined;
      const direct = /^([A-Za-z0-9_]+)::fromArray\(\$v\d+\)$/.exec(inner);
      return direct ? `array_map(${direct[1]}::fromArray(...), ${value})` : `array_map(fn ($v${depth}) => ${inner}, ${value})`;
    }
    case 'ref': {
      const decl = ctx.decls.get(t.name)!;
      const name = phpClassName(decl.name);
      if (decl.kind === 'object') return `${name}::fromArray(${value})`;
      if (decl.kind === 'enum') return `${name}::tryFrom(${value}) ?? ${value}`;
      if (decl.kind === 'alias') return decodeExpr(decl.type, value, ctx, depth);
      if (isClassUnion(decl, ctx)) return `${name}::fromArray(${value})`;
      return undefined;
    }
    default:
      return undefined;
  }
}
