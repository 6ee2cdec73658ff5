import { text as readBody } from 'node:stream/consumers';
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Stripe's Checkout Sessions API on a loopback port, answering in Stripe's shapes
 * (https://docs.stripe.com/api/checkout/sessions/create, /api/errors, /api/idempotent_requests):
 * `POST /v1/checkout/sessions`, `Authorization: Bearer <secret key>` (401 otherwise), form-encoded
 * parameters (400 `parameter_missing` / `parameter_invalid_integer`), and `Idempotency-Key`: the same key
 * with the same parameters replays the first answer (`Idempotent-Replayed: true`), with other parameters
 * is a 400 `idempotency_error`. `failNext` answers 500 `api_error`, `rateLimitNext` 429 `rate_limit`.
 */
export interface LocalStripeServer {
  apiBase: string;
  secretKey: string;
  /** Every request: method, path, headers that matter, parsed form. */
  requests: Array<{ method: string; path: string; authorization?: string; idempotencyKey?: string; form: Record<string, string> }>;
  /** Sessions created (not replays), by id. */
  sessions: Map<string, Record<string, any>>;
  failNext: number;
  rateLimitNext: number;
  close(): Promise<void>;
}

const stripeError = (type: string, message: string, extra: Record<string, string> = {}) => ({
  error: { type, message, ...extra, request_log_url: 'https://dashboard.stripe.com/test/logs/req_local' },
});

const REQUIRED = [
  'mode',
  'line_items[0][price_data][currency]',
  'line_items[0][price_data][unit_amount]',
  'line_items[0][price_data][product_data][name]',
  'line_items[0][quantity]',
  'success_url',
];

export async function startLocalStripeServer(): Promise<LocalStripeServer> {
  const secretKey = `sk_test_local${randomBytes(12).toString('hex')}`;
  const remembered = new Map<string, { form: string; status: number; body: object }>();
  const send = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': `req_${randomBytes(7).toString('hex')}`, ...headers });
    res.end(JSON.stringify(body));
  };
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
    state.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, idempotencyKey, form });
    if (req.method !== 'POST' || req.url !== '/v1/checkout/sessions')
      return send(res, 404, stripeError('invalid_request_error', `Unrecognized request URL (${req.method}: ${req.url}).`));
    if (req.headers.authorization !== `Bearer ${secretKey}`) {
      const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      return send(res, 401, stripeError('invalid_request_error', `Invalid API Key provided: ${given.slice(0, 8)}****${given.slice(-4)}`));
    }
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded'))
      return send(res, 400, stripeError('invalid_request_error', 'Invalid request: expected form-encoded parameters.'));
    if (state.rateLimitNext > 0) {
      state.rateLimitNext--;
      return send(res, 429, stripeError('invalid_request_error', 'Request rate limit exceeded.', { code: 'rate_limit' }));
    }
    if (state.failNext > 0) {
      state.failNext--;
      return send(res, 500, stripeError('api_error', 'An unknown error occurred'), { 'Stripe-Should-Retry': 'true' });
    }
    if (idempotencyKey) {
      const first = remembered.get(idempotencyKey);
      if (first && first.form !== raw)
        return send(
          res,
          400,
          stripeError(
            'idempotency_error',
            'Keys for idempotent requests can only be used with the same parameters they were first used with.',
          ),
        );
      if (first) return send(res, first.status, first.body, { 'Idempotent-Replayed': 'true' });
    }
    const missing = REQUIRED.find((name) => !form[name]);
    let status = 200;
    let body: object;
    if (missing) {
      status = 400;
      body = stripeError('invalid_request_error', `Missing required param: ${missing}.`, { code: 'parameter_missing', param: missing });
    } else if (!/^\d+$/.test(form['line_items[0][price_data][unit_amount]']!)) {
      status = 400;
      body = stripeError('invalid_request_error', 'Invalid integer', {
        code: 'parameter_invalid_integer',
        param: 'line_items[0][price_data][unit_amount]',
      });
    } else {
      const id = `cs_test_${randomBytes(12).toString('hex')}`;
      const amount = Number(form['line_items[0][price_data][unit_amount]']) * Number(form['line_items[0][quantity]']);
      const metadata = Object.fromEntries(
        Object.entries(form)
          .filter(([k]) => k.startsWith('metadata['))
          .map(([k, v]) => [k.slice(9, -1), v]),
      );
      const session = {
        id,
        object: 'checkout.session',
        amount_subtotal: amount,
        amount_total: amount,
        cancel_url: form.cancel_url ?? null,
        client_reference_id: form.client_reference_id ?? null,
        created: Math.floor(Date.now() / 1000),
        currency: form['line_items[0][price_data][currency]'],
        customer: null,
        expires_at: form.expires_at ? Number(form.expires_at) : Math.floor(Date.now() / 1000) + 86_400,
        livemode: false,
        metadata,
        mode: form.mode,
        payment_intent: null,
        payment_status: 'unpaid',
        status: 'open',
        success_url: form.success_url,
        url: `https://checkout.stripe.com/c/pay/${id}#fidkdWxOYHwnPyd1blpxYHZxWjA0`,
      };
      state.sessions.set(id, session);
      body = session;
    }
    if (idempotencyKey) remembered.set(idempotencyKey, { form: raw, status, body });
    return send(res, status, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: LocalStripeServer = {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    secretKey,
    requests: [],
    sessions: new Map(),
    failNext: 0,
    rateLimitNext: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return state;
}

/** An Event object as Stripe posts it to a webhook endpoint, about `session` in the state `type` implies. */
export function stripeEvent(type: string, session: Record<string, any>, id = `evt_${randomBytes(12).toString('hex')}`) {
  const state: Record<string, object> = {
    'checkout.session.completed': { status: 'complete', payment_status: 'paid', payment_intent: 'pi_local' },
    'checkout.session.async_payment_succeeded': { status: 'complete', payment_status: 'paid' },
    'checkout.session.async_payment_failed': { status: 'complete', payment_status: 'unpaid' },
    'checkout.session.expired': { status: 'expired', payment_status: 'unpaid' },
  };
  return {
    id,
    object: 'event',
    api_version: '2025-03-31.basil',
    created: Math.floor(Date.now() / 1000),
    data: { object: { ...session, ...state[type] } },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
