import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { onEventsCommitted } from '../storage/events/append-event.ts';

export interface OutboxWakeChannelOptions {
  /** The PostgreSQL every node shares (its `search_path` schema names the channel). */
  databaseUrl: string;
  /**
   * Called when another process committed outbox rows, and after every (re)connection, since
   * notifications sent while the connection was down are lost. Absent: this process only announces.
   */
  onWake?: () => void;
  logger?: Logger;
  /** First delay before reconnecting after the connection is lost; doubles up to 30 s. */
  reconnectMs?: number;
}

/** Channel names are identifiers (at most 63 bytes): one per schema, so platforms sharing a database stay apart. */
function channelName(schema: string): string {
  const name = `namaskah_outbox:${schema}`;
  return Buffer.byteLength(name) <= 63 ? name : `namaskah_outbox:${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/**
 * Cross-node wake-up of the outbox dispatchers on PostgreSQL. The in-process commit signal
 * (`onEventsCommitted`) wakes only the writer's own dispatcher; this sends a `NOTIFY` after such a commit,
 * on a connection of its own that also `LISTEN`s, so the dispatchers of the other nodes drain at once
 * instead of at their next poll (which stays as the safety net: a NOTIFY is lost when its sender dies
 * between the commit and the notification, or while a listener reconnects).
 *
 * Not a NOTIFY inside the appending transaction: PostgreSQL serializes the commits of notifying
 * transactions behind one lock. After the commit, at most one NOTIFY is in flight per process, and the
 * commits made meanwhile are announced by one more: at 2,000 commits/s that is a few hundred NOTIFYs.
 * A node ignores its own (the payload is its id).
 *
 * @example
 * const wake = new OutboxWakeChannel({ databaseUrl, onWake: () => dispatcher.nudge(), logger });
 * await wake.start();
 */
export class OutboxWakeChannel {
  readonly #nodeId = randomUUID();
  #client: pg.Client | null = null;
  #channel = '';
  #announcing = false;
  #announceAgain = false;
  #reconnectDelay: number;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #stopListening: (() => void) | null = null;
  #stopped = false;

  private readonly options: OutboxWakeChannelOptions;

  constructor(options: OutboxWakeChannelOptions) {
    this.options = options;
    this.#reconnectDelay = options.reconnectMs ?? 250;
  }

  /** Whether the listening connection is up (false while it reconnects). */
  get connected(): boolean {
    return this.#client !== null;
  }

  /** Connects and listens; from now on this process's commits of outbox rows are announced. */
  async start(): Promise<void> {
    this.#stopListening = onEventsCommitted(() => this.#announce());
    await this.#connect();
  }

  /** Stops announcing and listening, and closes the connection. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopListening?.();
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'namaskah-outbox-wake' });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, null));
    client.on('notification', (message) => {
      if (message.channel === this.#channel && message.payload !== this.#nodeId) this.options.onWake?.();
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
      this.#channel = channelName(rows[0]?.schema ?? 'public');
      await client.query(`LISTEN ${client.escapeIdentifier(this.#channel)}`);
    } catch (error) {
      this.#lost(client, error as Error);
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
    this.#reconnectDelay = this.options.reconnectMs ?? 250;
    this.options.onWake?.();
  }

  #lost(client: pg.Client, error: Error | null): void {
    if (this.#client === client) this.#client = null;
    else if (this.#client !== null || this.#reconnectTimer) return; // an old connection, or a reconnect is already due
    // this connection is done with: only a reconnect brings notifications back
    client.removeAllListeners();
    client.on('error', () => undefined);
    client.end().catch(() => undefined);
    if (this.#stopped) return;
    this.options.logger?.warn({ err: error, retryInMs: this.#reconnectDelay }, 'outbox wake-up connection lost; reconnecting');
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      void this.#connect();
    }, this.#reconnectDelay);
    this.#reconnectTimer.unref();
    this.#reconnectDelay = Math.min(this.#reconnectDelay * 2, 30_000);
  }

  #announce(): void {
    if (this.#announcing) {
      this.#announceAgain = true;
      return;
    }
    const client = this.#client;
    if (!client) return; // reconnecting: the other nodes' poll covers this commit
    this.#announcing = true;
    this.#announceAgain = false;
    client
      .query('SELECT pg_notify($1, $2)', [this.#channel, this.#nodeId])
      .catch((error) => this.options.logger?.warn({ err: error }, 'outbox wake-up NOTIFY failed'))
      .finally(() => {
        this.#announcing = false;
        if (this.#announceAgain) this.#announce();
      });
  }
}
