import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** test/conformance/ at the repository root. */
const CONFORMANCE_DIR = resolve(import.meta.dirname, '../../../../test/conformance');
const CASES_DIR = join(CONFORMANCE_DIR, 'cases');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CaseFile {
  /** Path relative to cases/, with forward slashes. */
  path: string;
  cases: JsonObject[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** Every case file under cases/, sorted by path (README: discover, do not list). */
export function loadCaseFiles(): CaseFile[] {
  return walk(CASES_DIR)
    .map((file) => ({ file, path: relative(CASES_DIR, file).split('\\').join('/') }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ file, path }) => {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
      checkKeys(parsed, ['description', 'cases'], path);
      if (!Array.isArray(parsed.cases)) throw new Error(`${path}: "cases" must be an array`);
      return { path, cases: parsed.cases as JsonObject[] };
    });
}

/** A case the runner cannot run: reported as a failure, never skipped (README rule 2). */
export class Unsupported extends Error {
  constructor(message: string) {
    super(`UNSUPPORTED: ${message}`);
  }
}

/** README rule 3: a key the format does not define fails the case. */
export function checkKeys(value: Json | undefined, allowed: readonly string[], where: string): void {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return;
  for (const key of Object.keys(value)) {
    if (key === 'description' || key === '$comment') continue;
    if (!allowed.includes(key)) throw new Unsupported(`unknown field "${key}" in ${where}`);
  }
}
