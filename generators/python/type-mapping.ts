import type { TypeExpr } from '../ir/ir-types.js';

/**
 * Maps an IR type expression to a Python annotation, recording every named model it refers to in `refs`
 * (so the caller can import them). Nullable becomes `| None`; optionality (NOT_GIVEN, defaults) is the
 * caller's concern. Timestamps stay `str` (RFC 3339, as on the wire), like every other SDK.
 */
export function pyType(type: TypeExpr, refs: Set<string>): string {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVES[type.type];
    case 'ref':
      refs.add(type.name);
      return type.name;
    case 'literal':
      return `Literal[${pyLiteral(type.value)}]`;
    case 'array':
      return `list[${pyType(type.items, refs)}]`;
    case 'map':
      return `dict[str, ${pyType(type.values, refs)}]`;
    case 'nullable': {
      const inner = pyType(type.type, refs);
      return inner === 'object' ? inner : `${inner} | None`;
    }
    case 'binary':
      return 'bytes';
    case 'unknown':
      return 'object';
  }
}

const PRIMITIVES = { string: 'str', integer: 'int', number: 'float', boolean: 'bool' } as const;

/** A Python literal for a JSON scalar. */
export function pyLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
}

/** A string literal in double quotes. */
export function pyString(value: string): string {
  return JSON.stringify(value);
}

/** Turns prose into a docstring (indented by `indent`); empty when there is no text. */
export function docstring(lines: (string | undefined)[], indent = ''): string {
  const text = lines
    .filter((l): l is string => Boolean(l))
    .join('\n\n')
    .replace(/\\/g, '\\\\')
    .replace(/"""/g, '\\"\\"\\"')
    .trim();
  if (!text) return '';
  const body = text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : `${indent}${l}`))
    .join('\n');
  const close = body.includes('\n') ? `\n${indent}` : body.endsWith('"') ? ' ' : '';
  return `${indent}"""${body}${close}"""\n`;
}

/** A JSON value as Python source (`None`, `True`, double-quoted strings, dicts and lists). */
export function pyValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value !== 'object') return typeof value === 'string' ? pyString(value) : String(value);
  if (Array.isArray(value)) return `[${value.map(pyValue).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${pyString(k)}: ${pyValue(v)}`)
    .join(', ')}}`;
}
