import type { Kysely } from 'kysely';
import { ApiError, problems } from '../../errors/index.ts';
import type { DeliveryRunner } from '../dispatch/delivery-runner.ts';
import { nextAttemptNumber } from '../dispatch/outcome-recorder.ts';
import { eventBody } from '../dispatch/event-fanout.ts';
import { type DeliveryWithBody, selectDeliveries } from './delivery-query.ts';
import type { EndpointRow } from '../storage/webhook-tables.ts';
import type { WebhookClock } from '../webhook-clock.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import { newWebhookId } from '../webhook-ids.ts';
import type { Database } from '../../storage/database-schema.ts';

/** The account's latest event sequence (a test event repeats it); null when it has none. */
export type LatestSequence = (userId: string) => Promise<number | null>;

export interface ManualDeliveriesDeps {
  db: Kysely<Database>;
  runner: DeliveryRunner;
  clock: WebhookClock;
  config: Pick<WebhookConfig, 'leaseMs' | 'retentionMs' | 'replayPaceMs'>;
  latestSequence?: LatestSequence;
  /** Called when replay-failed queued attempts (wakes the local worker). */
  onQueued?: () => void;
}

/** Attempts the owner asks for: a test event, a replay of one delivery, a replay of every failed event. */
export class ManualDeliveries {
  private readonly deps: ManualDeliveriesDeps;
  constructor(deps: ManualDeliveriesDeps) {
    this.deps = deps;
  }

  /**
   * Sends a synthetic event of `eventType` with `data` now, once, whatever the endpoint's filter or state,
   * and returns the attempt. It is marked as a test and changes nothing on the endpoint.
   */
  async sendTest(userId: string, endpointId: string, eventType: string, data: unknown): Promise<DeliveryWithBody> {
    const endpoint = await this.#endpoint(userId, endpointId);
    const now = this.deps.clock.now();
    const eventId = newWebhookId('evt', now);
    const sequence = (await this.#latestSequence(userId)) ?? 1;
    const id = await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_messages')
        .values({
          event_id: eventId,
          user_id: userId,
          event_type: eventType,
          sequence,
          body: eventBody({ id: eventId, userId, type: eventType, timestamp: new Date(now), sequence, data }),
          test: true,
          created_at: new Date(now),
        })
        .execute();
      return this.#insertAttempt(trx, endpoint, { eventId, eventType, trigger: 'test', replayOf: null, runAt: now, claimed: true });
    });
    return this.#runNow(id);
  }

  /**
   * Sends the delivery's event again now, as a new attempt that is never retried automatically, and returns
   * it. Refused with 409 `webhook_endpoint_disabled` while the endpoint is disabled.
   */
  async replay(userId: string, endpointId: string, deliveryId: string): Promise<DeliveryWithBody> {
    const endpoint = await this.#enabledEndpoint(userId, endpointId);
    const original = await this.deps.db
      .selectFrom('webhook_deliveries as d')
      .select(['d.id', 'd.event_id', 'd.event_type'])
      .where('d.id', '=', deliveryId)
      .where('d.endpoint_id', '=', endpointId)
      .executeTakeFirst();
    if (!original) throw problems.notFound(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    const id = await this.deps.db.transaction().execute((trx) =>
      this.#insertAttempt(trx, endpoint, {
        eventId: original.event_id,
        eventType: original.event_type,
        trigger: 'replay',
        replayOf: original.id,
        runAt: this.deps.clock.now(),
        claimed: true,
      }),
    );
    return this.#runNow(id);
  }

  /**
   * Queues one replay for every event whose latest delivery, created at or after `since`, failed with no
   * retry scheduled; oldest first, spaced `replayPaceMs` apart. Returns how many were queued. Events with a
   * pending attempt are skipped, so calling this twice does not send twice.
   */
  async replayFailed(userId: string, endpointId: string, since: Date): Promise<number> {
    const now = this.deps.clock.now();
    if (since.getTime() < now - this.deps.config.retentionMs) {
      throw problems.validation([
        {
          field: '/body/since',
          code: 'out_of_range',
          message: `must be at most ${Math.round(this.deps.config.retentionMs / 86_400_000)} days ago`,
        },
      ]);
    }
    const endpoint = await this.#enabledEndpoint(userId, endpointId);
    const queued = await this.deps.db.transaction().execute(async (trx) => {
      // the endpoint row lock makes concurrent calls queue one after the other, so the second sees the first's attempts
      await trx.selectFrom('webhook_endpoints').select('id').where('id', '=', endpointId).forUpdate().execute();
      const latest = trx
        .selectFrom('webhook_deliveries')
        .select(['id', 'event_id', 'event_type', 'status', 'next_attempt_at', 'created_at'])
        .distinctOn('event_id')
        .where('endpoint_id', '=', endpointId)
        .orderBy('event_id')
        .orderBy('id', 'desc')
        .as('latest');
      const failed = await trx
        .selectFrom(latest)
        .innerJoin('webhook_messages as m', 'm.event_id', 'latest.event_id')
        .select(['latest.id', 'latest.event_id', 'latest.event_type'])
        .where('latest.status', '=', 'failed')
        .where('latest.next_attempt_at', 'is', null)
        .where('latest.created_at', '>=', since)
        .orderBy('m.created_at')
        .orderBy('latest.event_id')
        .execute();
      let index = 0;
      for (const delivery of failed) {
        await this.#insertAttempt(trx, endpoint, {
          eventId: delivery.event_id,
          eventType: delivery.event_type,
          trigger: 'replay',
          replayOf: delivery.id,
          runAt: now + index++ * this.deps.config.replayPaceMs,
          claimed: false,
        });
      }
      return failed.length;
    });
    if (queued > 0) this.deps.onQueued?.();
    return queued;
  }

  /** A pending attempt; `claimed` ones carry a lease so the worker leaves them to the caller (unless it crashes). */
  async #insertAttempt(
    trx: Kysely<Database>,
    endpoint: EndpointRow,
    attempt: { eventId: string; eventType: string; trigger: 'test' | 'replay'; replayOf: string | null; runAt: number; claimed: boolean },
  ): Promise<string> {
    const now = this.deps.clock.now();
    const id = newWebhookId('wdl', now);
    await trx
      .insertInto('webhook_deliveries')
      .values({
        id,
        endpoint_id: endpoint.id,
        event_id: attempt.eventId,
        event_type: attempt.eventType,
        status: 'pending',
        trigger: attempt.trigger,
        attempt: nextAttemptNumber(endpoint.id, attempt.eventId),
        schedule_step: null,
        replay_of: attempt.replayOf,
        url: endpoint.url,
        request_headers: null,
        response_status: null,
        response_body: null,
        latency_ms: null,
        error_code: null,
        error_message: null,
        next_attempt_at: new Date(attempt.runAt),
        attempted_at: null,
        created_at: new Date(now),
        locked_until: attempt.claimed ? new Date(now + this.deps.config.leaseMs) : null,
      })
      .execute();
    return id;
  }

  async #runNow(deliveryId: string): Promise<DeliveryWithBody> {
    await this.deps.runner.attempt(deliveryId);
    return selectDeliveries(this.deps.db).where('d.id', '=', deliveryId).executeTakeFirstOrThrow();
  }

  async #latestSequence(userId: string): Promise<number | null> {
    if (this.deps.latestSequence) return this.deps.latestSequence(userId);
    const row = await this.deps.db
      .selectFrom('webhook_messages')
      .select((eb) => eb.fn.max('sequence').as('sequence'))
      .where('user_id', '=', userId)
      .where('test', '=', false)
      .executeTakeFirst();
    return row?.sequence ? Number(row.sequence) : null;
  }

  async #endpoint(userId: string, endpointId: string): Promise<EndpointRow> {
    const row = await this.deps.db
      .selectFrom('webhook_endpoints')
      .selectAll()
      .where('id', '=', endpointId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw problems.notFound(`webhook endpoint ${endpointId}`);
    return row;
  }

  async #enabledEndpoint(userId: string, endpointId: string): Promise<EndpointRow> {
    const endpoint = await this.#endpoint(userId, endpointId);
    if (!endpoint.enabled) {
      throw new ApiError(
        'webhook_endpoint_disabled',
        `Endpoint ${endpointId} is disabled (${endpoint.disabled_reason}); enable it before replaying.`,
      );
    }
    return endpoint;
  }
}
