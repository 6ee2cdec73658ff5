export { emitTypescript, TYPESCRIPT_GENERATOR } from './emit-typescript.js';
