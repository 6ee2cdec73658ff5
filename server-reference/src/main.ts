import { enableCompileCache } from 'node:module';

/**
 * Starts one node of the platform (see platform/start-platform.ts): PGlite under ./data unless
 * DATABASE_URL is set, the providers named in PROVIDERS, Redis fan-out when REDIS_URL is set, and the
 * dashboard when web/dist is built. SIGTERM or SIGINT stops it cleanly.
 *
 * Start-up order, for a fast start (issue 19): V8's compile cache first (NODE_COMPILE_CACHE, else a folder
 * in the OS temp dir), so a warm start neither re-strips the types nor re-compiles the server's modules;
 * then only the configuration and the database modules, so the database opens while the rest loads.
 */
enableCompileCache();
const { loadConfig } = await import('./config.ts');
const { createDatabase } = await import('./storage/create-database.ts');
const config = loadConfig();
const opening = createDatabase(config);
opening.catch(() => undefined); // awaited below, once the modules are loaded; a failure is thrown there
const { serveNode } = await import('./platform/serve-node.ts');
await serveNode(config, await opening);
