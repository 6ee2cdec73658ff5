import type { TypeDecl, TypeExpr } from '../ir/ir-types.js';
import { goName } from './naming.js';

/** What the Go type mapping needs to know about the declarations a type expression can name. */
export interface GoTypeContext {
  decls: Map<string, TypeDecl>;
  /** String constants (`const` in the spec) used so far: value -> Go type name. */
  consts: Map<string, string>;
  /** Standard-library packages the current file needs (`time`, `encoding/json`). */
  imports: Set<string>;
}

/** The Go type name of a spec `const` string: `verification.completed` -> `ConstVerificationCompleted`. */
function constTypeName(value: string): string | undefined {
  const name = goName(value);
  return name && /^[A-Za-z]/.test(value) ? `Const${name}` : undefined;
}

/**
 * Maps an IR type expression to Go source. Nullable becomes `Nullable[T]` (always present, maybe null);
 * optionality is the caller's concern (`Opt[T]`), so the two never blur.
 */
export function goType(type: TypeExpr, ctx: GoTypeContext): string {
  switch (type.kind) {
    case 'primitive':
      if (type.type === 'string') {
        if (type.format === 'date-time') {
          ctx.imports.add('time');
          return 'time.Time';
        }
        return 'string';
      }
      return type.type === 'integer' ? 'int64' : type.type === 'number' ? 'float64' : 'bool';
    case 'ref':
      return goName(type.name);
    case 'literal': {
      if (typeof type.value !== 'string')
        return typeof type.value === 'boolean' ? 'bool' : Number.isInteger(type.value) ? 'int64' : 'float64';
      const name = constTypeName(type.value);
      if (!name) return 'string';
      ctx.consts.set(type.value, name);
      return name;
    }
    case 'array':
      return `[]${goType(type.items, ctx)}`;
    case 'map':
      return `map[string]${goType(type.values, ctx)}`;
    case 'nullable':
      return `Nullable[${goType(type.type, ctx)}]`;
    case 'binary':
      return '[]byte';
    case 'unknown':
      ctx.imports.add('encoding/json');
      return 'json.RawMessage';
  }
}

/** The Go type of a struct field or parameter: `T`, `Nullable[T]`, `Opt[T]` or `Opt[Nullable[T]]`. */
export function fieldType(type: TypeExpr, required: boolean, ctx: GoTypeContext): string {
  const base = goType(type, ctx);
  return required ? base : `Opt[${base}]`;
}

/** How many `.Value()` calls reach the plain value of a field of this shape. */
export function unwrapDepth(type: TypeExpr, required: boolean): number {
  return (required ? 0 : 1) + (type.kind === 'nullable' ? 1 : 0);
}
