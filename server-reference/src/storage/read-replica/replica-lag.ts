import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';

/** How far a read replica is behind its primary. */
export interface ReplicaLag {
  /** Seconds since the last transaction the replica replayed; 0 when it has replayed all the primary wrote. */
  seconds: number;
  /** WAL bytes the primary has written that the replica has not replayed yet. */
  bytes: number;
}

/**
 * Measures the replica's lag: the primary's current WAL position first, then how far the replica's replay
 * is from it (so a replica that replays in between reads as caught up, never as behind). Seconds come
 * from `pg_last_xact_replay_timestamp()`, and are 0 when no byte is missing: an idle primary writes
 * nothing, and its replica is not behind however old its last replayed transaction is. A database that is
 * not in recovery (a promoted replica, or the primary itself) is never behind.
 *
 * @example
 * const { seconds, bytes } = await measureReplicaLag(primaryDb, replicaDb);
 */
export async function measureReplicaLag(primary: Kysely<Database>, replica: Kysely<Database>): Promise<ReplicaLag> {
  const { rows: written } = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary);
  const { rows } = await sql<{ standby: boolean; bytes: number | null; seconds: number | null }>`
    SELECT pg_is_in_recovery() AS standby,
      pg_wal_lsn_diff(${written[0]?.lsn}::pg_lsn, pg_last_wal_replay_lsn())::float8 AS bytes,
      extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS seconds`.execute(replica);
  const row = rows[0];
  if (!row?.standby) return { seconds: 0, bytes: 0 };
  const bytes = Math.max(0, Math.round(Number(row.bytes ?? 0)));
  return { seconds: bytes === 0 ? 0 : Math.max(0, Number(row.seconds ?? 0)), bytes };
}
