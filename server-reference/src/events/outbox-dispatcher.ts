import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { onEventsCommitted } from '../storage/events/append-event.ts';
import type { UserEvent } from '../storage/events/event-catalog.ts';
import type { EventRow } from '../storage/events/event-tables.ts';
import { eventFromRow } from './event-row.ts';
import { contextFromTraceParent, inSpan, linkTo, ROOT_CONTEXT, SpanKind } from '../observability/spans.ts';
import type { Database } from '../storage/database-schema.ts';

/**
 * A named consumer of committed events (the real-time hub, the notification router, the webhook queue).
 * Each has its own outbox rows, so one consumer's failure neither blocks nor repeats another's work.
 */
export interface EventConsumer {
  /** Stable name; its outbox rows are kept under it across restarts. */
  name: string;
  /**
   * Takes a batch of committed events, oldest outbox entry first. Delivery is at least once: a batch is
   * redelivered when this throws or the process dies before it returns, so dedupe by event id.
   */
  handle(events: UserEvent[]): Promise<void>;
}

export interface DispatcherOptions {
  db: Kysely<Database>;
  consumers: EventConsumer[];
  logger?: Logger;
  batchSize?: number;
  /** How long a claimed batch stays invisible to other dispatchers (the redelivery delay after a crash). */
  leaseMs?: number;
  /** The safety net: picks up events appended by processes without a dispatcher, and rows whose lease or backoff ended. */
  pollIntervalMs?: number;
}

/** A claimed outbox row with its event's columns (null when the event is gone). */
type ClaimedRow = { outbox_id: number; attempts: number } & (EventRow | { id: null });

/**
 * The hand-over's span: a child of the appending span when the batch is one event, linked to every
 * appending span otherwise (a batch has many causes; a trace has one parent).
 */
function handOverSpan(consumer: string, rows: ClaimedRow[]) {
  const traceParents = rows.flatMap((row) => (row.id !== null && row.trace_parent ? [row.trace_parent] : []));
  return {
    kind: SpanKind.CONSUMER,
    attributes: { 'namaskah.consumer': consumer, 'messaging.batch.message_count': rows.length },
    parent: traceParents.length === 1 && rows.length === 1 ? contextFromTraceParent(traceParents[0]) : ROOT_CONTEXT,
    links: rows.length === 1 ? [] : traceParents.flatMap((traceParent) => linkTo(traceParent) ?? []),
  };
}

/** Retry delay after a consumer's `attempts`-th failure: 1 s doubling, at most 5 minutes. */
const retryDelayMs = (attempts: number): number => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);

/**
 * Moves committed events from the outbox to the consumers. Rows are claimed with a lease
 * (`FOR UPDATE SKIP LOCKED`, so several nodes share the work without taking the same row), handed over,
 * then deleted; a consumer failure puts its rows back with a backoff. Only committed rows are ever visible,
 * so nothing is published before its transaction commits; rows left by a crash are picked up again.
 *
 * Wake-up: the commit of an append in this process drains at once (onEventsCommitted, signalled by the
 * database driver after COMMIT returns); polling every `pollIntervalMs` is only the safety net.
 *
 * @example
 * const dispatcher = new OutboxDispatcher({ db, consumers: [realtime.consumer] });
 * await dispatcher.start();
 */
export class OutboxDispatcher {
  readonly #db: Kysely<Database>;
  readonly #running = new Map<string, Promise<number>>();
  readonly #again = new Set<string>();
  #timer: NodeJS.Timeout | null = null;
  #stopListening: (() => void) | null = null;
  #stopped = false;

  private readonly options: DispatcherOptions;
  constructor(options: DispatcherOptions) {
    this.options = options;
    this.#db = options.db;
  }

  /** Registers the consumers (events appended from now on get outbox rows for them) and starts polling. */
  async start(): Promise<void> {
    for (const consumer of this.options.consumers) {
      await this.#db
        .insertInto('event_consumers')
        .values({ name: consumer.name })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
    }
    const interval = this.options.pollIntervalMs ?? 1000;
    if (interval > 0) {
      this.#timer = setInterval(() => this.nudge(), interval);
      this.#timer.unref();
    }
    this.#stopListening = onEventsCommitted(() => this.nudge());
    this.nudge();
  }

  /** Asks for a drain soon (after a commit notification, or an in-process commit). Cheap to call often. */
  nudge(): void {
    if (this.#stopped) return;
    for (const consumer of this.options.consumers) void this.#drainConsumer(consumer).catch(() => undefined);
  }

  /** Drains every consumer until its ready rows are gone; resolves with the number of events handed over. */
  async drain(): Promise<number> {
    const counts = await Promise.all(this.options.consumers.map((c) => this.#drainConsumer(c)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Stops polling and waits for batches in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#stopListening?.();
    await Promise.allSettled([...this.#running.values()]);
  }

  // one loop per consumer at a time in this process; a nudge during a loop makes it go round once more
  #drainConsumer(consumer: EventConsumer): Promise<number> {
    const running = this.#running.get(consumer.name);
    if (running) {
      this.#again.add(consumer.name);
      return running;
    }
    const loop = (async () => {
      let total = 0;
      try {
        do {
          this.#again.delete(consumer.name);
          for (;;) {
            const handed = await this.#dispatchBatch(consumer);
            if (handed === null) break; // failed: backoff decides when the rows come back
            total += handed;
            // a short batch took every ready row: rows committed since then nudge, which goes round again
            if (handed < this.#batchSize) break;
          }
        } while (this.#again.has(consumer.name) && !this.#stopped);
      } finally {
        this.#running.delete(consumer.name);
      }
      return total;
    })();
    this.#running.set(consumer.name, loop);
    return loop;
  }

  get #batchSize(): number {
    return this.options.batchSize ?? 200;
  }

  // one statement claims the batch and reads its events; one more deletes it once handed over
  async #dispatchBatch(consumer: EventConsumer): Promise<number | null> {
    const leaseMs = this.options.leaseMs ?? 30_000;
    const claimed = await sql<ClaimedRow>`
      WITH claimed AS (
        UPDATE event_outbox SET available_at = now() + ${leaseMs}::integer * interval '1 millisecond', attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM event_outbox WHERE consumer = ${consumer.name} AND available_at <= now()
          ORDER BY id LIMIT ${this.#batchSize}::integer FOR UPDATE SKIP LOCKED)
        RETURNING id, event_id, attempts)
      SELECT c.id AS outbox_id, c.attempts, e.* FROM claimed c LEFT JOIN events e ON e.id = c.event_id
      ORDER BY c.id`.execute(this.#db);
    const rows = claimed.rows;
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.outbox_id);
    try {
      // an event pruned since its outbox row was claimed has nothing left to hand over
      const events = rows.flatMap((row) => (row.id === null ? [] : [eventFromRow(row)]));
      await inSpan(`outbox.deliver ${consumer.name}`, handOverSpan(consumer.name, rows), () => consumer.handle(events));
    } catch (error) {
      const attempts = Math.max(...rows.map((r) => r.attempts));
      this.options.logger?.error({ err: error, consumer: consumer.name, attempts }, 'event consumer failed; batch will be retried');
      await this.#db
        .updateTable('event_outbox')
        .set({
          available_at: sql`now() + ${retryDelayMs(attempts)}::integer * interval '1 millisecond'`,
          last_error: String((error as Error)?.message ?? error).slice(0, 1000),
        })
        .where('id', 'in', ids)
        .execute();
      return null;
    }
    await this.#db.deleteFrom('event_outbox').where('id', 'in', ids).execute();
    return rows.length;
  }
}
