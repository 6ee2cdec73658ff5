import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/domain/ports/provider-error.ts';
import { mockProviderServer } from '../support/mock-provider-server.ts';
import { answer, FIVESIM, fiveSim } from '../support/fivesim-harness.ts';

const { server } = mockProviderServer();

const buyPath = '/v1/user/buy/activation/usa/any/whatsapp';

async function purchaseError(): Promise<ProviderError> {
  const error = await fiveSim({ timeoutMs: 200 })
    .purchase({ service: 'whatsapp', country: 'US', reference: 'ver_1' })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('5sim error mapping', () => {
  it('no free phones (400, plain text) -> no_numbers', async () => {
    server.use(answer(buyPath, 'no-free-phones.txt', 400));
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'no_numbers', retryable: false, options: { provider: 'fivesim', status: 400 } });
    expect(error.message).toBe(`GET ${buyPath} answered 400: no free phones`);
  });

  it('no free phones answered with 200 -> no_numbers all the same', async () => {
    server.use(answer(buyPath, 'no-free-phones.txt', 200));
    expect((await purchaseError()).code).toBe('no_numbers');
  });

  it('our balance there is too low -> insufficient_provider_balance', async () => {
    server.use(answer(buyPath, 'not-enough-user-balance.txt', 400));
    expect((await purchaseError()).code).toBe('insufficient_provider_balance');
  });

  it('account rating too low for another order -> unavailable, retryable', async () => {
    server.use(answer(buyPath, 'not-enough-rating.txt', 400));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('a country 5sim does not know -> no_numbers', async () => {
    server.use(answer(buyPath, 'bad-country.txt', 400));
    expect((await purchaseError()).code).toBe('no_numbers');
  });

  it('bad key (401, empty body) -> bad_credentials', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => new HttpResponse(null, { status: 401 })));
    expect(await purchaseError()).toMatchObject({ code: 'bad_credentials', retryable: false, options: { status: 401 } });
  });

  it('rate limited (429) -> rate_limited with Retry-After', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => new HttpResponse('', { status: 429, headers: { 'Retry-After': '2' } })));
    expect(await purchaseError()).toMatchObject({ code: 'rate_limited', retryable: true, options: { retryAfterMs: 2000 } });
  });

  it('rate limited, said in text -> rate_limited', async () => {
    server.use(answer(buyPath, 'api-limit.txt', 503));
    expect(await purchaseError()).toMatchObject({ code: 'rate_limited', retryable: true });
  });

  it('server offline -> unavailable, retryable', async () => {
    server.use(answer(buyPath, 'server-offline.txt', 503));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it.each([500, 502, 504])('server error (%i) -> unavailable, retryable', async (status) => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => new HttpResponse('<html>gateway</html>', { status })));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true, options: { status } });
  });

  it('a timeout -> unavailable, retryable', async () => {
    server.use(
      http.get(`${FIVESIM}${buyPath}`, async () => {
        await delay(1000);
        return HttpResponse.json({});
      }),
    );
    const error = await purchaseError();
    expect(error).toMatchObject({ code: 'unavailable', retryable: true });
    expect(error.message).toBe(`GET ${buyPath} timed out after 200 ms`);
  });

  it('a connection failure -> unavailable, retryable', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => HttpResponse.error()));
    expect(await purchaseError()).toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('an unknown plain-text answer -> unexpected', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => new HttpResponse('something new', { status: 200 })));
    expect(await purchaseError()).toMatchObject({ code: 'unexpected', options: { status: 200 } });
  });

  it('broken JSON -> unexpected', async () => {
    server.use(http.get(`${FIVESIM}${buyPath}`, () => new HttpResponse('{"id": 1, "phone"', { status: 200 })));
    expect(await purchaseError()).toMatchObject({ code: 'unexpected' });
  });
});
