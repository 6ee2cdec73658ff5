import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { GeneratedFile } from '../generated-file.js';

const execFileAsync = promisify(execFile);
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

/**
 * Formats `.go` files with gofmt (the Go toolchain's own formatter); other files pass through. One gofmt
 * process formats them all in place in a temporary folder (a process per file cost ~10 ms each), and it
 * runs asynchronously so other emitters' formatting overlaps it.
 */
export async function formatWithGofmt(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  const goFiles = files.filter((file) => file.path.endsWith('.go'));
  if (goFiles.length === 0) return files;
  const binary = gofmt();
  const dir = await mkdtemp(join(tmpdir(), 'namaskah-gofmt-'));
  try {
    // Flat, numbered names: generated paths may contain folders; the number maps errors back to the path.
    const temp = new Map(goFiles.map((file, i) => [file, join(dir, `f${i}.go`)]));
    await Promise.all(goFiles.map((file) => writeFile(temp.get(file)!, file.contents)));
    try {
      await execFileAsync(binary, ['-w', ...temp.values()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      let stderr = String((error as { stderr?: string }).stderr || error);
      for (const [file, path] of temp) stderr = stderr.replaceAll(path, file.path);
      const culprit = goFiles.find((file) => stderr.includes(`${file.path}:`));
      throw new Error(`gofmt rejected generated ${culprit?.path ?? 'Go code'}: ${stderr}`);
    }
    const formatted = new Map(await Promise.all(goFiles.map(async (file) => [file, await readFile(temp.get(file)!, 'utf8')] as const)));
    return files.map((file) => (formatted.has(file) ? { ...file, contents: formatted.get(file)! } : file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
