import type { CatalogEntry } from './ports/upstream-provider.ts';
import { ProviderError } from './ports/provider-error.ts';
import type { ProviderDirectory, ProviderRoute } from './ports/provider-directory.ts';
import { ApiError, problems } from '../errors/index.ts';
import { dialCode } from './catalog-reference-data.ts';
import type { PriceBreakdown } from './pricing.ts';
import { providerProblem } from './provider-problem.ts';
import type { TierRow } from './principal.ts';

/** What a caller asks to buy. */
export interface PurchaseOptions {
  service: string;
  country: string;
  areaCode?: string | null;
  carrier?: string | null;
}

/** Prices entries for one tier with the pricing in force when it was read (one read per request). */
export interface PriceSheet {
  price(entry: Pick<CatalogEntry, 'service' | 'country' | 'costCents'>, options: { areaCode: boolean; carrier: boolean }): PriceBreakdown;
  areaCodeSurchargeCents: number;
  carrierSurchargeCents: number;
}

/** The pricing of one offer: its rules in force, and the price of the buyer's held quote, if any. */
export interface OfferPricing {
  price(costCents: number, options: { areaCode: boolean; carrier: boolean }): PriceBreakdown;
  /** The buyer's quote for exactly this purchase while it holds (it wins over the rules); null without one. */
  heldPriceCents: number | null;
}

/** What an offer is priced for: the purchase options and, for a purchase, the buyer (whose quote may hold). */
export interface OfferRequest extends PurchaseOptions {
  buyerId?: string | null;
}

/**
 * Where the pricing in force comes from (the admin's settings, overrides and tier discounts in the app),
 * read per request: a whole sheet for catalog pages, one read for the offer a quote or purchase prices.
 */
export interface PricingSource {
  sheet(tier: TierRow): Promise<PriceSheet>;
  offer(tier: TierRow, request: OfferRequest): Promise<OfferPricing>;
}

/** A priced catalog entry for one caller. */
export interface PricedOffer {
  entry: CatalogEntry;
  breakdown: PriceBreakdown;
  /** The buyer's held quote, which a purchase pays instead of the breakdown's price; null without one. */
  heldPriceCents: number | null;
}

/** A priced offer with the providers that may serve it, best first (what a purchase needs). */
export interface RoutedOffer extends PricedOffer {
  /** Tried in order until one supplies a number (failover); never empty. */
  routes: [ProviderRoute, ...ProviderRoute[]];
}

/**
 * The sellable catalog: for each service and country, the entry of the provider purchases are routed to
 * first (the registry's priority order), priced for a tier with the one pricing formula. Provider catalogs
 * are cached by the registry; the merged view is cached briefly here.
 */
export class CatalogService {
  #cache: { at: number; entries: CatalogEntry[] } | null = null;

  private readonly providers: ProviderDirectory;
  private readonly pricing: PricingSource;
  private readonly cacheMs: number;
  constructor(providers: ProviderDirectory, pricing: PricingSource, cacheMs = 30_000) {
    this.providers = providers;
    this.pricing = pricing;
    this.cacheMs = cacheMs;
  }

  /** Every entry we can sell (countries we can display), sorted by service then country. */
  async entries(): Promise<CatalogEntry[]> {
    if (this.#cache && Date.now() - this.#cache.at < this.cacheMs) return this.#cache.entries;
    const ordered = this.providers
      .all()
      .map((provider) => ({ provider, routing: this.providers.routing(provider.id) }))
      .filter(({ routing }) => routing.enabled)
      .sort((a, b) => a.routing.priority - b.routing.priority);
    const catalogs = await Promise.allSettled(ordered.map(({ provider }) => this.providers.catalog(provider.id)));
    if (catalogs.length > 0 && catalogs.every((c) => c.status === 'rejected')) {
      throw new ApiError('provider_unavailable', 'The catalog could not be read from the provider.', {
        headers: { 'Retry-After': '5' },
      });
    }
    const best = new Map<string, CatalogEntry>();
    for (const result of catalogs) {
      if (result.status === 'rejected') continue;
      for (const entry of result.value) {
        const key = `${entry.service}/${entry.country}`;
        const current = best.get(key);
        // the first provider in priority order prices it, unless it is out of stock and a later one is not;
        // the stock is every provider's (a purchase fails over between them), null only when none says
        if (!current) best.set(key, entry);
        else {
          const priced = current.available === 0 && entry.available !== 0 ? entry : current;
          best.set(key, { ...priced, available: sumStock(current.available, entry.available) });
        }
      }
    }
    const entries = [...best.values()]
      .filter((e) => dialCode(e.country) !== null)
      .sort((a, b) => a.service.localeCompare(b.service) || a.country.localeCompare(b.country));
    this.#cache = { at: Date.now(), entries };
    return entries;
  }

  async find(service: string, country: string): Promise<CatalogEntry | null> {
    return (await this.entries()).find((e) => e.service === service && e.country === country) ?? null;
  }

  /** The tier's price sheet as of now: quotes, purchases and the catalog's prices all come from it. */
  priceSheet(tier: TierRow): Promise<PriceSheet> {
    return this.pricing.sheet(tier);
  }

  /**
   * Prices a purchase for a tier, enforcing what the catalog and the tier allow. Throws 404 when the
   * service is not offered in the country, 403 `feature_not_available` for options the tier lacks,
   * 409 when the area code or any number is unavailable. With a `buyerId`, the buyer's held quote comes
   * with it (read in the same query as the rules).
   */
  async offer(tier: TierRow, options: OfferRequest): Promise<PricedOffer> {
    const entry = await this.find(options.service, options.country);
    if (!entry) throw problems.notFound(`offer: ${options.service} is not offered in ${options.country}`);
    const wantsAreaCode = Boolean(options.areaCode);
    const wantsCarrier = Boolean(options.carrier);
    if ((wantsAreaCode || wantsCarrier) && !tier.features.area_code_selection) {
      throw new ApiError('feature_not_available', `The ${tier.name} tier cannot choose an area code or carrier; upgrade to use it.`);
    }
    if (entry.available === 0)
      throw new ApiError('no_numbers_available', `No number is available for ${options.service} in ${options.country} right now.`);
    if (wantsAreaCode && !(entry.areaCodes ?? []).includes(options.areaCode!)) {
      throw new ApiError(
        'area_code_unavailable',
        `No number with area code ${options.areaCode} is available for ${options.service} in ${options.country}.`,
      );
    }
    const pricing = await this.pricing.offer(tier, options);
    return {
      entry,
      breakdown: pricing.price(entry.costCents, { areaCode: wantsAreaCode, carrier: wantsCarrier }),
      heldPriceCents: pricing.heldPriceCents,
    };
  }

  /**
   * `offer` plus the providers the purchase may go to, best first (`registry.pickRoutes`): the customer
   * pays the offer's price whichever route supplies the number, the verification records that route's cost.
   */
  async routedOffer(tier: TierRow, options: OfferRequest): Promise<RoutedOffer> {
    const offer = await this.offer(tier, options);
    try {
      const routes = await this.providers.pickRoutes({
        service: options.service,
        country: options.country,
        areaCode: options.areaCode ?? undefined,
      });
      return { ...offer, routes };
    } catch (error) {
      if (error instanceof ProviderError)
        throw providerProblem(error, { service: options.service, country: options.country, areaCode: options.areaCode });
      throw error;
    }
  }
}

/** Two providers' stock of one offer: known numbers add up, unknown (null) counts as none said. */
function sumStock(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : a + b;
}
