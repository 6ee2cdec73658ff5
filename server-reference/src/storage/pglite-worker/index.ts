export { PgliteWorkerClient } from './pglite-worker-client.ts';
export { pgliteWorkerDialect } from './pglite-worker-dialect.ts';
