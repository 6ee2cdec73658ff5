import type { Transaction, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { translatorFor } from '../../i18n/index.ts';
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
import type { EffectivePreference } from '../preferences/preference-defaults.ts';
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

/** One thing to notify of: an event, or a notification-only occurrence (`sourceId` is its dedupe key). */
interface Occurrence {
  userId: string;
  type: NotificationType;
  sourceId: string;
  eventId: string | null;
  /** What it is about: the event's data, or the occurrence's details. */
  about: unknown;
}

/** An occurrence with its text, written in the account's language. */
interface RenderedOccurrence extends Occurrence {
  content: NotificationContent;
}

/** An occurrence its preference lets through, with what routing it writes. */
interface Planned {
  index: number;
  occurrence: RenderedOccurrence;
  preference: EffectivePreference;
  notificationId: string | null;
  deliveries: Array<{ channel: HeldChannel; dueAt: Date }>;
}

const sourceKey = (userId: string, sourceId: string): string => `${userId}\u0000${sourceId}`;

/**
 * The notification router: a consumer of committed events (and of notification-only occurrences) that
 * applies the user's preference for the type. In one transaction it records a receipt (so an event
 * dispatched twice is routed once), the in-app notification when `in_app` is listed, and one delivery row
 * per `email`/`sms`/`push` channel, due now or when quiet hours or the digest period end. After the
 * commit it pushes the in-app notification live and wakes the delivery worker. A batch of events costs
 * the same few statements as one: its preferences and accounts in one query each, then one multi-row
 * statement per table.
 *
 * @example
 * await router.routeEvents(events); // or: notificationEventConsumer(router) for the outbox dispatcher
 */
export class NotificationRouter {
  private readonly deps: NotificationRouterDeps;
  constructor(deps: NotificationRouterDeps) {
    this.deps = deps;
  }

  /** Routes one committed event; types that are not notification types are ignored. */
  async routeEvent(event: RoutedEvent): Promise<RouteResult> {
    const [result] = await this.routeEvents([event]);
    return result!;
  }

  /** Routes a batch of committed events, in order; returns one result per event. */
  async routeEvents(events: readonly RoutedEvent[]): Promise<RouteResult[]> {
    const results: RouteResult[] = events.map(() => ({ status: 'ignored' }));
    const routed: Array<{ index: number; occurrence: Occurrence }> = [];
    events.forEach((event, index) => {
      if (!isNotificationType(event.type) || NOTIFICATION_ONLY_TYPES.has(event.type)) return;
      routed.push({
        index,
        occurrence: { userId: event.userId, type: event.type, sourceId: event.id, eventId: event.id, about: event.data },
      });
    });
    const outcomes = await this.#route(routed.map((r) => r.occurrence));
    routed.forEach((r, i) => {
      results[r.index] = outcomes[i]!;
    });
    return results;
  }

  /**
   * Notifies of a notification-only occurrence, once per `key`. With `trx` the records are written in
   * the caller's transaction (they commit with the change that caused them, or not at all), and the live
   * push is left out since the commit is not ours to see.
   */
  async notify(occurrence: NotificationOnlyOccurrence, trx?: Transaction<Database>): Promise<RouteResult> {
    const sourceId = `${occurrence.type}:${occurrence.key}`;
    const [result] = await this.#route(
      [{ userId: occurrence.userId, type: occurrence.type, sourceId, eventId: null, about: occurrence.details }],
      trx,
    );
    return result!;
  }

  async #route(occurrences: Occurrence[], outer?: Transaction<Database>): Promise<RouteResult[]> {
    if (occurrences.length === 0) return [];
    // inside a caller's transaction every read goes through it too (PGlite has a single session)
    const db: Kysely<Database> = outer ?? this.deps.db;
    const store = outer ? new PreferenceStore(db) : this.deps.preferences;
    const preferences = await store.getMany(occurrences);
    const results: RouteResult[] = preferences.map((p) => (p.enabled ? { status: 'ignored' } : { status: 'disabled' }));
    const accountIds = [...new Set(occurrences.filter((_, i) => preferences[i]!.enabled).map((o) => o.userId))];
    if (accountIds.length === 0) return results;
    const accounts = await db.selectFrom('users').select(['id', 'timezone', 'locale']).where('id', 'in', accountIds).execute();
    const byId = new Map(accounts.map((account) => [account.id, account]));
    const now = this.deps.clock.now();
    const planned: Planned[] = occurrences.flatMap((pending, index) => {
      const preference = preferences[index]!;
      const account = byId.get(pending.userId);
      if (!preference.enabled || account === undefined) return [];
      const accountZone = account.timezone;
      // written once, in the account's language: the in-app record and every channel's delivery share it
      const occurrence = { ...pending, content: notificationContent(pending.type, pending.about, translatorFor(account.locale)) };
      const { severity } = occurrence.content;
      const deliveries = HELD_CHANNELS.filter((channel) => preference.channels.includes(channel)).map((channel) => ({
        channel,
        dueAt: deliveryDueAt({ createdAt: now, severity, channel, preference, accountZone, now }),
      }));
      const notificationId = preference.channels.includes('in_app') ? newNotificationId('ntf', now) : null;
      return [{ index, occurrence, preference, notificationId, deliveries }];
    });
    if (planned.length === 0) return results;

    const write = (trx: Kysely<Database>) => this.#write(trx, planned, now);
    const { kept, rows } = outer ? await write(db) : await db.transaction().execute(write);
    for (const p of planned) results[p.index] = { status: 'duplicate' };
    for (const p of kept) results[p.index] = { status: 'routed', notificationId: p.notificationId ?? undefined, deliveries: p.deliveries };

    if (this.deps.live && !outer) {
      for (const p of kept) {
        const row = p.notificationId ? rows.get(p.notificationId) : undefined;
        if (row) await this.#pushLive(p, row, now);
      }
    }
    await this.#wake(kept.flatMap((p) => p.deliveries.map((d) => d.dueAt)));
    return results;
  }

  /** The batch's records: receipts first, then notifications and deliveries of the occurrences new to them. */
  async #write(trx: Kysely<Database>, planned: Planned[], now: Date) {
    const receipts = await trx
      .insertInto('notification_receipts')
      .values(planned.map(({ occurrence: o }) => ({ user_id: o.userId, source_id: o.sourceId, type: o.type, received_at: now })))
      .onConflict((oc) => oc.columns(['user_id', 'source_id']).doNothing())
      .returning(['user_id', 'source_id'])
      .execute();
    const fresh = new Set(receipts.map((r) => sourceKey(r.user_id, r.source_id)));
    // a source handed over twice in one batch is routed once, at its first place
    const kept = planned.filter(({ occurrence: o }) => fresh.delete(sourceKey(o.userId, o.sourceId)));
    const inApp = kept.filter((p) => p.notificationId !== null);
    const rows =
      inApp.length === 0
        ? []
        : await trx
            .insertInto('notifications')
            .values(
              inApp.map(({ occurrence: o, notificationId }) => ({
                id: notificationId!,
                user_id: o.userId,
                type: o.type,
                title: o.content.title,
                body: o.content.body,
                severity: o.content.severity,
                data: JSON.stringify(o.content.data),
                event_id: o.eventId,
                read_at: null,
                created_at: now,
              })),
            )
            .returningAll()
            .execute();
    const deliveries = kept.flatMap(({ occurrence: o, deliveries }) =>
      deliveries.map(({ channel, dueAt }) => ({
        id: newNotificationId('ndl', now),
        user_id: o.userId,
        source_id: o.sourceId,
        type: o.type,
        channel,
        severity: o.content.severity,
        title: o.content.title,
        body: o.content.body,
        data: JSON.stringify(o.content.data),
        created_at: now,
        due_at: dueAt,
      })),
    );
    if (deliveries.length > 0) await trx.insertInto('notification_deliveries').values(deliveries).execute();
    return { kept, rows: new Map(rows.map((row) => [row.id, row])) };
  }

  async #pushLive(planned: Planned, row: Parameters<typeof serializeNotification>[0], now: Date): Promise<void> {
    const { preference, occurrence } = planned;
    // silent during quiet hours, except for critical notifications
    const audible = preference.sound.enabled && (occurrence.content.severity === 'critical' || !isQuietAt(now, preference));
    try {
      await this.deps.live!.publishToUser(occurrence.userId, {
        type: 'notification.created',
        notification: serializeNotification(row),
        sound: audible ? preference.sound.name : null,
      });
    } catch (error) {
      this.deps.logger?.warn({ err: error, userId: occurrence.userId }, 'live notification push failed');
    }
  }

  async #wake(dueTimes: Date[]): Promise<void> {
    if (!this.deps.scheduler) return;
    for (const at of new Set(dueTimes.map((d) => d.getTime()))) await this.deps.scheduler.wakeAt(new Date(at));
  }
}
