import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { authHandler, authRequest, bearer, textVerified, tv, TV } from '../support/textverified-harness.ts';

const { server, requests } = mockProviderServer();

const me = { method: 'GET', path: '/api/pub/v2/account/me', origin: TV, body: '' };
const accountAnswer = () => http.get(`${TV}/api/pub/v2/account/me`, () => HttpResponse.json(tv('account-me.json')));

describe('TextVerified bearer tokens', () => {
  it('reuses one token for many calls while it is valid', async () => {
    server.use(authHandler(), accountAnswer());
    const { provider, clock } = textVerified();
    await provider.balance();
    clock.now += 60_000;
    await provider.balance();
    expect(await requests()).toEqual([authRequest, { ...me, headers: bearer() }, { ...me, headers: bearer() }]);
  });

  it('fetches a new token shortly before the old one expires', async () => {
    server.use(authHandler('auth-token.json', true), authHandler('auth-token-second.json'), accountAnswer());
    const { provider, clock } = textVerified({ tokenRefreshMarginMs: 60_000 });
    await provider.balance();
    clock.now += (899 - 60) * 1000; // inside the margin: refresh now rather than fail mid-request
    await provider.balance();
    expect(await requests()).toEqual([
      authRequest,
      { ...me, headers: bearer() },
      authRequest,
      { ...me, headers: bearer('eyJhbGciOiJIUzI1NiJ9.second-token') },
    ]);
  });

  it('refreshes the token once when the API answers 401, then retries the call', async () => {
    server.use(
      authHandler('auth-token.json', true),
      authHandler('auth-token-second.json'),
      http.get(`${TV}/api/pub/v2/account/me`, ({ request }) =>
        request.headers.get('authorization')?.endsWith('second-token')
          ? HttpResponse.json(tv('account-me.json'))
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    const { provider } = textVerified();
    expect(await provider.balance()).toBe(123456);
    expect(await requests()).toEqual([
      authRequest,
      { ...me, headers: bearer() },
      authRequest,
      { ...me, headers: bearer('eyJhbGciOiJIUzI1NiJ9.second-token') },
    ]);
  });

  it('gives up with bad_credentials when a fresh token is refused too', async () => {
    server.use(
      authHandler(),
      http.get(`${TV}/api/pub/v2/account/me`, () => new HttpResponse(null, { status: 401 })),
    );
    const { provider } = textVerified();
    await expect(provider.balance()).rejects.toMatchObject({ code: 'bad_credentials', options: { status: 401 } });
    expect((await requests()).map((r) => r.path)).toEqual([
      '/api/pub/v2/auth',
      '/api/pub/v2/account/me',
      '/api/pub/v2/auth',
      '/api/pub/v2/account/me',
    ]);
  });

  it('asks for one token however many calls start at once', async () => {
    server.use(authHandler(), accountAnswer());
    const { provider } = textVerified();
    await Promise.all([provider.balance(), provider.balance(), provider.balance()]);
    expect((await requests()).filter((r) => r.path === '/api/pub/v2/auth')).toHaveLength(1);
  });

  it('asks again after a failed token request', async () => {
    server.use(
      http.post(`${TV}/api/pub/v2/auth`, () => new HttpResponse(null, { status: 503 }), { once: true }),
      authHandler(),
      accountAnswer(),
    );
    const { provider } = textVerified();
    await expect(provider.balance()).rejects.toMatchObject({ code: 'unavailable' });
    expect(await provider.balance()).toBe(123456);
  });
});
