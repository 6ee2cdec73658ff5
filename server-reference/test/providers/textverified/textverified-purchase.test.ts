import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { authHandler, authRequest, bearer, REF, textVerified, tv, TV } from '../support/textverified-harness.ts';

const { server, requests } = mockProviderServer();

const created = () =>
  http.post(`${TV}/api/pub/v2/verifications`, () =>
    HttpResponse.json(tv('verification-created.json'), { status: 201, headers: { Location: `${TV}/api/pub/v2/verifications/${REF}` } }),
  );
const details = (file = 'verification-pending.json') =>
  http.get(`${TV}/api/pub/v2/verifications/${REF}`, () => HttpResponse.json(tv(file)));

describe('TextVerifiedProvider.purchase', () => {
  it('authenticates, creates the verification idempotently, and reads its number and cost', async () => {
    server.use(authHandler(), created(), details());
    const { provider } = textVerified();
    const bought = await provider.purchase({ service: 'whatsapp', country: 'US', reference: 'ver_01JD4Z9B5M2N8Q4R6S8T0V2W4X' });
    expect(bought).toEqual({
      providerRef: REF,
      phoneNumber: '+12223334444',
      costCents: 101, // 1.005 dollars, rounded up to the cent we pay
      expiresAt: new Date('2026-01-01T00:15:01.512Z'),
    });
    expect(await requests()).toEqual([
      authRequest,
      {
        method: 'POST',
        path: '/api/pub/v2/verifications',
        origin: TV,
        headers: {
          ...bearer(),
          'content-type': 'application/json',
          'idempotency-key': 'ver_01JD4Z9B5M2N8Q4R6S8T0V2W4X',
        },
        body: JSON.stringify({ serviceName: 'whatsapp', capability: 'sms' }),
      },
      { method: 'GET', path: `/api/pub/v2/verifications/${REF}`, origin: TV, headers: bearer(), body: '' },
    ]);
  });

  it('asks for the area code and carrier when the caller does', async () => {
    server.use(authHandler(), created(), details());
    const { provider } = textVerified();
    await provider.purchase({ service: 'telegram', country: 'US', areaCode: '415', carrier: 'T-Mobile', reference: 'ver_2' });
    const [, create] = await requests();
    expect(JSON.parse(create!.body)).toEqual({
      serviceName: 'telegram',
      capability: 'sms',
      areaCodeSelectOption: ['415'],
      carrierSelectOption: ['tmo'],
    });
  });

  it('follows the Location header when the body has no link', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications`, () =>
        HttpResponse.json({ method: null, href: null }, { status: 201, headers: { Location: `/api/pub/v2/verifications/${REF}` } }),
      ),
      details(),
    );
    const { provider } = textVerified();
    expect((await provider.purchase({ service: 'whatsapp', country: 'US', reference: 'v' })).providerRef).toBe(REF);
  });

  it('works against a configured base URL', async () => {
    const base = 'https://tv.example.test';
    server.use(
      http.post(`${base}/api/pub/v2/auth`, () => HttpResponse.json(tv('auth-token.json'))),
      http.post(`${base}/api/pub/v2/verifications`, () =>
        HttpResponse.json({ method: 'GET', href: `${base}/api/pub/v2/verifications/${REF}` }, { status: 201 }),
      ),
      http.get(`${base}/api/pub/v2/verifications/${REF}`, () => HttpResponse.json(tv('verification-pending.json'))),
    );
    const { provider } = textVerified({ baseUrl: base });
    await provider.purchase({ service: 'whatsapp', country: 'US', reference: 'v' });
    expect((await requests()).map((r) => r.origin)).toEqual([base, base, base]);
  });

  it('refuses to follow a link to another host with our token', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications`, () =>
        HttpResponse.json({ method: 'GET', href: 'https://attacker.example.test/steal' }, { status: 201 }),
      ),
    );
    const { provider } = textVerified();
    await expect(provider.purchase({ service: 'whatsapp', country: 'US', reference: 'v' })).rejects.toMatchObject({
      code: 'unexpected',
      provider: 'textverified',
    });
    expect((await requests()).map((r) => r.origin)).toEqual([TV, TV]);
  });

  it('refuses countries other than US and unmapped services without calling TextVerified', async () => {
    const { provider } = textVerified();
    await expect(provider.purchase({ service: 'whatsapp', country: 'GB', reference: 'v' })).rejects.toMatchObject({ code: 'no_numbers' });
    await expect(provider.purchase({ service: 'myspace', country: 'US', reference: 'v' })).rejects.toMatchObject({ code: 'no_numbers' });
    expect(await requests()).toEqual([]);
  });

  it('treats a created verification it cannot read as unexpected', async () => {
    server.use(
      authHandler(),
      created(),
      http.get(`${TV}/api/pub/v2/verifications/${REF}`, () =>
        HttpResponse.json({ ...tv<object>('verification-pending.json'), totalCost: 'a lot' }),
      ),
    );
    const { provider } = textVerified();
    const error = await provider.purchase({ service: 'whatsapp', country: 'US', reference: 'v' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unexpected', options: { status: 200 } });
    expect((error as Error).message).toContain('totalCost');
  });

  it('treats a create answer that is not JSON as unexpected', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications`, () => new HttpResponse('<html>ok</html>', { status: 201 })),
    );
    const { provider } = textVerified();
    await expect(provider.purchase({ service: 'whatsapp', country: 'US', reference: 'v' })).rejects.toMatchObject({ code: 'unexpected' });
  });
});
