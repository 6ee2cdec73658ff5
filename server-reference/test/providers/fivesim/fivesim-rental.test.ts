import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { answer, FIVESIM, fiveSim, fivesimJson, ORDER_ID, userHeaders } from '../support/fivesim-harness.ts';

const { server, requests } = mockProviderServer();

describe('FiveSimProvider.fetchSms', () => {
  it('reads the order and maps its SMS, with ids stable across polls', async () => {
    server.use(answer(`/v1/user/check/${ORDER_ID}`, 'check-received.json'));
    const provider = fiveSim();
    const first = await provider.fetchSms(ORDER_ID);
    expect(first).toEqual([
      {
        providerMessageId: expect.stringMatching(/^5sim_[0-9a-f]{32}$/),
        from: 'WhatsApp',
        text: "Your WhatsApp code: 482-913. Don't share this code with others.",
        parsedCode: '482913',
        receivedAt: new Date('2026-01-01T00:01:10.123Z'),
      },
      {
        providerMessageId: expect.stringMatching(/^5sim_[0-9a-f]{32}$/),
        from: null,
        text: 'Your WhatsApp code: 771-204.',
        parsedCode: null,
        receivedAt: new Date('2026-01-01T00:02:00.500Z'),
      },
    ]);
    expect(first[0]!.providerMessageId).not.toBe(first[1]!.providerMessageId);
    const second = await provider.fetchSms(ORDER_ID);
    expect(second.map((m) => m.providerMessageId)).toEqual(first.map((m) => m.providerMessageId));
    expect((await requests())[0]).toEqual({
      method: 'GET',
      path: `/v1/user/check/${ORDER_ID}`,
      origin: FIVESIM,
      headers: userHeaders,
      body: '',
    });
  });

  it('returns nothing while no SMS has arrived', async () => {
    server.use(answer(`/v1/user/check/${ORDER_ID}`, 'check-pending.json'));
    expect(await fiveSim().fetchSms(ORDER_ID)).toEqual([]);
  });

  it('an unknown order -> not_found', async () => {
    server.use(answer(`/v1/user/check/${ORDER_ID}`, 'order-not-found.txt', 400));
    await expect(fiveSim().fetchSms(ORDER_ID)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('FiveSimProvider.cancel', () => {
  it('cancels the order', async () => {
    server.use(answer(`/v1/user/cancel/${ORDER_ID}`, 'cancel.json'));
    await fiveSim().cancel(ORDER_ID);
    expect(await requests()).toEqual([
      { method: 'GET', path: `/v1/user/cancel/${ORDER_ID}`, origin: FIVESIM, headers: userHeaders, body: '' },
    ]);
  });

  it('early cancel refused -> cancel_too_early, retryable', async () => {
    server.use(answer(`/v1/user/cancel/${ORDER_ID}`, 'cancel-wait.txt', 400));
    await expect(fiveSim().cancel(ORDER_ID)).rejects.toMatchObject({ code: 'cancel_too_early', retryable: true });
  });

  it.each(['order-has-sms.txt', 'order-expired.txt', 'hosting-order.txt'])('%s -> invalid_state', async (file) => {
    server.use(answer(`/v1/user/cancel/${ORDER_ID}`, file, 400));
    await expect(fiveSim().cancel(ORDER_ID)).rejects.toMatchObject({ code: 'invalid_state', retryable: false });
  });

  it('an unknown order -> not_found', async () => {
    server.use(answer(`/v1/user/cancel/${ORDER_ID}`, 'order-not-found.txt', 404));
    await expect(fiveSim().cancel(ORDER_ID)).rejects.toMatchObject({ code: 'not_found', options: { status: 404 } });
  });
});

describe('FiveSimProvider.report', () => {
  it('bans the number', async () => {
    server.use(answer(`/v1/user/ban/${ORDER_ID}`, 'ban.json'));
    await fiveSim().report(ORDER_ID, 'already used');
    expect((await requests())[0]).toMatchObject({ method: 'GET', path: `/v1/user/ban/${ORDER_ID}`, headers: userHeaders });
  });
});

describe('FiveSimProvider.balance', () => {
  it('reads the profile balance, converted and rounded down', async () => {
    server.use(answer('/v1/user/profile', 'profile.json'));
    expect(await fiveSim({ unitsPerUsd: '92.5' }).balance()).toBe(1081); // 1000.5 / 92.5 = 10.8162 dollars
    expect((await requests())[0]).toEqual({ method: 'GET', path: '/v1/user/profile', origin: FIVESIM, headers: userHeaders, body: '' });
  });

  it('bad key -> bad_credentials', async () => {
    server.use(http.get(`${FIVESIM}/v1/user/profile`, () => new HttpResponse(null, { status: 401 })));
    await expect(fiveSim().balance()).rejects.toMatchObject({ code: 'bad_credentials' });
  });
});

describe('FiveSimProvider.catalog', () => {
  it('prices each mapped product from the guest price list, at the dearest operator in stock', async () => {
    server.use(
      http.get(`${FIVESIM}/v1/guest/prices`, ({ request }) => {
        const product = new URL(request.url).searchParams.get('product');
        return HttpResponse.json(fivesimJson(`prices-${product}.json`));
      }),
    );
    const provider = fiveSim({ unitsPerUsd: '100', products: { whatsapp: 'whatsapp', telegram: 'telegram' } });
    expect(await provider.catalog()).toEqual([
      { service: 'whatsapp', country: 'US', costCents: 71, available: 1235 }, // 70.4 units, the dearest in stock
      { service: 'whatsapp', country: 'GB', costCents: 61, available: 0 }, // nothing in stock: priced, but unavailable
      { service: 'telegram', country: 'CA', costCents: 10, available: 14 }, // 9.25 units -> 9.25 cents, up
    ]);
    const sent = await requests();
    expect(sent.map((r) => r.path)).toEqual(['/v1/guest/prices?product=whatsapp', '/v1/guest/prices?product=telegram']);
    expect(sent[0]!.headers).toEqual({ accept: 'application/json' }); // a guest endpoint: the key is not sent
  });
});
