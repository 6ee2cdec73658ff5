import type { Transaction, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { notificationContent, type NotificationContent } from '../content/notification-content.ts';
import type { DeliveryScheduler } from '../delivery/delivery-scheduler.ts';
import { newNotificationId } from '../notification-ids.ts';
import {
  HELD_CHANNELS,
  isNotificationType,
  NOTIFICATION_ONLY_TYPES,
  type HeldChannel,
  type NotificationType,
} from '../notification-types.ts';
import { PreferenceStore } from '../preferences/preference-store.ts';
import { deliveryDueAt, isQuietAt } from '../schedule/delivery-due-time.ts';
import { serializeNotification } from '../http/notification-serializers.ts';
import type { LivePublisher, NotificationOnlyOccurrence, RoutedEvent } from './routed-event.ts';
import type { Database } from '../../storage/database-schema.ts';

export interface NotificationRouterDeps {
  db: Kysely<Database>;
  preferences: PreferenceStore;
  clock: Clock;
  scheduler?: DeliveryScheduler | null;
  live?: LivePublisher | null;
  logger?: Logger;
}

/** What routing one occurrence did (for callers and tests). */
export interface RouteResult {
  status: 'routed' | 'duplicate' | 'disabled' | 'ignored';
  notificationId?: string;
  deliveries?: Array<{ channel: HeldChannel; dueAt: Date }>;
}

/**
 * The notification router: a consumer of committed events (and of notification-only occurrences) that
 * applies the user's preference for the type. In one transaction it records a receipt (so an event
 * dispatched twice is routed once), the in-app notification when `in_app` is listed, and one delivery row
 * per `email`/`sms`/`push` channel, due now or when quiet hours or the digest period end. After the
 * commit it pushes the in-app notification live and wakes the delivery worker.
 *
 * @example
 * await router.routeEvent(event); // or: notificationEventConsumer(router) for the outbox dispatcher
 */
export class NotificationRouter {
  private readonly deps: NotificationRouterDeps;
  constructor(deps: NotificationRouterDeps) {
    this.deps = deps;
  }

  /** Routes one committed event; types that are not notification types are ignored. */
  async routeEvent(event: RoutedEvent): Promise<RouteResult> {
    if (!isNotificationType(event.type) || NOTIFICATION_ONLY_TYPES.has(event.type)) {
      return { status: 'ignored' };
    }
    return this.#route(event.userId, event.type, event.id, event.id, notificationContent(event.type, event.data));
  }

  /**
   * Notifies of a notification-only occurrence, once per `key`. With `trx` the records are written in
   * the caller's transaction (they commit with the change that caused them, or not at all), and the live
   * push is left out since the commit is not ours to see.
   */
  async notify(occurrence: NotificationOnlyOccurrence, trx?: Transaction<Database>): Promise<RouteResult> {
    const sourceId = `${occurrence.type}:${occurrence.key}`;
    return this.#route(occurrence.userId, occurrence.type, sourceId, null, notificationContent(occurrence.type, occurrence.details), trx);
  }

  async #route(
    userId: string,
    type: NotificationType,
    sourceId: string,
    eventId: string | null,
    content: NotificationContent,
    outer?: Transaction<Database>,
  ): Promise<RouteResult> {
    const { clock } = this.deps;
    // inside a caller's transaction every read goes through it too (PGlite has a single session)
    const db: Kysely<Database> = outer ?? this.deps.db;
    const preferences = outer ? new PreferenceStore(db) : this.deps.preferences;
    const preference = await preferences.get(userId, type);
    if (!preference.enabled) return { status: 'disabled' };
    const account = await db.selectFrom('users').select(['id', 'timezone']).where('id', '=', userId).executeTakeFirst();
    if (!account) return { status: 'ignored' };
    const now = clock.now();
    const channels = HELD_CHANNELS.filter((channel) => preference.channels.includes(channel));
    const deliveries = channels.map((channel) => ({
      channel,
      dueAt: deliveryDueAt({ createdAt: now, severity: content.severity, channel, preference, accountZone: account.timezone, now }),
    }));

    const write = async (trx: Kysely<Database>) => {
      const receipt = await trx
        .insertInto('notification_receipts')
        .values({ user_id: userId, source_id: sourceId, type, received_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'source_id']).doNothing())
        .returning('source_id')
        .executeTakeFirst();
      if (!receipt) return 'duplicate' as const;
      const row = preference.channels.includes('in_app')
        ? await trx
            .insertInto('notifications')
            .values({
              id: newNotificationId('ntf', now),
              user_id: userId,
              type,
              title: content.title,
              body: content.body,
              severity: content.severity,
              data: JSON.stringify(content.data),
              event_id: eventId,
              read_at: null,
              created_at: now,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
        : null;
      if (deliveries.length > 0) {
        await trx
          .insertInto('notification_deliveries')
          .values(
            deliveries.map(({ channel, dueAt }) => ({
              id: newNotificationId('ndl', now),
              user_id: userId,
              source_id: sourceId,
              type,
              channel,
              severity: content.severity,
              title: content.title,
              body: content.body,
              data: JSON.stringify(content.data),
              created_at: now,
              due_at: dueAt,
            })),
          )
          .execute();
      }
      return row;
    };
    const notification = outer ? await write(db) : await db.transaction().execute(write);
    if (notification === 'duplicate') return { status: 'duplicate' };

    if (notification && this.deps.live && !outer) {
      // silent during quiet hours, except for critical notifications
      const audible = preference.sound.enabled && (content.severity === 'critical' || !isQuietAt(now, preference));
      try {
        await this.deps.live.publishToUser(userId, {
          type: 'notification.created',
          notification: serializeNotification(notification),
          sound: audible ? preference.sound.name : null,
        });
      } catch (error) {
        this.deps.logger?.warn({ err: error, userId }, 'live notification push failed');
      }
    }
    await this.#wake(deliveries.map((d) => d.dueAt));
    return { status: 'routed', notificationId: notification?.id, deliveries };
  }

  async #wake(dueTimes: Date[]): Promise<void> {
    if (!this.deps.scheduler) return;
    for (const at of new Set(dueTimes.map((d) => d.getTime()))) await this.deps.scheduler.wakeAt(new Date(at));
  }
}
