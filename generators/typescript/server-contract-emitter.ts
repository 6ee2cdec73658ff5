import { type Emitter, emit } from '../core/emitter.js';
import { formatWithPrettier } from '../core/formatters/index.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { ErrorCode, Ir } from '../ir/ir-types.js';
import { printOperationTypes } from './print-operation-types.js';
import { printServerCatalogs, printServerContractIndex, printServerEnums } from './print-server-contract.js';
import { refine, type TsModel } from './refine.js';

/** The generator's name in the contract's manifest. */
export const SERVER_CONTRACT_GENERATOR = 'namaskah-generators/server-contract';

/** What the server's contract module prints: the TypeScript model plus each error code's status. */
export interface ServerContractModel {
  ts: TsModel;
  errorStatuses: ErrorCode[];
  /** The `operationId` of every path operation (not the `webhooks`), sorted: the handler table's keys. */
  operationIds: string[];
}

/**
 * The reference server's contract module (paths relative to server-reference/src/contract/): the enums and
 * catalogs from the TypeScript emitter's refine, and openapi-typescript's operation and model types from the
 * bundled contract (`openapi.ts`, the one source of model types), then prettier. No goldens.
 */
export const serverContractEmitter: Emitter<ServerContractModel> = {
  everyOperation: true,
  name: 'server-contract',
  generator: SERVER_CONTRACT_GENERATOR,
  outputRoot: 'server-reference/src/contract',
  refine: (ir, plan) => ({
    ts: refine(ir, plan),
    errorStatuses: ir.errorCodes,
    operationIds: ir.resources.flatMap((r) => r.operations.map((o) => o.id)).sort(),
  }),
  print: ({ ts, errorStatuses, operationIds }) => [
    { path: 'catalogs.ts', contents: printServerCatalogs(ts, errorStatuses, operationIds) },
    { path: 'enums.ts', contents: printServerEnums(ts) },
    { path: 'index.ts', contents: printServerContractIndex() },
  ],
  printBundled: async (openapi) => [await printOperationTypes(openapi)],
  format: formatWithPrettier,
};

export function emitServerContract(ir: Ir): Promise<GeneratedFile[]> {
  return emit(serverContractEmitter, ir);
}
