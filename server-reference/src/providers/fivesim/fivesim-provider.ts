import { createHash } from 'node:crypto';
import { ProviderError, type ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import { parseProviderJson } from '../shared/parse-provider-json.ts';
import type {
  CatalogEntry,
  ProviderSms,
  PurchaseRequest,
  PurchasedNumber,
  UpstreamProvider,
} from '../../domain/ports/upstream-provider.ts';
import { FiveSimClient } from './fivesim-client.ts';
import { FIVESIM_PROVIDER_ID } from './fivesim-errors.ts';
import { type FiveSimOptions, type ResolvedFiveSimOptions, resolveFiveSimOptions } from './fivesim-options.ts';
import { type FiveSimSms, fiveSimOrderSchema, fiveSimPricesSchema, fiveSimProfileSchema } from './fivesim-schemas.ts';

/**
 * The 5sim adapter (https://5sim.net/docs), activation orders: buy with
 * GET /v1/user/buy/activation/{country}/{operator}/{product}, poll GET /v1/user/check/{id}, cancel with
 * GET /v1/user/cancel/{id}, report with GET /v1/user/ban/{id}, balance from GET /v1/user/profile and
 * the catalog from GET /v1/guest/prices. Countries and products are mapped in fivesim-mapping.ts.
 *
 * 5sim has no area codes; a carrier is bought as the 5sim operator of that name.
 *
 * @example
 * const fivesim = new FiveSimProvider({ apiKey: process.env.FIVESIM_API_KEY!, unitsPerUsd: '1' });
 */
export class FiveSimProvider implements UpstreamProvider {
  readonly id = FIVESIM_PROVIDER_ID;
  readonly #options: ResolvedFiveSimOptions;
  readonly #client: FiveSimClient;
  readonly #orderSchema;

  constructor(options: FiveSimOptions) {
    this.#options = resolveFiveSimOptions(options);
    this.#client = new FiveSimClient(this.#options);
    this.#orderSchema = fiveSimOrderSchema(this.#options.unitsPerUsd);
  }

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    if (request.areaCode !== undefined) {
      throw this.#error('area_code_unavailable', '5sim does not sell numbers by area code');
    }
    const country = this.#options.countries[request.country];
    const product = this.#options.products[request.service];
    if (!country) throw this.#error('no_numbers', `5sim is not used for ${request.country}`);
    if (!product) throw this.#error('no_numbers', `5sim is not used for ${request.service}`);
    const operator = request.carrier?.trim().toLowerCase() || this.#options.defaultOperator;
    const order = await this.#order(`/v1/user/buy/activation/${[country, operator, product].map(encodeURIComponent).join('/')}`);
    return {
      providerRef: order.id,
      phoneNumber: order.phone.startsWith('+') ? order.phone : `+${order.phone}`,
      costCents: order.price,
      expiresAt: order.expires,
    };
  }

  async fetchSms(providerRef: string): Promise<ProviderSms[]> {
    const order = await this.#order(`/v1/user/check/${encodeURIComponent(providerRef)}`);
    return (order.sms ?? []).map((sms) => ({
      providerMessageId: messageId(providerRef, sms),
      from: sms.sender || null,
      text: sms.text,
      parsedCode: sms.code || null,
      receivedAt: sms.created_at,
    }));
  }

  async cancel(providerRef: string): Promise<void> {
    await this.#order(`/v1/user/cancel/${encodeURIComponent(providerRef)}`);
  }

  async report(providerRef: string, _reason: string): Promise<void> {
    // 5sim's "ban" marks the number as unusable for the product; it takes no reason.
    await this.#order(`/v1/user/ban/${encodeURIComponent(providerRef)}`);
  }

  async balance(): Promise<number> {
    const response = await this.#client.get('/v1/user/profile');
    return parseProviderJson(this.id, response, fiveSimProfileSchema(this.#options.unitsPerUsd)).balance;
  }

  /**
   * One guest price request per mapped product. With operator `any` 5sim may sell any operator's
   * number, so the cost is the dearest operator that has stock: the price we quote always covers it.
   */
  async catalog(): Promise<CatalogEntry[]> {
    const schema = fiveSimPricesSchema(this.#options.unitsPerUsd);
    const entries: CatalogEntry[] = [];
    for (const [service, product] of Object.entries(this.#options.products)) {
      const response = await this.#client.get(`/v1/guest/prices?${new URLSearchParams({ product })}`, { guest: true });
      const byCountry = parseProviderJson(this.id, response, schema)[product] ?? {};
      for (const [country, fiveSimCountry] of Object.entries(this.#options.countries)) {
        const offers = Object.values(byCountry[fiveSimCountry] ?? {});
        if (offers.length === 0) continue;
        const inStock = offers.filter((offer) => offer.count > 0);
        const priced = inStock.length > 0 ? inStock : offers;
        entries.push({
          service,
          country,
          costCents: Math.max(...priced.map((offer) => offer.cost)),
          available: inStock.reduce((sum, offer) => sum + offer.count, 0),
        });
      }
    }
    return entries;
  }

  async #order(path: string) {
    const response = await this.#client.get(path);
    return parseProviderJson(this.id, response, this.#orderSchema);
  }

  #error(code: ProviderErrorCode, message: string) {
    return new ProviderError(code, message, { provider: this.id });
  }
}

/**
 * 5sim's SMS carry no id, but an order's SMS list only grows and each entry keeps its fields, so a
 * digest of the order id and the entry is stable across polls and tells messages apart.
 */
function messageId(providerRef: string, sms: FiveSimSms): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([providerRef, sms.created_at.toISOString(), sms.date?.toISOString() ?? null, sms.sender ?? null, sms.text]))
    .digest('hex');
  return `5sim_${digest.slice(0, 32)}`;
}
