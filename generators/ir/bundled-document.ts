import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The bundled single-file contract as JSON text (spec/dist/openapi.json, `pnpm --filter @namaskah/spec bundle`), with
 * its `$ref`s intact and every schema under `components.schemas` by title: the input of third-party
 * generators that emitters run (openapi-typescript), which need references, not the dereferenced IR.
 */
export function readBundledOpenApi(specDir: string): string {
  return readFileSync(join(specDir, 'dist/openapi.json'), 'utf8');
}
