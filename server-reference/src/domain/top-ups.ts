import type { Kysely, Selectable } from 'kysely';
import type { Database, TopUpsTable } from '../storage/database-schema.ts';
import { problems } from '../errors/index.ts';
import { newId } from '../storage/ids.ts';
import { postLedgerEntry } from './wallet-ledger.ts';
import { ledgerEvents, recordEvents } from './domain-events.ts';

export type TopUpRow = Selectable<TopUpsTable>;

/** A callback as the payment provider sends it (spec/schemas/payment-callback-request.yaml). */
export interface PaymentCallback {
  event_id: string;
  reference: string;
  status: 'succeeded' | 'failed';
  amount: { amount: number; currency: string };
  provider_reference?: string;
  failure_reason?: string;
}

const TOP_UP_TTL_MS = 24 * 3600 * 1000;

/**
 * Top-ups through the payment provider (the sandbox adapter by default). A paid top-up is credited exactly
 * once: the event id is recorded in the same transaction as the credit, and a unique index allows one
 * `top_up` ledger entry per top-up whatever the number of events.
 */
export class TopUpService {
  private readonly db: Kysely<Database>;
  private readonly options: { publicUrl: string; currency: string; provider: string };
  constructor(db: Kysely<Database>, options: { publicUrl: string; currency: string; provider: string }) {
    this.db = db;
    this.options = options;
  }

  async create(userId: string, amountCents: number, returnUrl: string | null): Promise<TopUpRow> {
    const id = newId('top');
    return this.db
      .insertInto('top_ups')
      .values({
        id,
        user_id: userId,
        amount_cents: amountCents,
        currency: this.options.currency,
        status: 'pending',
        provider: this.options.provider,
        provider_reference: `cs_sandbox_${id.slice(4)}`,
        checkout_url: `${this.options.publicUrl}/sandbox/checkout/${id}`,
        return_url: returnUrl,
        failure_reason: null,
        expires_at: new Date(Date.now() + TOP_UP_TTL_MS),
        completed_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async get(userId: string, id: string): Promise<{ topUp: TopUpRow; ledgerEntryId: string | null }> {
    const topUp = await this.db.selectFrom('top_ups').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!topUp) throw problems.notFound(`top-up ${id}`);
    return { topUp, ledgerEntryId: await this.#creditId(id) };
  }

  async list(userId: string, page: { limit: number; startingAfter?: string; status?: string; createdGte?: string; createdLt?: string }) {
    let query = this.db
      .selectFrom('top_ups')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    if (page.status) query = query.where('status', '=', page.status as TopUpRow['status']);
    if (page.createdGte) query = query.where('created_at', '>=', new Date(page.createdGte));
    if (page.createdLt) query = query.where('created_at', '<', new Date(page.createdLt));
    const rows = await query.execute();
    const credits =
      rows.length === 0
        ? []
        : await this.db
            .selectFrom('ledger_entries')
            .select(['id', 'top_up_id'])
            .where('kind', '=', 'top_up')
            .where(
              'top_up_id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
    const byTopUp = new Map(credits.map((c) => [c.top_up_id!, c.id]));
    return rows.map((topUp) => ({ topUp, ledgerEntryId: byTopUp.get(topUp.id) ?? null }));
  }

  /** Applies a verified provider callback; a repeated event id changes nothing. */
  async applyCallback(provider: string, event: PaymentCallback): Promise<void> {
    await this.db
      .transaction()
      .execute(async (trx) => {
        const topUp = await trx
          .selectFrom('top_ups')
          .selectAll()
          .where('id', '=', event.reference)
          .where('provider', '=', provider)
          .forUpdate()
          .executeTakeFirst();
        if (!topUp) throw problems.notFound(`top-up ${event.reference}`);
        const fresh = await trx
          .insertInto('payment_events')
          .values({ provider, event_id: event.event_id, top_up_id: topUp.id })
          .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
          .returning('event_id')
          .executeTakeFirst();
        if (!fresh) return;
        if (event.amount.amount !== topUp.amount_cents || event.amount.currency !== topUp.currency) {
          throw problems.validation([
            { field: '/body/amount', code: 'invalid', message: `must equal the top-up amount ${topUp.amount_cents} ${topUp.currency}` },
          ]);
        }
        if (event.status === 'succeeded') {
          if (topUp.status === 'succeeded') return;
          const entry = await postLedgerEntry(trx, {
            userId: topUp.user_id,
            kind: 'top_up',
            amountCents: topUp.amount_cents,
            topUpId: topUp.id,
          });
          await recordEvents(trx, ledgerEvents(entry));
          await trx
            .updateTable('top_ups')
            .set({
              status: 'succeeded',
              completed_at: new Date(),
              failure_reason: null,
              provider_reference: event.provider_reference ?? topUp.provider_reference,
            })
            .where('id', '=', topUp.id)
            .execute();
        } else if (topUp.status === 'pending') {
          await trx
            .updateTable('top_ups')
            .set({ status: 'failed', completed_at: new Date(), failure_reason: event.failure_reason ?? 'payment failed' })
            .where('id', '=', topUp.id)
            .execute();
        }
      })
      .catch((error) => {
        // a concurrent delivery of the same event id lost the insert race: it was applied once, by the winner
        if ((error as { code?: string }).code === '23505') return;
        throw error;
      });
  }

  async #creditId(topUpId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select('id')
      .where('kind', '=', 'top_up')
      .where('top_up_id', '=', topUpId)
      .executeTakeFirst();
    return row?.id ?? null;
  }
}
