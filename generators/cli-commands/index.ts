export { cliCommandsEmitter } from './emitter.js';
