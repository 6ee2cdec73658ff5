import { createHmac } from 'node:crypto';
import { secretKeyBytes } from './webhook-secret.ts';

/**
 * One Standard Webhooks signature: `v1,` and the base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` keyed with
 * the secret's decoded bytes.
 */
function signPayload(secret: string, id: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secretKeyBytes(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${digest}`;
}

/**
 * The `webhook-signature` header: one signature per secret that signs, space-separated, in the order
 * given (the current secret first, then the previous one during a rotation's overlap).
 *
 * @example
 * signatureHeader([current, previous], 'evt_01...', 1795514441, body) // 'v1,abc= v1,def='
 */
export const signatureHeader = (secrets: string[], id: string, timestampSeconds: number, body: string): string =>
  secrets.map((secret) => signPayload(secret, id, timestampSeconds, body)).join(' ');
