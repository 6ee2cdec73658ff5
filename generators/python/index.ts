export { emitPython, PYTHON_GENERATOR, pythonEmitter } from './emitter.js';
