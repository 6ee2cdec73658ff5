import { setTimeout as sleep } from 'node:timers/promises';
import type { Checkout, CheckoutRequest, PaymentProvider } from '../../domain/ports/payment-provider.ts';
import { ApiError } from '../../errors/index.ts';

/** The Stripe account and how to talk to it. */
export interface StripeCheckoutConfig {
  /** `sk_test_...`, `sk_live_...` or a restricted `rk_...` key with Checkout Sessions write. */
  secretKey: string;
  /** `https://api.stripe.com` unless a test points it elsewhere. */
  apiBase: string;
  /** The line item's name on the payment page. */
  productName: string;
  /** Deadline of one request, in milliseconds. */
  timeoutMs: number;
  /** Further attempts after a connection failure, 409 lock, 429 or 5xx (safe: the idempotency key is reused). */
  maxRetries: number;
  /** First wait between attempts (doubled each time), in milliseconds. */
  retryBaseMs?: number;
}

/** Stripe's error answer (https://docs.stripe.com/api/errors). */
interface StripeErrorBody {
  error?: { type?: string; code?: string; message?: string };
}

/** Stripe's messages mask keys already; anything key-shaped is cut out all the same. */
const redactKeys = (text: string): string => text.replace(/\b(?:sk|rk|pk)_(?:test|live)_[A-Za-z0-9*]+/g, '[key]');

/** Stripe keeps a Checkout Session open from 30 minutes to 24 hours. */
const LONGEST_SESSION_SECONDS = 24 * 3600 - 60;
const SHORTEST_SESSION_SECONDS = 30 * 60 + 60;

/**
 * Opens Stripe Checkout Sessions for top-ups: `POST /v1/checkout/sessions`, form-encoded (`mode=payment`,
 * one `price_data` line item of the top-up's amount and currency, `client_reference_id` and
 * `metadata[top_up_id]` carrying the top-up id, success and cancel URLs, `expires_at`), authenticated
 * with `Bearer <secret key>`, with `Idempotency-Key: top-up-<id>` so a retried request cannot open a
 * second session. An unreachable, rate-limited or failing Stripe is `provider_unavailable` (retried
 * first); a refusal (bad key, invalid request) is `provider_error`. Neither carries the key.
 *
 * @example
 * const provider = new StripeCheckoutProvider({ secretKey, apiBase: 'https://api.stripe.com', productName: 'Balance top-up', timeoutMs: 15_000, maxRetries: 2 }, 'https://namaskah.example');
 */
export class StripeCheckoutProvider implements PaymentProvider {
  readonly id = 'stripe';
  private readonly config: StripeCheckoutConfig;
  private readonly defaultReturnUrl: string;
  private readonly fetch: typeof globalThis.fetch;
  constructor(config: StripeCheckoutConfig, defaultReturnUrl: string, fetchImpl: typeof globalThis.fetch = globalThis.fetch) {
    this.config = config;
    this.defaultReturnUrl = defaultReturnUrl;
    this.fetch = fetchImpl;
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    const session = await this.#post('/v1/checkout/sessions', this.#sessionForm(request), `top-up-${request.topUpId}`);
    if (typeof session.id !== 'string' || typeof session.url !== 'string')
      throw new ApiError('provider_error', 'Stripe answered without a Checkout Session id and URL.');
    return {
      providerReference: session.id,
      checkoutUrl: session.url,
      ...(typeof session.expires_at === 'number' ? { expiresAt: new Date(session.expires_at * 1000) } : {}),
    };
  }

  #sessionForm(request: CheckoutRequest): URLSearchParams {
    const now = Math.floor(Date.now() / 1000);
    const wanted = Math.floor(request.expiresAt.getTime() / 1000);
    const expiresAt = Math.max(now + SHORTEST_SESSION_SECONDS, Math.min(wanted, now + LONGEST_SESSION_SECONDS));
    const returnUrl = request.returnUrl ?? this.defaultReturnUrl;
    return new URLSearchParams({
      mode: 'payment',
      'line_items[0][price_data][currency]': request.currency.toLowerCase(),
      'line_items[0][price_data][unit_amount]': String(request.amountCents),
      'line_items[0][price_data][product_data][name]': this.config.productName,
      'line_items[0][quantity]': '1',
      client_reference_id: request.topUpId,
      'metadata[top_up_id]': request.topUpId,
      'metadata[user_id]': request.userId,
      success_url: returnUrl,
      cancel_url: returnUrl,
      expires_at: String(expiresAt),
    });
  }

  async #post(path: string, form: URLSearchParams, idempotencyKey: string): Promise<Record<string, unknown>> {
    const base = this.config.retryBaseMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(path, form, idempotencyKey);
      if ('body' in outcome) return outcome.body;
      if (!outcome.retry || attempt >= this.config.maxRetries) throw outcome.error;
      await sleep(Math.min(base * 2 ** attempt, 4_000));
    }
  }

  async #attempt(
    path: string,
    form: URLSearchParams,
    idempotencyKey: string,
  ): Promise<{ body: Record<string, unknown> } | { error: ApiError; retry: boolean }> {
    let response: Response;
    try {
      response = await this.fetch(`${this.config.apiBase.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${this.config.secretKey}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Idempotency-Key': idempotencyKey,
        },
        body: form.toString(),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      const unavailable = new ApiError(
        'provider_unavailable',
        `Stripe could not be reached (${(error as Error).name}); nothing was created.`,
        {
          headers: { 'Retry-After': '30' },
        },
      );
      return { error: unavailable, retry: true };
    }
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & StripeErrorBody;
    if (response.ok) return { body };
    const { type, code, message } = body.error ?? {};
    const said = [type, code].filter(Boolean).join('/');
    const detail = `Stripe refused the checkout (HTTP ${response.status}${said ? `, ${said}` : ''})${message ? `: ${redactKeys(String(message)).slice(0, 200)}` : ''}`;
    const shouldRetry = response.headers.get('stripe-should-retry');
    const transient = response.status === 409 || response.status === 429 || response.status >= 500;
    const retry = shouldRetry === null ? transient : shouldRetry === 'true';
    if (transient) {
      return {
        error: new ApiError('provider_unavailable', `${detail}; nothing was created.`, { headers: { 'Retry-After': '30' } }),
        retry,
      };
    }
    return { error: new ApiError('provider_error', `${detail}; nothing was created.`, { headers: { 'Retry-After': '60' } }), retry };
  }
}
