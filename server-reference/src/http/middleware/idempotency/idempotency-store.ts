import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../storage/database-schema.ts';

/** A stored first response, replayed for retries of the same key. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a claim finds: its own claim, or the standing row of an earlier request with that key. */
interface StandingClaim {
  claimed: boolean;
  request_hash: string | null;
  status: 'in_progress' | 'completed' | null;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
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

  /**
   * One statement whatever the outcome: the claiming INSERT, the takeover of a claim whose request died
   * (same body, lock run out) and the read of the standing row are CTEs of one query. When a concurrent
   * first request committed after this statement's snapshot, it sees no row at all and asks again.
   */
  async claim(scope: string, key: string, requestHash: string): Promise<ClaimResult> {
    const now = new Date();
    const lockedUntil = new Date(now.getTime() + this.lockSeconds * 1000);
    const { rows } = await sql<StandingClaim>`
      WITH claimed AS (
        INSERT INTO idempotency_keys (scope, key, request_hash, status, locked_until)
        VALUES (${scope}, ${key}, ${requestHash}, 'in_progress', ${lockedUntil})
        ON CONFLICT (scope, key) DO NOTHING
        RETURNING key
      ), taken AS (
        UPDATE idempotency_keys SET locked_until = ${lockedUntil}
        WHERE scope = ${scope} AND key = ${key} AND request_hash = ${requestHash}
          AND status = 'in_progress' AND locked_until < ${now} AND NOT EXISTS (SELECT 1 FROM claimed)
        RETURNING key
      )
      SELECT true AS claimed, null AS request_hash, null AS status, null::integer AS response_status,
             null::jsonb AS response_headers, null AS response_body
      FROM claimed UNION ALL SELECT true, null, null, null, null, null FROM taken
      UNION ALL
      SELECT false, request_hash, status, response_status, response_headers, response_body FROM idempotency_keys
      WHERE scope = ${scope} AND key = ${key} AND NOT EXISTS (SELECT 1 FROM claimed) AND NOT EXISTS (SELECT 1 FROM taken)`.execute(this.db);
    const row = rows[0];
    if (!row) return this.claim(scope, key, requestHash);
    if (row.claimed) return { kind: 'claimed' };
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status === 'completed') {
      return {
        kind: 'completed',
        response: { status: row.response_status!, headers: row.response_headers ?? {}, body: row.response_body ?? '' },
      };
    }
    return { kind: 'in_progress' };
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
