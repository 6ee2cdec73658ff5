import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import { toWireEvent, type UserEvent } from '../storage/events/event-catalog.ts';
import type { EventStore } from '../events/index.ts';
import { OrderedEventStream } from './ordered-event-stream.ts';
import { isDenial, type RealtimeAuth, type RealtimeDenial, type RealtimeSubject } from './realtime-auth.ts';
import type { RealtimeConfig } from './realtime-config.ts';
import type { RealtimeHub } from './realtime-hub.ts';
import type { RealtimeTickets } from './realtime-tickets.ts';
import { resumePoint } from './resume-window.ts';

/** Close codes of asyncapi.yaml. */
export const CLOSE = {
  unauthenticated: 4001,
  forbidden: 4003,
  authTimeout: 4008,
  resumeWindow: 4009,
  slowConsumer: 4010,
  idle: 4011,
  tooMany: 4029,
  goingAway: 1001,
  internal: 1011,
} as const;

/** How long a closing handshake may take before the socket is dropped (a dead peer never answers it). */
const CLOSE_GRACE_MS = 5_000;

const DENIAL_CLOSE: Record<string, number> = {
  unauthenticated: 4001,
  token_expired: 4001,
  invalid_ticket: 4001,
  forbidden: 4003,
  account_suspended: 4003,
};

export interface SessionDeps {
  config: RealtimeConfig;
  hub: RealtimeHub;
  store: EventStore;
  tickets: RealtimeTickets;
  auth: RealtimeAuth;
  logger?: Logger;
}

const now = () => new Date().toISOString();

/**
 * One WebSocket connection speaking the protocol of asyncapi.yaml: `auth` first (ticket or access token,
 * within `authTimeoutMs`), then `subscribe` (with resume), `ping`; the server sends `ready`, events,
 * `heartbeat`, `pong` and `error` before any 40xx close. Messages are handled one at a time, in order.
 */
export class WebSocketSession {
  #subject: RealtimeSubject | null = null;
  #stream: OrderedEventStream | null = null;
  #unsubscribe: (() => void) | null = null;
  #subscribed = false;
  #queue: Promise<void> = Promise.resolve();
  #timers: NodeJS.Timeout[] = [];
  #inFlight = 0;
  #lastSeen = Date.now();
  #closed = false;

  private readonly ws: WebSocket;
  private readonly deps: SessionDeps;
  constructor(ws: WebSocket, deps: SessionDeps) {
    this.ws = ws;
    this.deps = deps;
    const authTimer = setTimeout(() => {
      if (!this.#subject) this.#fail(CLOSE.authTimeout, 'auth_timeout', 'No auth message within the allowed time.');
    }, deps.config.authTimeoutMs);
    this.#timers.push(authTimer);
    ws.on('message', (data, isBinary) => {
      this.#lastSeen = Date.now();
      const text = isBinary ? null : data.toString();
      this.#queue = this.#queue
        .then(() => this.#handle(text))
        .catch((error) => {
          deps.logger?.error({ err: error }, 'real-time message handling failed');
          this.#fail(CLOSE.internal, 'internal_error', 'Internal error.');
        });
    });
    ws.on('pong', () => {
      this.#lastSeen = Date.now();
    });
    ws.on('close', () => this.#cleanup());
    ws.on('error', () => this.#cleanup());
  }

  /** Closes with 1001 (server shutting down). */
  goingAway(): void {
    if (this.#closed) return;
    this.#cleanup();
    this.ws.close(CLOSE.goingAway, 'server shutting down');
  }

  async #handle(text: string | null): Promise<void> {
    if (this.#closed) return;
    let message: any;
    try {
      message = text === null ? null : JSON.parse(text);
    } catch {
      message = null;
    }
    const type = message && typeof message === 'object' && !Array.isArray(message) ? message.type : undefined;
    if (!this.#subject) {
      if (type === 'auth') return this.#authenticate(message);
      return this.#fail(CLOSE.unauthenticated, 'unauthenticated', 'The first message must be auth.');
    }
    switch (type) {
      case 'auth':
        return this.#send({ type: 'error', code: 'already_authenticated', message: 'This connection is already authenticated.' });
      case 'subscribe':
        return this.#subscribe(message);
      case 'ping': {
        if (message.id !== undefined && (typeof message.id !== 'string' || message.id.length < 1 || message.id.length > 64))
          return this.#malformed('ping id must be a string of 1 to 64 characters.');
        return this.#send({ type: 'pong', id: message.id ?? null, at: now() });
      }
      case undefined:
        return this.#malformed('Each message must be a JSON object with a type.');
      default:
        return this.#send({ type: 'error', code: 'unknown_message_type', message: `Unknown message type ${String(type).slice(0, 64)}.` });
    }
  }

  async #authenticate(message: any): Promise<void> {
    const keys = Object.keys(message).filter((k) => k !== 'type');
    let result: RealtimeSubject | RealtimeDenial;
    if (keys.length === 1 && typeof message.ticket === 'string' && /^rtt_[A-Za-z0-9]+$/.test(message.ticket)) {
      const subject = await this.deps.tickets.redeem(message.ticket);
      if (!subject) return this.#fail(CLOSE.unauthenticated, 'invalid_ticket', 'The ticket is unknown, expired or already used.');
      const denial = await this.deps.auth.check(subject);
      result = denial ?? subject;
    } else if (
      keys.length === 1 &&
      typeof message.access_token === 'string' &&
      message.access_token.length > 0 &&
      message.access_token.length <= 4096
    ) {
      result = await this.deps.auth.verifyAccessToken(message.access_token);
    } else {
      return this.#fail(CLOSE.unauthenticated, 'unauthenticated', 'auth needs exactly one of ticket or access_token.');
    }
    if (this.#closed) return;
    if (isDenial(result)) return this.#fail(DENIAL_CLOSE[result.code] ?? CLOSE.unauthenticated, result.code, result.message);
    if (this.deps.hub.connections(result.userId) >= this.deps.config.maxConnectionsPerUser) {
      return this.#fail(
        CLOSE.tooMany,
        'too_many_connections',
        `At most ${this.deps.config.maxConnectionsPerUser} real-time connections per user.`,
      );
    }
    this.#subject = result;
    clearTimeout(this.#timers[0]);
    // counted (and buffering) from now on, so the connection limit holds and nothing is missed before subscribe
    const stream = new OrderedEventStream({
      userId: result.userId,
      store: this.deps.store,
      maxPending: this.deps.config.maxBufferedEvents,
      sink: {
        write: (event) => this.#sendEvent(event),
        overflow: () => this.#fail(CLOSE.slowConsumer, 'slow_consumer', 'The connection read too slowly; reconnect and resume.'),
        fail: (error) => {
          this.deps.logger?.error({ err: error }, 'real-time replay failed');
          this.#fail(CLOSE.internal, 'internal_error', 'Internal error.');
        },
      },
    });
    const leaveEvents = this.deps.hub.subscribe(result.userId, (event: UserEvent) => {
      if (this.#subscribed) stream.push(event);
    });
    const leaveMessages = this.deps.hub.subscribeMessages(result.userId, (message) => {
      if (this.#subscribed) this.#send(message);
    });
    this.#unsubscribe = () => {
      leaveEvents();
      leaveMessages();
    };
    this.#startTimers();
    this.#stream = stream;
  }

  async #subscribe(message: any): Promise<void> {
    if (this.#subscribed)
      return this.#send({ type: 'error', code: 'already_subscribed', message: 'This connection is already subscribed.' });
    const extra = Object.keys(message).filter((k) => k !== 'type' && k !== 'last_sequence');
    const last = message.last_sequence;
    if (extra.length > 0 || (last !== undefined && (!Number.isSafeInteger(last) || last < 0))) {
      return this.#malformed('subscribe takes only last_sequence, a non-negative integer.');
    }
    const stream = this.#stream!;
    const userId = this.#subject!.userId;
    // live events are taken (and buffered by the stream) from before the latest sequence is read, so an
    // event committed in between is not lost; the stream drops what the replay already sent
    this.#subscribed = true;
    const point = await resumePoint(this.deps.store, this.deps.config, userId, last ?? null);
    if (this.#closed) return;
    if (point === 'exceeded') {
      return this.#fail(
        CLOSE.resumeWindow,
        'resume_window_exceeded',
        `Events after sequence ${last} are no longer replayable; fetch them with GET /v1/events.`,
      );
    }
    this.#send({ type: 'ready', user_id: userId, sequence: point.latest, resumed_from: point.resumedFrom });
    await stream.start(point.after, point.latest);
  }

  #startTimers(): void {
    const { heartbeatMs, idleTimeoutMs, revalidateMs } = this.deps.config;
    this.#timers.push(
      setInterval(() => {
        if (Date.now() - this.#lastSeen > idleTimeoutMs) {
          // a close frame with a documented code, so a peer that is only slow learns why (not a bare 1006)
          this.#fail(CLOSE.idle, 'idle_timeout', `Nothing received (no message, no pong) for ${Math.round(idleTimeoutMs / 1000)} seconds.`);
          setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
          return;
        }
        this.#send({ type: 'heartbeat', at: now() });
        this.ws.ping();
      }, heartbeatMs),
    );
    this.#timers.push(
      setInterval(() => {
        void this.deps.auth
          .check(this.#subject!)
          .then((denial) => {
            if (denial) this.#fail(DENIAL_CLOSE[denial.code] ?? CLOSE.forbidden, denial.code, denial.message);
          })
          .catch((error) => this.deps.logger?.warn({ err: error }, 'real-time revalidation failed'));
      }, revalidateMs),
    );
    for (const timer of this.#timers) timer.unref();
  }

  /** False when the connection is over its buffer limits (the caller then closes it with 4010). */
  #sendEvent(event: UserEvent): boolean {
    if (this.#closed) return true;
    if (this.#inFlight >= this.deps.config.maxBufferedEvents || this.ws.bufferedAmount > this.deps.config.maxBufferedBytes) return false;
    this.#inFlight++;
    this.ws.send(JSON.stringify(toWireEvent(event)), () => {
      this.#inFlight--;
    });
    return true;
  }

  #send(message: Record<string, unknown>): void {
    if (this.#closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(message));
  }

  #malformed(message: string): void {
    this.#send({ type: 'error', code: 'malformed_message', message });
  }

  #fail(code: number, errorCode: string, message: string): void {
    if (this.#closed) return;
    this.#send({ type: 'error', code: errorCode, message });
    this.#cleanup();
    this.ws.close(code, errorCode);
  }

  #cleanup(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#stream?.close();
    this.#unsubscribe?.();
  }
}
