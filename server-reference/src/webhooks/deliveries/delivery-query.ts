import type { Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { DeliveryRow } from '../storage/webhook-tables.ts';

/** An attempt with the body it sends (kept once per event in `webhook_messages`, shared by every attempt). */
export type DeliveryWithBody = DeliveryRow & { request_body: string };

/**
 * Attempts joined to their event's body. Columns both tables have (`event_id`, `event_type`, `created_at`)
 * are filtered as `d.<column>`. The join never drops a row: an attempt's event body is a foreign key that
 * cascades on delete.
 */
export const selectDeliveries = (db: Kysely<Database>) =>
  db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_messages as m', 'm.event_id', 'd.event_id')
    .selectAll('d')
    .select('m.body as request_body');
