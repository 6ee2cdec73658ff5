import type { Selectable } from 'kysely';
import type { LedgerEntryRow } from '../storage/rows.ts';
import type { TopUpsTable } from '../storage/database-schema.ts';
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
