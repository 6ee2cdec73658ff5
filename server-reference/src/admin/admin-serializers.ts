import type { Selectable } from 'kysely';
import type { LedgerEntryRow } from '../domain/wallet-ledger.ts';
import type { VerificationRow } from '../domain/verifications.ts';
import { money } from '../serializers/money.ts';
import { serializeVerification } from '../serializers/verification-serializers.ts';
import { serializeLedgerEntry } from '../serializers/wallet-serializers.ts';
import type { Schemas } from '../serializers/wire-models.ts';
import type { PricingView } from './pricing/admin-pricing.ts';
import type { PriceOverridesTable } from './admin-tables.ts';

/** spec/schemas/admin-ledger-entry.yaml */
export const serializeAdminLedgerEntry = (e: LedgerEntryRow): Schemas['AdminLedgerEntry'] => ({
  ...serializeLedgerEntry(e),
  user_id: e.user_id,
});

/** spec/schemas/admin-verification.yaml */
export const serializeAdminVerification = (v: VerificationRow): Schemas['AdminVerification'] => ({
  ...serializeVerification(v),
  user_id: v.user_id,
  provider: v.provider_id,
  provider_attempts: v.provider_attempts,
});

/** spec/schemas/refund.yaml */
export const serializeRefund = (r: {
  entry: LedgerEntryRow;
  verification: VerificationRow;
  refundedBy: string | null;
  adminReason: string | null;
}): Schemas['Refund'] => ({
  ...serializeAdminLedgerEntry(r.entry),
  verification: serializeVerification(r.verification),
  refunded_by: r.refundedBy,
  admin_reason: r.adminReason,
});

/** spec/schemas/pricing-config.yaml */
export const serializePricing = (p: PricingView): Schemas['PricingConfig'] => ({
  currency: p.currency,
  default_markup_bps: p.markupBps,
  tier_discounts: p.tiers.map((t) => ({ tier_id: t.id, name: t.name, discount_bps: t.discount_bps })),
  surcharges: { area_code: money(p.areaCodeCents, p.currency), carrier: money(p.carrierCents, p.currency) },
  updated_at: p.updatedAt.toISOString(),
  updated_by: p.updatedBy,
});

/** spec/schemas/price-override.yaml */
export const serializePriceOverride = (o: Selectable<PriceOverridesTable>, currency: string): Schemas['PriceOverride'] => ({
  id: o.id,
  service: o.service,
  country: o.country,
  tier_id: o.tier_id,
  mode: o.mode,
  price: o.price_cents === null ? null : money(Number(o.price_cents), currency),
  markup_bps: o.markup_bps,
  created_by: o.created_by,
  created_at: o.created_at.toISOString(),
});
