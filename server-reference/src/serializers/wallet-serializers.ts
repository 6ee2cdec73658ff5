import type { Selectable } from 'kysely';
import type { LedgerEntryRow } from '../storage/rows.ts';
import type { TopUpsTable, WalletsTable } from '../storage/database-schema.ts';
import { iso, money } from './money.ts';
import type { Schemas } from './wire-models.ts';

/** spec/schemas/ledger-entry.yaml */
export const serializeLedgerEntry = (e: LedgerEntryRow): Schemas['LedgerEntry'] => ({
  id: e.id,
  type: e.kind,
  amount: money(e.amount_cents, e.currency),
  balance_after: money(e.balance_after_cents, e.currency),
  verification_id: e.verification_id,
  top_up_id: e.top_up_id,
  reason: e.reason,
  created_at: iso(e.created_at),
});

/** spec/schemas/top-up.yaml; `ledgerEntryId` is the credit, once succeeded. */
export const serializeTopUp = (t: Selectable<TopUpsTable>, ledgerEntryId: string | null): Schemas['TopUp'] => ({
  id: t.id,
  status: t.status === 'pending' && t.expires_at.getTime() <= Date.now() ? 'expired' : t.status,
  amount: money(t.amount_cents, t.currency),
  provider: t.provider,
  provider_reference: t.provider_reference,
  checkout_url: t.checkout_url,
  ledger_entry_id: ledgerEntryId,
  failure_reason: t.failure_reason,
  created_at: iso(t.created_at),
  expires_at: iso(t.expires_at),
  completed_at: iso(t.completed_at),
});

/** spec/schemas/wallet.yaml: the wallet row with its pending top-ups and the time of its latest entry. */
export const serializeWallet = (read: {
  wallet: Selectable<WalletsTable>;
  pendingCount: number;
  pendingAmount: number;
  updatedAt: Date | null;
}): Schemas['Wallet'] => {
  const { wallet } = read;
  return {
    balance: money(wallet.balance_cents, wallet.currency),
    currency: wallet.currency,
    low_balance_threshold: money(wallet.low_balance_threshold_cents, wallet.currency),
    auto_top_up: {
      enabled: wallet.auto_top_up_enabled,
      amount: wallet.auto_top_up_amount_cents === null ? null : money(wallet.auto_top_up_amount_cents, wallet.currency),
      at_most_once_per: wallet.auto_top_up_period,
      last_triggered_at: wallet.auto_top_up_last_at ? iso(wallet.auto_top_up_last_at) : null,
    },
    pending_top_ups: { count: read.pendingCount, amount: money(read.pendingAmount, wallet.currency) },
    updated_at: iso(read.updatedAt),
  };
};
