import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { effectivePricingWithQuote, priceWithRules } from '../../src/admin/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/**
 * The one query that prices a purchase (issue 13): a tier-specific override over an all-tier one over
 * the settings, the tier's discount except on a fixed price, and the buyer's held quote over all of it.
 */
describe.each(DRIVERS)('effective pricing in one query (%s)', (driver) => {
  let server: TestServer;
  let userId: string;
  const defaults = { markupBps: 15000, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 };
  const key = { service: 'whatsapp', country: 'US' };
  const priceOf = async (tierId: string, cost = 100) => {
    const { rules } = await effectivePricingWithQuote(server.database.db, defaults, { ...key, tierId });
    return priceWithRules(cost, rules, { areaCode: false, carrier: false }).priceCents;
  };
  const override = (
    id: string,
    tierId: string | null,
    values: { mode: 'fixed_price' | 'markup'; price_cents?: number; markup_bps?: number },
  ) =>
    server.database.db
      .insertInto('price_overrides')
      .values({
        id,
        ...key,
        tier_id: tierId,
        mode: values.mode,
        price_cents: values.price_cents ?? null,
        markup_bps: values.markup_bps ?? null,
        created_by: userId,
      })
      .execute();
  beforeAll(async () => {
    server = await createTestServer(driver);
    userId = (await server.register()).userId;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('resolves override > tier discount > base, a tier-specific override first', async () => {
    // base: cost x the default markup; the pro tier takes 10 % off
    expect(await priceOf('tier_basic')).toBe(150);
    expect(await priceOf('tier_pro')).toBe(150 - 15);
    // saved settings replace the configuration's defaults
    await server.database.db
      .insertInto('pricing_settings')
      .values({
        id: true,
        default_markup_bps: 20000,
        area_code_surcharge_cents: 60,
        carrier_surcharge_cents: 30,
        updated_at: new Date(),
        updated_by: userId,
      })
      .execute();
    expect(await priceOf('tier_basic')).toBe(200);
    // an all-tier markup override: its markup, still less the tier discount
    await override('ovr_all', null, { mode: 'markup', markup_bps: 30000 });
    expect(await priceOf('tier_basic')).toBe(300);
    expect(await priceOf('tier_pro')).toBe(300 - 30);
    // a tier-specific fixed price wins over the all-tier override for that tier only, with no discount
    await override('ovr_pro', 'tier_pro', { mode: 'fixed_price', price_cents: 777 });
    expect(await priceOf('tier_pro')).toBe(777);
    expect(await priceOf('tier_basic')).toBe(300);
    const { rules } = await effectivePricingWithQuote(server.database.db, defaults, { ...key, tierId: 'tier_pro' });
    expect(rules).toMatchObject({
      overrideId: 'ovr_pro',
      fixedPriceCents: 777,
      discountBps: 1000,
      areaCodeSurchargeCents: 60,
      carrierSurchargeCents: 30,
    });
    // another country has none of the overrides
    const other = await effectivePricingWithQuote(server.database.db, defaults, { tierId: 'tier_pro', service: 'whatsapp', country: 'GB' });
    expect(other.rules).toMatchObject({ overrideId: null, fixedPriceCents: null, markupBps: 20000 });
  });

  it("the buyer's newest valid quote for exactly these options is held; other options, buyers and expired quotes are not", async () => {
    const now = new Date();
    const quote = (id: string, price: number, quotedAgoMs: number, validForMs: number, areaCode: string | null = null) =>
      server.database.db
        .insertInto('price_quotes')
        .values({
          id,
          user_id: userId,
          tier_id: 'tier_basic',
          ...key,
          area_code: areaCode,
          carrier: null,
          price_cents: price,
          breakdown: '{}',
          quoted_at: new Date(now.getTime() - quotedAgoMs),
          valid_until: new Date(now.getTime() - quotedAgoMs + validForMs),
        })
        .execute();
    await quote('quo_expired', 11, 120_000, 60_000);
    await quote('quo_older', 22, 30_000, 60_000);
    await quote('quo_newest', 33, 10_000, 60_000);
    await quote('quo_area', 44, 5_000, 60_000, '212');
    const held = (holder: { userId: string; areaCode: string | null } | undefined) =>
      effectivePricingWithQuote(server.database.db, defaults, {
        ...key,
        tierId: 'tier_basic',
        quoteHolder: holder && { ...holder, carrier: null },
      });
    expect((await held({ userId, areaCode: null })).heldPriceCents).toBe(33);
    expect((await held({ userId, areaCode: '212' })).heldPriceCents).toBe(44);
    expect((await held({ userId, areaCode: '646' })).heldPriceCents).toBeNull();
    expect((await held({ userId: 'usr_someone_else', areaCode: null })).heldPriceCents).toBeNull();
    expect((await held(undefined)).heldPriceCents).toBeNull();
  });
});
