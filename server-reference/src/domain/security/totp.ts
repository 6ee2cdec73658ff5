import { Secret, TOTP } from 'otpauth';

/** RFC 6238 parameters every enrolment uses (spec/schemas/totp-enrolment.yaml). */
export const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** A fresh 160-bit secret, RFC 4648 base32 without padding (32 characters). */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, issuer: string, label: string) =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secret), ...TOTP_PARAMETERS });

/** The `otpauth://` key URI authenticator apps scan. */
export const totpUri = (secret: string, issuer: string, accountName: string): string => totpFor(secret, issuer, accountName).toString();

/**
 * The 30-second step `code` belongs to, checked against the current step and one either side (clock
 * drift), or null when it matches none. Callers enforce single use by only accepting a step later than the
 * last one used.
 *
 * @example
 * const step = matchingTotpStep(secret, '492017');
 */
export function matchingTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const delta = totpFor(secret, 'x', 'x').validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PARAMETERS.period) + delta;
}

/** The code of the step containing `at` (tests, and nowhere else: the server never issues TOTP codes). */
export const totpCodeAt = (secret: string, at: number): string => totpFor(secret, 'x', 'x').generate({ timestamp: at });
