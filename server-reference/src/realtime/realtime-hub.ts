import type { UserEvent } from '../storage/events/event-catalog.ts';

export type EventListener = (event: UserEvent) => void;

/** A live message that is not a sequenced event (`notification.created`): sent once, never replayed. */
export type LiveMessage = { type: string } & Record<string, unknown>;
export type LiveMessageListener = (message: LiveMessage) => void;

/**
 * In-process fan-out of committed events to this node's connections, by user id. Fed by the outbox
 * dispatcher directly (one node) or through Redis (several nodes). Redelivered events are dropped here by
 * id; each connection also drops anything at or below the sequence it already sent.
 */
export class RealtimeHub {
  readonly #listeners = new Map<string, Set<EventListener>>();
  readonly #messageListeners = new Map<string, Set<LiveMessageListener>>();
  readonly #recent = new Set<string>();
  readonly #recentLimit: number;

  constructor(options: { recentIds?: number } = {}) {
    this.#recentLimit = options.recentIds ?? 10_000;
  }

  /** Adds a listener for a user's events; returns the function that removes it. */
  subscribe(userId: string, listener: EventListener): () => void {
    let set = this.#listeners.get(userId);
    if (!set) {
      set = new Set();
      this.#listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(userId) === set) this.#listeners.delete(userId);
    };
  }

  /** Adds a listener for a user's live messages (not events); returns the function that removes it. */
  subscribeMessages(userId: string, listener: LiveMessageListener): () => void {
    let set = this.#messageListeners.get(userId);
    if (!set) {
      set = new Set();
      this.#messageListeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#messageListeners.get(userId) === set) this.#messageListeners.delete(userId);
    };
  }

  /**
   * Hands a live message to the user's connections on this node (the notification router's
   * `LivePublisher`). Nothing is kept: a user without a connection here misses it, and reads the inbox.
   */
  publishToUser(userId: string, message: LiveMessage): void {
    for (const listener of [...(this.#messageListeners.get(userId) ?? [])]) listener(message);
  }

  /** Connections of a user on this node. */
  connections(userId: string): number {
    return this.#listeners.get(userId)?.size ?? 0;
  }

  /** All connections on this node. */
  get size(): number {
    let total = 0;
    for (const set of this.#listeners.values()) total += set.size;
    return total;
  }

  /** Users with at least one connection on this node. */
  users(): string[] {
    return [...this.#listeners.keys()];
  }

  /**
   * Hands events to the local listeners again, even those this hub has seen: after the fan-out may have
   * missed some (its Redis connection was cut), each stream drops what it already sent and fetches any
   * gap before it from the store.
   */
  redeliver(events: UserEvent[]): void {
    for (const event of events) for (const listener of [...(this.#listeners.get(event.userId) ?? [])]) listener(event);
  }

  /** Delivers events to the local listeners of their users (each event once per hub). */
  publish(events: UserEvent[]): void {
    for (const event of events) {
      if (this.#recent.has(event.id)) continue;
      this.#remember(event.id);
      const set = this.#listeners.get(event.userId);
      if (!set) continue;
      for (const listener of [...set]) listener(event);
    }
  }

  #remember(id: string): void {
    this.#recent.add(id);
    if (this.#recent.size > this.#recentLimit) {
      // Sets iterate in insertion order: drop the oldest
      const oldest = this.#recent.values().next().value;
      if (oldest !== undefined) this.#recent.delete(oldest);
    }
  }
}
