import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { registerWithRole } from './staff-accounts.ts';

/**
 * Admin pricing is what customers pay: the catalog, a quote and the purchase all read the settings,
 * overrides and tier discounts in force, from the next request on.
 */
describe.each(DRIVERS)('admin pricing in the catalog, quotes and purchases (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a markup change, a fixed-price override and a tier discount apply at once, and the quote is the charge', async () => {
    const admin = await registerWithRole(server, 'admin');
    const user = await server.register();
    await server.fund(user.userId, 100_000);
    const priceOf = async () => {
      const res = await server.request('GET', '/v1/prices?service=google&country=US', { token: user.token });
      expect(res.status).toBe(200);
      return res.body.data[0];
    };
    const cost = (await server.services.catalog.find('google', 'US'))!.costCents;
    const before = await priceOf();
    expect(before.price.amount).toBe(Math.ceil((cost * server.services.config.markupBps) / 10_000));

    expect((await server.request('PATCH', '/v1/admin/pricing', { token: admin.token, body: { default_markup_bps: 30000 } })).status).toBe(
      200,
    );
    const marked = await priceOf();
    expect(marked.price.amount).toBe(Math.ceil((cost * 30000) / 10_000));

    const override = await server.request('POST', '/v1/admin/pricing/overrides', {
      token: admin.token,
      body: { mode: 'fixed_price', service: 'google', country: 'US', price: { amount: 777, currency: 'USD' } },
    });
    expect(override.status).toBe(201);
    expect((await priceOf()).price.amount).toBe(777);
    const quote = await server.request('GET', '/v1/prices/quote?service=google&country=US', { token: user.token });
    expect(quote.status, quote.text).toBe(200);
    expect(quote.body.price.amount).toBe(777);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
    expect(bought.status).toBe(201);
    expect(bought.body.price.amount).toBe(777);
    const wallet = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(wallet.body.balance.amount).toBe(100_000 - 777);

    // another service keeps the (new) default markup, less the pro tier's discount
    await server.setTier(user.userId, 'tier_pro');
    const other = await server.request('GET', '/v1/prices?service=whatsapp&country=US', { token: user.token });
    const whatsappCost = (await server.services.catalog.find('whatsapp', 'US'))!.costCents;
    const base = Math.ceil((whatsappCost * 30000) / 10_000);
    expect(other.body.data[0].price.amount).toBe(base - Math.floor((base * 1000) / 10_000));
  });
});
