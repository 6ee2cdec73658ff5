export { emitGo, GO_GENERATOR } from './emit-go.js';
