import type { Kysely } from 'kysely';
import { appendEvents } from '../../storage/events/append-event.ts';
import { InsufficientBalanceError, postLedgerEntry, type LedgerEntryRow } from '../../domain/wallet-ledger.ts';
import { refundVerification } from '../../domain/verification-refunds.ts';
import { ledgerEvents } from '../../domain/domain-events.ts';
import { ApiError, problems } from '../../errors/index.ts';

import type { AuditWriter as Audit } from '../audit/audit-trail.ts';
import type { Database } from '../../storage/database-schema.ts';

/**
 * Money moved by administrators, always through the core's ledger (`postLedgerEntry`), so the balance
 * stays the sum of the entries and the database constraints (no negative balance, one refund per
 * verification) hold whatever races.
 */
export class AdminMoneyActions {
  private readonly db: Kysely<Database>;
  constructor(db: Kysely<Database>) {
    this.db = db;
  }

  /** Credits or debits with a reason: one `adjustment` entry, its event and its audit entry, in one transaction. */
  async adjustBalance(userId: string, amountCents: number, reason: string, audit: Audit): Promise<LedgerEntryRow> {
    if (amountCents === 0) throw problems.validation([{ field: '/body/amount', code: 'not_zero', message: 'An adjustment cannot be 0.' }]);
    const exists = await this.db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
    if (!exists) throw problems.notFound(`user ${userId}`);
    try {
      return await this.db.transaction().execute(async (trx) => {
        const entry = await postLedgerEntry(trx, { userId, kind: 'adjustment', amountCents, reason });
        // the same events as any ledger entry of the domain: a debit crossing the threshold adds balance.low
        await appendEvents(trx, ledgerEvents(entry));
        await audit(
          trx,
          'balance.adjusted',
          { type: 'user', id: userId },
          { amount: amountCents, reason, balance_after: entry.balance_after_cents, ledger_entry_id: entry.id },
        );
        return entry;
      });
    } catch (error) {
      if (error instanceof InsufficientBalanceError) {
        throw new ApiError('insufficient_balance', `The balance is ${error.balanceCents}; it cannot be reduced by ${-amountCents}.`);
      }
      throw error;
    }
  }

  /**
   * Refunds a verification's full price by hand, exactly once: the row lock orders this against the
   * automatic refunds, the `refunded` flag says who won, and the unique index on refund entries per
   * verification backs it up if anything slipped past.
   */
  async refund(actorId: string, verificationId: string, reason: string, audit: Audit): Promise<LedgerEntryRow> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const v = await trx.selectFrom('verifications').selectAll().where('id', '=', verificationId).forUpdate().executeTakeFirst();
        if (!v) throw problems.notFound(`verification ${verificationId}`);
        if (v.refunded) throw new ApiError('already_refunded', `The verification was already refunded (${v.refund_reason}).`);
        if (v.price_cents <= 0) {
          throw new ApiError('validation_failed', 'A verification that cost nothing has nothing to refund.', {
            errors: [{ field: '/body/verification_id', code: 'nothing_to_refund', message: 'the verification cost nothing' }],
          });
        }
        // the domain's refund path, the same one cancel, expiry and failure take
        const { claimed, entry } = await refundVerification(trx, v, 'manual');
        if (!claimed || !entry) throw new ApiError('already_refunded', 'The verification was already refunded.');
        await trx
          .insertInto('manual_refunds')
          .values({ ledger_entry_id: entry.id, verification_id: verificationId, refunded_by: actorId, admin_reason: reason })
          .execute();
        await appendEvents(trx, ledgerEvents(entry));
        await audit(
          trx,
          'refund.created',
          { type: 'verification', id: verificationId },
          { amount: v.price_cents, reason, ledger_entry_id: entry.id, user_id: v.user_id },
        );
        return entry;
      });
    } catch (error) {
      // the unique index caught a refund that committed between our read and our insert
      if ((error as { code?: string }).code === '23505') throw new ApiError('already_refunded', 'The verification was already refunded.');
      throw error;
    }
  }
}
