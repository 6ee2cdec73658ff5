import type { Selectable, Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { EmailMessage, EmailSender } from '../channels/email/email-sender.ts';
import { newNotificationId } from '../notification-ids.ts';
import type { NotificationTables } from '../notification-tables.ts';
import type { Database } from '../../storage/database-schema.ts';

export type MailboxMessageRow = Selectable<NotificationTables['mailbox_messages']>;

/** `Namaskah <no-reply@namaskah.dev>` -> `no-reply@namaskah.dev`: the mailbox lists bare addresses. */
const bareAddress = (from: string): string => from.match(/<([^>]+)>/)?.[1]?.trim() ?? from.trim();

/**
 * The embedded default's "outbox": with no SMTP server configured, email is stored here and read by
 * admins through `GET /v1/admin/mailbox`.
 */
export class DevMailbox implements EmailSender {
  private readonly db: Kysely<Database>;
  private readonly options: { from: string; clock: Clock };
  constructor(db: Kysely<Database>, options: { from: string; clock: Clock }) {
    this.db = db;
    this.options = options;
  }

  async send(message: EmailMessage): Promise<void> {
    const now = this.options.clock.now();
    await this.db
      .insertInto('mailbox_messages')
      .values({
        id: newNotificationId('mail', now),
        from_address: bareAddress(this.options.from),
        to_address: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        created_at: now,
      })
      .execute();
  }

  /** Up to `limit + 1` messages, newest first, optionally only those to one address (case-insensitive). */
  async list(filter: { to?: string }, page: { limit: number; startingAfter?: string }): Promise<MailboxMessageRow[]> {
    let query = this.db.selectFrom('mailbox_messages').selectAll();
    if (filter.to) query = query.where((eb) => eb(eb.fn('lower', ['to_address']), '=', filter.to!.toLowerCase()));
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query
      .orderBy('id', 'desc')
      .limit(page.limit + 1)
      .execute();
  }
}
