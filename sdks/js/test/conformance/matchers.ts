import { expect } from 'vitest';
import { checkKeys, type Json, type JsonObject, Unsupported } from './case-files.js';

/** Marks a value the SDK left out (undefined / missing key), as opposed to null. */
const ABSENT = Symbol('absent');

/** RFC 6901 pointer over a decoded value; a missing key gives {@link ABSENT}. */
function resolvePointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value === undefined ? ABSENT : value;
  if (!pointer.startsWith('/')) throw new Unsupported(`JSON pointer "${pointer}" must start with "/"`);
  let current: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !(token in current)) return ABSENT;
    current = (current as Record<string, unknown>)[token];
    if (current === undefined) return ABSENT;
  }
  return current;
}

/**
 * Deep equality on the wire form with null and absent kept apart: every key of `expected` must be
 * present (not undefined) in `actual`, and `actual` must have no other defined key.
 */
export function assertJsonEqual(actual: unknown, expected: Json, where: string): void {
  const path = (key: string | number) => `${where}/${key}`;
  if (expected === null) {
    expect(actual, `${where} must be null`).toBeNull();
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${where} must be an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${where} length`).toBe(expected.length);
    for (const [i, item] of expected.entries()) assertJsonEqual(list[i], item, path(i));
    return;
  }
  if (typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object' && !Array.isArray(actual), `${where} must be an object`).toBe(true);
    const record = actual as Record<string, unknown>;
    const present = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    expect(present, `${where} keys (null and absent are distinct)`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) assertJsonEqual(record[key], value, path(key));
    return;
  }
  expect(actual, where).toStrictEqual(expected);
}

const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
  integer: (v) => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint',
  number: (v) => typeof v === 'number' || typeof v === 'bigint',
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  array: (v) => Array.isArray(v),
  object: (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
  null: (v) => v === null,
  absent: (v) => v === ABSENT,
};

/** The README's value matcher: `equals` and/or `checks`. */
export function assertValue(actual: unknown, matcher: JsonObject, where: string): void {
  checkKeys(matcher, ['equals', 'checks'], where);
  if ('equals' in matcher) assertJsonEqual(actual, matcher.equals as Json, `${where}.equals`);
  for (const [i, check] of ((matcher.checks ?? []) as JsonObject[]).entries()) {
    checkKeys(check, ['pointer', 'equals', 'type', 'length'], `${where}.checks[${i}]`);
    const pointer = check.pointer as string;
    const value = resolvePointer(actual, pointer);
    const label = `${where} at "${pointer}"`;
    if ('equals' in check) {
      expect(value, `${label} is absent`).not.toBe(ABSENT);
      assertJsonEqual(value, check.equals as Json, label);
    }
    if ('type' in check) {
      const test = TYPE_CHECKS[check.type as string];
      if (!test) throw new Unsupported(`value type "${String(check.type)}"`);
      expect(test(value), `${label} must be of type ${String(check.type)}, got ${describe(value)}`).toBe(true);
    }
    if ('length' in check) {
      expect(Array.isArray(value), `${label} must be an array`).toBe(true);
      expect((value as unknown[]).length, `${label} length`).toBe(check.length);
    }
  }
}

function describe(value: unknown): string {
  return value === ABSENT ? 'absent' : `${typeof value} ${JSON.stringify(value)}`;
}

/** The README's header matcher on one header value (`undefined` when the header was not sent). */
export function assertHeader(actual: string | undefined, name: string, matcher: JsonObject, where: string): void {
  checkKeys(matcher, ['equals', 'contains', 'media_type', 'present', 'matches'], `${where} header ${name}`);
  const label = `${where} header ${name}`;
  if ('present' in matcher) expect(actual !== undefined, `${label} present`).toBe(matcher.present);
  if ('equals' in matcher) expect(actual, label).toBe(matcher.equals);
  if ('contains' in matcher) expect(actual ?? '', label).toContain(matcher.contains as string);
  if ('media_type' in matcher) {
    expect((actual ?? '').split(';')[0]!.trim().toLowerCase(), `${label} media type`).toBe((matcher.media_type as string).toLowerCase());
  }
  if ('matches' in matcher) expect(actual ?? '', label).toMatch(new RegExp(matcher.matches as string));
}
