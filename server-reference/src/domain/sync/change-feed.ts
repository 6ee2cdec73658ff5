import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import { ApiError, problems } from '../../errors/index.ts';
import type { LedgerEntryRow } from '../wallet-ledger.ts';
import type { VerificationRow } from '../verifications.ts';
import { decodeSyncCursor, encodeSyncCursor, FEED_START, type SyncPosition } from './sync-cursor.ts';

export type SyncObject = 'verification' | 'ledger_entry' | 'notification';

/** A notification row as the notifications module stores it (migration 0600-notifications). */
export interface NotificationRecord {
  id: string;
  type: string;
  title: string;
  body: string;
  severity: string;
  data: Record<string, unknown>;
  event_id: string | null;
  read_at: Date | null;
  created_at: Date;
}

export interface SyncPage {
  verifications: VerificationRow[];
  ledgerEntries: LedgerEntryRow[];
  notifications: NotificationRecord[];
  deleted: Array<{ object: 'notification'; id: string; deletedAt: Date }>;
  nextSince: string;
  hasMore: boolean;
}

/** Cursors older than this answer 410 (and tombstones older than this may be dropped). */
const SYNC_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * Delta sync over the `sync_changes` feed (migration 0730-sync). Each synchronised object has one feed row,
 * moved to a new (txid, seq) position by a trigger whenever it changes. A page only takes rows whose
 * transaction finished before the oldest transaction still running (`pg_snapshot_xmin`): a transaction
 * that started earlier but commits later would otherwise appear *behind* a cursor already handed out and
 * be missed. With that horizon, everything behind a cursor is final, so a client never misses a change.
 */
export class ChangeFeed {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async page(userId: string, options: { since?: string; limit: number; objects: Set<SyncObject>; now?: Date }): Promise<SyncPage> {
    const now = options.now ?? new Date();
    let position: SyncPosition = FEED_START;
    if (options.since !== undefined) {
      const decoded = decodeSyncCursor(options.since);
      if (!decoded) throw problems.validation([{ field: '/query/since', code: 'invalid', message: 'is not a cursor this server issued' }]);
      if (now.getTime() - decoded.issuedAt.getTime() > SYNC_RETENTION_MS) {
        throw new ApiError('gone', 'This sync cursor is older than 30 days. Synchronise again without since.');
      }
      position = decoded.position;
    }
    const objects = [...options.objects];
    const rows =
      objects.length === 0
        ? []
        : (
            await sql<{ object: SyncObject; object_id: string; txid: string; seq: number; deleted_at: Date | null }>`
      SELECT object, object_id, txid::text AS txid, seq, deleted_at FROM sync_changes
      WHERE user_id = ${userId}
        AND object IN (${sql.join(objects)})
        AND (txid, seq) > (${position.txid}::xid8, ${position.seq}::bigint)
        AND txid < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY txid, seq
      LIMIT ${options.limit + 1}`.execute(this.db)
          ).rows;
    const hasMore = rows.length > options.limit;
    const taken = rows.slice(0, options.limit);
    const last = taken.at(-1);
    const next = last ? { txid: last.txid, seq: Number(last.seq) } : position;
    const ids = (object: SyncObject) => taken.filter((r) => r.object === object && !r.deleted_at).map((r) => r.object_id);

    const verificationIds = ids('verification');
    const ledgerIds = ids('ledger_entry');
    const notificationIds = ids('notification');
    const [verifications, ledgerEntries, notifications] = await Promise.all([
      verificationIds.length
        ? this.db.selectFrom('verifications').selectAll().where('id', 'in', verificationIds).orderBy('id').execute()
        : [],
      ledgerIds.length ? this.db.selectFrom('ledger_entries').selectAll().where('id', 'in', ledgerIds).orderBy('seq').execute() : [],
      notificationIds.length
        ? sql<NotificationRecord>`SELECT id, type, title, body, severity, data, event_id, read_at, created_at FROM notifications WHERE id IN (${sql.join(notificationIds)}) ORDER BY id`
            .execute(this.db)
            .then((r) => r.rows)
        : [],
    ]);
    return {
      verifications,
      ledgerEntries,
      notifications,
      // a first, full sync has nothing local to delete
      deleted:
        options.since === undefined
          ? []
          : taken.filter((r) => r.deleted_at).map((r) => ({ object: 'notification' as const, id: r.object_id, deletedAt: r.deleted_at! })),
      nextSince: encodeSyncCursor(next, now),
      hasMore,
    };
  }
}
