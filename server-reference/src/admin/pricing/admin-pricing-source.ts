import type { Kysely } from 'kysely';
import type { PricingSource } from '../../domain/catalog.ts';
import type { PricingRules } from '../../domain/pricing.ts';
import type { Database } from '../../storage/database-schema.ts';
import { effectivePricingWithQuote, priceWithRules } from './effective-pricing.ts';
import { tierPriceSheet } from './tier-price-sheet.ts';

/**
 * The pricing in force as administrators set it, read per request: a whole tier's sheet for catalog
 * pages (one round of queries for hundreds of entries), and one query for the offer a quote or a
 * purchase prices (with the buyer's held quote, when there is a buyer).
 *
 * @example
 * const catalog = new CatalogService(providers, adminPricingSource(db, { markupBps: 15000, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 }));
 */
export function adminPricingSource(db: Kysely<Database>, defaults: PricingRules): PricingSource {
  return {
    sheet: (tier) => tierPriceSheet(db, defaults, tier.id),
    async offer(tier, request) {
      const { rules, heldPriceCents } = await effectivePricingWithQuote(db, defaults, {
        tierId: tier.id,
        service: request.service,
        country: request.country,
        quoteHolder: request.buyerId
          ? { userId: request.buyerId, areaCode: request.areaCode ?? null, carrier: request.carrier ?? null }
          : undefined,
      });
      return { price: (costCents, options) => priceWithRules(costCents, rules, options), heldPriceCents };
    },
  };
}
