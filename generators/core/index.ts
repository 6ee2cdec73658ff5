export * from './naming.js';
export * from './generated-file.js';
export * from './manifest.js';
export * from './write-files.js';
export * from './emitter.js';
export * from './error-families.js';
export * from './operation-plan.js';
export * from './formatters/index.js';
