import type { PriceBreakdown } from './domain-shapes.ts';
import { money } from './money.ts';
import type { Schemas } from './wire-models.ts';

/** spec/schemas/price-breakdown.yaml */
export const serializeBreakdown = (b: PriceBreakdown, currency: string): Schemas['PriceBreakdown'] => ({
  base_price: money(b.basePriceCents, currency),
  tier_discount: money(b.tierDiscountCents, currency),
  tier_discount_bps: b.tierDiscountBps,
  surcharges: b.surcharges.map((s) => ({ type: s.type, amount: money(s.amountCents, currency) })),
});

/** Opaque cursors for catalog lists, which are ordered by a natural key rather than an id. */
export const encodeCursor = (key: string): string => Buffer.from(`k:${key}`).toString('base64url');
export const decodeCursor = (cursor: string | undefined): string | null => {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString();
  return text.startsWith('k:') ? text.slice(2) : null;
};
