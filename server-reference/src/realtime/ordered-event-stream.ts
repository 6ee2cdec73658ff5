import type { UserEvent } from '../storage/events/event-catalog.ts';
import type { EventStore } from '../events/index.ts';

/** Where an ordered stream writes; one per WebSocket or SSE connection. */
export interface EventSink {
  /** Sends one event; false when the connection's buffer is full (the stream then stops). */
  write(event: UserEvent): boolean;
  /** The connection is too slow: close it so that the client resumes. */
  overflow(): void;
  /** Something went wrong reading the store: close so that the client resumes. */
  fail(error: unknown): void;
}

/**
 * One connection's view of a user's events: replay from the store, then live events from the hub, in
 * strictly increasing sequence, with no gap and no repetition. Live events that arrive while the replay
 * runs are buffered; anything at or below the last sequence sent is dropped (a duplicate or already
 * replayed); a live event beyond the next expected sequence (events dispatched out of order by different
 * nodes) makes the stream fetch the missing ones from the store first. Commits of one user's events happen
 * in sequence order (they queue on the user's counter row), so whatever precedes a delivered event is
 * already in the store.
 */
export class OrderedEventStream {
  #last = 0;
  #catchingUp = true;
  #closed = false;
  #pending: UserEvent[] = [];

  private readonly options: { userId: string; store: EventStore; sink: EventSink; maxPending: number };
  constructor(options: { userId: string; store: EventStore; sink: EventSink; maxPending: number }) {
    this.options = options;
  }

  /** The last sequence sent. */
  get lastSequence(): number {
    return this.#last;
  }

  /** Sends every event with `after < sequence <= upTo` from the store, then whatever arrived live meanwhile. */
  async start(after: number, upTo: number): Promise<void> {
    this.#last = after;
    await this.#run(upTo);
  }

  /** A live event of this user from the hub. */
  push(event: UserEvent): void {
    if (this.#closed || event.sequence <= this.#last) return;
    if (this.#catchingUp) {
      this.#buffer(event);
      return;
    }
    if (event.sequence === this.#last + 1) {
      this.#emit(event);
      return;
    }
    this.#buffer(event);
    void this.#run(event.sequence - 1);
  }

  /** Stops all output. */
  close(): void {
    this.#closed = true;
    this.#pending = [];
  }

  #buffer(event: UserEvent): void {
    this.#pending.push(event);
    if (this.#pending.length > this.options.maxPending) {
      this.close();
      this.options.sink.overflow();
    }
  }

  async #run(upTo: number): Promise<void> {
    this.#catchingUp = true;
    try {
      for (let target = upTo; !this.#closed; ) {
        await this.#fill(target);
        if (this.#closed) return;
        const pending = this.#pending.sort((a, b) => a.sequence - b.sequence);
        this.#pending = [];
        let gap: { at: number; sequence: number } | null = null;
        for (const [i, event] of pending.entries()) {
          if (this.#closed) break;
          if (event.sequence <= this.#last) continue;
          if (event.sequence === this.#last + 1) {
            this.#emit(event);
            continue;
          }
          gap = { at: i, sequence: event.sequence };
          break;
        }
        if (!gap) break;
        // events after a gap go back to the buffer and the gap is fetched from the store
        this.#pending.push(...pending.slice(gap.at));
        target = gap.sequence - 1;
      }
    } catch (error) {
      if (!this.#closed) {
        this.close();
        this.options.sink.fail(error);
      }
      return;
    }
    this.#catchingUp = false;
  }

  async #fill(upTo: number): Promise<void> {
    while (!this.#closed && this.#last < upTo) {
      const batch = await this.options.store.range(this.options.userId, this.#last, upTo, 500);
      if (batch[0]?.sequence !== this.#last + 1) {
        throw new Error(`events ${this.#last + 1}..${upTo} of ${this.options.userId} are not in the store`);
      }
      for (const event of batch) {
        if (this.#closed) return;
        if (event.sequence !== this.#last + 1) throw new Error(`gap before sequence ${event.sequence}`);
        this.#emit(event);
      }
    }
  }

  #emit(event: UserEvent): void {
    this.#last = event.sequence;
    if (!this.options.sink.write(event)) {
      this.close();
      this.options.sink.overflow();
    }
  }
}
