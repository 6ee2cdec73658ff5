import type { TypeDecl, TypeExpr } from '../ir/ir-types.js';

/**
 * The runtime type descriptor of an IR type, as Ruby source: what `Namaskah::Types.decode` walks to turn
 * a JSON value into models. Model and union references are names (resolved lazily, so declaration order
 * never matters); enums, literals and aliases decode as their scalar.
 */
export function rbDescriptor(type: TypeExpr, decls: Map<string, TypeDecl>): string {
  switch (type.kind) {
    case 'primitive':
      return `:${type.type}`;
    case 'ref': {
      const decl = decls.get(type.name);
      if (decl?.kind === 'alias') return rbDescriptor(decl.type, decls);
      if (decl?.kind === 'enum') return decl.valueType === 'integer' ? ':integer' : ':string';
      return JSON.stringify(type.name);
    }
    case 'literal':
      return ':unknown';
    case 'array':
      return `[:array, ${rbDescriptor(type.items, decls)}]`;
    case 'map':
      return `[:map, ${rbDescriptor(type.values, decls)}]`;
    case 'nullable':
      return `[:nullable, ${rbDescriptor(type.type, decls)}]`;
    case 'binary':
      return ':binary';
    case 'unknown':
      return ':unknown';
  }
}

const RBS_PRIMITIVES = { string: 'String', integer: 'Integer', number: 'Float', boolean: 'bool' } as const;

/** The RBS type of an IR type; models are named with `prefix` (`''` inside `Namaskah::Models`). */
/**
 * `unionModules` names a union by its module (`Models::LoginResult`, documented with its variants) for
 * docs, where RBS needs the lower-case alias.
 */
export function rbsType(type: TypeExpr, decls: Map<string, TypeDecl>, prefix = '', unionModules = false): string {
  switch (type.kind) {
    case 'primitive':
      return RBS_PRIMITIVES[type.type];
    case 'ref': {
      const decl = decls.get(type.name);
      if (decl?.kind === 'alias') return rbsType(decl.type, decls, prefix, unionModules);
      if (decl?.kind === 'enum') return decl.valueType === 'integer' ? 'Integer' : 'String';
      if (decl?.kind === 'union') {
        if (unionModules) return `${prefix}${type.name}`;
        return `${prefix}${rbsUnionAlias(type.name)}`;
      }
      return `${prefix}${type.name}`;
    }
    case 'literal':
      return typeof type.value === 'string' ? JSON.stringify(type.value) : String(type.value);
    case 'array':
      return `Array[${rbsType(type.items, decls, prefix, unionModules)}]`;
    case 'map':
      return `Hash[String, ${rbsType(type.values, decls, prefix, unionModules)}]`;
    case 'nullable': {
      const inner = rbsType(type.type, decls, prefix, unionModules);
      return inner === 'untyped' ? inner : optional(inner);
    }
    case 'binary':
      return 'String';
    case 'unknown':
      return 'untyped';
  }
}

/** `T?`, parenthesised when `T` is a union. */
export function optional(type: string): string {
  if (type === 'untyped' || type.endsWith('?')) return type;
  return type.includes(' | ') ? `(${type})?` : `${type}?`;
}

/** RBS type aliases are lower case: `Event` -> `event_union`. */
export function rbsUnionAlias(name: string): string {
  return `${name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()}_union`;
}

/** A double-quoted Ruby string literal (JSON escapes, plus `#` escaped where it would interpolate). */
export function rbString(value: string): string {
  return JSON.stringify(value).replace(/#(?=[{$@])/g, '\\#');
}

/** A JSON value as Ruby source: `nil`, `true`, strings, `[...]`, hashes with symbol keys where they read well. */
export function rbValue(value: unknown): string {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return rbString(value);
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(rbValue).join(', ')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const simple = entries.every(([k]) => /^[a-z_][a-z0-9_]*$/.test(k));
  return `{ ${entries.map(([k, v]) => (simple ? `${k}: ${rbValue(v)}` : `${rbString(k)} => ${rbValue(v)}`)).join(', ')} }`;
}

/** Prose as `#` comment lines at `indent`, wrapped to fit 120 columns. */
export function rbComment(text: string | undefined, indent: string): string[] {
  if (!text) return [];
  const width = 118 - indent.length;
  const out: string[] = [];
  for (const paragraph of text.trim().split('\n')) {
    if (paragraph.trim() === '') {
      out.push(`${indent}#`);
      continue;
    }
    let line = '';
    // A word longer than the line (a long list in backticks) breaks after its commas.
    const pieces = paragraph
      .trim()
      .split(/\s+/)
      .flatMap((w) => (w.length > width ? w.split(/(?<=,)/) : [w]));
    for (const word of pieces) {
      if (line && line.length + 1 + word.length > width) {
        out.push(`${indent}# ${line}`);
        line = word;
      } else {
        line = line ? `${line} ${word}` : word;
      }
    }
    if (line) out.push(`${indent}# ${line}`);
  }
  return out;
}
