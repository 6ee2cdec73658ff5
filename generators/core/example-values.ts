import type { Parameter, TypeDecl, TypeExpr } from '../ir/ir-types.js';

/**
 * Example values for SDK documentation, as plain JSON data each language prints as a literal: the spec's
 * own examples first (parameter, media type, property `examples`), else a value of the right shape (an id
 * from its pattern, an enum's first value, a timestamp for a date-time), never a stub like `...`.
 */
export function exampleForParameter(param: Parameter, decls: Map<string, TypeDecl>): unknown {
  if (param.example !== undefined) return param.example;
  const prefix = param.constraints?.pattern?.match(/^\^([a-z]+_)\[/)?.[1];
  if (prefix) return `${prefix}01JD4Z9B5M2N8Q4R6S8T0V2W4X`;
  return exampleForType(param.type, decls);
}

/** An example of a type: its declaration's shape, with each property's example where the spec has one. */
export function exampleForType(type: TypeExpr, decls: Map<string, TypeDecl>, seen: ReadonlySet<string> = new Set()): unknown {
  switch (type.kind) {
    case 'primitive':
      if (type.type === 'integer') return 1;
      if (type.type === 'number') return 1.5;
      if (type.type === 'boolean') return true;
      return STRING_FORMATS[type.format ?? ''] ?? 'string';
    case 'literal':
      return type.value;
    case 'array': {
      const item = exampleForType(type.items, decls, seen);
      return item === undefined ? [] : [item];
    }
    case 'map':
    case 'unknown':
      return {};
    case 'nullable':
      return exampleForType(type.type, decls, seen);
    case 'binary':
      return undefined;
    case 'ref': {
      const decl = decls.get(type.name);
      if (!decl || seen.has(type.name)) return {};
      const inner = new Set(seen).add(type.name);
      switch (decl.kind) {
        case 'enum':
          return decl.values[0];
        case 'alias':
          return exampleForType(decl.type, decls, inner);
        case 'union':
          return decl.variants[0] ? exampleForType(decl.variants[0], decls, inner) : {};
        case 'object':
          return Object.fromEntries(
            decl.properties
              .filter((p) => p.required && !p.readOnly)
              .map((p) => [p.name, p.example !== undefined ? p.example : exampleForType(p.type, decls, inner)]),
          );
      }
    }
  }
}

const STRING_FORMATS: Record<string, string> = {
  'date-time': '2026-11-01T00:00:00Z',
  date: '2026-11-01',
  email: 'user@example.com',
  uri: 'https://example.com/webhooks',
  uuid: '5f0c2a8e-3b1d-4c6e-9a7f-2d4b6c8e0a1f',
};
