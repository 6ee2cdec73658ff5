import type { Kysely } from 'kysely';
import type { Database } from '../../../storage/database-schema.ts';

/** A stored first response, replayed for retries of the same key. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type ClaimResult =
  | { kind: 'claimed' }
  | { kind: 'mismatch' }
  | { kind: 'completed'; response: StoredResponse }
  | { kind: 'in_progress' };

/**
 * Idempotency keys in the database, so every server process sees them. A key is claimed by an INSERT
 * that only one concurrent request can win; the winner stores its response, the others wait for it.
 */
export class IdempotencyStore {
  private readonly db: Kysely<Database>;
  private readonly lockSeconds: number;
  constructor(db: Kysely<Database>, lockSeconds = 60) {
    this.db = db;
    this.lockSeconds = lockSeconds;
  }

  async claim(scope: string, key: string, requestHash: string): Promise<ClaimResult> {
    const lockedUntil = new Date(Date.now() + this.lockSeconds * 1000);
    const inserted = await this.db
      .insertInto('idempotency_keys')
      .values({
        scope,
        key,
        request_hash: requestHash,
        status: 'in_progress',
        response_status: null,
        response_headers: null,
        response_body: null,
        locked_until: lockedUntil,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) return { kind: 'claimed' };
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return this.claim(scope, key, requestHash);
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === 'completed') {
      return {
        kind: 'completed',
        response: { status: row.response_status!, headers: row.response_headers ?? {}, body: row.response_body ?? '' },
      };
    }
    // the first request died holding the key: take it over
    const taken = await this.db
      .updateTable('idempotency_keys')
      .set({ locked_until: lockedUntil })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status', '=', 'in_progress')
      .where('locked_until', '<', new Date())
      .returning('key')
      .executeTakeFirst();
    return taken ? { kind: 'claimed' } : { kind: 'in_progress' };
  }

  async complete(scope: string, key: string, response: StoredResponse): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({
        status: 'completed',
        response_status: response.status,
        response_headers: JSON.stringify(response.headers),
        response_body: response.body,
      })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
  }

  /** Forgets a claim whose request failed without an outcome worth replaying (a 500), so a retry runs again. */
  async release(scope: string, key: string): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', scope)
      .where('key', '=', key)
      .where('status', '=', 'in_progress')
      .execute();
  }
}
