/**
 * The worker thread that owns PGlite (started by pglite-worker-client.ts): the WASM engine runs here, off
 * the HTTP server's event loop. Each request gets one reply; PGlite runs them one at a time in arrival
 * order (its own query lock), so the main thread's order is the database's order.
 *
 * Erasable TypeScript only (no enums, parameter properties or namespaces) and `import type` for types:
 * this file loads under `node --import tsx` and under Node's own type stripping alike.
 */
import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import { INT8_PARSERS } from '../int8-parsers.ts';
import { templateOption } from '../pglite-template-option.ts';
import { serializeError } from './database-error-fields.ts';
import type { StatementResult, WorkerOptions, WorkerReply, WorkerRequest } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('pglite-worker-entry.ts runs as a worker thread (new Worker), not as a script');
const options = workerData as WorkerOptions;
const reply = (message: WorkerReply) => port.postMessage(message);

const statement = (result: { rows: unknown[]; affectedRows?: number }): StatementResult => ({
  rows: result.rows as Record<string, unknown>[],
  affectedRows: result.affectedRows,
});

async function answer(database: PGlite, request: WorkerRequest): Promise<StatementResult | StatementResult[] | null> {
  switch (request.kind) {
    case 'query':
      return statement(await database.query(request.sql, request.params));
    case 'exec':
      return (await database.exec(request.sql)).map(statement);
    case 'close':
      await database.close();
      return null;
  }
}

async function open(): Promise<PGlite | null> {
  try {
    const database = new PGlite(options.dataDir, { parsers: INT8_PARSERS, ...templateOption(options.template) });
    await database.waitReady;
    return database;
  } catch (error) {
    reply({ id: 0, ok: false, error: serializeError(error) });
    return null;
  }
}

const database = await open();
if (!database) {
  port.close(); // nothing else keeps the thread alive: it ends, and the client reports the reply above
} else {
  port.on('message', (request: WorkerRequest) => {
    answer(database, request).then(
      (result) => {
        reply({ id: request.id, ok: true, result });
        if (request.kind === 'close') port.close();
      },
      (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
    );
  });
  reply({ id: 0, ok: true, result: null });
}
