import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { ApiError } from '../../errors/index.ts';
import type { Database } from '../database-schema.ts';
import { measureReplicaLag, type ReplicaLag } from './replica-lag.ts';

/** The read replica as health and metrics report it. */
export interface ReplicaState {
  status: 'ok' | 'degraded' | 'down' | 'not_configured';
  lagSeconds: number | null;
  lagBytes: number | null;
}

/** Why a read meant for the replica went to the primary. */
export type FallbackReason = 'down' | 'lagging';

export interface ReadRoutingOptions {
  primary: Kysely<Database>;
  /** The streaming replica (`READ_DATABASE_URL`), or null: everything reads from the primary. */
  replica: Kysely<Database> | null;
  /** Beyond this replay lag the replica is `degraded` and its reads go to the primary. */
  maxLagSeconds: number;
  logger?: Logger;
  /** Told of every read that went to the primary instead (a counter). */
  onFallback?: (reason: FallbackReason) => void;
  /** How the lag is measured (tests replace it); default `measureReplicaLag`. */
  measure?: (primary: Kysely<Database>, replica: Kysely<Database>) => Promise<ReplicaLag>;
  /** How long one measurement serves (default 1 s): a burst of analytics requests shares one. */
  recheckMs?: number;
  /** A measurement that takes longer than this counts as the replica being down (default 2 s). */
  timeoutMs?: number;
}

const NOT_CONFIGURED: ReplicaState = { status: 'not_configured', lagSeconds: null, lagBytes: null };
const DOWN: ReplicaState = { status: 'down', lagSeconds: null, lagBytes: null };

/**
 * Routes read-only work that may be slightly stale (analytics, exports) to the read replica while it is up
 * and within the lag bound, and to the primary otherwise (logged when the replica's state changes, each
 * such read counted). Everything that must be fresh (wallet, verifications, auth, a read before a write or
 * shown right after one) never comes here: it uses the primary directly.
 *
 * @example
 * const routing = new ReadRouting({ primary: db, replica, maxLagSeconds: 30 });
 * const summary = await routing.analytics((reader) => analyticsSummary(reader, range, scope, false, 'USD'));
 */
export class ReadRouting {
  readonly #options: ReadRoutingOptions;
  #measured: { at: number; state: Promise<ReplicaState> } | null = null;
  #lastStatus: ReplicaState['status'] = 'ok';

  constructor(options: ReadRoutingOptions) {
    this.#options = options;
  }

  /** The replica's state, measured at most once per `recheckMs`. */
  state(): Promise<ReplicaState> {
    const { replica, primary } = this.#options;
    if (!replica) return Promise.resolve(NOT_CONFIGURED);
    const now = Date.now();
    if (this.#measured && now - this.#measured.at < (this.#options.recheckMs ?? 1_000)) return this.#measured.state;
    const state = this.#measure(primary, replica);
    this.#measured = { at: now, state };
    return state;
  }

  /**
   * Runs `work` on the replica when it serves, else on the primary. Work that fails on the replica (it went
   * away, or a recovery conflict cancelled the statement) runs again on the primary: it only reads, so a
   * second run changes nothing, and a real fault fails there too. A problem (`ApiError`) is the answer.
   */
  async analytics<T>(work: (reader: Kysely<Database>) => Promise<T>): Promise<T> {
    const { replica, primary } = this.#options;
    const state = await this.state();
    if (!replica || state.status === 'not_configured') return work(primary);
    if (state.status !== 'ok') return this.#onPrimary(state.status === 'down' ? 'down' : 'lagging', work);
    try {
      return await work(replica);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      this.#options.logger?.warn({ err: error }, 'a read on the replica failed; reading from the primary');
      this.#measured = { at: Date.now(), state: Promise.resolve(this.#observe(DOWN)) };
      return this.#onPrimary('down', work);
    }
  }

  #onPrimary<T>(reason: FallbackReason, work: (reader: Kysely<Database>) => Promise<T>): Promise<T> {
    this.#options.onFallback?.(reason);
    return work(this.#options.primary);
  }

  async #measure(primary: Kysely<Database>, replica: Kysely<Database>): Promise<ReplicaState> {
    const measure = this.#options.measure ?? measureReplicaLag;
    const timeoutMs = this.#options.timeoutMs ?? 2_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      const lag = await Promise.race([
        measure(primary, replica),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the replica did not answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      const lagging = lag.seconds > this.#options.maxLagSeconds;
      return this.#observe({ status: lagging ? 'degraded' : 'ok', lagSeconds: lag.seconds, lagBytes: lag.bytes });
    } catch (error) {
      return this.#observe(DOWN, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Logs a change of the replica's state (not every measurement), and returns it. */
  #observe(state: ReplicaState, error?: unknown): ReplicaState {
    if (state.status !== this.#lastStatus) {
      const logger = this.#options.logger;
      if (state.status === 'ok') logger?.info('the read replica serves analytics again');
      else if (state.status === 'down') logger?.warn({ err: error }, 'the read replica is down; analytics read from the primary');
      else
        logger?.warn(
          { lagSeconds: state.lagSeconds },
          'the read replica lags beyond READ_REPLICA_MAX_LAG_SECONDS; analytics read from the primary',
        );
      this.#lastStatus = state.status;
    }
    return state;
  }
}
