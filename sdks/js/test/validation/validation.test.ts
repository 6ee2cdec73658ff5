import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Namaskah, RequestValidationError, ResponseValidationError } from '../../src/index.js';
import { createValidator, PATH_PARAMETER_SCHEMAS, RESPONSE_BODY_SCHEMAS, WalletSchema, withValidation } from '../../src/validation.js';

const BASE = 'http://api.test';
const server = setupServer();
const seen: Request[] = [];
server.events.on('request:start', ({ request }) => void seen.push(request.clone()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const usd = (amount: number) => ({ amount, currency: 'USD' });
const wallet = {
  balance: usd(1250),
  currency: 'USD',
  low_balance_threshold: usd(500),
  auto_top_up: { enabled: false, amount: null, at_most_once_per: 'day', last_triggered_at: null },
  pending_top_ups: { count: 0, amount: usd(0) },
  updated_at: '2026-01-01T00:00:00Z',
};
const base = () => new Namaskah({ baseUrl: BASE, apiKey: 'nmk_test_abc', maxRetries: 2 });

describe('runtime validation (@namaskah/sdk/validation)', () => {
  it('off by default: a body that breaks the contract is returned as is', async () => {
    server.use(http.get(`${BASE}/v1/wallet`, () => HttpResponse.json({ ...wallet, balance: { amount: '12.50' } })));
    const result = await base().wallet.retrieve();
    expect(result.balance).toEqual({ amount: '12.50' });
  });

  it('a valid response passes, returned unchanged (unknown fields kept)', async () => {
    server.use(http.get(`${BASE}/v1/wallet`, () => HttpResponse.json({ ...wallet, added_later: true })));
    const result = await withValidation(base()).wallet.retrieve();
    expect(result).toEqual({ ...wallet, added_later: true });
  });

  it('an invalid response throws ResponseValidationError with the path, once (never retried)', async () => {
    server.use(
      http.get(`${BASE}/v1/wallet`, () =>
        HttpResponse.json(
          { ...wallet, balance: { amount: 12.5, currency: 'USD' }, updated_at: undefined },
          { headers: { 'request-id': 'req_v1' } },
        ),
      ),
    );
    const error = await withValidation(base())
      .wallet.retrieve()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    const v = error as ResponseValidationError;
    expect(v.operation).toBe('GET /v1/wallet');
    expect(v.status).toBe(200);
    expect(v.requestId).toBe('req_v1');
    expect(v.issues.map((i) => i.path)).toEqual([['balance', 'amount'], ['updated_at']]);
    expect(v.message).toContain('balance.amount');
    expect(seen).toHaveLength(1);
  });

  it('validates every page of an auto-paginated list', async () => {
    const entry = (id: string, amount: unknown) => ({
      id,
      type: 'top_up',
      amount: { amount, currency: 'USD' },
      balance_after: usd(100),
      verification_id: null,
      top_up_id: 'top_1',
      reason: null,
      created_at: '2026-01-01T00:00:00Z',
    });
    server.use(
      http.get(`${BASE}/v1/wallet/ledger`, ({ request }) =>
        new URL(request.url).searchParams.get('starting_after')
          ? HttpResponse.json({ data: [entry('led_2', 'oops')], has_more: false, next_cursor: null })
          : HttpResponse.json({ data: [entry('led_1', 100)], has_more: true, next_cursor: 'led_1' }),
      ),
    );
    const ids: string[] = [];
    const error = await (async () => {
      for await (const item of withValidation(base()).wallet.ledgerEntries.list()) ids.push(item.id);
    })().catch((e: unknown) => e);
    expect(ids).toEqual(['led_1']);
    expect((error as ResponseValidationError).issues[0]!.path).toEqual(['data', 0, 'amount', 'amount']);
  });

  it('a discriminated union reports the fields of the variant its tag selects', async () => {
    const challenge = { result: 'second_factor_required', second_factor_required: true, challenge_token: 'chl_1' };
    server.use(
      http.post(`${BASE}/v1/auth/login`, () =>
        HttpResponse.json({ ...challenge, methods: ['totp'], sms_phone_hint: null, expires_at: 'tomorrow' }),
      ),
    );
    const error = await withValidation(base())
      .auth.login({ email: 'a@example.com', password: 'pw' })
      .catch((e: unknown) => e);
    expect((error as ResponseValidationError).issues.map((i) => i.path)).toEqual([['expires_at']]);
  });

  it('request validation (opt-in) rejects a bad body before sending anything', async () => {
    const client = withValidation(base(), { validateRequests: true });
    const error = await client.wallet.topUps.create({ amount: 12.5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).operation).toBe('POST /v1/wallet/top-ups');
    expect((error as RequestValidationError).issues[0]!.path).toEqual(['amount']);
    expect(seen).toHaveLength(0);
  });

  it('request validation checks ids against their path-parameter patterns before sending', async () => {
    const client = withValidation(base(), { validateRequests: true });
    const error = await client.verifications.retrieve('usr_not_a_verification').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as RequestValidationError).operation).toBe('GET /v1/verifications/{verification_id}');
    expect((error as RequestValidationError).issues[0]!.path).toEqual(['verification_id']);
    expect(seen).toHaveLength(0);
    expect(PATH_PARAMETER_SCHEMAS['GET /v1/verifications/{verification_id}']!.verification_id!.safeParse('ver_1').success).toBe(true);
  });

  it('request validation is off unless asked for; response-only validators skip request bodies', async () => {
    server.use(http.post(`${BASE}/v1/wallet/top-ups`, () => HttpResponse.json({ id: 'top_1' }, { status: 201 })));
    const validator = createValidator({ validateResponses: false, validateRequests: false });
    expect(validator).toEqual({});
    const result = await base().withOptions({ validator }).wallet.topUps.create({ amount: 12.5 });
    expect(result).toEqual({ id: 'top_1' });
  });

  it('withValidation keeps the client options and exports the generated schemas', () => {
    expect(withValidation(base()).http.options).toMatchObject({ baseUrl: BASE, apiKey: 'nmk_test_abc', maxRetries: 2 });
    expect(RESPONSE_BODY_SCHEMAS['GET /v1/wallet']).toBe(WalletSchema);
    expect(WalletSchema.safeParse(wallet).success).toBe(true);
  });
});
