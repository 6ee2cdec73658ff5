/** What the payment provider needs to open a checkout for a top-up. */
export interface CheckoutRequest {
  /** Our top-up id: the merchant reference the provider echoes back in its callbacks, and the idempotency key. */
  topUpId: string;
  userId: string;
  amountCents: number;
  /** ISO 4217, upper case (`USD`). */
  currency: string;
  /** Where the payer goes after paying or cancelling; the provider's default page when null. */
  returnUrl: string | null;
  /** When the top-up gives up waiting for the payment. */
  expiresAt: Date;
}

/** A checkout the provider opened. */
export interface Checkout {
  /** The provider's id of the checkout (`cs_...` for Stripe). */
  providerReference: string;
  /** The page where the payer pays. */
  checkoutUrl: string;
  /** When the provider closes the checkout, when it says (the top-up expires then too). */
  expiresAt?: Date;
}

/**
 * The payment-provider adapter behind top-ups (DESIGN.md §4: a sandbox adapter by default, Stripe
 * Checkout at scale). An adapter opens checkouts; the provider's signed callbacks come back through the
 * HTTP layer to `TopUpService.applyCallback`. Opening the same top-up's checkout twice must not open two
 * (adapters pass the top-up id as the provider's idempotency key).
 */
export interface PaymentProvider {
  /** The name stored on the top-up and used to match callbacks (`sandbox`, `stripe`). */
  readonly id: string;
  /** Opens the checkout; throws `ApiError('provider_unavailable' | 'provider_error')` when the provider fails. */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
}
