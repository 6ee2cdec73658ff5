import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildManifest, MANIFEST_FILE, type Manifest } from './manifest.js';
import type { GeneratedFile } from './generated-file.js';

export interface WriteResult {
  written: string[];
  removed: string[];
  unchanged: number;
}

/**
 * Writes `files` under `root` with a fresh manifest, and deletes the files the previous manifest listed
 * that this run no longer produces. Files never listed in a manifest (hand-written code) are never touched.
 * A file whose contents did not change is not rewritten, so timestamps only move when code does.
 */
export function writeGeneratedFiles(root: string, generator: string, files: GeneratedFile[]): WriteResult {
  const previous = readManifest(root);
  const all = [...files, buildManifest(generator, files)];
  const current = new Set(all.map((f) => f.path));
  const result: WriteResult = { written: [], removed: [], unchanged: 0 };

  for (const stale of previous?.files ?? []) {
    if (current.has(stale.path)) continue;
    rmSync(join(root, stale.path), { force: true });
    result.removed.push(stale.path);
  }
  for (const file of all) {
    const target = join(root, file.path);
    if (existsSync(target) && readFileSync(target, 'utf8') === file.contents) {
      result.unchanged++;
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
    result.written.push(file.path);
  }
  return result;
}

function readManifest(root: string): Manifest | undefined {
  const file = join(root, MANIFEST_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : undefined;
}

/** Paths (relative to `root`) whose committed contents differ from `files`, or are missing, or are stale. */
export function diffGeneratedFiles(root: string, generator: string, files: GeneratedFile[]): string[] {
  const all = [...files, buildManifest(generator, files)];
  const expected = new Set(all.map((f) => f.path));
  const drift = all
    .filter((f) => !existsSync(join(root, f.path)) || readFileSync(join(root, f.path), 'utf8') !== f.contents)
    .map((f) => f.path);
  for (const listed of readManifest(root)?.files ?? []) {
    if (!expected.has(listed.path) && existsSync(join(root, listed.path))) drift.push(`${listed.path} (stale)`);
  }
  return drift.sort();
}
