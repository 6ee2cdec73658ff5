import { inSpan } from '../observability/spans.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import type { ProviderSms, UpstreamProvider } from './ports/upstream-provider.ts';
import { ProviderError } from './ports/provider-error.ts';
import type { ProviderDirectory } from './ports/provider-directory.ts';
import { ApiError, problems } from '../errors/index.ts';
import type { CatalogService, RoutedOffer } from './catalog.ts';
import { extractCode } from './code-extraction.ts';
import { newId } from '../storage/ids.ts';
import type { TierRow, UserRow } from './principal.ts';
import { providerProblem } from './provider-problem.ts';
import { InsufficientBalanceError, postLedgerEntry } from './wallet-ledger.ts';
import { refundVerification } from './verification-refunds.ts';
import { enforceActiveVerificationCap } from './active-verification-cap.ts';
import { ledgerEvents, recordEvents, smsReceivedEvent, verificationEvent } from './domain-events.ts';

import type { VerificationRow } from '../storage/rows.ts';

export type { VerificationRow };
type RefundReason = 'cancelled' | 'expired' | 'failed';

export interface CreateVerificationInput {
  service: string;
  country: string;
  area_code?: string;
  carrier?: string;
  max_price?: number;
}

/**
 * The verification state machine (DESIGN.md §4): `pending` -> `completed` | `cancelled` | `expired` |
 * `failed`. Every transition out of `pending` is one conditional UPDATE (`WHERE status = 'pending'`), and
 * the refund is written in the same transaction, so whichever of cancel, expiry, failure or a code wins
 * the race is the only one that takes effect; a unique index allows one refund per verification anyway.
 */
export class VerificationService {
  private readonly db: Kysely<Database>;
  private readonly providers: ProviderDirectory;
  private readonly catalog: CatalogService;
  private readonly options: { ttlMinutes: number; currency: string };
  constructor(
    db: Kysely<Database>,
    providers: ProviderDirectory,
    catalog: CatalogService,
    options: { ttlMinutes: number; currency: string },
  ) {
    this.db = db;
    this.providers = providers;
    this.catalog = catalog;
    this.options = options;
  }

  /**
   * Buys a number: prices it (a held quote wins), debits the price and records the verification in ONE
   * transaction, then rents the number. If the provider fails the verification becomes `failed` and is
   * refunded at once, and the provider's problem is thrown. A repeated idempotency key returns the
   * verification it created (the insert finds it: no read ahead of a first purchase).
   */
  async create(
    user: UserRow,
    tier: TierRow,
    input: CreateVerificationInput,
    idempotencyKey: string | null,
  ): Promise<{ verification: VerificationRow; replayed: boolean }> {
    return inSpan(
      'verifications.purchase',
      { attributes: { 'namaskah.service': input.service, 'namaskah.country': input.country, 'enduser.id': user.id } },
      async (span) => {
        const bought = await this.#purchase(user, tier, input, idempotencyKey);
        span.setAttributes({ 'namaskah.verification_id': bought.verification.id, 'namaskah.replayed': bought.replayed });
        return bought;
      },
    );
  }

  async #purchase(
    user: UserRow,
    tier: TierRow,
    input: CreateVerificationInput,
    idempotencyKey: string | null,
  ): Promise<{ verification: VerificationRow; replayed: boolean }> {
    let offer: RoutedOffer;
    let priceCents: number;
    try {
      offer = await this.catalog.routedOffer(tier, {
        service: input.service,
        country: input.country,
        areaCode: input.area_code,
        carrier: input.carrier,
        buyerId: user.id,
      });
      priceCents = offer.heldPriceCents ?? offer.breakdown.priceCents;
      if (input.max_price !== undefined && priceCents > input.max_price) {
        throw problems.validation([
          { field: '/body/max_price', code: 'maximum', message: `the price is ${priceCents}, above max_price ${input.max_price}` },
        ]);
      }
    } catch (error) {
      // a retry of a purchase that went through replays it, whatever the catalog or the price says now
      const existing = idempotencyKey ? await this.#byIdempotencyKey(user.id, idempotencyKey) : undefined;
      if (existing) return { verification: existing, replayed: true };
      throw error;
    }
    const provider = offer.route.provider;
    const now = new Date();
    const id = newId('ver');
    let created: VerificationRow | undefined;
    try {
      created = await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('verifications')
          .values({
            id,
            user_id: user.id,
            status: 'pending',
            service: input.service,
            country: input.country,
            area_code: input.area_code ?? null,
            carrier: input.carrier ?? null,
            phone_number: null,
            provider_id: provider.id,
            provider_ref: null,
            price_cents: priceCents,
            cost_cents: offer.route.entry.costCents,
            currency: this.options.currency,
            code: null,
            created_at: now,
            expires_at: new Date(now.getTime() + this.options.ttlMinutes * 60_000),
            completed_at: null,
            cancelled_at: null,
            refund_reason: null,
            failure_reason: null,
            idempotency_key: idempotencyKey,
            reported_at: null,
            report_reason: null,
          })
          // the same key again (a retry racing the first request, or one the idempotency layer no longer
          // remembers) inserts nothing and is answered with the verification it created
          .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return row;
        if (priceCents > 0) {
          const entry = await postLedgerEntry(trx, { userId: user.id, kind: 'purchase', amountCents: -priceCents, verificationId: id });
          await recordEvents(trx, ledgerEvents(entry));
        }
        await enforceActiveVerificationCap(trx, user.id, tier.max_active_verifications, { walletLocked: priceCents > 0 });
        return row;
      });
    } catch (error) {
      if (error instanceof InsufficientBalanceError) {
        throw new ApiError(
          'insufficient_balance',
          `The price is ${priceCents} ${this.options.currency} cents; your balance is ${error.balanceCents}.`,
        );
      }
      throw error;
    }
    if (!created) return { verification: await this.#byIdempotencyKeyOrThrow(user.id, idempotencyKey!), replayed: true };

    try {
      const number = await provider.purchase({
        service: input.service,
        country: input.country,
        areaCode: input.area_code,
        carrier: input.carrier,
        reference: id,
      });
      const updated = await this.db.transaction().execute(async (trx) => {
        // same lock as receiveSms, taken by this UPDATE: an SMS pushed before this commit is either
        // buffered already (applied below, by a later statement that sees it) or waits for the lock and
        // then finds the stored rental
        const row = await trx
          .with('locked', (db) => db.selectNoFrom(rentalLock(provider.id, number.providerRef).as('locked')))
          .updateTable('verifications')
          .set({ phone_number: number.phoneNumber, provider_ref: number.providerRef, cost_cents: number.costCents })
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .where((eb) => eb.exists(eb.selectFrom('locked').selectAll()))
          .returningAll()
          .executeTakeFirst();
        // `verification.created` once the number is assigned (what its subscribers need), before any SMS
        if (!row) return null;
        await recordEvents(trx, [verificationEvent(row, 'verification.created')]);
        // the row as committed: re-read only when buffered SMS changed it after the update
        return (await this.#applyBufferedSms(trx, provider.id, number.providerRef))
          ? trx.selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
          : row;
      });
      if (!updated) {
        // cancelled while the number was being rented: release it, the refund already happened
        await provider.cancel(number.providerRef).catch(() => undefined);
        return { verification: await this.#get(id), replayed: false };
      }
      return { verification: updated, replayed: false };
    } catch (error) {
      const reason = error instanceof ProviderError ? `${error.code}: ${error.message}` : 'unexpected provider error';
      await this.#leavePending(id, 'failed', { failureReason: reason.slice(0, 500) });
      throw providerProblem(error, { service: input.service, country: input.country, areaCode: input.area_code });
    }
  }

  /** One of the user's verifications, or 404. */
  async get(userId: string, id: string): Promise<VerificationRow> {
    const row = await this.db.selectFrom('verifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (!row) throw problems.notFound(`verification ${id}`);
    return row;
  }

  /** The user's verifications, newest first (ids are time-ordered, so the id is the cursor). */
  async list(
    userId: string,
    page: { limit: number; startingAfter?: string; status?: string; service?: string; createdGte?: string; createdLt?: string },
  ) {
    let query = this.db
      .selectFrom('verifications')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    if (page.status) query = query.where('status', '=', page.status as VerificationRow['status']);
    if (page.service) query = query.where('service', '=', page.service);
    if (page.createdGte) query = query.where('created_at', '>=', new Date(page.createdGte));
    if (page.createdLt) query = query.where('created_at', '<', new Date(page.createdLt));
    return query.execute();
  }

  /**
   * Cancels a pending verification and refunds it. The provider is asked first, so a refusal
   * (`cancel_too_early`) changes nothing; if a code or the expiry won meanwhile, 409 and no second refund.
   */
  async cancel(userId: string, id: string): Promise<VerificationRow> {
    const row = await this.get(userId, id);
    if (row.status !== 'pending') throw notCancellable(row);
    if (row.provider_ref) {
      try {
        await this.#provider(row).cancel(row.provider_ref);
      } catch (error) {
        // the provider says the rental is past cancelling (an SMS came, it ran out): so is the verification
        if (error instanceof ProviderError && error.code === 'invalid_state')
          throw notCancellable(row, 'the provider no longer allows cancelling this number');
        if (!(error instanceof ProviderError && error.code === 'not_found')) throw providerProblem(error);
      }
    }
    const cancelled = await this.#leavePending(id, 'cancelled', {});
    if (!cancelled) throw notCancellable(await this.#get(id));
    return cancelled;
  }

  /** Marks the number as bad at the provider; a pending verification is also cancelled and refunded. */
  async report(userId: string, id: string, reason: string, note: string | null): Promise<VerificationRow> {
    const row = await this.get(userId, id);
    if (row.reported_at) return row;
    if (row.provider_ref) {
      try {
        await this.#provider(row).report(row.provider_ref, note ? `${reason}: ${note}` : reason);
      } catch (error) {
        // a rental the provider already closed (cancelled, expired, released) or forgot cannot be reported
        // there, but the report is still recorded here, as the spec promises for a finished verification
        if (!(error instanceof ProviderError && (error.code === 'invalid_state' || error.code === 'not_found')))
          throw providerProblem(error);
      }
    }
    await this.db
      .updateTable('verifications')
      .set({ reported_at: new Date(), report_reason: note ? `${reason}: ${note}` : reason })
      .where('id', '=', id)
      .where('reported_at', 'is', null)
      .execute();
    // a pending number that never got an SMS is worthless: cancel and refund it (the conditional transition decides)
    if (row.status === 'pending' && row.sms_count === 0) await this.#leavePending(id, 'cancelled', {});
    return this.#get(id);
  }

  /**
   * Asks for another code on the number of a `completed` verification that is still held (before
   * `expires_at`, not reported); free of charge. The first SMS with a code after the request replaces
   * `code`. The provider is told where it needs to be; if it cannot be reached the request stands (the
   * number is held and polled until `expires_at` all the same).
   */
  async requestAnotherCode(userId: string, id: string): Promise<VerificationRow> {
    const row = await this.get(userId, id);
    const refusal =
      row.status === 'pending'
        ? `Verification ${row.id} has not received its first code yet.`
        : row.status !== 'completed'
          ? `Verification ${row.id} is ${row.status}; its number is released.`
          : row.reported_at
            ? `Verification ${row.id} was reported; its number is released.`
            : row.expires_at.getTime() <= Date.now()
              ? `Verification ${row.id} is past its expires_at; its number is released.`
              : null;
    if (refusal) throw new ApiError('another_code_unavailable', refusal);
    if (row.another_code_requested_at) return row;
    const provider = this.#provider(row);
    if (row.provider_ref && provider.requestAnotherSms) {
      await provider.requestAnotherSms(row.provider_ref).catch(() => undefined);
    }
    const updated = await this.db
      .updateTable('verifications')
      .set({ another_code_requested_at: new Date() })
      .where('id', '=', id)
      .where('status', '=', 'completed')
      .where('another_code_requested_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return updated ?? this.#get(id);
  }

  async messages(userId: string, id: string, page: { limit: number; startingAfter?: string }) {
    await this.get(userId, id);
    let query = this.db
      .selectFrom('sms_messages')
      .selectAll()
      .where('verification_id', '=', id)
      .orderBy('id', 'asc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '>', page.startingAfter);
    return query.execute();
  }

  /**
   * Records an SMS from the provider (push or poll). Duplicates and messages older than the verification are
   * ignored; the first message with a code completes a pending verification. Late messages on a finished
   * verification are kept but change nothing (in particular, never un-refund anything).
   */
  async receiveSms(providerId: string, providerRef: string, sms: ProviderSms): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await lockRental(trx, providerId, providerRef);
      const row = await trx
        .selectFrom('verifications')
        .selectAll()
        .where('provider_id', '=', providerId)
        .where('provider_ref', '=', providerRef)
        .forUpdate()
        .executeTakeFirst();
      if (!row) {
        // pushed before the purchase stored the rental: keep it for the purchase to apply
        await trx
          .insertInto('unmatched_sms')
          .values({
            provider_id: providerId,
            provider_ref: providerRef,
            provider_message_id: sms.providerMessageId,
            sender: sms.from,
            text: sms.text.slice(0, 1600),
            parsed_code: sms.parsedCode,
            received_at: sms.receivedAt,
          })
          .onConflict((oc) => oc.columns(['provider_id', 'provider_ref', 'provider_message_id']).doNothing())
          .execute();
        return;
      }
      await this.#applySms(trx, row, sms);
    });
  }

  /**
   * Rentals of verifications bought from `providerIds` whose number is still held, oldest first: what the
   * SMS poller asks pull-only providers about. Held is `pending`, or `completed` until `expires_at` (more
   * codes may come), never reported.
   */
  async heldRentals(
    providerIds: string[],
    limit: number,
    now = new Date(),
  ): Promise<Array<Pick<VerificationRow, 'id' | 'provider_id' | 'provider_ref'>>> {
    if (providerIds.length === 0) return [];
    return this.db
      .selectFrom('verifications')
      .select(['id', 'provider_id', 'provider_ref'])
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'completed'), eb('expires_at', '>', now)])]))
      .where('reported_at', 'is', null)
      .where('provider_ref', 'is not', null)
      .where('provider_id', 'in', providerIds)
      .orderBy('created_at')
      .limit(limit)
      .execute();
  }

  /** Drops buffered SMS that no purchase claimed (the rental belonged to no verification of ours). */
  async pruneUnmatchedSms(olderThan: Date): Promise<number> {
    const result = await this.db.deleteFrom('unmatched_sms').where('created_at', '<', olderThan).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Applies SMS that arrived before the rental was stored; returns whether there were any. */
  async #applyBufferedSms(trx: Transaction<Database>, providerId: string, providerRef: string): Promise<boolean> {
    const buffered = await trx
      .deleteFrom('unmatched_sms')
      .where('provider_id', '=', providerId)
      .where('provider_ref', '=', providerRef)
      .returningAll()
      .execute();
    if (buffered.length === 0) return false;
    buffered.sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
    const row = await trx
      .selectFrom('verifications')
      .selectAll()
      .where('provider_id', '=', providerId)
      .where('provider_ref', '=', providerRef)
      .forUpdate()
      .executeTakeFirstOrThrow();
    for (const sms of buffered) {
      const current = await trx.selectFrom('verifications').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      await this.#applySms(trx, current, {
        providerMessageId: sms.provider_message_id,
        from: sms.sender,
        text: sms.text,
        parsedCode: sms.parsed_code,
        receivedAt: sms.received_at,
      });
    }
    return true;
  }

  async #applySms(trx: Transaction<Database>, row: VerificationRow, sms: ProviderSms): Promise<void> {
    // messages older than the verification belong to an earlier renter of the number
    if (sms.receivedAt.getTime() < row.created_at.getTime()) return;
    const code = extractCode(sms.text, sms.parsedCode);
    const inserted = await trx
      .insertInto('sms_messages')
      .values({
        id: newId('sms'),
        verification_id: row.id,
        provider_message_id: sms.providerMessageId,
        sender: sms.from ? sms.from.slice(0, 32) : null,
        text: sms.text.slice(0, 1600),
        code,
        received_at: sms.receivedAt,
      })
      .onConflict((oc) => oc.columns(['verification_id', 'provider_message_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) return;
    let current = await trx
      .updateTable('verifications')
      .set((eb) => ({ sms_count: eb('sms_count', '+', 1) }))
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // a message on a cancelled, expired or failed verification is kept but announced to no one (sms-received.yaml)
    if (current.status !== 'pending' && current.status !== 'completed') return;
    const completed =
      current.status === 'pending' && code
        ? await trx
            .updateTable('verifications')
            .set({ status: 'completed', code, completed_at: new Date() })
            .where('id', '=', row.id)
            .where('status', '=', 'pending')
            .returningAll()
            .executeTakeFirst()
        : undefined;
    if (completed) current = completed;
    else if (
      current.status === 'completed' &&
      code &&
      current.another_code_requested_at &&
      sms.receivedAt.getTime() >= current.another_code_requested_at.getTime()
    ) {
      // the code asked for with "another code": it becomes the verification's code
      current = await trx
        .updateTable('verifications')
        .set({ code, another_code_requested_at: null })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    // sms.received first, then the completion it caused, in this transaction
    await recordEvents(
      trx,
      completed
        ? [smsReceivedEvent(current, inserted), verificationEvent(current, 'verification.completed')]
        : [smsReceivedEvent(current, inserted)],
    );
  }

  /** Expires one overdue pending verification (refunding it); false when it had already left `pending`. */
  async expire(id: string): Promise<boolean> {
    const expired = await this.#leavePending(id, 'expired', { onlyIfDue: true });
    if (expired?.provider_ref)
      await this.#provider(expired)
        .cancel(expired.provider_ref)
        .catch(() => undefined);
    return expired !== null;
  }

  /** Ids of pending verifications past `expires_at`, oldest first. */
  async overdue(limit: number, now = new Date()): Promise<string[]> {
    const rows = await this.db
      .selectFrom('verifications')
      .select('id')
      .where('status', '=', 'pending')
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The only way out of `pending` other than a code: one conditional UPDATE plus the refund entry, in one
   * transaction. Returns null when another transition won.
   */
  async #leavePending(
    id: string,
    to: RefundReason,
    extra: { failureReason?: string; onlyIfDue?: boolean },
  ): Promise<VerificationRow | null> {
    return this.db.transaction().execute(async (trx: Transaction<Database>) => {
      let update = trx
        .updateTable('verifications')
        .set({
          status: to,
          cancelled_at: to === 'cancelled' ? new Date() : null,
          failure_reason: extra.failureReason ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending');
      if (extra.onlyIfDue) update = update.where('expires_at', '<=', new Date());
      const left = await update.returningAll().executeTakeFirst();
      if (!left) return null;
      // refunded unless an administrator already did (the shared refund path decides)
      const { claimed, entry } = await refundVerification(trx, left, to);
      const row = claimed ? { ...left, refunded: true, refund_reason: to } : left;
      await recordEvents(trx, [verificationEvent(row, `verification.${to}`), ...(entry ? ledgerEvents(entry) : [])]);
      return row;
    });
  }

  /** The provider a verification was bought from (registered even when disabled for new purchases). */
  #provider(row: VerificationRow): UpstreamProvider {
    const provider = this.providers.get(row.provider_id);
    if (!provider)
      throw new ApiError('provider_unavailable', `The provider of verification ${row.id} is not configured on this server.`, {
        headers: { 'Retry-After': '60' },
      });
    return provider;
  }

  async #get(id: string): Promise<VerificationRow> {
    return this.db.selectFrom('verifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async #byIdempotencyKey(userId: string, key: string): Promise<VerificationRow | undefined> {
    return this.#byKey(userId, key).executeTakeFirst();
  }

  async #byIdempotencyKeyOrThrow(userId: string, key: string): Promise<VerificationRow> {
    return this.#byKey(userId, key).executeTakeFirstOrThrow();
  }

  #byKey(userId: string, key: string) {
    return this.db.selectFrom('verifications').selectAll().where('user_id', '=', userId).where('idempotency_key', '=', key);
  }
}

function notCancellable(row: VerificationRow, why?: string): ApiError {
  return new ApiError(
    'verification_not_cancellable',
    why
      ? `Verification ${row.id} cannot be cancelled: ${why}.`
      : `Verification ${row.id} is ${row.status}; only a pending verification can be cancelled.`,
  );
}

/**
 * Serialises work on one rental across transactions and nodes (a transaction-scoped advisory lock), so a
 * pushed SMS and the purchase that stores the rental never miss each other.
 */
async function lockRental(trx: Transaction<Database>, providerId: string, providerRef: string): Promise<void> {
  await sql`SELECT ${rentalLock(providerId, providerRef)}`.execute(trx);
}

/** The rental's lock as an expression, for a statement that takes it on the way (the purchase's UPDATE). */
function rentalLock(providerId: string, providerRef: string) {
  return sql<unknown>`pg_advisory_xact_lock(hashtextextended(${`${providerId}/${providerRef}`}, 0))`;
}
