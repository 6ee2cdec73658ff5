import WebSocket from 'isomorphic-ws';
import { AuthenticationError, NamaskahError, PermissionDeniedError } from '../core/errors.js';
import type { WebhookEvent } from '../models/webhook-event.js';
import type { Realtime } from '../resources/realtime.js';

/** Any platform event, narrowed by `type`. */
export type RealtimeEvent = WebhookEvent;
export type RealtimeEventType = RealtimeEvent['type'];
export type RealtimeHandler<T extends RealtimeEventType> = (event: Extract<RealtimeEvent, { type: T }>) => void;

export interface RealtimeConnectOptions {
  /** `websocket` (default, falls back to SSE after repeated failures) or `sse` only. */
  transport?: 'websocket' | 'sse';
  /** Resume after this sequence (replays every later event first). */
  afterSequence?: number;
  /** Largest reconnect delay in ms (default 30 000). */
  maxReconnectDelay?: number;
  /** Consecutive WebSocket failures before switching to SSE (default 3). */
  websocketAttempts?: number;
  signal?: AbortSignal;
}

type Waiter = { resolve: (result: IteratorResult<RealtimeEvent>) => void; reject: (error: unknown) => void };

/**
 * The server closed the connection with a code that forbids reconnecting (asyncapi.yaml: 4003, the
 * account is suspended, the IP is not allowed, or the session or API key was revoked).
 */
export class RealtimeError extends NamaskahError {
  override name = 'RealtimeError';
  constructor(
    readonly closeCode: number,
    reason: string,
  ) {
    super(`Real time closed with ${closeCode} ${reason}`.trim());
  }
}

/** Close codes after which reconnecting cannot help. */
const FATAL_CLOSE_CODES = new Set([4003]);

/** A wrong or revoked key (401), or a forbidden account (403), fails every reconnect the same way. */
const isFatal = (error: unknown): error is NamaskahError =>
  error instanceof AuthenticationError || error instanceof PermissionDeniedError || error instanceof RealtimeError;

/**
 * A live subscription to the caller's events: reconnects by itself with jittered exponential backoff,
 * resumes from the last sequence seen (no gap, no duplicate), and falls back from WebSocket to SSE.
 * Iterate it with `for await`, or register typed handlers with `on()`. A fatal error (a 401 or 403 for the
 * key, or close code 4003) is not retried: it goes to the `error` handlers, rejects `ready` and the
 * iteration, and the connection closes.
 */
export class RealtimeConnection implements AsyncIterable<RealtimeEvent> {
  /** Sequence of the last event delivered; resumption starts after it. */
  lastSequence: number;
  /** The transport in use now. */
  transport: 'websocket' | 'sse';
  readonly #resource: Realtime;
  readonly #options: RealtimeConnectOptions;
  readonly #handlers = new Map<string, Set<(event: RealtimeEvent) => void>>();
  readonly #buffer: RealtimeEvent[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #stop = new AbortController();
  #closed = false;
  #error: NamaskahError | undefined;
  #ready!: { resolve: () => void; reject: (error: unknown) => void };
  /**
   * Settles once the first subscription is confirmed (`ready`, or the SSE stream is open): every event
   * after that moment will be delivered. Rejects with the fatal error, or when closed before that.
   */
  readonly ready: Promise<void> = new Promise((resolve, reject) => (this.#ready = { resolve, reject }));

  constructor(resource: Realtime, options: RealtimeConnectOptions = {}) {
    this.#resource = resource;
    this.#options = options;
    this.lastSequence = options.afterSequence ?? 0;
    this.transport = options.transport ?? 'websocket';
    this.ready.catch(() => {}); // awaiting it is optional
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
    void this.#run();
  }

  /** Calls `handler` for every event of `type` (`'*'` for all); returns a function that unsubscribes. */
  on<T extends RealtimeEventType>(type: T, handler: RealtimeHandler<T>): () => void;
  on(type: '*', handler: (event: RealtimeEvent) => void): () => void;
  /** A fatal error, after which the connection is closed. */
  on(type: 'error', handler: (error: NamaskahError) => void): () => void;
  on(type: string, handler: (event: never) => void): () => void {
    const set = this.#handlers.get(type) ?? new Set();
    set.add(handler as (event: RealtimeEvent) => void);
    this.#handlers.set(type, set);
    return () => set.delete(handler as (event: RealtimeEvent) => void);
  }

  /** Stops reconnecting and closes the transport. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stop.abort();
    this.#ready.reject(this.#error ?? new NamaskahError('Real time closed'));
    for (const waiter of this.#waiters.splice(0)) {
      if (this.#error) waiter.reject(this.#error);
      else waiter.resolve({ done: true, value: undefined });
    }
  }

  /** The fatal error that stopped the connection, if any. */
  get error(): NamaskahError | undefined {
    return this.#error;
  }

  #fail(error: NamaskahError): void {
    if (this.#closed) return;
    this.#error = error;
    for (const handler of this.#handlers.get('error') ?? []) handler(error as never);
    this.close();
  }

  get closed(): boolean {
    return this.#closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<RealtimeEvent> {
    return {
      next: () => {
        const event = this.#buffer.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        if (this.#error) return Promise.reject(this.#error);
        if (this.#closed) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
      },
      return: () => {
        this.close();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  #deliver(event: RealtimeEvent): void {
    if (typeof event.sequence === 'number') {
      if (event.sequence <= this.lastSequence) return; // a replay overlap: already delivered
      this.lastSequence = event.sequence;
    }
    for (const handler of [...(this.#handlers.get(event.type) ?? []), ...(this.#handlers.get('*') ?? [])]) handler(event);
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve({ done: false, value: event });
    else this.#buffer.push(event);
  }

  async #run(): Promise<void> {
    let failures = 0;
    let websocketFailures = 0;
    while (!this.#closed) {
      let opened = false;
      const onOpen = () => {
        opened = true;
        this.#ready.resolve();
      };
      try {
        if (this.transport === 'websocket') await this.#runWebSocket(onOpen);
        else await this.#runSse(onOpen);
      } catch (error) {
        if (isFatal(error)) return this.#fail(error);
        // Any other failure leads to a reconnect after a backoff.
      }
      if (this.#closed) return;
      if (opened) {
        failures = 0;
        websocketFailures = 0;
      } else {
        failures++;
        if (this.transport === 'websocket' && ++websocketFailures >= (this.#options.websocketAttempts ?? 3)) {
          this.transport = 'sse';
        }
      }
      await this.#wait(reconnectDelay(failures, this.#options.maxReconnectDelay ?? 30_000));
    }
  }

  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#stop.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }

  async #runWebSocket(onOpen: () => void): Promise<void> {
    const ticket = await this.#resource.tickets.create({ signal: this.#stop.signal });
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(ticket.url);
      const stop = () => socket.close(1000);
      this.#stop.signal.addEventListener('abort', stop, { once: true });
      // asyncapi.yaml: the server sends a heartbeat every 15 s; 45 s of silence means a dead connection.
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const feed = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => socket.close(4000), 45_000);
      };
      socket.onopen = () => {
        feed();
        socket.send(JSON.stringify({ type: 'auth', ticket: ticket.ticket }));
        const subscribe: Record<string, unknown> = { type: 'subscribe' };
        if (this.lastSequence > 0) subscribe.last_sequence = this.lastSequence;
        socket.send(JSON.stringify(subscribe));
      };
      socket.onmessage = (message) => {
        feed();
        let parsed: { type?: string; sequence?: unknown } | undefined;
        try {
          parsed = JSON.parse(String(message.data));
        } catch {
          return;
        }
        if (!parsed || typeof parsed.type !== 'string') return;
        if (parsed.type === 'ready') return onOpen();
        if (typeof parsed.sequence === 'number' && parsed.type.includes('.')) {
          onOpen();
          this.#deliver(parsed as RealtimeEvent);
        }
      };
      socket.onerror = (error) => reject(error);
      socket.onclose = (event) => {
        clearTimeout(watchdog);
        this.#stop.signal.removeEventListener('abort', stop);
        if (FATAL_CLOSE_CODES.has(event.code)) reject(new RealtimeError(event.code, event.reason));
        else resolve();
      };
    });
  }

  async #runSse(onOpen: () => void): Promise<void> {
    const params = this.lastSequence > 0 ? { lastEventId: String(this.lastSequence) } : {};
    const stream = await this.#resource.events.stream(params, { signal: this.#stop.signal, maxRetries: 0 });
    onOpen();
    for await (const message of stream) {
      if (this.#closed) break;
      try {
        this.#deliver(JSON.parse(message.data) as RealtimeEvent);
      } catch {
        // A malformed frame is skipped; the sequence check reveals any gap on the next event.
      }
    }
  }
}

/** Jittered exponential reconnect delay: up to min(0.5 s x 2^n, max), at least half of it. */
function reconnectDelay(failures: number, max: number, random: () => number = Math.random): number {
  if (failures === 0) return Math.round(250 * random());
  const ceiling = Math.min(500 * 2 ** (failures - 1), max);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
