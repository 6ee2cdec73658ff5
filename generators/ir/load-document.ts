import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { dereference } from '@apidevtools/json-schema-ref-parser';
import { parse } from 'yaml';

/** A spec document with every `$ref` replaced by its target (shared targets stay the same object). */
export interface LoadedDocument {
  document: Record<string, unknown>;
  /** Root-level entries skipped because their `$ref` target does not exist yet. */
  skipped: string[];
}

/**
 * Loads a YAML document and dereferences it. Entries of the sections named in `prunable` (for OpenAPI,
 * `paths` and `webhooks`) whose `$ref` points at a missing file or pointer are dropped and reported,
 * so a contract that is still being written generates what it already has.
 */
export async function loadDocument(file: string, prunable: string[]): Promise<LoadedDocument> {
  const root = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const skipped: string[] = [];
  // Path files hold many entries each (20 `$ref`s point into paths/admin.yaml): parse each file once.
  const parsed = new Map<string, unknown>();
  for (const section of prunable) {
    const entries = root[section] as Record<string, { $ref?: string }> | undefined;
    if (!entries) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (value?.$ref && !refTargetExists(dirname(file), value.$ref, parsed)) {
        skipped.push(`${section}: ${key} -> ${value.$ref}`);
        delete entries[key];
      }
    }
  }
  const document = (await dereference(file, root, {
    dereference: { circular: true },
  })) as Record<string, unknown>;
  return { document, skipped };
}

const MISSING = Symbol('missing file');

function refTargetExists(baseDir: string, ref: string, parsed: Map<string, unknown>): boolean {
  const [filePart, pointer = ''] = ref.split('#');
  if (!filePart) return true;
  const target = resolve(baseDir, filePart);
  if (!parsed.has(target)) parsed.set(target, existsSync(target) ? parse(readFileSync(target, 'utf8')) : MISSING);
  let node: unknown = parsed.get(target);
  if (node === MISSING) return false;
  for (const token of pointer.split('/').filter(Boolean)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
