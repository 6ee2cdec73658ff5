import { sql, type Kysely } from 'kysely';
import type { WebhookClock } from '../webhook-clock.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import { newWebhookId } from '../webhook-ids.ts';
import { DISABLED_MESSAGE } from './endpoint-state.ts';
import { retryDelayMs } from './retry-schedule.ts';
import type { Database } from '../../storage/database-schema.ts';

/** A committed event of the catalog, as the outbox dispatcher hands it over. */
export interface CommittedEvent {
  id: string;
  /** The account the event belongs to (its sequence is that account's). */
  userId: string;
  type: string;
  timestamp: Date | string;
  sequence: number;
  data: unknown;
}

/**
 * For each event of a batch (in order), whether its account wants the type on its webhooks (notification
 * preferences); every type by default. One call per batch, so it can read them in one query.
 */
export type WebhookChannelFilter = (events: ReadonlyArray<{ userId: string; type: string }>) => Promise<boolean[]>;

/** The webhook body of an event: the `Event` object (spec/schemas/event.yaml). */
export const eventBody = (event: CommittedEvent): string =>
  JSON.stringify({
    id: event.id,
    type: event.type,
    timestamp: new Date(event.timestamp).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sequence: event.sequence,
    data: event.data,
  });

/**
 * Turns committed events into delivery attempts: for each endpoint of the account whose filter matches
 * (when the account's tier has webhooks and its preferences want the type), a first attempt due now, or a
 * `failed` / `endpoint_disabled` record for a disabled endpoint so replay-failed can send it later.
 * Idempotent per event and endpoint, so the outbox may hand an event over again after a crash. A batch
 * costs three statements whatever its size (the channel filter's preferences, the endpoints, the write).
 *
 * @example
 * const queued = await fanout.handleMany(events);
 */
export class EventFanout {
  private readonly deps: {
    db: Kysely<Database>;
    clock: WebhookClock;
    config: Pick<WebhookConfig, 'retryScheduleMs' | 'jitterRatio'>;
    random?: () => number;
    channelFilter?: WebhookChannelFilter;
    /** Called after commit when attempts were queued (wakes the local worker). */
    onQueued?: () => void;
  };
  constructor(deps: {
    db: Kysely<Database>;
    clock: WebhookClock;
    config: Pick<WebhookConfig, 'retryScheduleMs' | 'jitterRatio'>;
    random?: () => number;
    channelFilter?: WebhookChannelFilter;
    /** Called after commit when attempts were queued (wakes the local worker). */
    onQueued?: () => void;
  }) {
    this.deps = deps;
  }

  /** Fans one event out; returns how many attempts were queued. */
  handle(event: CommittedEvent): Promise<number> {
    return this.handleMany([event]);
  }

  /** Fans a batch out (three statements whatever its size); returns how many attempts were queued. */
  async handleMany(events: CommittedEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const wants = this.deps.channelFilter ? await this.deps.channelFilter(events) : null;
    const wanted = wants ? events.filter((_, i) => wants[i]) : events;
    if (wanted.length === 0) return 0;
    const now = new Date(this.deps.clock.now());
    const { retryScheduleMs, jitterRatio } = this.deps.config;
    const endpoints = await this.deps.db
      .selectFrom('webhook_endpoints as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .innerJoin('tiers as t', 't.id', 'u.tier_id')
      .select(['e.id', 'e.user_id', 'e.url', 'e.enabled', 'e.event_types'])
      .where('e.user_id', 'in', [...new Set(wanted.map((event) => event.userId))])
      .where(sql<boolean>`(t.features->>'webhooks') = 'true'`)
      .execute();
    const matches = wanted.flatMap((event) =>
      endpoints
        .filter((e) => e.user_id === event.userId && (e.event_types.includes('*') || e.event_types.includes(event.type)))
        .map((endpoint) => ({ event, endpoint })),
    );
    if (matches.length === 0) return 0;
    const messages = [...new Map(matches.map(({ event }) => [event.id, event])).values()];
    const firstDelay = () => retryDelayMs(retryScheduleMs, 1, jitterRatio, this.deps.random) ?? 0;
    // one statement, so it is atomic without a transaction: the event bodies, then the attempts that refer
    // to them (the foreign key is checked at the end of the statement, when both are in)
    const { rows } = await sql<{ status: string }>`
      WITH messages AS (
        INSERT INTO webhook_messages (event_id, user_id, event_type, sequence, body, test, created_at)
        VALUES ${sql.join(messages.map((event) => sql`(${sql.join([event.id, event.userId, event.type, event.sequence, eventBody(event), false, now])})`))}
        ON CONFLICT (event_id) DO NOTHING)
      INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, status, trigger, attempt, schedule_step, url, error_code, error_message, next_attempt_at, created_at)
      VALUES ${sql.join(
        matches.map(
          ({ event, endpoint }) =>
            sql`(${sql.join([
              newWebhookId('wdl', now.getTime()),
              endpoint.id,
              event.id,
              event.type,
              endpoint.enabled ? 'pending' : 'failed',
              'event',
              1,
              1,
              endpoint.url,
              endpoint.enabled ? null : 'endpoint_disabled',
              endpoint.enabled ? null : DISABLED_MESSAGE,
              endpoint.enabled ? new Date(now.getTime() + firstDelay()) : null,
              now,
            ])})`,
        ),
      )}
      ON CONFLICT (endpoint_id, event_id) WHERE trigger = 'event' DO NOTHING
      RETURNING status`.execute(this.deps.db);
    const queued = rows.filter((row) => row.status === 'pending').length;
    if (queued > 0) this.deps.onQueued?.();
    return queued;
  }
}
