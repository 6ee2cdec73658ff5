import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new endpoint secret: `whsec_` and the base64 of 32 random bytes (spec/schemas/webhook-endpoint-with-secret.yaml). */
export const generateWebhookSecret = (): string => `${PREFIX}${randomBytes(32).toString('base64')}`;

/** `whsec_` and the first 4 characters after it, shown to tell secrets apart. */
export const secretPrefix = (secret: string): string => secret.slice(0, PREFIX.length + 4);

/** The HMAC key of a secret: the base64-decoded part after `whsec_` (Standard Webhooks). */
export function secretKeyBytes(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error('a webhook secret starts with whsec_');
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}
