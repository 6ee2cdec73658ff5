import type { Kysely } from 'kysely';
import type { PriceBreakdown, PricingRules } from '../../domain/pricing.ts';
import type { Database } from '../../storage/database-schema.ts';

/** The rules that price one service and country for one tier, after settings and overrides. */
export interface EffectivePricing {
  markupBps: number;
  /** Set by a `fixed_price` override: the price before surcharges, with no tier discount. */
  fixedPriceCents: number | null;
  discountBps: number;
  areaCodeSurchargeCents: number;
  carrierSurchargeCents: number;
  overrideId: string | null;
}

/**
 * Reads the pricing in force right now: the admin's settings (or the configuration's defaults while none
 * were saved), the tier's discount in basis points, and the most specific price override (tier-specific
 * before all-tier). Read on every quote, so an admin change is effective from the next request.
 *
 * @example
 * const rules = await effectivePricing(db, config, { tierId: 'tier_pro', service: 'whatsapp', country: 'US' });
 * const breakdown = priceWithRules(entry.costCents, rules, { areaCode: false, carrier: false });
 */
export async function effectivePricing(
  db: Kysely<Database>,
  defaults: PricingRules,
  key: { tierId: string; service: string; country: string },
): Promise<EffectivePricing> {
  const [settings, tier, overrides] = await Promise.all([
    db.selectFrom('pricing_settings').selectAll().executeTakeFirst(),
    db.selectFrom('tiers').select('discount_bps').where('id', '=', key.tierId).executeTakeFirst(),
    db
      .selectFrom('price_overrides')
      .selectAll()
      .where('service', '=', key.service)
      .where('country', '=', key.country)
      .where((eb) => eb.or([eb('tier_id', '=', key.tierId), eb('tier_id', 'is', null)]))
      .execute(),
  ]);
  const override = overrides.find((o) => o.tier_id === key.tierId) ?? overrides.find((o) => o.tier_id === null) ?? null;
  return {
    markupBps: override?.mode === 'markup' ? override.markup_bps! : (settings?.default_markup_bps ?? defaults.markupBps),
    fixedPriceCents: override?.mode === 'fixed_price' ? Number(override.price_cents) : null,
    discountBps: tier?.discount_bps ?? 0,
    areaCodeSurchargeCents: Number(settings?.area_code_surcharge_cents ?? defaults.areaCodeSurchargeCents),
    carrierSurchargeCents: Number(settings?.carrier_surcharge_cents ?? defaults.carrierSurchargeCents),
    overrideId: override?.id ?? null,
  };
}

/**
 * The pricing formula with the effective rules: cost x markup rounded up to a cent (or the fixed price),
 * less the tier discount rounded down (none on a fixed price), plus each surcharge asked for.
 */
export function priceWithRules(
  costCents: number,
  rules: EffectivePricing,
  options: { areaCode: boolean; carrier: boolean },
): PriceBreakdown {
  const basePriceCents = rules.fixedPriceCents ?? Math.ceil((costCents * rules.markupBps) / 10_000);
  const discountBps = rules.fixedPriceCents === null ? rules.discountBps : 0;
  const tierDiscountCents = Math.floor((basePriceCents * discountBps) / 10_000);
  const surcharges: PriceBreakdown['surcharges'] = [];
  if (options.areaCode) surcharges.push({ type: 'area_code', amountCents: rules.areaCodeSurchargeCents });
  if (options.carrier) surcharges.push({ type: 'carrier', amountCents: rules.carrierSurchargeCents });
  const priceCents = basePriceCents - tierDiscountCents + surcharges.reduce((sum, s) => sum + s.amountCents, 0);
  return { basePriceCents, tierDiscountCents, tierDiscountBps: discountBps, surcharges, priceCents };
}
