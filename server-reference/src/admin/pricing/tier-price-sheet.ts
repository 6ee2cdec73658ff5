import type { Kysely } from 'kysely';
import type { PriceBreakdown, PricingRules } from '../../domain/pricing.ts';
import type { Database } from '../../storage/database-schema.ts';
import { priceWithRules, type EffectivePricing } from './effective-pricing.ts';

/** Prices any catalog entry for one tier with the pricing in force when the sheet was read. */
export interface TierPriceSheet {
  price(entry: { service: string; country: string; costCents: number }, options: { areaCode: boolean; carrier: boolean }): PriceBreakdown;
  areaCodeSurchargeCents: number;
  carrierSurchargeCents: number;
}

/**
 * `effectivePricing` for a whole catalog at once: the admin's settings, the tier's discount and every
 * override that applies to the tier, read in one round of queries (a catalog page prices hundreds of
 * entries), then the same precedence per entry (tier-specific override, then all-tier, then settings).
 * Read per request, so an admin change is effective from the next one.
 *
 * @example
 * const sheet = await tierPriceSheet(db, { markupBps: 15000, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 }, 'tier_pro');
 * sheet.price({ service: 'whatsapp', country: 'US', costCents: 40 }, { areaCode: false, carrier: false }).priceCents;
 */
export async function tierPriceSheet(db: Kysely<Database>, defaults: PricingRules, tierId: string): Promise<TierPriceSheet> {
  const [settings, tier, overrides] = await Promise.all([
    db.selectFrom('pricing_settings').selectAll().executeTakeFirst(),
    db.selectFrom('tiers').select('discount_bps').where('id', '=', tierId).executeTakeFirst(),
    db
      .selectFrom('price_overrides')
      .selectAll()
      .where((eb) => eb.or([eb('tier_id', '=', tierId), eb('tier_id', 'is', null)]))
      .execute(),
  ]);
  const byKey = new Map<string, (typeof overrides)[number]>();
  // all-tier overrides first, so a tier-specific one for the same key replaces it
  for (const o of [...overrides].sort((a, b) => Number(a.tier_id !== null) - Number(b.tier_id !== null)))
    byKey.set(`${o.service}/${o.country}`, o);
  const areaCodeSurchargeCents = Number(settings?.area_code_surcharge_cents ?? defaults.areaCodeSurchargeCents);
  const carrierSurchargeCents = Number(settings?.carrier_surcharge_cents ?? defaults.carrierSurchargeCents);
  const markupBps = settings?.default_markup_bps ?? defaults.markupBps;
  const discountBps = tier?.discount_bps ?? 0;
  return {
    areaCodeSurchargeCents,
    carrierSurchargeCents,
    price(entry, options) {
      const override = byKey.get(`${entry.service}/${entry.country}`) ?? null;
      const rules: EffectivePricing = {
        markupBps: override?.mode === 'markup' ? override.markup_bps! : markupBps,
        fixedPriceCents: override?.mode === 'fixed_price' ? Number(override.price_cents) : null,
        discountBps,
        areaCodeSurchargeCents,
        carrierSurchargeCents,
        overrideId: override?.id ?? null,
      };
      return priceWithRules(entry.costCents, rules, options);
    },
  };
}
