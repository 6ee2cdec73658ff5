import { formatFiles } from '../core/format-code.js';
import type { GeneratedFile } from '../core/generated-file.js';
import type { Ir } from '../ir/ir-types.js';
import { printServerCatalogs, printServerContractIndex, printServerEnums, printServerModels } from './print-server-contract.js';
import { refine } from './refine.js';

/** The generator's name in the contract's manifest. */
export const SERVER_CONTRACT_GENERATOR = 'namaskah-generators/server-contract';

/**
 * Emits the reference server's contract module (paths relative to server-reference/src/contract/):
 * the TypeScript emitter's refine, these printers, prettier.
 */
export async function emitServerContract(ir: Ir): Promise<GeneratedFile[]> {
  const model = refine(ir);
  const files: GeneratedFile[] = [
    { path: 'catalogs.ts', contents: printServerCatalogs(model, ir.errorCodes) },
    { path: 'enums.ts', contents: printServerEnums(model) },
    { path: 'index.ts', contents: printServerContractIndex() },
    { path: 'models.ts', contents: printServerModels(model) },
  ];
  return formatFiles(files);
}
