import type { Hono } from 'hono';
import { signPaymentPayload } from '../domain/payments/payment-signature.ts';
import type { AppEnv, AppServices } from './app-env.ts';
import { ApiError } from '../errors/index.ts';

/**
 * The sandbox payment provider's checkout page (outside the API: it stands in for the provider's site).
 * `POST /sandbox/checkout/{top_up_id}?outcome=succeeded|failed` sends the provider's signed callback to
 * the real callback endpoint, exactly as an external provider would.
 */
export function registerSandboxCheckout(app: Hono<AppEnv>, services: AppServices): void {
  app.get('/sandbox/checkout/:id', (c) =>
    c.html(
      `<!doctype html><title>Sandbox checkout</title><h1>Sandbox checkout ${c.req.param('id')}</h1>` +
        `<form method="post"><button name="outcome" value="succeeded">Pay</button> <button name="outcome" value="failed">Fail</button></form>`,
    ),
  );
  app.post('/sandbox/checkout/:id', async (c) => {
    const topUp = await services.db.selectFrom('top_ups').selectAll().where('id', '=', c.req.param('id')).executeTakeFirst();
    if (!topUp) throw new ApiError('not_found', 'No such top-up.');
    const form = c.req.header('content-type')?.includes('form') ? await c.req.parseBody() : {};
    const outcome = (c.req.query('outcome') ?? form.outcome) === 'failed' ? 'failed' : 'succeeded';
    const body = JSON.stringify({
      event_id: `evt_sbx_${topUp.id.slice(4)}_${outcome}`,
      reference: topUp.id,
      status: outcome,
      amount: { amount: topUp.amount_cents, currency: topUp.currency },
      provider_reference: topUp.provider_reference ?? undefined,
      ...(outcome === 'failed' ? { failure_reason: 'card declined (sandbox)' } : {}),
    });
    const response = await app.request('/v1/wallet/payment-callbacks/sandbox', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Payment-Signature': signPaymentPayload(services.config.paymentWebhookSecret, body) },
      body,
    });
    if (topUp.return_url && response.ok) return c.redirect(topUp.return_url, 303);
    return c.body(await response.text(), response.status as 200, {
      'Content-Type': response.headers.get('content-type') ?? 'application/json',
    });
  });
}
