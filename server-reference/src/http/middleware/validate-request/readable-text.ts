import type { FieldError } from '../../../errors/index.ts';
import { escapePointer } from '../../openapi/load-spec.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The one rule for text the API reads (spec/README.md): valid UTF-8, no NUL, no lone surrogate. PostgreSQL
 * refuses NUL in text (a 500 if it got that far), and a byte that is not UTF-8 would otherwise be stored as
 * U+FFFD, silently changing what the caller sent. Checked here, at the boundary, for bodies, query
 * strings and header parameters; path parameters fail their pattern and answer 404.
 */
const isReadable = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

export const encodingError = (field: string): FieldError => ({
  field,
  code: 'encoding',
  message: 'must be UTF-8 text without NUL characters or lone surrogates',
});

/**
 * Decodes a body. `replaced` says some bytes were not UTF-8 and became U+FFFD: the strings holding one
 * are then refused by `unreadableFields`.
 */
export function decodeBody(bytes: ArrayBuffer): { text: string; replaced: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), replaced: false };
  } catch {
    return { text: lenientUtf8.decode(bytes), replaced: true };
  }
}

/**
 * Field errors for every string of a parsed JSON value (object keys included) that is not readable, and
 * for every number too large for a double (`1e400` parses to Infinity, which no field accepts).
 */
export function unreadableFields(value: unknown, pointer: string, replaced = false): FieldError[] {
  const errors: FieldError[] = [];
  const visit = (node: unknown, at: string) => {
    if (typeof node === 'string') {
      if (!isReadable(node) || (replaced && node.includes('\uFFFD'))) errors.push(encodingError(at));
    } else if (typeof node === 'number') {
      if (!Number.isFinite(node)) errors.push({ field: at, code: node > 0 ? 'maximum' : 'minimum', message: 'must be a finite number' });
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${at}/${i}`);
    } else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const childAt = `${at}/${escapePointer(key)}`;
        if (!isReadable(key) || (replaced && key.includes('\uFFFD'))) errors.push(encodingError(childAt));
        visit(child, childAt);
      }
    }
  };
  visit(value, pointer);
  return errors;
}

/** Percent-decodes one component of a query string or form body; null when the bytes are not UTF-8 text. */
function decodeComponent(raw: string): string | null {
  const spaced = raw.replace(/\+/g, ' ');
  let decoded = '';
  // runs of %XX are decoded together (one character may take several bytes); a lone `%` stays literal,
  // as URLSearchParams leaves it
  for (const part of spaced.split(/((?:%[0-9A-Fa-f]{2})+)/)) {
    if (!part.startsWith('%') || !/^(%[0-9A-Fa-f]{2})+$/.test(part)) {
      decoded += part;
      continue;
    }
    const bytes = Uint8Array.from(part.slice(1).split('%'), (hex) => parseInt(hex, 16));
    try {
      decoded += strictUtf8.decode(bytes);
    } catch {
      return null;
    }
  }
  return isReadable(decoded) ? decoded : null;
}

/**
 * Parses `application/x-www-form-urlencoded` text (a query string or an OAuth form body) like
 * URLSearchParams, but strictly: a name or value whose bytes are not readable text becomes a field error
 * under `location` instead of a U+FFFD.
 */
export function parseUrlEncoded(text: string, location: string): { entries: Array<[string, string]>; errors: FieldError[] } {
  const entries: Array<[string, string]> = [];
  const errors: FieldError[] = [];
  for (const pair of text.replace(/^\?/, '').split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = decodeComponent(rawName);
    const value = decodeComponent(rawValue);
    const shownName = name ?? new URLSearchParams(`${rawName}=`).keys().next().value ?? rawName;
    if (name === null || value === null) {
      errors.push(encodingError(`${location}/${escapePointer(shownName)}`));
      continue;
    }
    entries.push([name, value]);
  }
  return { entries, errors };
}

/** Whether a header value as Node hands it over (one char per byte) is readable text once read as UTF-8. */
export function readableHeader(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is every Latin-1 code unit, controls included
  if (!/^[\u0000-\u00ff]*$/.test(value)) return isReadable(value);
  try {
    return isReadable(strictUtf8.decode(Buffer.from(value, 'latin1')));
  } catch {
    return false;
  }
}
