import { sql, type Kysely } from 'kysely';
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

/** What a price is read for: a service and country for a tier, and optionally the buyer's held quote. */
export interface PricingKey {
  tierId: string;
  service: string;
  country: string;
  /** The buyer whose quote for exactly this purchase (same options, still valid) wins over the rules. */
  quoteHolder?: { userId: string; areaCode: string | null; carrier: string | null };
}

/**
 * Reads the pricing in force right now, in ONE query (it is on every purchase): the admin's settings (or
 * the configuration's defaults while none were saved), the tier's discount in basis points, the most
 * specific price override (tier-specific before all-tier) and, when asked, the price of the buyer's held
 * quote. Read on every quote and purchase, so an admin change is effective from the next request.
 *
 * @example
 * const { rules } = await effectivePricingWithQuote(db, config, { tierId: 'tier_pro', service: 'whatsapp', country: 'US' });
 * const breakdown = priceWithRules(entry.costCents, rules, { areaCode: false, carrier: false });
 */
export async function effectivePricingWithQuote(
  db: Kysely<Database>,
  defaults: PricingRules,
  key: PricingKey,
  now = new Date(),
): Promise<{ rules: EffectivePricing; heldPriceCents: number | null }> {
  const holder = key.quoteHolder ?? null;
  const row = await db
    // one row to hang the joins on, whether or not settings were ever saved
    .selectFrom(sql<{ one: number }>`(SELECT 1)`.as('anchor'))
    .leftJoin('pricing_settings', (join) => join.onTrue())
    .leftJoin('tiers', (join) => join.on('tiers.id', '=', key.tierId))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('price_overrides')
          .select(['id', 'mode', 'price_cents', 'markup_bps'])
          .where('service', '=', key.service)
          .where('country', '=', key.country)
          .where((w) => w.or([w('tier_id', '=', key.tierId), w('tier_id', 'is', null)]))
          // tier-specific first
          .orderBy(sql`tier_id IS NULL`)
          .limit(1)
          .as('override'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('price_quotes')
          .select('price_cents')
          .where('user_id', '=', holder?.userId ?? null)
          .where('service', '=', key.service)
          .where('country', '=', key.country)
          .where((w) => (holder?.areaCode ? w('area_code', '=', holder.areaCode) : w('area_code', 'is', null)))
          .where((w) => (holder?.carrier ? w('carrier', '=', holder.carrier) : w('carrier', 'is', null)))
          .where('valid_until', '>', now)
          .orderBy('quoted_at', 'desc')
          .limit(1)
          .as('held'),
      (join) => join.onTrue(),
    )
    .select([
      'pricing_settings.default_markup_bps',
      'pricing_settings.area_code_surcharge_cents',
      'pricing_settings.carrier_surcharge_cents',
      'tiers.discount_bps',
      'override.id as override_id',
      'override.mode as override_mode',
      'override.price_cents as override_price_cents',
      'override.markup_bps as override_markup_bps',
      'held.price_cents as held_price_cents',
    ])
    .executeTakeFirstOrThrow();
  const rules: EffectivePricing = {
    markupBps: row.override_mode === 'markup' ? row.override_markup_bps! : (row.default_markup_bps ?? defaults.markupBps),
    fixedPriceCents: row.override_mode === 'fixed_price' ? Number(row.override_price_cents) : null,
    discountBps: row.discount_bps ?? 0,
    areaCodeSurchargeCents: Number(row.area_code_surcharge_cents ?? defaults.areaCodeSurchargeCents),
    carrierSurchargeCents: Number(row.carrier_surcharge_cents ?? defaults.carrierSurchargeCents),
    // (Kysely widens the lateral alias's `id` with pricing_settings.id; it is the override's text id)
    overrideId: row.override_id === null ? null : String(row.override_id),
  };
  return { rules, heldPriceCents: row.held_price_cents === null ? null : Number(row.held_price_cents) };
}

/** `effectivePricingWithQuote` without a quote: the rules alone. */
export async function effectivePricing(
  db: Kysely<Database>,
  defaults: PricingRules,
  key: Omit<PricingKey, 'quoteHolder'>,
): Promise<EffectivePricing> {
  return (await effectivePricingWithQuote(db, defaults, key)).rules;
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
