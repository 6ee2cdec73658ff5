export { mcpToolsEmitter } from './emitter.js';
