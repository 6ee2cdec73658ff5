import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, TopUpsTable } from '../storage/database-schema.ts';
import { problems } from '../errors/index.ts';
import { newId } from '../storage/ids.ts';
import { postLedgerEntry } from './wallet-ledger.ts';
import { ledgerEvents, recordEvents } from './domain-events.ts';
import type { PaymentProvider } from './ports/payment-provider.ts';

export type TopUpRow = Selectable<TopUpsTable>;
/** A top-up whose checkout is open, not recorded yet. */
export type NewTopUp = Insertable<TopUpsTable>;

/**
 * A provider's verified notification about a top-up: the sandbox's callback as it is sent
 * (spec/schemas/payment-callback-request.yaml), or what another adapter's event says (`expired`: the
 * checkout closed unpaid).
 */
export interface PaymentCallback {
  event_id: string;
  reference: string;
  status: 'succeeded' | 'failed' | 'expired';
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
  private readonly options: { currency: string; provider: PaymentProvider };
  constructor(db: Kysely<Database>, options: { currency: string; provider: PaymentProvider }) {
    this.db = db;
    this.options = options;
  }

  /** The payment provider's name, as stored on the top-ups it opens. */
  get providerId(): string {
    return this.options.provider.id;
  }

  /**
   * Opens the provider's checkout, then records the `pending` top-up: when the provider fails nothing is
   * recorded (its error, a 503, is thrown).
   */
  async create(userId: string, amountCents: number, returnUrl: string | null): Promise<TopUpRow> {
    return this.record(this.db, await this.openCheckout(userId, amountCents, returnUrl));
  }

  /**
   * Opens the provider's checkout for a top-up not recorded yet (outside any transaction: a payment
   * provider's round trip never holds a database lock). The same `id` again opens no second checkout
   * (adapters pass it as the provider's idempotency key).
   */
  async openCheckout(userId: string, amountCents: number, returnUrl: string | null, id: string = newId('top')): Promise<NewTopUp> {
    const { currency, provider } = this.options;
    const expiresAt = new Date(Date.now() + TOP_UP_TTL_MS);
    const checkout = await provider.createCheckout({ topUpId: id, userId, amountCents, currency, returnUrl, expiresAt });
    return {
      id,
      user_id: userId,
      amount_cents: amountCents,
      currency,
      status: 'pending',
      provider: provider.id,
      provider_reference: checkout.providerReference,
      checkout_url: checkout.checkoutUrl,
      return_url: returnUrl,
      failure_reason: null,
      expires_at: checkout.expiresAt ?? expiresAt,
      completed_at: null,
    };
  }

  /** Records an opened checkout as a `pending` top-up, through `executor` (a transaction, or the database). */
  async record(executor: Kysely<Database>, topUp: NewTopUp): Promise<TopUpRow> {
    return executor.insertInto('top_ups').values(topUp).returningAll().executeTakeFirstOrThrow();
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
          const expired = event.status === 'expired';
          await trx
            .updateTable('top_ups')
            .set({
              status: expired ? 'expired' : 'failed',
              completed_at: new Date(),
              failure_reason: event.failure_reason ?? (expired ? 'the checkout expired unpaid' : 'payment failed'),
            })
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
