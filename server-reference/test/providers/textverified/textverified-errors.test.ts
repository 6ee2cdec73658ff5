import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/domain/ports/provider-error.ts';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { authHandler, textVerified, tv, TV } from '../support/textverified-harness.ts';

const { server, requests } = mockProviderServer();

const request = { service: 'whatsapp', country: 'US', reference: 'ver_1' };

/** The create endpoint answering `status` with `body`. */
const createAnswers = (status: number, body: string | object, headers: Record<string, string> = {}) =>
  http.post(`${TV}/api/pub/v2/verifications`, () =>
    typeof body === 'string' ? new HttpResponse(body, { status, headers }) : HttpResponse.json(body, { status, headers }),
  );

async function purchaseError(extra: Partial<typeof request> & { areaCode?: string } = {}): Promise<ProviderError> {
  const { provider } = textVerified({ timeoutMs: 200 });
  const error = await provider.purchase({ ...request, ...extra }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('TextVerified error mapping', () => {
  it('no numbers (400 Unavailable) -> no_numbers', async () => {
    server.use(authHandler(), createAnswers(400, tv('error-unavailable.json')));
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'no_numbers', retryable: false, options: { provider: 'textverified', status: 400 } });
    expect(error.message).toBe(
      'POST /api/pub/v2/verifications answered 400: Unavailable: No numbers are available for the selected service and options.',
    );
  });

  it('no numbers with an area code asked for -> area_code_unavailable', async () => {
    server.use(authHandler(), createAnswers(400, tv('error-unavailable.json')));
    expect((await purchaseError({ areaCode: '205' })).code).toBe('area_code_unavailable');
  });

  it('our balance there is too low (400 InsufficientBalance) -> insufficient_provider_balance', async () => {
    server.use(authHandler(), createAnswers(400, tv('error-insufficient-balance.json')));
    expect(await purchaseError()).toMatchObject({ code: 'insufficient_provider_balance', retryable: false });
  });

  it('too many pending verifications -> unavailable, retryable', async () => {
    server.use(authHandler(), createAnswers(400, tv('error-too-many-unfinished.json')));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('a retry racing the first purchase (409 IdempotencyConflict) -> unavailable, retryable', async () => {
    server.use(authHandler(), createAnswers(409, tv('error-idempotency-conflict.json')));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true, options: { status: 409 } });
  });

  it('bad credentials (401 from the auth endpoint) -> bad_credentials, and nothing is bought', async () => {
    server.use(http.post(`${TV}/api/pub/v2/auth`, () => new HttpResponse(null, { status: 401 })));
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'bad_credentials', retryable: false, options: { status: 401 } });
    expect(error.message).toBe('POST /api/pub/v2/auth answered 401');
    expect((await requests()).map((r) => r.path)).toEqual(['/api/pub/v2/auth']);
  });

  it('forbidden (403) -> bad_credentials', async () => {
    server.use(authHandler(), createAnswers(403, ''));
    expect((await purchaseError()).code).toBe('bad_credentials');
  });

  it('rate limited (429) -> rate_limited with Retry-After', async () => {
    server.use(authHandler(), createAnswers(429, '', { 'Retry-After': '7' }));
    expect(await purchaseError()).toMatchObject({ code: 'rate_limited', retryable: true, options: { retryAfterMs: 7000 } });
  });

  it('rate limited on the auth endpoint -> rate_limited', async () => {
    server.use(http.post(`${TV}/api/pub/v2/auth`, () => new HttpResponse(null, { status: 429 })));
    expect(await purchaseError()).toMatchObject({ code: 'rate_limited', options: { retryAfterMs: undefined } });
  });

  it.each([500, 502, 503])('server error (%i) -> unavailable, retryable', async (status) => {
    server.use(authHandler(), createAnswers(status, '<html><body>Bad Gateway</body></html>'));
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'unavailable', retryable: true, options: { status } });
  });

  it('a timeout -> unavailable, retryable', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications`, async () => {
        await delay(1000);
        return HttpResponse.json(tv('verification-created.json'), { status: 201 });
      }),
    );
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toBe('POST /api/pub/v2/verifications timed out after 200 ms');
  });

  it('a connection failure -> unavailable, retryable', async () => {
    server.use(
      authHandler(),
      http.post(`${TV}/api/pub/v2/verifications`, () => HttpResponse.error()),
    );
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('an undocumented 400 -> unexpected', async () => {
    server.use(authHandler(), createAnswers(400, { errorCode: 'SomethingNew', errorDescription: 'new' }));
    expect(await purchaseError()).toMatchObject({ code: 'unexpected', options: { status: 400 } });
  });

  it('a malformed token answer -> unexpected', async () => {
    server.use(http.post(`${TV}/api/pub/v2/auth`, () => HttpResponse.json({ token: '' })));
    expect(await purchaseError()).toMatchObject({ code: 'unexpected' });
  });
});
