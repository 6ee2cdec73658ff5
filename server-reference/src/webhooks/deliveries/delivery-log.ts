import type { Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import type { DeliveryStatus } from '../storage/webhook-tables.ts';
import { type DeliveryWithBody, selectDeliveries } from './delivery-query.ts';
import type { Database } from '../../storage/database-schema.ts';

export interface DeliveryFilter {
  limit: number;
  startingAfter?: string;
  status?: DeliveryStatus;
  eventType?: string;
  eventId?: string;
  createdGte?: Date;
  createdLt?: Date;
}

/** Reads an endpoint's delivery log (one row per attempt), scoped to the endpoint's owner. */
export class DeliveryLog {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Newest first; `limit + 1` rows so the caller can tell whether there is more. */
  async list(userId: string, endpointId: string, filter: DeliveryFilter): Promise<DeliveryWithBody[]> {
    await this.#ownedEndpoint(userId, endpointId);
    let query = selectDeliveries(this.db)
      .where('d.endpoint_id', '=', endpointId)
      .orderBy('d.id', 'desc')
      .limit(filter.limit + 1);
    if (filter.startingAfter) query = query.where('d.id', '<', filter.startingAfter);
    if (filter.status) query = query.where('d.status', '=', filter.status);
    if (filter.eventType) query = query.where('d.event_type', '=', filter.eventType);
    if (filter.eventId) query = query.where('d.event_id', '=', filter.eventId);
    if (filter.createdGte) query = query.where('d.created_at', '>=', filter.createdGte);
    if (filter.createdLt) query = query.where('d.created_at', '<', filter.createdLt);
    return query.execute();
  }

  async get(userId: string, endpointId: string, deliveryId: string): Promise<DeliveryWithBody> {
    await this.#ownedEndpoint(userId, endpointId);
    const row = await selectDeliveries(this.db).where('d.id', '=', deliveryId).where('d.endpoint_id', '=', endpointId).executeTakeFirst();
    if (!row) throw problems.notFound(`delivery ${deliveryId} of webhook endpoint ${endpointId}`);
    return row;
  }

  /** Drops attempts (and event bodies no attempt refers to any more) older than `before`. */
  async prune(before: Date): Promise<number> {
    const deleted = await this.db
      .deleteFrom('webhook_deliveries')
      .where('created_at', '<', before)
      .where('status', '!=', 'pending')
      .executeTakeFirst();
    await this.db
      .deleteFrom('webhook_messages')
      .where('created_at', '<', before)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('webhook_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'webhook_messages.event_id'))),
      )
      .execute();
    return Number(deleted.numDeletedRows);
  }

  async #ownedEndpoint(userId: string, endpointId: string): Promise<void> {
    const found = await this.db
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('id', '=', endpointId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!found) throw problems.notFound(`webhook endpoint ${endpointId}`);
  }
}
