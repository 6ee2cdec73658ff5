import type { TypeExpr } from '../ir/ir-types.js';

/**
 * Maps an IR type expression to TypeScript source, recording every named type it refers to in `refs`
 * (so the caller can import them). Nullable becomes `| null`; optionality is the caller's concern.
 */
export function tsType(type: TypeExpr, refs: Set<string>): string {
  switch (type.kind) {
    case 'primitive':
      return type.type === 'integer' ? 'number' : type.type;
    case 'ref':
      refs.add(type.name);
      return type.name;
    case 'literal':
      return JSON.stringify(type.value);
    case 'array': {
      const items = tsType(type.items, refs);
      return /[ |&]/.test(items) ? `Array<${items}>` : `${items}[]`;
    }
    case 'map':
      return `Record<string, ${tsType(type.values, refs)}>`;
    case 'nullable':
      return `${tsType(type.type, refs)} | null`;
    case 'binary':
      return 'Blob';
    case 'unknown':
      return 'unknown';
  }
}

/** A property key as TypeScript accepts it: bare when it is an identifier, quoted otherwise. */
export function tsKey(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Turns prose into a JSDoc block body (no `*\/` can close it early). */
export function jsdoc(lines: (string | undefined)[], indent = ''): string {
  const text = lines
    .filter((l): l is string => Boolean(l))
    .join('\n\n')
    .replace(/\*\//g, '*\\/');
  if (!text) return '';
  const body = text.split('\n').map((l) => `${indent} *${l ? ` ${l}` : ''}`);
  return `${indent}/**\n${body.join('\n')}\n${indent} */\n`;
}

/** A JSON value as TypeScript source: single-quoted strings, bare keys where they are identifiers. */
export function tsLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    // Single quotes, as prettier writes them, unless the text has some and no double quotes.
    if (value.includes("'") && !value.includes('"')) return JSON.stringify(value);
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  }
  if (typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${tsKey(k)}: ${tsLiteral(v)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}
