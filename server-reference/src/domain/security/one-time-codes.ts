import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { randomString } from '../secrets.ts';

/** Recovery-code alphabet: lower-case letters and digits without look-alikes (0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten `xxxxx-xxxxx` recovery codes (about 49 bits each). */
export const newRecoveryCodes = (count = 10): string[] =>
  Array.from({ length: count }, () => `${randomString(5, RECOVERY_ALPHABET)}-${randomString(5, RECOVERY_ALPHABET)}`);

/** A six-digit code for SMS, uniformly drawn. */
export const newSixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** `AbCdE-fGhIj` and `abcdefghij` are the same recovery code. */
export const normaliseRecoveryCode = (code: string): string => {
  const bare = code.toLowerCase().replace('-', '');
  return `${bare.slice(0, 5)}-${bare.slice(5)}`;
};

/**
 * Keyed hash of a short secret (SMS codes, recovery codes, challenge tokens). Short codes are cheap to
 * brute-force from a plain hash; keyed with the server's secrets key, a leaked table alone reveals nothing.
 * `purpose` separates the kinds so one hash cannot stand in for another.
 */
export function keyedHash(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${value}`).digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
