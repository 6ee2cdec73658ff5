import type { Kysely } from 'kysely';
import { problems, type FieldError } from '../errors/index.ts';
import type { AutoTopUpPeriod, Database } from '../storage/database-schema.ts';

/** What `PATCH /v1/wallet` may change (spec/schemas/update-wallet-settings-request.yaml); amounts in cents. */
export interface WalletSettingsChange {
  low_balance_threshold?: number;
  auto_top_up?: { enabled?: boolean; amount?: number; at_most_once_per?: AutoTopUpPeriod };
}

/**
 * Changes the owner's `balance.low` threshold and automatic top-up. The wallet row is locked while the
 * change is checked against the settings it leaves unchanged (auto top-up needs an amount and a
 * threshold above 0), so two concurrent changes cannot combine into settings neither would allow.
 * A refused change writes nothing (422 `validation_failed` with the field at fault); the contract's
 * schema has already refused an empty body and amounts out of bounds.
 */
export async function updateWalletSettings(db: Kysely<Database>, userId: string, change: WalletSettingsChange): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('wallets')
      .select(['low_balance_threshold_cents', 'auto_top_up_enabled', 'auto_top_up_amount_cents', 'auto_top_up_period'])
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const next = {
      low_balance_threshold_cents: change.low_balance_threshold ?? current.low_balance_threshold_cents,
      auto_top_up_enabled: change.auto_top_up?.enabled ?? current.auto_top_up_enabled,
      auto_top_up_amount_cents: change.auto_top_up?.amount ?? current.auto_top_up_amount_cents,
      auto_top_up_period: change.auto_top_up?.at_most_once_per ?? current.auto_top_up_period,
    };
    const errors: FieldError[] = [];
    if (next.auto_top_up_enabled && next.auto_top_up_amount_cents === null) {
      errors.push({ field: '/body/auto_top_up/amount', code: 'required', message: 'an automatic top-up needs an amount' });
    }
    if (next.auto_top_up_enabled && Number(next.low_balance_threshold_cents) === 0) {
      errors.push({
        field: '/body/low_balance_threshold',
        code: 'invalid',
        message: 'an automatic top-up starts when the balance falls below the threshold: set one above 0',
      });
    }
    if (errors.length > 0) throw problems.validation(errors);
    await trx.updateTable('wallets').set(next).where('user_id', '=', userId).execute();
  });
}
