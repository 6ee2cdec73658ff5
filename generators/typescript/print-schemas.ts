import { generatedHeader } from '../core/generated-file.js';
import type { TsSchemaRow, TsSchemas } from './refine-schemas.js';
import { jsdoc } from './type-mapping.js';

/**
 * `src/schemas/index.ts`: the zod schemas the refiner built (see refine-schemas.ts). Only
 * `@namaskah/sdk/validation` imports this file, so zod never loads unless validation is asked for.
 */
export function printSchemas(schemas: TsSchemas): string {
  const blocks = schemas.decls.map(
    (d) => `${jsdoc([d.description ? `${d.name}: ${d.description.split('\n')[0]!}` : d.name])}export const ${d.schemaName} = ${d.source};`,
  );
  const table = (name: string, doc: string, rows: TsSchemaRow[]) =>
    `${jsdoc([doc])}export const ${name}: Readonly<Record<string, z.ZodType>> = {\n${rows.map((r) => `  ${JSON.stringify(r.key)}: ${r.source},`).join('\n')}\n};`;
  const pathParams = schemas.pathParams.map(
    (p) => `  ${JSON.stringify(p.key)}: {\n${p.fields.map((f) => `${f.key}: ${f.source},`).join('\n')}\n},`,
  );
  return (
    [
      generatedHeader('//'),
      "import { z } from 'zod';",
      ...blocks,
      table(
        'REQUEST_BODY_SCHEMAS',
        'The JSON request body of each operation that takes one, keyed `METHOD /path/{template}`.',
        schemas.requestBodies,
      ),
      table(
        'RESPONSE_BODY_SCHEMAS',
        'The JSON success body of each operation that returns one, keyed `METHOD /path/{template}`.',
        schemas.responseBodies,
      ),
      `${jsdoc(['The constrained path parameters (id patterns, lengths) of each operation, keyed `METHOD /path/{template}`.'])}export const PATH_PARAMETER_SCHEMAS: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = {\n${pathParams.join('\n')}\n};`,
    ].join('\n\n') + '\n'
  );
}
