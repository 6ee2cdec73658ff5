import { SandboxPaymentProvider } from '../domain/payments/sandbox-payment-provider.ts';
import type { PaymentProvider } from '../domain/ports/payment-provider.ts';
import type { PaymentConfig } from './payment-config.ts';
import { StripeCheckoutProvider } from './stripe/stripe-checkout-provider.ts';

/** The payment provider top-ups go through, and what its webhook endpoint verifies with. */
export interface Payments {
  provider: PaymentProvider;
  /** The Stripe endpoint's signing secret when Stripe is the provider; `/v1/wallet/stripe-events` answers 404 without. */
  stripeWebhookSecret: string | null;
}

/**
 * The configured payment provider (`PAYMENT_PROVIDER`): the sandbox by default, or Stripe Checkout.
 * `publicUrl` is where the sandbox's checkout page lives and where Stripe sends a payer back when the
 * top-up names no return URL.
 *
 * @example
 * const payments = createPayments(loadPaymentConfig(process.env), config.publicUrl);
 */
export function createPayments(config: PaymentConfig, publicUrl: string, fetchImpl: typeof globalThis.fetch = globalThis.fetch): Payments {
  if (config.provider === 'sandbox') return { provider: new SandboxPaymentProvider(publicUrl), stripeWebhookSecret: null };
  return {
    provider: new StripeCheckoutProvider(config.stripe, `${publicUrl.replace(/\/$/, '')}/`, fetchImpl),
    stripeWebhookSecret: config.stripe.webhookSecret,
  };
}
