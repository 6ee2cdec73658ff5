import { createHmac } from 'node:crypto';
import { SecretBox } from '../../../crypto/secret-box.ts';

/**
 * Keyed retries of public operations (register, login, refresh): anyone may send them, so their stored
 * responses (which hold tokens) are sealed with a key derived from the request itself. Only a retry that
 * carries the same body (the password or refresh token in it) can open the stored response, and the
 * request hash is an HMAC, so a leaked row does not let anyone test guesses of the body offline.
 */
export class AnonymousRequestSeal {
  private readonly key: Buffer;
  constructor(key: Buffer) {
    this.key = key;
  }

  #derive(purpose: string, material: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}\n${material}`).digest();
  }

  /** The request hash stored with the key, to tell a retry from another request. */
  requestHash(material: string): string {
    return this.#derive('request-hash', material).toString('hex');
  }

  seal(body: string, material: string, idempotencyKey: string): string {
    return new SecretBox(this.#derive('response-key', material)).seal(body, idempotencyKey);
  }

  open(sealed: string, material: string, idempotencyKey: string): string {
    return new SecretBox(this.#derive('response-key', material)).open(sealed, idempotencyKey);
  }
}
