/**
 * `@namaskah/sdk/webhooks`: only the Standard Webhooks helpers (verify, parse, sign), for a webhook
 * receiver that never calls the API: no HTTP engine, no real time (and so no `ws`) in its bundle.
 *
 * @example
 * ```ts
 * import { Webhooks } from '@namaskah/sdk/webhooks';
 *
 * const event = await new Webhooks().verify(rawBody, request.headers); // NAMASKAH_WEBHOOK_SECRET
 * ```
 */
export { Webhooks, WebhookVerificationError, type SignOptions, type VerifyOptions, type WebhookHeaders } from './lib/webhooks.js';
export type { WebhookEvent } from './models/webhook-event.js';
