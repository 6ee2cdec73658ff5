import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { authHandler, bearer, REF, textVerified, tv, TV } from '../support/textverified-harness.ts';

const { server, requests } = mockProviderServer();

const smsPath = `/api/pub/v2/sms?reservationId=${REF}&reservationType=verification`;
const verification = (file: string) => http.get(`${TV}/api/pub/v2/verifications/${REF}`, () => HttpResponse.json(tv(file)));
const cancelAnswers = (status: number) =>
  http.post(`${TV}/api/pub/v2/verifications/${REF}/cancel`, () => new HttpResponse(null, { status }));

describe('TextVerifiedProvider.fetchSms', () => {
  it('reads every page of the verification SMS list', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/sms`, ({ request }) =>
        HttpResponse.json(tv(new URL(request.url).searchParams.get('cursor') === 'c2' ? 'sms-page-2.json' : 'sms-page-1.json')),
      ),
    );
    const { provider } = textVerified();
    expect(await provider.fetchSms(REF)).toEqual([
      {
        providerMessageId: 'sms_01JH8Q6A1B2C3D4E5F6G7H8J9K',
        from: '+14155550123',
        text: "Your WhatsApp code: 482-913. Don't share this code with others.",
        parsedCode: '482913',
        receivedAt: new Date('2026-01-01T00:01:12.041Z'),
      },
      {
        providerMessageId: 'sms_01JH8Q7B2C3D4E5F6G7H8J9K0L',
        from: null,
        text: '',
        parsedCode: null,
        receivedAt: new Date('2026-01-01T00:02:30Z'),
      },
    ]);
    const sent = (await requests()).slice(1);
    expect(sent).toEqual([
      { method: 'GET', path: smsPath, origin: TV, headers: bearer(), body: '' },
      { method: 'GET', path: `${smsPath}&cursor=c2`, origin: TV, headers: bearer(), body: '' },
    ]);
  });

  it('returns nothing before an SMS arrives', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/sms`, () => HttpResponse.json(tv('sms-empty.json'))),
    );
    const { provider } = textVerified();
    expect(await provider.fetchSms(REF)).toEqual([]);
  });

  it('treats a page that is not the documented shape as unexpected', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/sms`, () => HttpResponse.json({ data: [{ id: 'x' }], hasNext: false, links: {} })),
    );
    const { provider } = textVerified();
    await expect(provider.fetchSms(REF)).rejects.toMatchObject({ code: 'unexpected' });
  });
});

describe('TextVerifiedProvider.cancel', () => {
  it('posts the cancel', async () => {
    server.use(authHandler(), cancelAnswers(200));
    const { provider } = textVerified();
    await provider.cancel(REF);
    expect((await requests())[1]).toEqual({
      method: 'POST',
      path: `/api/pub/v2/verifications/${REF}/cancel`,
      origin: TV,
      headers: bearer(),
      body: '',
    });
  });

  it('a refused cancel on a still-pending verification -> cancel_too_early, retryable', async () => {
    server.use(authHandler(), cancelAnswers(400), verification('verification-pending-not-cancellable.json'));
    const { provider } = textVerified();
    await expect(provider.cancel(REF)).rejects.toMatchObject({ code: 'cancel_too_early', retryable: true });
    expect((await requests()).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/pub/v2/auth',
      `POST /api/pub/v2/verifications/${REF}/cancel`,
      `GET /api/pub/v2/verifications/${REF}`,
    ]);
  });

  it('a refused cancel on an already cancelled verification is success', async () => {
    server.use(authHandler(), cancelAnswers(400), verification('verification-cancelled.json'));
    const { provider } = textVerified();
    await expect(provider.cancel(REF)).resolves.toBeUndefined();
  });

  it('a refused cancel on a completed verification -> invalid_state', async () => {
    server.use(authHandler(), cancelAnswers(400), verification('verification-completed.json'));
    const { provider } = textVerified();
    await expect(provider.cancel(REF)).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('an unknown verification -> not_found', async () => {
    server.use(authHandler(), cancelAnswers(404));
    const { provider } = textVerified();
    await expect(provider.cancel(REF)).rejects.toMatchObject({ code: 'not_found', options: { status: 404 } });
  });
});

describe('TextVerifiedProvider.report', () => {
  it('posts the report', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications/${REF}/report`, () => new HttpResponse(null, { status: 200 })),
    );
    const { provider } = textVerified();
    await provider.report(REF, 'code never worked');
    expect((await requests())[1]).toMatchObject({ method: 'POST', path: `/api/pub/v2/verifications/${REF}/report`, body: '' });
  });

  it('a refused report -> invalid_state', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications/${REF}/report`, () => new HttpResponse(null, { status: 400 })),
    );
    const { provider } = textVerified();
    await expect(provider.report(REF, 'x')).rejects.toMatchObject({ code: 'invalid_state' });
  });
});

describe('TextVerifiedProvider.balance', () => {
  it('reads the account balance in cents, rounded down', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/account/me`, () => HttpResponse.json({ username: 'ops@example.com', currentBalance: 10.019 })),
    );
    const { provider } = textVerified();
    expect(await provider.balance()).toBe(1001);
  });
});

describe('TextVerifiedProvider.catalog', () => {
  it('prices each mapped SMS service it lists, with the area codes it sells', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/services`, () => HttpResponse.json(tv('services.json'))),
      http.get(`${TV}/api/pub/v2/area-codes`, () => HttpResponse.json(tv('area-codes.json'))),
      http.post(`${TV}/api/pub/v2/pricing/verifications`, async ({ request }) => {
        const { serviceName } = (await request.json()) as { serviceName: string };
        return HttpResponse.json(tv(`pricing-${serviceName}.json`));
      }),
    );
    const { provider } = textVerified();
    expect(await provider.catalog()).toEqual([
      // 0.30000000000000004 is float noise for 0.30; 0.07 must not become 8 cents
      { service: 'whatsapp', country: 'US', costCents: 30, available: null, areaCodes: ['205', '415'] },
      { service: 'telegram', country: 'US', costCents: 7, available: null, areaCodes: ['205', '415'] },
    ]);
    const sent = await requests();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/pub/v2/auth',
      'GET /api/pub/v2/services?numberType=mobile&reservationType=verification',
      'GET /api/pub/v2/area-codes',
      'POST /api/pub/v2/pricing/verifications',
      'POST /api/pub/v2/pricing/verifications',
    ]);
    expect(JSON.parse(sent[3]!.body)).toEqual({
      serviceName: 'whatsapp',
      areaCode: false,
      carrier: false,
      numberType: 'mobile',
      capability: 'sms',
    });
    expect(sent[3]!.headers).toEqual({ ...bearer(), 'content-type': 'application/json' });
  });

  it('leaves out a service TextVerified will not price', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/services`, () => HttpResponse.json(tv('services.json'))),
      http.get(`${TV}/api/pub/v2/area-codes`, () => HttpResponse.json([])),
      http.post(`${TV}/api/pub/v2/pricing/verifications`, async ({ request }) => {
        const { serviceName } = (await request.json()) as { serviceName: string };
        return serviceName === 'whatsapp' ? new HttpResponse(null, { status: 400 }) : HttpResponse.json(tv('pricing-telegram.json'));
      }),
    );
    const { provider } = textVerified();
    expect((await provider.catalog()).map((e) => e.service)).toEqual(['telegram']);
  });
});
