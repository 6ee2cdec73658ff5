export { emitTypescript, TYPESCRIPT_GENERATOR } from './emit-typescript.js';
export { emitServerContract, SERVER_CONTRACT_GENERATOR } from './emit-server-contract.js';
