import { sql, type Transaction } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { DisabledReason, EndpointRow, WebhookTables } from '../storage/webhook-tables.ts';

export type WebhookTransaction = Transaction<Database & WebhookTables>;

/** What the owner is told when an endpoint is disabled automatically. */
export interface EndpointDisabledNotice {
  userId: string;
  endpointId: string;
  url: string;
  reason: Exclude<DisabledReason, 'manual'>;
  disabledAt: Date;
}

/**
 * Called inside the transaction that disables the endpoint, so a notification written with `trx` (an
 * outbox row, a `webhook.endpoint_disabled` notification) commits with the disable or not at all.
 */
export type EndpointDisabledHook = (notice: EndpointDisabledNotice, trx: WebhookTransaction) => Promise<void>;

export const DISABLED_MESSAGE = 'Not sent: the endpoint is disabled.';

/**
 * Cancels what is pending for the endpoint: scheduled attempts become `failed` with `endpoint_disabled`,
 * and failed attempts stop pointing at a retry that will not happen.
 */
export async function cancelPendingDeliveries(trx: WebhookTransaction, endpointId: string): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', error_code: 'endpoint_disabled', error_message: DISABLED_MESSAGE, next_attempt_at: null, locked_until: null })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: null })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'failed')
    .where('next_attempt_at', 'is not', null)
    .execute();
}

/** Disables an enabled endpoint and cancels its pending attempts; null when it was already disabled. */
export async function disableEndpoint(
  trx: WebhookTransaction,
  endpointId: string,
  reason: DisabledReason,
  now: Date,
): Promise<EndpointRow | null> {
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({ enabled: false, disabled_reason: reason, disabled_at: now, updated_at: now })
    .where('id', '=', endpointId)
    .where('enabled', '=', true)
    .returningAll()
    .executeTakeFirst();
  if (row) await cancelPendingDeliveries(trx, endpointId);
  return row ?? null;
}

/**
 * Records a success: `last_success_at` moves and the failure run ends. The row is only written when
 * something changes by more than a second, so a busy endpoint's deliveries do not all queue on its row lock.
 */
export async function recordEndpointSuccess(trx: WebhookTransaction, endpointId: string, now: Date): Promise<void> {
  const aSecondAgo = new Date(now.getTime() - 1000);
  await trx
    .updateTable('webhook_endpoints')
    .set({ last_success_at: now, failure_since: null })
    .where('id', '=', endpointId)
    .where((eb) => eb.or([eb('last_success_at', 'is', null), eb('last_success_at', '<', aSecondAgo), eb('failure_since', 'is not', null)]))
    .execute();
}

/** Records a failure and returns when the current run of failures began. */
export async function recordEndpointFailure(trx: WebhookTransaction, endpointId: string, now: Date): Promise<Date | null> {
  const row = await trx
    .updateTable('webhook_endpoints')
    .set({ failure_since: sql<Date>`coalesce(failure_since, ${now})` })
    .where('id', '=', endpointId)
    .returning('failure_since')
    .executeTakeFirst();
  return row?.failure_since ?? null;
}
