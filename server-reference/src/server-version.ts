import { readFileSync } from 'node:fs';

/** The reference server's version (its package.json), as health, admin health and traces report it. */
export const SERVER_VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
