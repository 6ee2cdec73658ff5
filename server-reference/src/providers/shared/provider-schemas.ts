import { z } from 'zod';
import { type CentsRounding, decimalToCents, unitsToUsdCents } from './decimal-cents.ts';

/** A provider timestamp (ISO 8601 with any fraction and offset) read into a Date. */
export const providerDate = z.string().transform((value, ctx) => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `not a timestamp: ${value}` });
    return z.NEVER;
  }
  return new Date(ms);
});

/**
 * A dollar amount (JSON number or decimal string) read into integer cents, rounded toward `rounding`.
 * Negative amounts are refused unless `allowNegative` (a balance may be overdrawn; a cost never is).
 */
export function usdCents(rounding: CentsRounding, { allowNegative = false } = {}) {
  return amountSchema(allowNegative, (amount) => decimalToCents(amount, rounding));
}

/** An amount in a provider's own currency read into USD cents at `unitsPerUsd`. */
export function convertedCents(unitsPerUsd: string, rounding: CentsRounding, { allowNegative = false } = {}) {
  return amountSchema(allowNegative, (amount) => unitsToUsdCents(amount, unitsPerUsd, rounding));
}

function amountSchema(allowNegative: boolean, toCents: (amount: string | number) => number) {
  return z.union([z.number(), z.string()]).transform((amount, ctx) => {
    try {
      const cents = toCents(amount);
      if (cents < 0 && !allowNegative) throw new RangeError(`negative amount: ${amount}`);
      return cents;
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}
