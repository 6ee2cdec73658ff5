import WebSocket from 'isomorphic-ws';
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

type Waiter = (result: IteratorResult<RealtimeEvent>) => void;

/**
 * A live subscription to the caller's events: reconnects by itself with jittered exponential backoff,
 * resumes from the last sequence seen (no gap, no duplicate), and falls back from WebSocket to SSE.
 * Iterate it with `for await`, or register typed handlers with `on()`.
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

  constructor(resource: Realtime, options: RealtimeConnectOptions = {}) {
    this.#resource = resource;
    this.#options = options;
    this.lastSequence = options.afterSequence ?? 0;
    this.transport = options.transport ?? 'websocket';
    options.signal?.addEventListener('abort', () => this.close(), { once: true });
    void this.#run();
  }

  /** Calls `handler` for every event of `type` (`'*'` for all); returns a function that unsubscribes. */
  on<T extends RealtimeEventType>(type: T, handler: RealtimeHandler<T>): () => void;
  on(type: '*', handler: (event: RealtimeEvent) => void): () => void;
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
    for (const waiter of this.#waiters.splice(0)) waiter({ done: true, value: undefined });
  }

  get closed(): boolean {
    return this.#closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<RealtimeEvent> {
    return {
      next: () => {
        const event = this.#buffer.shift();
        if (event) return Promise.resolve({ done: false, value: event });
        if (this.#closed) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => this.#waiters.push(resolve));
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
    if (waiter) waiter({ done: false, value: event });
    else this.#buffer.push(event);
  }

  async #run(): Promise<void> {
    let failures = 0;
    let websocketFailures = 0;
    while (!this.#closed) {
      let opened = false;
      try {
        if (this.transport === 'websocket') await this.#runWebSocket(() => (opened = true));
        else await this.#runSse(() => (opened = true));
      } catch {
        // The reason does not matter here: every failure leads to a reconnect after a backoff.
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
      socket.onclose = () => {
        clearTimeout(watchdog);
        this.#stop.signal.removeEventListener('abort', stop);
        resolve();
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
export function reconnectDelay(failures: number, max: number, random: () => number = Math.random): number {
  if (failures === 0) return Math.round(250 * random());
  const ceiling = Math.min(500 * 2 ** (failures - 1), max);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
