import type { Checkout, CheckoutRequest, PaymentProvider } from '../ports/payment-provider.ts';

/**
 * The built-in payment provider (the default): its checkout page is served by the server itself
 * (`/sandbox/checkout/{top_up_id}`, http/sandbox-checkout.ts), which posts the signed callback a real
 * provider would.
 *
 * @example
 * const topUps = new TopUpService(db, { currency: 'USD', provider: new SandboxPaymentProvider('http://localhost:8080') });
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly id = 'sandbox';
  private readonly publicUrl: string;
  constructor(publicUrl: string) {
    this.publicUrl = publicUrl;
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    return {
      providerReference: `cs_sandbox_${request.topUpId.slice(4)}`,
      checkoutUrl: `${this.publicUrl}/sandbox/checkout/${request.topUpId}`,
    };
  }
}
