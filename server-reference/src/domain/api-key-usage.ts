import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

/** How long a noted use waits in memory, and the precision of `last_used_at`. */
const FLUSH_MS = 5_000;
const PRECISION_MS = 60_000;

/**
 * `last_used_at` of API keys, kept off the request path: a request notes the use in memory (only when the
 * stored stamp is over a minute old), and a timer writes the noted stamps in one transaction within 5 s;
 * `flush()` on shutdown writes the rest. A crash loses at most the last 5 s of stamps (minute precision,
 * nothing else depends on them).
 */
export class KeyUsage {
  #noted = new Map<string, Date>();
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();

  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  note(key: { id: string; last_used_at: Date | null }, now: number): void {
    if (key.last_used_at && now - key.last_used_at.getTime() <= PRECISION_MS) return;
    this.#noted.set(key.id, new Date(now));
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS).unref();
  }

  /** Number of keys whose stamp waits to be written. */
  get pending(): number {
    return this.#noted.size;
  }

  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const noted = [...this.#noted];
    this.#noted = new Map();
    this.#writing = this.#writing.then(async () => {
      if (noted.length === 0) return;
      try {
        await this.db.transaction().execute(async (trx) => {
          for (const [id, at] of noted) {
            await trx
              .updateTable('api_keys')
              .set({ last_used_at: at })
              .where('id', '=', id)
              .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
              .execute();
          }
        });
      } catch {
        // the database is closing or gone: a minute-precision stamp is not worth an error
      }
    });
    return this.#writing;
  }
}
