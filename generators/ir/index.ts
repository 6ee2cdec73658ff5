export { buildIr, type BuildIrResult } from './build-ir.js';
export type * from './ir-types.js';
