import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import { cachedFormatSync } from './cache.js';
import type { GeneratedFile } from '../generated-file.js';

/**
 * ruff's formatter (the official WebAssembly build, version pinned in package.json) with the Python SDK's
 * settings, fixed here so output never depends on a local config or an installed ruff. Keep the version
 * equal to the `ruff` pin in sdks/python/requirements-dev.txt so `ruff format --check` agrees.
 */
const PYTHON_STYLE = { 'line-length': 110, 'target-version': 'py310', format: { 'quote-style': 'double' } };

let workspace: Workspace | undefined;
const FORMATTER = `ruff-wasm@${Workspace.version()} ${JSON.stringify(PYTHON_STYLE)}`;

/** Formats every `.py` file with ruff; other files pass through. Throws on a syntax error, naming the file. */
export function formatWithRuff(files: GeneratedFile[]): GeneratedFile[] {
  const ruff = () => (workspace ??= new Workspace(PYTHON_STYLE, PositionEncoding.Utf16));
  return files.map((file) => {
    if (!file.path.endsWith('.py')) return file;
    try {
      return { ...file, contents: cachedFormatSync(FORMATTER, file.contents, (source) => ruff().format(source)) };
    } catch (error) {
      throw new Error(`ruff could not format ${file.path}: ${String(error)}`);
    }
  });
}
