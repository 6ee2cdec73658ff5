import type { Selectable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EmailSender } from '../channels/email/email-sender.ts';
import type { PushDispatcher } from '../channels/push/push-dispatcher.ts';
import { OutboundSmsError } from '../../domain/ports/outbound-sms-error.ts';
import type { SmsSender } from '../channels/sms/sms-sender.ts';
import type { Clock } from '../clock.ts';
import type { NotificationTables } from '../notification-tables.ts';
import type { NotificationType } from '../notification-types.ts';
import type { EffectivePreference } from '../preferences/preference-defaults.ts';
import type { PreferenceStore } from '../preferences/preference-store.ts';
import { deliveryDueAt } from '../schedule/delivery-due-time.ts';
import type { DeliveryScheduler } from './delivery-scheduler.ts';
import { digestEmail, notificationEmail } from './email-composer.ts';
import type { Database } from '../../storage/database-schema.ts';
import { translatorFor } from '../../i18n/index.ts';

type DeliveryRow = Selectable<NotificationTables['notification_deliveries']>;
type Account = { id: string; email: string; phone_number: string | null; timezone: string; locale: string };

/** The senders of the channels the worker delivers. */
export interface DeliveryChannels {
  email: EmailSender;
  sms?: SmsSender | null;
  push?: PushDispatcher | null;
}

export interface DeliveryWorkerDeps {
  db: Kysely<Database>;
  preferences: PreferenceStore;
  clock: Clock;
  channels: DeliveryChannels;
  scheduler?: DeliveryScheduler | null;
  logger?: Logger;
  /** How long a claim on due deliveries lasts before another worker may take them over (crash recovery). */
  claimMs?: number;
  /** Attempts before a delivery is given up as failed. */
  maxAttempts?: number;
}

/** What one `deliverDue` run did. */
export interface DeliveryRunStats {
  sent: number;
  /** Emails sent as digests (each counts once, whatever it holds). */
  digests: number;
  held: number;
  skipped: number;
  retried: number;
  failed: number;
}

/** Waits between attempts of a failed delivery. */
/** Then every retry waits the last delay. */
const LAST_RETRY_DELAY_MS = 3 * 60 * 60_000;
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, LAST_RETRY_DELAY_MS];

/**
 * Delivers the due rows of `notification_deliveries` (email, SMS, push). Each run claims one account's due
 * rows at a time (so a digest holds every due notification of the account, and two workers never send
 * the same row), re-reads the preferences (held rows follow changes made since), holds what is not due
 * any more, sends the rest, and retries failures with backoff. Call `deliverDue` from the job queue and
 * from a periodic tick.
 */
export class NotificationDeliveryWorker {
  private readonly deps: DeliveryWorkerDeps;
  constructor(deps: DeliveryWorkerDeps) {
    this.deps = deps;
  }

  /** Delivers everything due at the clock's now. */
  async deliverDue(): Promise<DeliveryRunStats> {
    const now = this.deps.clock.now();
    const stats: DeliveryRunStats = { sent: 0, digests: 0, held: 0, skipped: 0, retried: 0, failed: 0 };
    for (;;) {
      const users = await this.deps.db
        .selectFrom('notification_deliveries')
        .select('user_id')
        .distinct()
        .where('status', '=', 'pending')
        .where('due_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .limit(25)
        .execute();
      if (users.length === 0) return stats;
      for (const { user_id } of users) await this.#deliverForUser(user_id, now, stats);
    }
  }

  /**
   * Recomputes when the account's held deliveries are due, after its preferences changed: removed quiet
   * hours release them at once, a new frequency moves them to its digest, a disabled type drops them.
   */
  async reschedule(userId: string): Promise<void> {
    const now = this.deps.clock.now();
    const [account, preferences] = await Promise.all([this.#account(userId), this.#preferences(userId)]);
    if (!account) return;
    const rows = await this.deps.db
      .selectFrom('notification_deliveries')
      .selectAll()
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .execute();
    const wakeTimes = new Set<number>();
    for (const row of rows) {
      const preference = preferences.get(row.type)!;
      if (!this.#stillWanted(row, preference)) {
        await this.#finish([row], 'skipped', now, 'the preference no longer lists this channel');
        continue;
      }
      const due = this.#dueAt(row, preference, account, now);
      if (due.getTime() !== row.due_at.getTime()) {
        await this.deps.db
          .updateTable('notification_deliveries')
          .set({ due_at: due })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .execute();
      }
      wakeTimes.add(due.getTime());
    }
    if (this.deps.scheduler) for (const at of wakeTimes) await this.deps.scheduler.wakeAt(new Date(at));
  }

  async #deliverForUser(userId: string, now: Date, stats: DeliveryRunStats): Promise<void> {
    const { db } = this.deps;
    const claimed = await db
      .updateTable('notification_deliveries')
      .set({ claimed_until: new Date(now.getTime() + (this.deps.claimMs ?? 120_000)) })
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .returningAll()
      .execute();
    if (claimed.length === 0) return;
    claimed.sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id));
    const account = await this.#account(userId);
    if (!account) {
      await this.#finish(claimed, 'skipped', now, 'the account no longer exists');
      stats.skipped += claimed.length;
      return;
    }
    const preferences = await this.#preferences(userId);
    const digests = new Map<'hourly' | 'daily', DeliveryRow[]>();
    const single: Array<{ row: DeliveryRow; preference: EffectivePreference }> = [];
    for (const row of claimed) {
      const preference = preferences.get(row.type)!;
      if (!this.#stillWanted(row, preference)) {
        await this.#finish([row], 'skipped', now, 'the preference no longer lists this channel');
        stats.skipped++;
        continue;
      }
      const due = this.#dueAt(row, preference, account, now);
      if (due > now) {
        await db.updateTable('notification_deliveries').set({ due_at: due, claimed_until: null }).where('id', '=', row.id).execute();
        await this.deps.scheduler?.wakeAt(due);
        stats.held++;
        continue;
      }
      if (row.channel === 'email' && row.severity !== 'critical' && preference.frequency !== 'instant') {
        digests.set(preference.frequency, [...(digests.get(preference.frequency) ?? []), row]);
      } else single.push({ row, preference });
    }
    for (const { row, preference } of single) await this.#attempt([row], now, stats, () => this.#sendOne(row, preference, account));
    for (const [frequency, rows] of digests) {
      await this.#attempt(rows, now, stats, async () => {
        await this.deps.channels.email.send(digestEmail(account.email, frequency, rows, account.timezone, translatorFor(account.locale)));
        stats.digests++;
        return null;
      });
    }
  }

  /** Sends one delivery; returns a reason when it was skipped instead, throws when it failed (to be retried). */
  async #sendOne(row: DeliveryRow, preference: EffectivePreference, account: Account): Promise<string | null> {
    const { channels } = this.deps;
    if (row.channel === 'email') {
      await channels.email.send(notificationEmail(account.email, row, translatorFor(account.locale)));
      return null;
    }
    if (row.channel === 'sms') {
      if (!account.phone_number) return 'the account has no contact phone number';
      if (!channels.sms) return 'no SMS sender is configured';
      await channels.sms.sendSms(account.phone_number, translatorFor(account.locale).t('sms.text', { title: row.title, body: row.body }));
      return null;
    }
    if (!channels.push) return 'push is not configured';
    const result = await channels.push.sendToUser(row.user_id, {
      title: row.title,
      body: row.body,
      data: row.data,
      severity: row.severity,
      sound: preference.sound.enabled ? preference.sound.name : null,
    });
    if (result.delivered > 0) return null;
    if (result.retryableErrors.length > 0) throw new Error(result.retryableErrors.join('; '));
    if (result.permanentErrors.length > 0) return result.permanentErrors.join('; ');
    return result.removed > 0 ? 'every device token was no longer valid' : 'the account has no registered device';
  }

  async #attempt(rows: DeliveryRow[], now: Date, stats: DeliveryRunStats, send: () => Promise<string | null>): Promise<void> {
    try {
      const skipped = await send();
      await this.#finish(rows, skipped ? 'skipped' : 'sent', now, skipped);
      if (skipped) stats.skipped += rows.length;
      else stats.sent += rows.length;
    } catch (error) {
      const message = (error as Error).message.slice(0, 500);
      this.deps.logger?.warn({ err: error, deliveries: rows.map((r) => r.id) }, 'notification delivery failed');
      // the rows of a batch (one row, or a digest's) are attempted together, so they share the count
      const attempts = rows.reduce((most, row) => Math.max(most, row.attempts), 0) + 1;
      // a recipient the SMS gateway refused for good (invalid number, replied STOP) is not asked again
      const permanent = error instanceof OutboundSmsError && error.permanent;
      if (permanent || attempts >= (this.deps.maxAttempts ?? RETRY_DELAYS_MS.length + 1)) {
        await this.deps.db
          .updateTable('notification_deliveries')
          .set({ status: 'failed', attempts, last_error: message, finished_at: now, claimed_until: null })
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
        stats.failed += rows.length;
        return;
      }
      const scheduledMs = RETRY_DELAYS_MS[attempts - 1] ?? LAST_RETRY_DELAY_MS;
      // never sooner than the gateway's Retry-After
      const askedMs = error instanceof OutboundSmsError && error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : 0;
      const retryAt = new Date(now.getTime() + Math.max(scheduledMs, askedMs));
      await this.deps.db
        .updateTable('notification_deliveries')
        .set({ attempts, last_error: message, due_at: retryAt, claimed_until: null })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      await this.deps.scheduler?.wakeAt(retryAt);
      stats.retried += rows.length;
    }
  }

  async #finish(rows: DeliveryRow[], status: 'sent' | 'skipped', now: Date, reason: string | null): Promise<void> {
    await this.deps.db
      .updateTable('notification_deliveries')
      .set({ status, finished_at: now, claimed_until: null, last_error: reason })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
  }

  #stillWanted(row: DeliveryRow, preference: EffectivePreference): boolean {
    return preference.enabled && preference.channels.includes(row.channel);
  }

  #dueAt(row: DeliveryRow, preference: EffectivePreference, account: Account, now: Date): Date {
    // a retry waits for its backoff; otherwise the preference decides
    const earliest = row.attempts > 0 && row.due_at > now ? row.due_at : now;
    return deliveryDueAt({
      createdAt: row.created_at,
      severity: row.severity,
      channel: row.channel,
      preference,
      accountZone: account.timezone,
      now: earliest,
    });
  }

  async #account(userId: string): Promise<Account | undefined> {
    return this.deps.db
      .selectFrom('users')
      .select(['id', 'email', 'phone_number', 'timezone', 'locale'])
      .where('id', '=', userId)
      .executeTakeFirst();
  }

  async #preferences(userId: string): Promise<Map<NotificationType, EffectivePreference>> {
    return new Map((await this.deps.preferences.list(userId)).map((p) => [p.type, p]));
  }
}
