import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GeneratedFile } from '../core/generated-file.js';

let gofmtPath: string | undefined;

/** `gofmt` from PATH, else from the Go installation `go env GOROOT` reports, else /usr/local/go. */
function gofmt(): string {
  if (gofmtPath) return gofmtPath;
  const candidates = ['gofmt'];
  try {
    candidates.push(join(execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim(), 'bin/gofmt'));
  } catch {
    // No `go` on PATH: try the default installation below.
  }
  candidates.push('/usr/local/go/bin/gofmt');
  for (const candidate of candidates) {
    try {
      if (candidate !== 'gofmt' && !existsSync(candidate)) continue;
      execFileSync(candidate, ['-l'], { input: '', stdio: ['pipe', 'ignore', 'ignore'] });
      gofmtPath = candidate;
      return candidate;
    } catch {
      // Not this one.
    }
  }
  throw new Error('gofmt not found: install Go (https://go.dev/dl) to generate the Go SDK');
}

/** Formats `.go` files with gofmt (the Go toolchain's own formatter); other files pass through. */
export function formatGoFiles(files: GeneratedFile[]): GeneratedFile[] {
  return files.map((file) => {
    if (!file.path.endsWith('.go')) return file;
    try {
      return { ...file, contents: execFileSync(gofmt(), [], { input: file.contents, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) };
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? error);
      throw new Error(`gofmt rejected generated ${file.path}: ${stderr}`);
    }
  });
}
