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
  for (const section of prunable) {
    const entries = root[section] as Record<string, { $ref?: string }> | undefined;
    if (!entries) continue;
    for (const [key, value] of Object.entries(entries)) {
      if (value?.$ref && !refTargetExists(dirname(file), value.$ref)) {
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

function refTargetExists(baseDir: string, ref: string): boolean {
  const [filePart, pointer = ''] = ref.split('#');
  if (!filePart) return true;
  const target = resolve(baseDir, filePart);
  if (!existsSync(target)) return false;
  let node: unknown = parse(readFileSync(target, 'utf8'));
  for (const token of pointer.split('/').filter(Boolean)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}
