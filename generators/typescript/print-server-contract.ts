import { generatedHeader } from '../core/generated-file.js';
import { screamingSnakeCase } from '../core/naming.js';
import type { TsModel } from './refine.js';
import { jsdoc } from './type-mapping.js';

/**
 * The reference server's contract (server-reference/src/contract/): the spec's enums as `as const`
 * value lists with their union types and the error-code and event catalogs (the model and operation
 * types are openapi-typescript's, print-operation-types.ts),
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

/**
 * `catalogs.ts`: the error-code catalog (code -> HTTP status) and the event-type catalog, in spec order, and
 * the path operations' ids (what the server must implement; the `webhooks` are operations it only sends).
 */
export function printServerCatalogs(
  model: TsModel,
  errorStatuses: { code: string; status: number }[],
  operationIds: string[] = [],
): string {
  const statuses = errorStatuses.map((e) => `  ${e.code}: ${e.status},`).join('\n');
  return (
    `${generatedHeader('//')}\n` +
    `/** Every problem \`code\` the API returns, with its HTTP status (spec/errors). */\n` +
    `export const ERROR_CODE_STATUS = {\n${statuses}\n} as const;\n` +
    `export type ProblemCode = keyof typeof ERROR_CODE_STATUS;\n\n` +
    `/** Every event type that has a payload schema under spec/schemas/events/. */\n` +
    `export const CATALOG_EVENT_TYPES = [${model.eventTypes.map((t) => JSON.stringify(t)).join(', ')}] as const;\n\n` +
    `/** The \`operationId\` of every path operation, sorted. */\n` +
    `export const OPERATION_IDS = [${operationIds.map((id) => JSON.stringify(id)).join(', ')}] as const;\n` +
    `export type OperationId = (typeof OPERATION_IDS)[number];\n`
  );
}

/** `index.ts`: re-exports the contract. */
export function printServerContractIndex(): string {
  return (
    `${generatedHeader('//')}\nexport * from './catalogs.ts';\nexport * from './enums.ts';\n` +
    `export type { components, operations, paths } from './openapi.ts';\n`
  );
}
