import { createHmac, timingSafeEqual } from 'node:crypto';

/** Signatures older or newer than this are refused, so a captured callback cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

/**
 * Signs a payment callback body the way the sandbox provider does: `t=<unix>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`. Exported so tests and the sandbox checkout page produce real signatures.
 *
 * @example
 * const header = signPaymentPayload('secret', JSON.stringify(body));
 */
export function signPaymentPayload(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Checks a `Payment-Signature` header against the raw body, in constant time and within the tolerance. */
export function verifyPaymentSignature(secret: string, rawBody: string, header: string, now = Math.floor(Date.now() / 1000)): boolean {
  const parts = new Map(
    header.split(',').map((part) => {
      const [k, ...v] = part.trim().split('=');
      return [k, v.join('=')] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > TOLERANCE_SECONDS || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}
