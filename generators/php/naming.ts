import { camelCase, pascalCase } from '../core/naming.js';

/**
 * PHP names: classes and enum cases in PascalCase, properties, parameters and methods in camelCase.
 * Class names that are reserved words in PHP (case-insensitively) get a `Model` suffix; a `$this`
 * parameter is impossible, so it becomes `$this_`.
 */
const RESERVED_CLASS = new Set(
  'abstract and array as break callable case catch class clone const continue declare default do echo else elseif empty enddeclare endfor endforeach endif endswitch endwhile enum eval exit extends final finally fn for foreach function global goto if implements include instanceof insteadof interface isset list match mixed namespace never new null object or print private protected public readonly require resource return static string int float bool false true iterable switch throw trait try unset use var void while xor yield parent self'.split(
    ' ',
  ),
);

export function phpClassName(name: string): string {
  const pascal = pascalCase(name) || 'Model';
  return RESERVED_CLASS.has(pascal.toLowerCase()) ? `${pascal}Model` : pascal;
}

export function phpVariable(name: string): string {
  const camel = camelCase(name) || 'value';
  const safe = /^[0-9]/.test(camel) ? `v${camel}` : camel;
  return safe === 'this' ? 'this_' : safe;
}

/** An enum case name: PascalCase of the value, `Value<n>` when it has no letters or starts with a digit. */
export function phpCaseName(value: string | number, index: number): string {
  const pascal = pascalCase(String(value));
  if (!pascal || /^[0-9]/.test(pascal)) return `Value${pascal || index}`;
  return RESERVED_CLASS.has(pascal.toLowerCase()) && pascal.toLowerCase() === 'class' ? `${pascal}_` : pascal;
}

/** A PHP single-quoted string literal. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A PHP literal for a JSON value (used by examples and constants). */
export function phpLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return phpString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(phpLiteral).join(', ')}]`;
  return `[${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${phpString(k)} => ${phpLiteral(v)}`)
    .join(', ')}]`;
}

/** phpLiteral, with arrays broken one element per line (indented from `indent`) when they pass `width`. */
export function phpLiteralWrapped(value: unknown, indent: string, width = 96): string[] {
  const flat = phpLiteral(value);
  if (indent.length + flat.length <= width || value === null || typeof value !== 'object') return [flat];
  const inner = `${indent}    `;
  const entries = Array.isArray(value)
    ? value.map((v) => ({ key: '', v }))
    : Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: `${phpString(k)} => `, v }));
  const lines = ['['];
  for (const { key, v } of entries) {
    const [first = '', ...rest] = phpLiteralWrapped(v, inner, width);
    const parts = [`${inner}${key}${first}`, ...rest];
    parts[parts.length - 1] += ',';
    lines.push(...parts);
  }
  lines.push(`${indent}]`);
  return lines;
}
