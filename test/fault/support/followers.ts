/**
 * Real-time clients written from `spec/asyncapi.yaml` and the SSE operation alone, as an integrator would:
 * each records every event sequence it processes, reconnects after any disconnection with jittered
 * backoff and resumes from its last sequence (`subscribe.last_sequence`, `Last-Event-ID`).
 */
import { createParser } from 'eventsource-parser';

export interface Follower {
  /** Sequences in the order processed; a correct stream is 1, 2, 3, ... with nothing missing or repeated. */
  readonly sequences: number[];
  /** Connections opened (1 + reconnections). */
  readonly connections: number;
  /** Sequences that arrived out of order on one connection (a gap or a repetition the server sent). */
  readonly violations: string[];
  stop(): void;
}

const backoff = (attempt: number) => Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);

abstract class Resuming implements Follower {
  readonly url: string;
  readonly accessToken: string;
  readonly sequences: number[] = [];
  readonly violations: string[] = [];
  connections = 0;
  protected stopped = false;
  #failures = 0;

  constructor(url: string, accessToken: string) {
    this.url = url;
    this.accessToken = accessToken;
  }

  get last(): number {
    return this.sequences.at(-1) ?? 0;
  }

  protected accept(sequence: number): void {
    if (sequence !== this.last + 1) this.violations.push(`got ${sequence} after ${this.last}`);
    this.sequences.push(sequence);
    this.#failures = 0;
  }

  protected reconnectLater(): void {
    if (this.stopped) return;
    setTimeout(() => this.connect(), backoff(this.#failures++));
  }

  abstract connect(): void;
  abstract stop(): void;
}

/** A WebSocket client (Node's global WebSocket) authenticating with an access token. */
export class WebSocketFollower extends Resuming {
  #socket: WebSocket | undefined;
  constructor(url: string, accessToken: string) {
    super(url, accessToken);
    this.connect();
  }

  connect(): void {
    if (this.stopped) return;
    this.connections++;
    const socket = new WebSocket(this.url);
    this.#socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'auth', access_token: this.accessToken }));
      socket.send(JSON.stringify({ type: 'subscribe', last_sequence: this.last }));
    };
    socket.onmessage = (message) => {
      const data = JSON.parse(String(message.data));
      if (typeof data.sequence === 'number' && data.type !== 'ready' && data.type !== 'heartbeat') this.accept(data.sequence);
    };
    socket.onclose = () => this.reconnectLater();
    socket.onerror = () => undefined;
  }

  stop(): void {
    this.stopped = true;
    this.#socket?.close(1000);
  }
}

/** An SSE client over fetch, parsing with eventsource-parser; resumes with `Last-Event-ID`. */
export class SseFollower extends Resuming {
  #abort: AbortController | undefined;
  constructor(url: string, accessToken: string) {
    super(url, accessToken);
    this.connect();
  }

  connect(): void {
    if (this.stopped) return;
    this.connections++;
    const abort = new AbortController();
    this.#abort = abort;
    const headers: Record<string, string> = { authorization: `Bearer ${this.accessToken}`, accept: 'text/event-stream' };
    // from the first event: a stream opened without Last-Event-ID starts with the events after it opened
    headers['last-event-id'] = String(this.last);
    void (async () => {
      try {
        const response = await fetch(this.url, { headers, signal: abort.signal });
        if (!response.ok || !response.body) throw new Error(`SSE ${response.status}`);
        const parser = createParser({
          onEvent: (event) => {
            if (event.id && /^\d+$/.test(event.id)) this.accept(Number(event.id));
          },
        });
        const decoder = new TextDecoder();
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read())
          parser.feed(decoder.decode(read.value, { stream: true }));
      } catch {
        // cut, refused or aborted: reconnect below unless stopped
      }
      this.reconnectLater();
    })();
  }

  stop(): void {
    this.stopped = true;
    this.#abort?.abort();
  }
}
