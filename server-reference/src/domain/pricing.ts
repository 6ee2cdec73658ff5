import type { PriceBreakdown } from '../serializers/domain-shapes.ts';

export type { PriceBreakdown };

export interface PricingRules {
  /** Provider cost x markup, in basis points (15000 = x1.5). */
  markupBps: number;
  areaCodeSurchargeCents: number;
  carrierSurchargeCents: number;
}

/**
 * The one pricing formula, used by the catalog, quotes and purchases alike (so a price shown is the price
 * charged): list price = provider cost x markup (rounded up to a cent), less the tier discount (rounded
 * down, in the customer's favour never below zero), plus the surcharge of each option asked for.
 *
 * @example
 * computePrice(100, 10, { areaCode: true, carrier: false }, { markupBps: 15000, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 })
 * // { basePriceCents: 150, tierDiscountCents: 15, ..., priceCents: 185 }
 */
export function computePrice(
  costCents: number,
  discountPercent: number,
  options: { areaCode: boolean; carrier: boolean },
  rules: PricingRules,
): PriceBreakdown {
  if (!Number.isInteger(costCents) || costCents < 0) throw new Error(`bad provider cost ${costCents}`);
  const basePriceCents = Math.ceil((costCents * rules.markupBps) / 10_000);
  const tierDiscountCents = Math.floor((basePriceCents * discountPercent) / 100);
  const surcharges: PriceBreakdown['surcharges'] = [];
  if (options.areaCode) surcharges.push({ type: 'area_code', amountCents: rules.areaCodeSurchargeCents });
  if (options.carrier) surcharges.push({ type: 'carrier', amountCents: rules.carrierSurchargeCents });
  const priceCents = basePriceCents - tierDiscountCents + surcharges.reduce((sum, s) => sum + s.amountCents, 0);
  return { basePriceCents, tierDiscountCents, tierDiscountBps: discountPercent * 100, surcharges, priceCents };
}
