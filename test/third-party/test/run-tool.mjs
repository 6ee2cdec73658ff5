// Runs a tool installed in this package (node_modules/.bin) or any command, from the package folder, and
// resolves with its exit code and output (it never rejects on a non-zero exit: the tests assert on it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const repositoryRoot = path.resolve(packageDir, '../..');
export const bundled = (name) => path.join(repositoryRoot, 'spec', 'dist', name);
export const bin = (name) => path.join(packageDir, 'node_modules', '.bin', name);

export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: packageDir, maxBuffer: 256 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
