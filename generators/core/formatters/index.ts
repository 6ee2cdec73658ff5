/**
 * Every language's own formatter, behind one folder: each takes generated files, formats the ones of its
 * language (by extension) and passes the others through. Output is remembered by content (cache.ts).
 */
export { cachedFormat, cachedFormatSync, setFormatCacheEnabled } from './cache.js';
export { formatWithGofmt } from './gofmt.js';
export { formatWithPrettier } from './prettier.js';
export { formatWithRuff } from './ruff.js';
