import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DeliveryRow } from '../storage/webhook-tables.ts';
import type { WebhookClock } from '../webhook-clock.ts';
import type { WebhookConfig } from '../webhook-config.ts';
import { newWebhookId } from '../webhook-ids.ts';
import {
  disableEndpoint,
  recordEndpointFailure,
  recordEndpointSuccess,
  type EndpointDisabledHook,
  type WebhookTransaction,
} from './endpoint-state.ts';
import { retryDelayMs } from './retry-schedule.ts';
import type { SendResult } from './send-result.ts';
import type { Database } from '../../storage/database-schema.ts';

/** A finished HTTP attempt, waiting to be written to the log. */
export interface AttemptOutcome {
  delivery: DeliveryRow;
  result: SendResult;
  url: string;
  headers: Record<string, string>;
  attemptedAt: Date;
  /** A test event (sent or replayed): logged, but never touches the endpoint's state. */
  test: boolean;
}

export interface OutcomeRecorderDeps {
  db: Kysely<Database>;
  config: Pick<WebhookConfig, 'retryScheduleMs' | 'jitterRatio' | 'disableAfterFailingMs'>;
  clock: WebhookClock;
  random?: () => number;
  onEndpointDisabled?: EndpointDisabledHook;
  /** Told of every attempt once its outcome is written (metrics). */
  onAttemptRecorded?: (outcome: AttemptOutcome) => void;
  logger?: Logger;
}

/**
 * Writes attempt outcomes, many in one transaction (one UPDATE for all the rows, one endpoint write per
 * endpoint), so the log keeps up with a thousand deliveries a second even on the embedded database. Then,
 * per endpoint in the order the attempts finished: success bookkeeping, 410 and 5-day disabling, and the
 * next automatic retry of each failure. A row that is no longer pending (cancelled while in flight) keeps
 * its state and the outcome is dropped.
 */
export class OutcomeRecorder {
  private readonly deps: OutcomeRecorderDeps;
  constructor(deps: OutcomeRecorderDeps) {
    this.deps = deps;
  }

  /** Records the outcomes; returns the rows as they end up, in the order given (null for dropped ones). */
  async record(outcomes: AttemptOutcome[]): Promise<Array<DeliveryRow | null>> {
    if (outcomes.length === 0) return [];
    const rows = await this.#record(outcomes);
    if (this.deps.onAttemptRecorded) for (const outcome of outcomes) this.deps.onAttemptRecorded(outcome);
    return rows;
  }

  async #record(outcomes: AttemptOutcome[]): Promise<Array<DeliveryRow | null>> {
    const now = new Date(this.deps.clock.now());
    if (outcomes.every((o) => o.result.ok && o.delivery.trigger !== 'replay')) return this.#recordSuccesses(outcomes, now);
    return this.deps.db.transaction().execute(async (trx) => {
      const written = new Map((await this.#writeRows(trx, outcomes)).map((row) => [row.id, row]));
      const final = new Map(written);
      const byEndpoint = new Map<string, Array<{ outcome: AttemptOutcome; row: DeliveryRow }>>();
      for (const outcome of outcomes) {
        const row = written.get(outcome.delivery.id);
        if (!row || outcome.test) continue;
        const list = byEndpoint.get(row.endpoint_id) ?? [];
        list.push({ outcome, row });
        byEndpoint.set(row.endpoint_id, list);
      }
      for (const [endpointId, attempts] of byEndpoint) {
        for (const updated of await this.#applyToEndpoint(trx, endpointId, attempts, now)) final.set(updated.id, updated);
      }
      return outcomes.map((outcome) => final.get(outcome.delivery.id) ?? null);
    });
  }

  /**
   * The common case, all successes: the rows and their endpoints' `last_success_at` in one statement (so
   * atomic without a transaction). Test events do not touch their endpoint.
   */
  async #recordSuccesses(outcomes: AttemptOutcome[], now: Date): Promise<Array<DeliveryRow | null>> {
    const aSecondAgo = new Date(now.getTime() - 1000);
    const { rows } = await sql<DeliveryRow & { counts_for_endpoint: boolean }>`
      WITH written AS (${this.#updateRows(outcomes)}),
      endpoints AS (
        UPDATE webhook_endpoints SET last_success_at = ${now}, failure_since = NULL
        WHERE id IN (SELECT endpoint_id FROM written WHERE counts_for_endpoint)
          AND (last_success_at IS NULL OR last_success_at < ${aSecondAgo} OR failure_since IS NOT NULL))
      SELECT * FROM written`.execute(this.deps.db);
    const byId = new Map(rows.map(({ counts_for_endpoint: _, ...row }): [string, DeliveryRow] => [row.id, row]));
    return outcomes.map((outcome) => byId.get(outcome.delivery.id) ?? null);
  }

  async #writeRows(trx: WebhookTransaction, outcomes: AttemptOutcome[]): Promise<DeliveryRow[]> {
    const { rows } = await this.#updateRows(outcomes).execute(trx);
    return rows.map(({ counts_for_endpoint: _, ...row }): DeliveryRow => row);
  }

  /** One UPDATE for every outcome; rows no longer pending are left alone (and not returned). */
  #updateRows(outcomes: AttemptOutcome[]) {
    const values = outcomes.map(
      ({ delivery, result, url, headers, attemptedAt, test }) =>
        sql`(${sql.join([
          delivery.id,
          result.ok ? 'succeeded' : 'failed',
          url,
          JSON.stringify(headers),
          result.status,
          result.body,
          result.bodyTruncated,
          result.latencyMs,
          result.error?.code ?? null,
          result.error?.message ?? null,
          attemptedAt.toISOString(),
          !test,
        ])})`,
    );
    return sql<DeliveryRow & { counts_for_endpoint: boolean }>`
      UPDATE webhook_deliveries AS d SET
        status = v.status, url = v.url, request_headers = v.request_headers::jsonb,
        response_status = v.response_status::integer, response_body = v.response_body,
        response_body_truncated = v.truncated::boolean, latency_ms = v.latency_ms::integer,
        error_code = v.error_code, error_message = v.error_message, next_attempt_at = NULL,
        attempted_at = v.attempted_at::timestamptz, locked_until = NULL
      FROM (VALUES ${sql.join(values)}) AS v(id, status, url, request_headers, response_status, response_body, truncated, latency_ms, error_code, error_message, attempted_at, counts)
      WHERE d.id = v.id AND d.status = 'pending'
      RETURNING d.*, v.counts::boolean AS counts_for_endpoint`;
  }

  /** Applies one endpoint's outcomes in the order they finished. */
  async #applyToEndpoint(
    trx: WebhookTransaction,
    endpointId: string,
    attempts: Array<{ outcome: AttemptOutcome; row: DeliveryRow }>,
    now: Date,
  ): Promise<DeliveryRow[]> {
    const updated: DeliveryRow[] = [];
    const lastSuccess = attempts.map((a) => a.outcome.result.ok).lastIndexOf(true);
    if (lastSuccess >= 0) await recordEndpointSuccess(trx, endpointId, now);
    let disabled = false;
    for (const [index, { outcome, row }] of attempts.entries()) {
      if (outcome.result.ok) {
        if (row.trigger === 'replay') await this.#dropScheduledRetry(trx, row, now);
        continue;
      }
      if (disabled) continue;
      if (outcome.result.status === 410) {
        disabled = await this.#disable(trx, row, 'gone_410', now);
        continue;
      }
      // a failure that finished before a later success does not start a failure run
      if (index > lastSuccess) {
        const failingSince = await recordEndpointFailure(trx, endpointId, now);
        if (failingSince && now.getTime() - failingSince.getTime() >= this.deps.config.disableAfterFailingMs) {
          disabled = await this.#disable(trx, row, 'failing_5_days', now);
          continue;
        }
      }
      const retried = await this.#scheduleRetry(trx, row, now);
      if (retried) updated.push(retried);
    }
    return updated;
  }

  async #disable(trx: WebhookTransaction, delivery: DeliveryRow, reason: 'gone_410' | 'failing_5_days', now: Date): Promise<boolean> {
    const endpoint = await disableEndpoint(trx, delivery.endpoint_id, reason, now);
    if (endpoint && this.deps.onEndpointDisabled) {
      await this.deps.onEndpointDisabled(
        { userId: endpoint.user_id, endpointId: endpoint.id, url: endpoint.url, reason, disabledAt: now },
        trx,
      );
    }
    if (endpoint) this.deps.logger?.warn({ endpointId: delivery.endpoint_id, reason }, 'webhook endpoint disabled');
    return true;
  }

  /** Queues the next automatic attempt, if the schedule has one; returns the failed row pointing at it. */
  async #scheduleRetry(trx: WebhookTransaction, failed: DeliveryRow, now: Date): Promise<DeliveryRow | null> {
    if (failed.schedule_step === null) return null;
    const step = failed.schedule_step + 1;
    const delay = retryDelayMs(this.deps.config.retryScheduleMs, step, this.deps.config.jitterRatio, this.deps.random);
    if (delay === null) return null;
    const nextAttemptAt = new Date(now.getTime() + delay);
    await trx
      .insertInto('webhook_deliveries')
      .values({
        id: newWebhookId('wdl', now.getTime()),
        endpoint_id: failed.endpoint_id,
        event_id: failed.event_id,
        event_type: failed.event_type,
        status: 'pending',
        trigger: 'retry',
        attempt: nextAttemptNumber(failed.endpoint_id, failed.event_id),
        schedule_step: step,
        replay_of: null,
        url: failed.url,
        request_headers: null,
        response_status: null,
        response_body: null,
        latency_ms: null,
        error_code: null,
        error_message: null,
        next_attempt_at: nextAttemptAt,
        attempted_at: null,
        created_at: now,
        locked_until: null,
      })
      .execute();
    return trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: nextAttemptAt })
      .where('id', '=', failed.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A successful replay makes the event's scheduled automatic retry pointless: drop it. */
  async #dropScheduledRetry(trx: WebhookTransaction, replay: DeliveryRow, now: Date): Promise<void> {
    // a retry already in flight (claimed) is left to finish
    const dropped = await trx
      .deleteFrom('webhook_deliveries')
      .where('endpoint_id', '=', replay.endpoint_id)
      .where('event_id', '=', replay.event_id)
      .where('status', '=', 'pending')
      .where('trigger', '=', 'retry')
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirst();
    if (Number(dropped.numDeletedRows) === 0) return;
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: null })
      .where('endpoint_id', '=', replay.endpoint_id)
      .where('event_id', '=', replay.event_id)
      .where('status', '=', 'failed')
      .where('next_attempt_at', 'is not', null)
      .execute();
  }
}

/** The next attempt number of an event at an endpoint, counting every trigger (computed in the INSERT). */
export const nextAttemptNumber = (endpointId: string, eventId: string) =>
  sql<number>`(SELECT coalesce(max(attempt), 0) + 1 FROM webhook_deliveries WHERE endpoint_id = ${endpointId} AND event_id = ${eventId})`;
