export { emitTypescript, TYPESCRIPT_GENERATOR, typescriptEmitter } from './emitter.js';
export { emitServerContract, SERVER_CONTRACT_GENERATOR, serverContractEmitter } from './server-contract-emitter.js';
