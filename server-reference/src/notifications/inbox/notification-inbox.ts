import type { Selectable, Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import type { NotificationTables } from '../notification-tables.ts';
import type { NotificationSeverity, NotificationType } from '../notification-types.ts';
import type { Database } from '../../storage/database-schema.ts';

export type NotificationRow = Selectable<NotificationTables['notifications']>;

export interface InboxFilter {
  unread?: boolean;
  type?: NotificationType;
  severity?: NotificationSeverity;
}

/** How long in-app notifications are kept (spec: 90 days). */
const RETENTION_DAYS = 90;

/** The caller's in-app notifications: list, unread count, mark read. Newest first, paged by id. */
export class NotificationInbox {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Up to `limit + 1` rows after the cursor, so the caller can tell whether there is more. */
  async list(userId: string, filter: InboxFilter, page: { limit: number; startingAfter?: string }): Promise<NotificationRow[]> {
    let query = this.db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (filter.unread === true) query = query.where('read_at', 'is', null);
    if (filter.unread === false) query = query.where('read_at', 'is not', null);
    if (filter.type) query = query.where('type', '=', filter.type);
    if (filter.severity) query = query.where('severity', '=', filter.severity);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Marks one notification read; one already read keeps its `read_at`. Another account's is a 404. */
  async markRead(userId: string, notificationId: string, now: Date): Promise<NotificationRow> {
    const updated = await this.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('id', '=', notificationId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (updated) return updated;
    const existing = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', '=', notificationId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!existing) throw problems.notFound('notification with this id');
    return existing;
  }

  /** Marks every unread notification (of `type`, created before `before`) read; returns how many changed. */
  async markAllRead(userId: string, narrow: { type?: NotificationType; before?: Date }, now: Date): Promise<number> {
    let query = this.db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (narrow.type) query = query.where('type', '=', narrow.type);
    if (narrow.before) query = query.where('created_at', '<', narrow.before);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes notifications past the retention period; returns how many. Run it from a daily job. */
  async purgeExpired(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - RETENTION_DAYS * 86_400_000);
    const result = await this.db.deleteFrom('notifications').where('created_at', '<', cutoff).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
