import { readSettings } from '../config-settings.ts';
import { PAYMENT_SETTINGS } from './payment-settings.ts';
import type { StripeCheckoutConfig } from './stripe/stripe-checkout-provider.ts';

/** Which payment provider top-ups go through; `stripe` carries its keys. */
export type PaymentConfig = { provider: 'sandbox' } | { provider: 'stripe'; stripe: StripeCheckoutConfig & { webhookSecret: string } };

/**
 * Reads `PAYMENT_SETTINGS` from `env`. `PAYMENT_PROVIDER=stripe` without a secret key or a webhook
 * signing secret refuses to start, naming the missing setting.
 *
 * @example
 * const payments = loadPaymentConfig(process.env);
 */
export function loadPaymentConfig(env: NodeJS.ProcessEnv = process.env): PaymentConfig {
  const read = readSettings(PAYMENT_SETTINGS, env);
  if (read.provider === 'sandbox') return { provider: 'sandbox' };
  if (!read.stripeSecretKey) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_SECRET_KEY');
  if (!read.stripeWebhookSecret) throw new Error('PAYMENT_PROVIDER=stripe needs STRIPE_WEBHOOK_SECRET');
  return {
    provider: 'stripe',
    stripe: {
      secretKey: read.stripeSecretKey,
      webhookSecret: read.stripeWebhookSecret,
      apiBase: read.stripeApiBase,
      productName: read.stripeProductName,
      timeoutMs: read.stripeTimeoutMs,
      maxRetries: 2,
    },
  };
}
