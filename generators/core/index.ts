export * from './naming.js';
export * from './generated-file.js';
export * from './manifest.js';
export * from './write-files.js';
export * from './format-code.js';
