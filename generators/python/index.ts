export { emitPython, PYTHON_GENERATOR } from './emit-python.js';
