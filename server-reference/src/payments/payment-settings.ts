import { choice, integer, optionalText, text } from '../config-settings.ts';

/** Settings of the payment provider behind top-ups, read by `loadPaymentConfig` and printed in docs/configuration.md. */
export const PAYMENT_SETTINGS = {
  provider: choice(
    'PAYMENT_PROVIDER',
    ['sandbox', 'stripe'],
    'sandbox',
    '`sandbox`: the built-in checkout page (`/sandbox/checkout/...`, sandbox mode only); `stripe`: Stripe Checkout with the `STRIPE_*` settings, its webhook at `/v1/wallet/stripe-events`.',
  ),
  stripeSecretKey: optionalText(
    'STRIPE_SECRET_KEY',
    'Stripe secret API key (`sk_test_...`, `sk_live_...` or a restricted `rk_...`); **required** with `PAYMENT_PROVIDER=stripe`. Never logged.',
    'secret',
  ),
  stripeWebhookSecret: optionalText(
    'STRIPE_WEBHOOK_SECRET',
    'Signing secret (`whsec_...`) of the Stripe webhook endpoint pointed at `/v1/wallet/stripe-events`; **required** with `PAYMENT_PROVIDER=stripe`.',
    'secret',
  ),
  stripeApiBase: text('STRIPE_API_BASE', 'https://api.stripe.com', "Stripe's API origin (tests point it at a local server).", 'URL'),
  stripeProductName: text('STRIPE_PRODUCT_NAME', 'Namaskah balance top-up', 'Line-item name the payer sees on the Stripe Checkout page.'),
  stripeTimeoutMs: integer('STRIPE_TIMEOUT_MS', 15_000, 'Deadline of one request to Stripe, in milliseconds.', 1),
} as const;
