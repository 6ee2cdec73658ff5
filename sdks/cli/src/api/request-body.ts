import { readFileSync } from 'node:fs';
import { UsageError } from '../errors/exit-codes.js';

/**
 * `--data`: inline JSON (`'{"service":"whatsapp"}'`), `@file.json`, or `@-` for stdin. Must be a JSON
 * object when flags are merged into it.
 */
export function readDataOption(data: string): unknown {
  let text = data;
  if (data.startsWith('@')) {
    const file = data.slice(1);
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (error) {
      throw new UsageError(`--data ${data}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--data is not valid JSON: ${(error as Error).message}`);
  }
}
