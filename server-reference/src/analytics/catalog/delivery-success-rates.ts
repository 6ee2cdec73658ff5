import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';

/** The window a price's `success_rate` covers: today and the 6 UTC days before. */
const WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

/** Success rates in basis points, keyed by `deliveryRateKey(service, country)`; a pair with none finished is absent. */
export type DeliveryRateTable = ReadonlyMap<string, number>;

/** The key of one service in one country in a DeliveryRateTable. */
export const deliveryRateKey = (service: string, country: string): string => `${service}\u0000${country}`;

/**
 * The price list's recent delivery success per service and country (spec Price `success_rate`): completed
 * out of finished (every status but `pending`) among the verifications created in the last 7 UTC days,
 * read from the per-day rollup (`analytics_verification_days`, kept by triggers in the writers'
 * transactions), so a read costs one row per pair and day, never a scan of the verifications.
 *
 * Cached per node for `ttlMs`: the table is read at most once per TTL however many price lists are
 * served, concurrent readers share one read, a failed read is not kept. The cache holds one table,
 * replaced whole, whose size is bounded by the pairs sold in the window (at most the catalog's).
 *
 * @example
 * const rates = new DeliverySuccessRates(db, { ttlMs: 60_000 });
 * const table = await rates.table();
 * table.get(deliveryRateKey('whatsapp', 'US')) ?? null; // 9650, or null when none finished
 */
export class DeliverySuccessRates {
  readonly #db: Kysely<Database>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #cached: { expiresAt: number; table: Promise<DeliveryRateTable> } | null = null;

  constructor(db: Kysely<Database>, options: { ttlMs: number; now?: () => number }) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** The rates as of at most `ttlMs` ago. */
  table(): Promise<DeliveryRateTable> {
    const now = this.#now();
    if (this.#cached && this.#cached.expiresAt > now) return this.#cached.table;
    const cached = { expiresAt: now + this.#ttlMs, table: this.#read(now) };
    this.#cached = cached;
    cached.table.catch(() => {
      if (this.#cached === cached) this.#cached = null;
    });
    return cached.table;
  }

  async #read(now: number): Promise<DeliveryRateTable> {
    const firstDay = new Date(now - (WINDOW_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    const rows = await this.#db
      .selectFrom('analytics_verification_days')
      .select(['service', 'country', sql<string>`sum(completed)`.as('completed'), sql<string>`sum(total - pending)`.as('finished')])
      .where('day', '>=', sql<Date>`${firstDay}::date`)
      .groupBy(['service', 'country'])
      .having(sql`sum(total - pending)`, '>', 0)
      .execute();
    return new Map(
      rows.map((r) => [deliveryRateKey(r.service, r.country), Math.round((Number(r.completed) * 10_000) / Number(r.finished))]),
    );
  }
}
