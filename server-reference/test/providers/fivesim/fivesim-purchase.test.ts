import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { answer, FIVESIM, fiveSim, fivesimJson, ORDER_ID, userHeaders } from '../support/fivesim-harness.ts';

const { server, requests } = mockProviderServer();

const buyPath = '/v1/user/buy/activation/england/any/whatsapp';

describe('FiveSimProvider.purchase', () => {
  it('buys an activation number with the mapped country, operator any and product', async () => {
    server.use(answer(buyPath, 'buy-activation.json'));
    const provider = fiveSim({ unitsPerUsd: '92.5' });
    const bought = await provider.purchase({ service: 'whatsapp', country: 'GB', reference: 'ver_1' });
    expect(bought).toEqual({
      providerRef: ORDER_ID,
      phoneNumber: '+447700900461',
      costCents: 23, // 21 units at 92.5 to the dollar is 22.7 cents, rounded up
      expiresAt: new Date('2026-01-01T00:15:00.809Z'),
    });
    expect(await requests()).toEqual([{ method: 'GET', path: buyPath, origin: FIVESIM, headers: userHeaders, body: '' }]);
  });

  it('buys from the named operator when the caller gives a carrier', async () => {
    server.use(answer('/v1/user/buy/activation/usa/virtual12/telegram', 'buy-activation.json'));
    await fiveSim().purchase({ service: 'telegram', country: 'US', carrier: 'Virtual12', reference: 'v' });
    expect((await requests())[0]!.path).toBe('/v1/user/buy/activation/usa/virtual12/telegram');
  });

  it('reads the price in dollars for a USD account', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => HttpResponse.json({ ...fivesimJson<object>('buy-activation.json'), price: 0.1953 })));
    expect((await fiveSim({ unitsPerUsd: '1' }).purchase({ service: 'whatsapp', country: 'GB', reference: 'v' })).costCents).toBe(20);
  });

  it('adds the + to a number given without it', async () => {
    server.use(
      http.get(`${FIVESIM}${buyPath}`, () => HttpResponse.json({ ...fivesimJson<object>('buy-activation.json'), phone: '447700900461' })),
    );
    expect((await fiveSim().purchase({ service: 'whatsapp', country: 'GB', reference: 'v' })).phoneNumber).toBe('+447700900461');
  });

  it('refuses area codes, and countries or services it has no mapping for, without calling 5sim', async () => {
    const provider = fiveSim();
    await expect(provider.purchase({ service: 'whatsapp', country: 'US', areaCode: '415', reference: 'v' })).rejects.toMatchObject({
      code: 'area_code_unavailable',
      provider: 'fivesim',
    });
    await expect(provider.purchase({ service: 'whatsapp', country: 'ZZ', reference: 'v' })).rejects.toMatchObject({ code: 'no_numbers' });
    await expect(provider.purchase({ service: 'myspace', country: 'US', reference: 'v' })).rejects.toMatchObject({ code: 'no_numbers' });
    expect(await requests()).toEqual([]);
  });

  it('treats an order it cannot read as unexpected', async () => {
    server.use(
      http.get(`${FIVESIM}${buyPath}`, () => HttpResponse.json({ ...fivesimJson<object>('buy-activation.json'), price: 'twenty' })),
    );
    const error = await fiveSim()
      .purchase({ service: 'whatsapp', country: 'GB', reference: 'v' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unexpected', options: { status: 200 } });
    expect((error as Error).message).toContain('price');
  });

  it('refuses to start without a currency rate', () => {
    expect(() => fiveSim({ unitsPerUsd: '' })).toThrow(/unitsPerUsd/);
    expect(() => fiveSim({ unitsPerUsd: '0' })).toThrow(/unitsPerUsd/);
    expect(() => fiveSim({ unitsPerUsd: 'ninety' })).toThrow(/unitsPerUsd/);
    expect(() => fiveSim({ apiKey: '' })).toThrow(/API key/);
  });
});
