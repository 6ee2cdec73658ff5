import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signatures older or newer than this are refused, so a captured callback cannot be replayed later (Stripe's default too). */
const TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: number, rawBody: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');

/**
 * Signs a payment callback body: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. This is Stripe's
 * `Stripe-Signature` scheme, which the sandbox provider's `Payment-Signature` uses too; exported so tests,
 * the sandbox checkout page and local tools produce real signatures.
 *
 * @example
 * const header = signPaymentPayload('whsec_test', JSON.stringify(event));
 */
export function signPaymentPayload(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * Checks a signature header (`t=<unix>,v1=<hex>,v1=<hex>,...`, https://docs.stripe.com/webhooks#verify-manually)
 * against the raw body: one `v1` (there are several while a secret is rolled) must equal the HMAC-SHA256
 * of `"<t>.<raw body>"` under the secret, compared in constant time, with `t` within the tolerance of
 * `now`. Other schemes (`v0`) are ignored.
 *
 * @example
 * if (!verifyPaymentSignature(secret, await c.req.text(), c.req.header('stripe-signature') ?? '')) throw ...;
 */
export function verifyPaymentSignature(
  secret: string,
  rawBody: string,
  header: string,
  now = Math.floor(Date.now() / 1000),
  toleranceSeconds = TOLERANCE_SECONDS,
): boolean {
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (!Number.isInteger(timestamp) || signatures.length === 0 || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  // every candidate is compared, so the time taken does not say which one matched
  return signatures.map((given) => timingSafeEqual(expected, Buffer.from(given, 'hex'))).includes(true);
}
