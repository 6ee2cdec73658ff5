import type { Context } from 'hono';
import type { AnyOperationEnv } from '../app-env.ts';
import type { TierRow } from '../../domain/principal.ts';
import { areaCodeRegion, countryName, dialCode, serviceName } from '../../domain/catalog-reference-data.ts';
import type { SomeHandlers } from '../operation-handler.ts';
import { problems } from '../../errors/index.ts';
import { deliveryRateKey } from '../../analytics/index.ts';
import { decodeCursor, encodeCursor, serializeBreakdown } from '../../serializers/catalog-serializers.ts';
import { iso, money, page } from '../../serializers/money.ts';
import { json, principalOf } from './respond.ts';

/** The caller's tier, or the default tier for anonymous catalog reads. */
async function tierOf<E extends AnyOperationEnv>(c: Context<E>): Promise<TierRow> {
  const principal = c.get('principal');
  if (principal) return principal.tier;
  const services = c.get('services');
  return services.db.selectFrom('tiers').selectAll().where('id', '=', services.config.defaultTierId).executeTakeFirstOrThrow();
}

/** Pages an already sorted in-memory list by its natural key. */
function pageByKey<T>(rows: T[], keyOf: (row: T) => string, limit: number, cursor: string | undefined) {
  const after = decodeCursor(cursor);
  const rest = after === null ? rows : rows.filter((row) => keyOf(row) > after);
  return { rows: rest.slice(0, limit + 1), cursorOf: (row: T) => encodeCursor(keyOf(row)) };
}

const contains = (haystack: string, needle: string | undefined) => !needle || haystack.toLowerCase().includes(needle.toLowerCase());

/** catalog tag: services, countries, area codes, prices and quotes, priced for the caller's tier. */
export const catalogRoutes = {
  async listServices(c) {
    const { catalog, config } = c.get('services');
    const tier = await tierOf(c);
    const sheet = await catalog.priceSheet(tier);
    const { q, country, limit = 20, starting_after } = c.get('input').query;
    const entries = (await catalog.entries()).filter((e) => !country || e.country === country);
    const slugs = [...new Set(entries.map((e) => e.service))].sort().filter((slug) => contains(slug, q) || contains(serviceName(slug), q));
    const rows = slugs.map((slug) => {
      const offers = entries.filter((e) => e.service === slug && e.available !== 0);
      const prices = offers.map((e) => sheet.price(e, { areaCode: false, carrier: false }).priceCents);
      return {
        slug,
        name: serviceName(slug),
        icon_url: null,
        countries_count: new Set(offers.map((e) => e.country)).size,
        price_from: prices.length ? money(Math.min(...prices), config.currency) : null,
      };
    });
    const paged = pageByKey(rows, (r) => r.slug, limit, starting_after);
    return json(
      c,
      200,
      page(paged.rows, limit, paged.cursorOf, (r) => r),
    );
  },

  async listCountries(c) {
    const { catalog, config } = c.get('services');
    const tier = await tierOf(c);
    const sheet = await catalog.priceSheet(tier);
    const { q, service, limit = 20, starting_after } = c.get('input').query;
    const all = await catalog.entries();
    if (service && !all.some((e) => e.service === service)) throw problems.notFound(`service ${service}`);
    const entries = all.filter((e) => !service || e.service === service);
    const codes = [...new Set(entries.map((e) => e.country))].sort().filter((code) => contains(code, q) || contains(countryName(code), q));
    const rows = codes.map((code) => {
      const here = entries.filter((e) => e.country === code);
      const offers = here.filter((e) => e.available !== 0);
      const prices = offers.map((e) => sheet.price(e, { areaCode: false, carrier: false }).priceCents);
      return {
        code,
        name: countryName(code),
        dial_code: dialCode(code)!,
        services_count: new Set(offers.map((e) => e.service)).size,
        area_code_selection: here.some((e) => (e.areaCodes ?? []).length > 0),
        price_from: prices.length ? money(Math.min(...prices), config.currency) : null,
      };
    });
    const paged = pageByKey(rows, (r) => r.code, limit, starting_after);
    return json(
      c,
      200,
      page(paged.rows, limit, paged.cursorOf, (r) => r),
    );
  },

  async listAreaCodes(c) {
    const { catalog, config } = c.get('services');
    const { path, query } = c.get('input');
    const sheet = await catalog.priceSheet(await tierOf(c));
    const entry = await catalog.find(query.service, path.country);
    if (!entry || !(entry.areaCodes ?? []).length) throw problems.notFound(`area-code selection for ${query.service} in ${path.country}`);
    const available = new Set(entry.available === 0 ? [] : entry.areaCodes);
    const rows = [...new Set(entry.areaCodes)]
      .sort()
      .map((code) => ({
        area_code: code,
        region: areaCodeRegion(path.country, code),
        available: available.has(code),
        surcharge: money(sheet.areaCodeSurchargeCents, config.currency),
      }))
      .filter((r) => query.available === undefined || r.available === query.available);
    const limit = query.limit ?? 20;
    const paged = pageByKey(rows, (r) => r.area_code, limit, query.starting_after);
    return json(
      c,
      200,
      page(paged.rows, limit, paged.cursorOf, (r) => r),
    );
  },

  async listPrices(c) {
    const { catalog, config, deliveryRates } = c.get('services');
    const tier = await tierOf(c);
    const sheet = await catalog.priceSheet(tier);
    const { service, country, available, limit = 20, starting_after } = c.get('input').query;
    const [all, rates] = await Promise.all([catalog.entries(), deliveryRates.table()]);
    if (service && !all.some((e) => e.service === service)) throw problems.notFound(`service ${service}`);
    if (country && !all.some((e) => e.country === country)) throw problems.notFound(`country ${country}`);
    const rows = all
      .filter((e) => (!service || e.service === service) && (!country || e.country === country))
      .filter((e) => available === undefined || (e.available !== 0) === available)
      .map((e) => {
        const breakdown = sheet.price(e, { areaCode: false, carrier: false });
        const areaCodes = (e.areaCodes ?? []).length > 0;
        return {
          service: e.service,
          country: e.country,
          tier_id: tier.id,
          available: e.available !== 0,
          stock: e.available,
          success_rate: rates.get(deliveryRateKey(e.service, e.country)) ?? null,
          price: money(breakdown.priceCents, config.currency),
          breakdown: serializeBreakdown(breakdown, config.currency),
          area_code_surcharge: areaCodes ? money(sheet.areaCodeSurchargeCents, config.currency) : null,
          carrier_surcharge: areaCodes ? money(sheet.carrierSurchargeCents, config.currency) : null,
        };
      });
    const paged = pageByKey(rows, (r) => `${r.service}\u0000${r.country}`, limit, starting_after);
    return json(
      c,
      200,
      page(paged.rows, limit, paged.cursorOf, (r) => r),
    );
  },

  async getPriceQuote(c) {
    const principal = principalOf(c);
    const { service, country, area_code, carrier } = c.get('input').query;
    const { currency } = c.get('services').config;
    const { quote, breakdown } = await c
      .get('services')
      .quotes.quote(principal.user.id, principal.tier, { service, country, areaCode: area_code, carrier });
    return json(c, 200, {
      quote_id: quote.id,
      service,
      country,
      area_code: area_code ?? null,
      carrier: carrier ?? null,
      tier_id: principal.tier.id,
      price: money(breakdown.priceCents, currency),
      breakdown: serializeBreakdown(breakdown, currency),
      quoted_at: iso(quote.quoted_at),
      valid_until: iso(quote.valid_until),
    });
  },
} satisfies SomeHandlers;
