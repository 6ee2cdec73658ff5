import { WebSocket } from 'ws';

/** A test WebSocket client that records every message and the close code. */
export class TestWsClient {
  readonly messages: any[] = [];
  closeCode: number | null = null;
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  #waiters: Array<() => void> = [];

  /** `autoPong: false` makes a client that never answers the server's pings (a silent, dead-looking peer). */
  constructor(url: string, options: { autoPong?: boolean } = {}) {
    this.socket = new WebSocket(url, { autoPong: options.autoPong ?? true });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once('close', (code) => {
        this.closeCode = code;
        resolve(code);
        this.#wake();
      }),
    );
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      this.#wake();
    });
    this.socket.on('error', () => undefined);
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Events (messages with a sequence) received so far. */
  get events(): any[] {
    return this.messages.filter((m) => typeof m.sequence === 'number' && m.type !== 'ready');
  }

  /** Waits until `predicate` holds over the messages (or the timeout fails the test). */
  async until(predicate: (client: TestWsClient) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; messages: ${JSON.stringify(this.messages).slice(0, 500)} close: ${this.closeCode}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 100));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<number> {
    this.socket.close(1000);
    return this.closed;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Re-exported for the benchmarks under test/bench, which resolve packages from the server's dependencies. */
export { WebSocket };
