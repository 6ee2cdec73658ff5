import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPaymentConfig, type PaymentConfig } from '../../src/payments/index.ts';
import { signPaymentPayload, verifyPaymentSignature } from '../../src/domain/payments/payment-signature.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { startLocalStripeServer, stripeEvent, type LocalStripeServer } from './support/local-stripe-server.ts';

const WEBHOOK_SECRET = 'whsec_local_9f8e7d6c5b4a';

let stripe: LocalStripeServer;
beforeAll(async () => {
  stripe = await startLocalStripeServer();
});
afterAll(async () => {
  await stripe.close();
});
afterEach(() => {
  stripe.requests.length = 0;
  stripe.failNext = 0;
  stripe.rateLimitNext = 0;
});

const stripeConfig = (overrides: { secretKey?: string } = {}): PaymentConfig => ({
  provider: 'stripe',
  stripe: {
    secretKey: overrides.secretKey ?? stripe.secretKey,
    webhookSecret: WEBHOOK_SECRET,
    apiBase: stripe.apiBase,
    productName: 'Namaskah balance top-up',
    timeoutMs: 5_000,
    maxRetries: 2,
    retryBaseMs: 10,
  },
});

describe('Stripe-Signature verification', () => {
  const body = '{"id":"evt_1","type":"checkout.session.completed"}';
  const now = 1_764_756_000;

  it('accepts a matching v1 among several, ignores v0, refuses another secret, another body and a stale or future t', () => {
    const signed = signPaymentPayload(WEBHOOK_SECRET, body, now);
    const v1 = signed.split('v1=')[1]!;
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, signed, now)).toBe(true);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, `t=${now},v1=${'0'.repeat(64)},v1=${v1},v0=${'1'.repeat(64)}`, now)).toBe(true);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, `t=${now},v0=${v1}`, now)).toBe(false);
    expect(verifyPaymentSignature('whsec_other', body, signed, now)).toBe(false);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, `${body} `, signed, now)).toBe(false);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, signed, now + 301)).toBe(false);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, signed, now - 301)).toBe(false);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, signed, now + 299)).toBe(true);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, `v1=${v1}`, now)).toBe(false);
    expect(verifyPaymentSignature(WEBHOOK_SECRET, body, 'garbage', now)).toBe(false);
  });

  it('configuration: the sandbox by default; stripe needs its key and webhook secret', () => {
    expect(loadPaymentConfig({})).toEqual({ provider: 'sandbox' });
    expect(() => loadPaymentConfig({ PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER must be sandbox or stripe/);
    expect(() => loadPaymentConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_WEBHOOK_SECRET: 'whsec_1' })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => loadPaymentConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(
      loadPaymentConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' }),
    ).toMatchObject({
      provider: 'stripe',
      stripe: { secretKey: 'sk_test_1', webhookSecret: 'whsec_1', apiBase: 'https://api.stripe.com' },
    });
  });
});

describe.each(DRIVERS)('Stripe Checkout top-ups (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { payments: stripeConfig(), config: { anonymousRateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const deliver = (event: object, options: { secret?: string; timestamp?: number; header?: string | null } = {}) => {
    const raw = JSON.stringify(event);
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    const signature =
      options.header === undefined ? signPaymentPayload(options.secret ?? WEBHOOK_SECRET, raw, options.timestamp) : options.header;
    if (signature !== null) headers['Stripe-Signature'] = signature;
    return server.request('POST', '/v1/wallet/stripe-events', { rawBody: raw, headers });
  };

  const topUp = async (amount: number, returnUrl?: string) => {
    const user = await server.register();
    const created = await server.request('POST', '/v1/wallet/top-ups', {
      token: user.token,
      body: { amount, ...(returnUrl ? { return_url: returnUrl } : {}) },
    });
    expect(created.status).toBe(201);
    const session = stripe.sessions.get(created.body.provider_reference)!;
    expect(session).toBeDefined();
    return { user, topUp: created.body, session };
  };

  const balanceOf = async (token: string) => (await server.request('GET', '/v1/wallet', { token })).body.balance.amount;

  it('creating a top-up opens a Checkout Session: form-encoded, Bearer key, idempotency key, the top-up id as reference', async () => {
    const { topUp: created, session } = await topUp(1500, 'https://app.example/wallet');
    expect(created).toMatchObject({ status: 'pending', provider_reference: expect.stringMatching(/^cs_test_/) });
    expect(created.checkout_url).toBe(session.url);
    expect(created.checkout_url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const [request] = stripe.requests;
    expect(stripe.requests).toHaveLength(1);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/checkout/sessions',
      authorization: `Bearer ${stripe.secretKey}`,
      idempotencyKey: `top-up-${created.id}`,
    });
    expect(request!.form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '1500',
      'line_items[0][quantity]': '1',
      client_reference_id: created.id,
      'metadata[top_up_id]': created.id,
      success_url: 'https://app.example/wallet',
      cancel_url: 'https://app.example/wallet',
    });
    // the session closes within Stripe's 24 hours, and the top-up with it
    expect(new Date(created.expires_at).getTime()).toBe(session.expires_at * 1000);
  });

  it('the same completed event 10 times in parallel, and a second event for the session, credit once; the ledger is exact', async () => {
    const { user, topUp: created, session } = await topUp(2500);
    const completed = stripeEvent('checkout.session.completed', session);
    const alsoPaid = stripeEvent('checkout.session.async_payment_succeeded', session);
    const answers = await Promise.all([...Array.from({ length: 10 }, () => deliver(completed)), deliver(alsoPaid), deliver(alsoPaid)]);
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    expect(answers.every((a) => a.body.received === true)).toBe(true);
    expect(await balanceOf(user.token)).toBe(2500);
    const ledger = await server.request('GET', '/v1/wallet/ledger', { token: user.token });
    expect(ledger.body.data).toHaveLength(1);
    expect(ledger.body.data[0]).toMatchObject({ type: 'top_up', amount: { amount: 2500 }, balance_after: { amount: 2500 } });
    const got = await server.request('GET', `/v1/wallet/top-ups/${created.id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'succeeded', ledger_entry_id: ledger.body.data[0].id, provider_reference: session.id });
    const events = await server.services.db.selectFrom('payment_events').select('event_id').where('top_up_id', '=', created.id).execute();
    expect(events.map((e) => e.event_id).sort()).toEqual([completed.id, alsoPaid.id].sort());
    // a late redelivery after the fact changes nothing either
    expect((await deliver(completed)).status).toBe(200);
    expect(await balanceOf(user.token)).toBe(2500);
  });

  it('a forged, stale or missing signature and a wrong amount change nothing', async () => {
    const { user, topUp: created, session } = await topUp(900);
    const completed = stripeEvent('checkout.session.completed', session);
    const forged = await deliver(completed, { secret: 'whsec_attacker' });
    expect([forged.status, forged.body.code]).toEqual([400, 'invalid_signature']);
    const stale = await deliver(completed, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect([stale.status, stale.body.code]).toEqual([400, 'invalid_signature']);
    const unsigned = await deliver(completed, { header: null });
    expect([unsigned.status, unsigned.body.code]).toEqual([401, 'unauthenticated']);
    const wrongAmount = await deliver(stripeEvent('checkout.session.completed', { ...session, amount_total: 90_000 }));
    expect([wrongAmount.status, wrongAmount.body.code]).toEqual([422, 'validation_failed']);
    expect(await balanceOf(user.token)).toBe(0);
    expect((await server.request('GET', `/v1/wallet/top-ups/${created.id}`, { token: user.token })).body.status).toBe('pending');
    // the refused deliveries recorded no event id: the genuine one still credits
    expect((await deliver(completed)).status).toBe(200);
    expect(await balanceOf(user.token)).toBe(900);
  });

  it('a delayed payment credits only when it succeeds; a failed one fails the top-up; an expired session expires it', async () => {
    const delayed = await topUp(1000);
    const unpaid = stripeEvent('checkout.session.completed', delayed.session);
    unpaid.data.object.payment_status = 'unpaid';
    expect((await deliver(unpaid)).status).toBe(200);
    expect(await balanceOf(delayed.user.token)).toBe(0);
    expect((await deliver(stripeEvent('checkout.session.async_payment_succeeded', delayed.session))).status).toBe(200);
    expect(await balanceOf(delayed.user.token)).toBe(1000);

    const failing = await topUp(1100);
    expect((await deliver(stripeEvent('checkout.session.async_payment_failed', failing.session))).status).toBe(200);
    const failed = await server.request('GET', `/v1/wallet/top-ups/${failing.topUp.id}`, { token: failing.user.token });
    expect(failed.body.status).toBe('failed');

    const lapsing = await topUp(1200);
    expect((await deliver(stripeEvent('checkout.session.expired', lapsing.session))).status).toBe(200);
    const expired = await server.request('GET', `/v1/wallet/top-ups/${lapsing.topUp.id}`, { token: lapsing.user.token });
    expect(expired.body.status).toBe('expired');
    expect(await balanceOf(lapsing.user.token)).toBe(0);

    // other event types and sessions that are not ours are acknowledged and ignored
    expect((await deliver(stripeEvent('customer.created', { object: 'customer', id: 'cus_1' }))).status).toBe(200);
    const foreign = stripeEvent('checkout.session.completed', { ...lapsing.session, client_reference_id: null, metadata: {} });
    expect((await deliver(foreign)).status).toBe(200);
  });

  it('Stripe failing or refusing creates no top-up: retried 5xx/429 with the same key, then 503 with a clear code', async () => {
    const user = await server.register();
    stripe.rateLimitNext = 1;
    stripe.failNext = 1;
    const retried = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 700 } });
    expect(retried.status).toBe(201);
    expect(stripe.requests).toHaveLength(3);
    expect(new Set(stripe.requests.map((r) => r.idempotencyKey)).size).toBe(1);

    stripe.failNext = 10;
    const down = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 700 } });
    expect([down.status, down.body.code]).toEqual([503, 'provider_unavailable']);
    expect(down.headers.get('retry-after')).toBeTruthy();
    stripe.failNext = 0;

    const list = await server.request('GET', '/v1/wallet/top-ups', { token: user.token });
    expect(list.body.data).toHaveLength(1);
  });

  it('a wrong secret key is a provider_error and never shows the key', async () => {
    const wrongKey = 'sk_test_wrongwrongwrong1234';
    const other = await createTestServer(driver, { payments: stripeConfig({ secretKey: wrongKey }) });
    try {
      const user = await other.register();
      const refused = await other.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 700 } });
      expect([refused.status, refused.body.code]).toEqual([503, 'provider_error']);
      expect(refused.text).not.toContain(wrongKey);
      expect(refused.text).not.toContain('wrongwrong');
    } finally {
      await other.close();
    }
  });
});

describe.each(DRIVERS)('Stripe events on a sandbox server (%s)', (driver) => {
  it('answer 404 and change nothing', async () => {
    const server = await createTestServer(driver);
    try {
      const raw = JSON.stringify(stripeEvent('checkout.session.completed', { object: 'checkout.session', id: 'cs_test_1' }));
      const answer = await server.request('POST', '/v1/wallet/stripe-events', {
        rawBody: raw,
        headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signPaymentPayload(WEBHOOK_SECRET, raw) },
      });
      expect([answer.status, answer.body.code]).toEqual([404, 'not_found']);
    } finally {
      await server.close();
    }
  });
});
