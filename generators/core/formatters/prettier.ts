import { format, type Options, version } from 'prettier';
import { cachedFormat } from './cache.js';
import type { GeneratedFile } from '../generated-file.js';

/** Prettier settings for generated TypeScript: the SDK's own style, fixed here so output never depends on a local config. */
const TYPESCRIPT_STYLE: Options = { parser: 'typescript', singleQuote: true, printWidth: 110, trailingComma: 'all' };
const MARKDOWN_STYLE: Options = { parser: 'markdown', proseWrap: 'preserve' };

/**
 * Formats `.ts` files with prettier and `.md` files as Markdown; other files pass through.
 * Output is remembered by content (see cache.ts), so only files whose printed source changed are
 * formatted again.
 */
export async function formatWithPrettier(files: GeneratedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const options = file.path.endsWith('.ts') ? TYPESCRIPT_STYLE : file.path.endsWith('.md') ? MARKDOWN_STYLE : undefined;
      if (!options) return file;
      const formatter = `prettier@${version} ${JSON.stringify(options)}`;
      return { ...file, contents: await cachedFormat(formatter, file.contents, (source) => format(source, options)) };
    }),
  );
}
