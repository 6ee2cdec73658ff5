import { generatedHeader } from '../core/generated-file.js';
import { screamingSnakeCase } from '../core/naming.js';
import type { TsModel, TsModelFile } from './refine.js';
import { jsdoc } from './type-mapping.js';
import { printFields } from './print-model.js';

/**
 * The reference server's contract (server-reference/src/contract/): the spec's enums as `as const`
 * value lists with their union types, the model declarations, and the error-code and event catalogs,
 * so the server's handler types derive from spec/ and nothing is copied by hand (DESIGN.md §3).
 * Imports use `.ts` extensions: the server runs TypeScript directly (tsx, allowImportingTsExtensions).
 */

/** `EventType` -> `EVENT_TYPE_VALUES`. */
function enumValuesName(typeName: string): string {
  return `${screamingSnakeCase(typeName)}_VALUES`;
}

/** `enums.ts`: every enum schema as a readonly value list plus its union type. */
export function printServerEnums(model: TsModel): string {
  const blocks = model.models
    .filter((m) => m.decl.kind === 'enum')
    .map((m) => {
      const values = m.decl.kind === 'enum' ? m.decl.values : [];
      const constName = enumValuesName(m.decl.name);
      return (
        `${jsdoc([m.decl.description])}export const ${constName} = [${values.map((v) => JSON.stringify(v)).join(', ')}] as const;\n` +
        `export type ${m.decl.name} = (typeof ${constName})[number];\n`
      );
    });
  return `${generatedHeader('//')}\n${blocks.join('\n')}`;
}

/** `models.ts`: every non-enum schema as an interface or type alias, in one file. */
export function printServerModels(model: TsModel): string {
  const enumNames = new Set(model.models.filter((m) => m.decl.kind === 'enum').map((m) => m.decl.name));
  const others = model.models.filter((m) => m.decl.kind !== 'enum');
  const enumImports = [...new Set(others.flatMap((m) => m.imports.map((i) => i.name)).filter((n) => enumNames.has(n)))].sort();
  const imports = enumImports.length > 0 ? `import type { ${enumImports.join(', ')} } from './enums.ts';\n\n` : '';
  const blocks = others.map((m: TsModelFile) => {
    const doc = jsdoc([m.decl.description]);
    const body =
      m.body.kind === 'interface'
        ? `export interface ${m.decl.name} {\n${printFields(m.body.fields)}${
            m.body.indexSignature ? `  [key: string]: ${m.body.indexSignature};\n` : ''
          }}`
        : `export type ${m.decl.name} = ${m.body.source};`;
    return `${doc}${body}\n`;
  });
  return `${generatedHeader('//')}\n${imports}${blocks.join('\n')}`;
}

/** `catalogs.ts`: the error-code catalog (code -> HTTP status) and the event-type catalog, in spec order. */
export function printServerCatalogs(model: TsModel, errorStatuses: { code: string; status: number }[]): string {
  const statuses = errorStatuses.map((e) => `  ${e.code}: ${e.status},`).join('\n');
  return (
    `${generatedHeader('//')}\n` +
    `/** Every problem \`code\` the API returns, with its HTTP status (spec/errors). */\n` +
    `export const ERROR_CODE_STATUS = {\n${statuses}\n} as const;\n` +
    `export type ProblemCode = keyof typeof ERROR_CODE_STATUS;\n\n` +
    `/** Every event type that has a payload schema under spec/schemas/events/. */\n` +
    `export const CATALOG_EVENT_TYPES = [${model.eventTypes.map((t) => JSON.stringify(t)).join(', ')}] as const;\n`
  );
}

/** `index.ts`: re-exports the contract. */
export function printServerContractIndex(): string {
  return `${generatedHeader('//')}\nexport * from './catalogs.ts';\nexport * from './enums.ts';\nexport * from './models.ts';\n`;
}
