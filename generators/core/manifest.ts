import { createHash } from 'node:crypto';
import type { GeneratedFile } from './generated-file.js';

/** The list of files a generator wrote for one SDK, with their hashes, kept at the SDK's root. */
export interface Manifest {
  generator: string;
  files: { path: string; sha256: string }[];
}

export const MANIFEST_FILE = '.namaskah-generated.json';

function sha256(contents: string): string {
  return createHash('sha256').update(contents).digest('hex');
}

/** Builds the manifest of `files`, sorted by path, so it is byte-identical across runs. */
export function buildManifest(generator: string, files: GeneratedFile[]): GeneratedFile {
  const manifest: Manifest = {
    generator,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.contents) })).sort((a, b) => a.path.localeCompare(b.path)),
  };
  return { path: MANIFEST_FILE, contents: `${JSON.stringify(manifest, null, 2)}\n` };
}
