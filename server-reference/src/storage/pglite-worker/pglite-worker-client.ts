import { Worker } from 'node:worker_threads';
import { deserializeError } from './database-error-fields.ts';
import type { StatementResult, WorkerOptions, WorkerReply, WorkerRequest } from './worker-protocol.ts';

/** A request before it is numbered (`Omit` applied to each member of the union). */
type Unnumbered<R> = R extends WorkerRequest ? Omit<R, 'id'> : never;
type RequestBody = Unnumbered<WorkerRequest>;
type ReplyResult = StatementResult | StatementResult[] | null;

interface Pending {
  resolve(result: ReplyResult): void;
  reject(error: Error): void;
}

const ENTRY = new URL('./pglite-worker-entry.ts', import.meta.url);

/**
 * PGlite in a worker thread (pglite-worker-entry.ts), seen from the main thread: `query` and `exec` like
 * PGlite's own, each one message out and one back (rows included), Postgres errors re-created here with
 * their fields. A crash or exit of the worker rejects everything in flight and everything after with
 * that reason, rather than leaving it waiting. The worker does not keep the process alive while idle,
 * like an in-process PGlite.
 *
 * Why not PGlite's own `@electric-sql/pglite/worker` (0.5): it is written for browser tabs (Web Worker
 * globals, leader election over `navigator.locks` and `BroadcastChannel`), sends only an error's message
 * across (the SQLSTATE `code`, `constraint` and `detail` the domain maps are lost), logs every failed
 * statement with `console.error`, and a query costs several round trips (query lock, then the protocol
 * messages one by one) with the rows parsed on the calling thread.
 *
 * @example
 * const client = new PgliteWorkerClient({ dataDir: 'memory://' });
 * await client.waitReady;
 * const { rows } = await client.query('select $1::int as n', [1]);
 * await client.close();
 */
export class PgliteWorkerClient {
  /** Resolves once the database is open; rejects with the reason it could not be opened. */
  readonly waitReady: Promise<void>;
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #idle: Array<() => void> = [];
  #nextId = 1;
  #failure: Error | null = null;
  #closing: Promise<void> | null = null;
  readonly #exited: Promise<void>;

  /** `entry` replaces the worker's script (tests use it to stand in a crashing worker). */
  constructor(options: WorkerOptions, entry: URL = ENTRY) {
    this.#worker = new Worker(entry, { workerData: options });
    this.#worker.unref();
    this.#exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.waitReady = new Promise<ReplyResult>((resolve, reject) => this.#track(0, { resolve, reject })).then(() => undefined);
    // a failed open is reported by every call (and by createDatabase's await), never as an unhandled rejection
    this.waitReady.catch(() => undefined);
    this.#worker.on('message', (reply: WorkerReply) => this.#settle(reply));
    this.#worker.on('error', (error: unknown) =>
      this.#fail(new Error(`the PGlite worker crashed: ${error instanceof Error ? error.message : String(error)}`, { cause: error })),
    );
    this.#worker.on('exit', (code) =>
      this.#fail(new Error(this.#closing ? 'the PGlite database is closed' : `the PGlite worker exited unexpectedly (exit code ${code})`)),
    );
  }

  /** One statement with `$n` parameters (PGlite's extended protocol). */
  async query(sql: string, params: unknown[] = []): Promise<StatementResult> {
    // sent at once, even before the database is open (the worker reads it then): in flight from this call on
    return (await this.#request({ kind: 'query', sql, params })) as StatementResult;
  }

  /** Statements without parameters, several allowed (PGlite's simple protocol); one result per statement. */
  async exec(sql: string): Promise<StatementResult[]> {
    return (await this.#request({ kind: 'exec', sql })) as StatementResult[];
  }

  /**
   * Lets the statements in flight finish, closes the database (a data directory is flushed to disk) and
   * ends the thread. Statements sent after this are refused. Resolves even after a crash: nothing is left to close.
   */
  close(): Promise<void> {
    this.#closing ??= this.#drainAndClose();
    return this.#closing;
  }

  async #drainAndClose(): Promise<void> {
    if (this.#pending.size > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    const closed = this.#failure
      ? null
      : await this.#send({ kind: 'close' }).then(
          () => null,
          (error: Error) => error,
        );
    // after a clean close the thread ends by itself (its port closed): let it, and terminate only one that
    // does not end within 2 s (or failed); terminating a thread that is already tearing down its
    // WebAssembly engine can bring the whole process down
    this.#worker.ref(); // the wait below keeps the process alive until the thread has ended
    const ended = await Promise.race([
      this.#exited.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false).unref()),
    ]);
    if (!ended || closed) await this.#worker.terminate();
    if (closed) throw closed;
  }

  #request(body: RequestBody): Promise<ReplyResult> {
    if (this.#closing && !this.#failure) return Promise.reject(new Error('the PGlite database is closed'));
    return this.#send(body);
  }

  #send(body: RequestBody): Promise<ReplyResult> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    const reply = new Promise<ReplyResult>((resolve, reject) => this.#track(id, { resolve, reject }));
    try {
      this.#worker.postMessage({ ...body, id } satisfies WorkerRequest);
    } catch (error) {
      // a parameter structured clone cannot copy (a function, a symbol): nothing was sent, nothing is owed
      this.#untrack(id)?.reject(error as Error);
    }
    return reply;
  }

  #track(id: number, pending: Pending): void {
    // the worker holds the process open only while it owes a reply
    if (this.#pending.size === 0) this.#worker.ref();
    this.#pending.set(id, pending);
  }

  #untrack(id: number): Pending | undefined {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (this.#pending.size === 0) {
      this.#worker.unref();
      for (const resolve of this.#idle.splice(0)) resolve();
    }
    return pending;
  }

  #settle(reply: WorkerReply): void {
    const pending = this.#untrack(reply.id);
    if (reply.ok) pending?.resolve(reply.result);
    else if (reply.id === 0)
      this.#fail(deserializeError(reply.error), pending); // not opened: nothing will be answered
    else pending?.reject(deserializeError(reply.error));
  }

  #fail(error: Error, opening?: Pending): void {
    this.#failure ??= error;
    opening?.reject(this.#failure);
    for (const id of [...this.#pending.keys()]) this.#untrack(id)?.reject(this.#failure);
  }
}
