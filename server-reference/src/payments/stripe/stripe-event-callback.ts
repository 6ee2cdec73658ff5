import type { PaymentCallback } from '../../domain/top-ups.ts';

/** The parts of a Stripe Event the top-ups act on (spec/schemas/stripe-event.yaml). */
export interface StripeEvent {
  id: string;
  type: string;
  data: { object: Record<string, unknown> };
}

/** Checkout Session events and what each means for the top-up. */
const OUTCOMES: Record<string, PaymentCallback['status'] | 'when_paid'> = {
  'checkout.session.completed': 'when_paid',
  'checkout.session.async_payment_succeeded': 'succeeded',
  'checkout.session.async_payment_failed': 'failed',
  'checkout.session.expired': 'expired',
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/**
 * The top-up callback a verified Stripe event amounts to, or null when it concerns no top-up: another
 * event type, a session without our reference, or a completed session still waiting for a delayed
 * payment method (`payment_status: unpaid`; `async_payment_succeeded` follows).
 *
 * @example
 * const callback = callbackOfStripeEvent(event);
 * if (callback) await topUps.applyCallback('stripe', callback);
 */
export function callbackOfStripeEvent(event: StripeEvent): PaymentCallback | null {
  const outcome = OUTCOMES[event.type];
  const session = event.data.object;
  if (!outcome || session.object !== 'checkout.session') return null;
  const metadata = (session.metadata ?? {}) as Record<string, unknown>;
  const reference = text(session.client_reference_id) ?? text(metadata.top_up_id);
  if (!reference || !/^top_[A-Za-z0-9]+$/.test(reference)) return null;
  let status: PaymentCallback['status'];
  if (outcome === 'when_paid') {
    if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') return null;
    status = 'succeeded';
  } else status = outcome;
  const amount = typeof session.amount_total === 'number' && Number.isSafeInteger(session.amount_total) ? session.amount_total : -1;
  return {
    event_id: event.id,
    reference,
    status,
    amount: { amount, currency: (text(session.currency) ?? '').toUpperCase() },
    ...(text(session.id) ? { provider_reference: text(session.id)! } : {}),
    ...(status === 'failed' ? { failure_reason: 'the delayed payment failed (Stripe)' } : {}),
  };
}
