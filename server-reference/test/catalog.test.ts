import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePrice } from '../src/domain/pricing.ts';
import { extractCode } from '../src/domain/code-extraction.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe('pricing and code extraction', () => {
  it('cost x markup, less the tier discount, plus surcharges', () => {
    const rules = { markupBps: 15000, areaCodeSurchargeCents: 50, carrierSurchargeCents: 25 };
    expect(computePrice(45, 0, { areaCode: false, carrier: false }, rules).priceCents).toBe(68);
    expect(computePrice(45, 10, { areaCode: true, carrier: true }, rules)).toMatchObject({
      basePriceCents: 68,
      tierDiscountCents: 6,
      priceCents: 68 - 6 + 75,
    });
  });

  it('prefers the provider code, then 123-456, then the last 4-8 digit run', () => {
    expect(extractCode('Your code 111-222', 'ABC123')).toBe('ABC123');
    expect(extractCode('Use 482-913 to sign in, ref 55555', null)).toBe('482913');
    expect(extractCode('Ref 1234, code 987654', null)).toBe('987654');
    expect(extractCode('call 0123456789012 now', null)).toBeNull();
    expect(extractCode('hello', null)).toBeNull();
  });
});

describe.each(DRIVERS)('catalog (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('services, countries, area codes and prices, anonymous or for the caller tier', async () => {
    const services = await server.request('GET', '/v1/services?limit=3');
    expect(services.status).toBe(200);
    expect(services.body.data).toHaveLength(3);
    const next = await server.request('GET', `/v1/services?limit=50&starting_after=${services.body.next_cursor}`);
    expect(next.body.data[0].slug > services.body.data[2].slug).toBe(true);
    const countries = await server.request('GET', '/v1/countries?service=whatsapp');
    expect(countries.body.data.find((c: any) => c.code === 'US')).toMatchObject({ dial_code: '+1', area_code_selection: true });
    expect((await server.request('GET', '/v1/countries?service=nope')).status).toBe(404);
    const areaCodes = await server.request('GET', '/v1/countries/US/area-codes?service=whatsapp');
    expect(areaCodes.body.data.map((a: any) => a.area_code)).toContain('415');
    expect((await server.request('GET', '/v1/countries/DE/area-codes?service=whatsapp')).status).toBe(404);

    const anonymous = await server.request('GET', '/v1/prices?service=whatsapp&country=US');
    const user = await server.register();
    await server.setTier(user.userId, 'tier_enterprise');
    const enterprise = await server.request('GET', '/v1/prices?service=whatsapp&country=US', { token: user.token });
    expect(enterprise.body.data[0].price.amount).toBeLessThan(anonymous.body.data[0].price.amount);
    const quote = await server.request('GET', '/v1/prices/quote?service=whatsapp&country=US', { token: user.token });
    expect(quote.body.price.amount).toBe(enterprise.body.data[0].price.amount);
    expect((await server.request('GET', '/v1/services', { token: 'bad-token' })).status).toBe(401);
  });
});
