import { sql, type Transaction } from 'kysely';
import { ApiError } from '../errors/index.ts';
import type { Database } from '../storage/database-schema.ts';

/**
 * The tier's cap on verifications held `pending` at once, checked inside the purchase transaction AFTER
 * the new verification is inserted and the wallet row is locked (the debit's UPDATE takes that lock; a
 * free purchase takes it here). Concurrent purchases of one account queue on the lock, and each counts
 * in a statement that starts after the previous holder committed (READ COMMITTED: a fresh snapshot per
 * statement), so N racing purchases against a cap k leave exactly k. Over the cap it throws 409
 * `active_verification_limit`, which rolls the insert and the debit back: nothing is charged.
 */
export async function enforceActiveVerificationCap(
  trx: Transaction<Database>,
  userId: string,
  cap: number | null,
  options: { walletLocked: boolean },
): Promise<void> {
  if (cap === null) return;
  if (!options.walletLocked) {
    await trx.selectFrom('wallets').select('user_id').where('user_id', '=', userId).forUpdate().execute();
  }
  const { active } = await trx
    .selectFrom('verifications')
    .select(sql<number>`count(*)::int`.as('active'))
    .where('user_id', '=', userId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  if (active > cap) {
    throw new ApiError(
      'active_verification_limit',
      `Your tier allows ${cap} pending verifications at once and you hold ${active - 1}: wait for one to complete, or cancel one.`,
    );
  }
}
