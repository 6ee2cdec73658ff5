import type { Transaction } from 'kysely';
import type { VerificationRefundReason } from '../contract/index.ts';
import type { Database } from '../storage/database-schema.ts';
import type { VerificationRow } from '../storage/rows.ts';
import { postLedgerEntry, type PostedLedgerEntry } from './wallet-ledger.ts';

/** What a refund did: `claimed` is false when the verification had already been refunded. */
export interface RefundOutcome {
  claimed: boolean;
  /** The refund entry; null when nothing was claimed or the verification cost nothing. */
  entry: PostedLedgerEntry | null;
}

/**
 * The one way money goes back for a verification, whoever asks (cancel, expiry, failure, an
 * administrator): in the caller's transaction, flag the verification refunded only if it is not yet (the
 * conditional UPDATE decides between racing refunds), then credit its price with a `refund` entry. The
 * unique index on refund entries per verification backs this up if anything slipped past.
 *
 * @example
 * const { claimed, entry } = await refundVerification(trx, row, 'cancelled');
 */
export async function refundVerification(
  trx: Transaction<Database>,
  verification: Pick<VerificationRow, 'id' | 'user_id' | 'price_cents'>,
  reason: VerificationRefundReason,
): Promise<RefundOutcome> {
  const claimed = await trx
    .updateTable('verifications')
    .set({ refunded: true, refund_reason: reason })
    .where('id', '=', verification.id)
    .where('refunded', '=', false)
    .returning('id')
    .executeTakeFirst();
  if (!claimed) return { claimed: false, entry: null };
  if (verification.price_cents <= 0) return { claimed: true, entry: null };
  const entry = await postLedgerEntry(trx, {
    userId: verification.user_id,
    kind: 'refund',
    amountCents: verification.price_cents,
    reason,
    verificationId: verification.id,
  });
  return { claimed: true, entry };
}
