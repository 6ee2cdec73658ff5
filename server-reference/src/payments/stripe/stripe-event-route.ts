import { ApiError } from '../../errors/index.ts';
import type { SomeHandlers } from '../../http/operation-handler.ts';
import { json } from '../../http/routes/respond.ts';
import { callbackOfStripeEvent, type StripeEvent } from './stripe-event-callback.ts';
import { verifyPaymentSignature } from '../../domain/payments/payment-signature.ts';

/** `POST /v1/wallet/stripe-events`: the webhook endpoint Stripe calls (spec/paths/wallet.yaml#/stripe-events). */
export const stripeEventRoutes = {
  async handleStripeEvent(c) {
    const { payments, topUps } = c.get('services');
    const secret = payments.stripeWebhookSecret;
    if (!secret) throw new ApiError('not_found', 'Stripe is not the payment provider of this server.');
    const signature = c.req.header('stripe-signature');
    if (!signature) throw new ApiError('unauthenticated', 'The Stripe-Signature header is required.');
    // verified on the raw bytes, before anything of the body is trusted
    if (!verifyPaymentSignature(secret, await c.req.text(), signature)) {
      throw new ApiError('invalid_signature', 'No v1 signature of the Stripe-Signature header matches the request body.');
    }
    const callback = callbackOfStripeEvent(c.get('input').body as StripeEvent);
    if (callback) await topUps.applyCallback('stripe', callback);
    return json(c, 200, { received: true });
  },
} satisfies SomeHandlers;
