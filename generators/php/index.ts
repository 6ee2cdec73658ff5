export { emitPhp, PHP_GENERATOR, phpEmitter } from './emitter.js';
