import type { Selectable, Kysely } from 'kysely';
import { ulid } from 'ulid';
import { appendEvents } from '../../storage/events/append-event.ts';
import { problems } from '../../errors/index.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import type { AnnouncementsTable } from '../admin-tables.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
import type { Database } from '../../storage/database-schema.ts';

export type AnnouncementRow = Selectable<AnnouncementsTable>;

/** Events appended per statement: bounded, so a large audience does not build one enormous query. */
const FAN_OUT_BATCH = 500;

/** spec/schemas/announcement.yaml */
export const serializeAnnouncement = (a: AnnouncementRow): Schemas['Announcement'] => ({
  id: a.id,
  title: a.title,
  body: a.body,
  severity: a.severity,
  published_at: a.published_at.toISOString(),
  expires_at: a.expires_at ? a.expires_at.toISOString() : null,
});

/**
 * Platform announcements. Publishing writes the announcement and one `announcement.published` event per
 * active account of the audience in the same transaction (the transactional outbox), so it reaches every
 * recipient's real-time connections, webhooks and notification channels exactly when it commits, and a
 * failure publishes nothing.
 */
export class Announcements {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  async list(filters: { limit: number; startingAfter?: string; severity?: string; active?: boolean }) {
    let query = this.db
      .selectFrom('announcements')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(filters.limit + 1);
    if (filters.startingAfter) query = query.where('id', '<', filters.startingAfter);
    if (filters.severity) query = query.where('severity', '=', filters.severity as 'info');
    if (filters.active === true) query = query.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]));
    if (filters.active === false) query = query.where('expires_at', '<=', new Date());
    return query.execute();
  }

  async publish(
    actorId: string,
    input: { title: string; body: string; severity: 'info' | 'warning' | 'critical'; audience?: string; expires_at?: string | null },
    audit: Audit,
  ): Promise<AnnouncementRow> {
    const audience = input.audience ?? 'all';
    const expiresAt = input.expires_at ? new Date(input.expires_at) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
      throw problems.validation([{ field: '/body/expires_at', code: 'not_in_future', message: '`expires_at` must be in the future.' }]);
    }
    const tierId = audience.startsWith('tier:') ? audience.slice('tier:'.length) : null;
    if (tierId && !(await this.db.selectFrom('tiers').select('id').where('id', '=', tierId).executeTakeFirst())) {
      throw problems.validation([{ field: '/body/audience', code: 'unknown', message: `No tier ${tierId}.` }]);
    }
    return this.db.transaction().execute(async (trx) => {
      let recipients = trx.selectFrom('users').select('id').where('status', '=', 'active').orderBy('id');
      if (tierId) recipients = recipients.where('tier_id', '=', tierId);
      const userIds = (await recipients.execute()).map((u) => u.id);
      const row = await trx
        .insertInto('announcements')
        .values({
          id: `ann_${ulid()}`,
          title: input.title,
          body: input.body,
          severity: input.severity,
          audience,
          recipient_count: userIds.length,
          published_by: actorId,
          published_at: new Date(),
          expires_at: expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const data = serializeAnnouncement(row);
      for (let i = 0; i < userIds.length; i += FAN_OUT_BATCH) {
        await appendEvents(
          trx,
          userIds.slice(i, i + FAN_OUT_BATCH).map((userId) => ({ userId, type: 'announcement.published' as const, data })),
        );
      }
      await audit(
        trx,
        'announcement.published',
        { type: 'announcement', id: row.id },
        { audience, recipients: userIds.length, severity: row.severity },
      );
      return row;
    });
  }
}
