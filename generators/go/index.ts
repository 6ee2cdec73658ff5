export { emitGo, GO_GENERATOR, goEmitter } from './emitter.js';
