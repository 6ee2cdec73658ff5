import { generatedHeader } from '../core/generated-file.js';
import type { TsModel } from './refine.js';

/**
 * `resources/index.ts`: the resource classes, their params types, and the base class that holds one of each;
 * resources served from an entry of their own (`x-sdk-entry`) are left to that entry.
 */
export function printResourceIndex(model: TsModel): string {
  const resources = model.resources.filter((r) => !r.entry);
  const exports = resources.map((r) => {
    const names = [...r.classes.map((c) => c.className), ...r.paramsInterfaces.map((p) => `type ${p.name}`)];
    return `export { ${names.join(', ')} } from './${r.fileName}.js';`;
  });
  const imports = resources.map((r) => `import { ${r.className} } from './${r.fileName}.js';`);
  const fields = resources.map((r) => `  ${r.accessor}: ${r.className};`);
  const inits = resources.map((r) => `    this.${r.accessor} = new ${r.className}(client);`);
  return [
    generatedHeader('//'),
    `import type { HttpClient } from '../core/index.js';`,
    ...imports,
    '',
    ...exports,
    `export * from './problem-errors.js';`,
    `export * from './contract-constants.js';`,
    '',
    `/** One instance of every top-level resource of the ${model.title}, sharing one HTTP client. */`,
    'export class ApiResources {',
    ...fields,
    '',
    '  constructor(client: HttpClient) {',
    ...inits,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** `resources/contract-constants.ts`: the contract's closed lists, usable at run time. */
export function printCatalog(model: TsModel): string {
  const list = (values: string[]) => `[\n${values.map((v) => `  '${v}',`).join('\n')}\n] as const`;
  return [
    generatedHeader('//'),
    `/** Version of the ${model.title} contract this SDK was generated from. */`,
    `export const API_VERSION = '${model.version}';`,
    '',
    '/** Every webhook and real-time event type. */',
    `export const EVENT_TYPES = ${list(model.eventTypes)};`,
    '',
    '/** Every problem `code` the API documents. An unknown code must be handled by its HTTP status. */',
    `export const ERROR_CODES = ${list(model.errorCodes)};`,
    '',
  ].join('\n');
}
