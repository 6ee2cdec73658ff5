import type { Kysely } from 'kysely';
import { problems } from '../../errors/index.ts';
import type { DeliveryRow, DeliveryStatus } from '../storage/webhook-tables.ts';
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
  async list(userId: string, endpointId: string, filter: DeliveryFilter): Promise<DeliveryRow[]> {
    await this.#ownedEndpoint(userId, endpointId);
    let query = this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .orderBy('id', 'desc')
      .limit(filter.limit + 1);
    if (filter.startingAfter) query = query.where('id', '<', filter.startingAfter);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.eventType) query = query.where('event_type', '=', filter.eventType);
    if (filter.eventId) query = query.where('event_id', '=', filter.eventId);
    if (filter.createdGte) query = query.where('created_at', '>=', filter.createdGte);
    if (filter.createdLt) query = query.where('created_at', '<', filter.createdLt);
    return query.execute();
  }

  async get(userId: string, endpointId: string, deliveryId: string): Promise<DeliveryRow> {
    await this.#ownedEndpoint(userId, endpointId);
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('id', '=', deliveryId)
      .where('endpoint_id', '=', endpointId)
      .executeTakeFirst();
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
