import Big from 'big.js';

/**
 * Which way a fraction of a cent goes. Costs we pay round `up` (we never believe a number is cheaper than
 * it is, so a price built on it never undercuts it); balances we hold round `down` (we never believe we
 * have more than we do). Both round toward the safe side for negative amounts too.
 */
export type CentsRounding = 'up' | 'down';

/**
 * A JSON number reaches us as an IEEE double, and `String()` of a double prints up to 17 significant
 * digits, of which only 15 are reliable: a provider that computed 0.1 + 0.2 sends 0.30000000000000004.
 * Rounding to 15 significant digits first drops that noise without touching any real amount of money.
 */
const RELIABLE_DOUBLE_DIGITS = 15;

const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a provider's decimal amount (a JSON number or a decimal string) without binary rounding. */
export function parseDecimal(amount: string | number): Big {
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
    return new Big(String(amount)).prec(RELIABLE_DOUBLE_DIGITS, Big.roundHalfUp);
  }
  const text = amount.trim();
  if (!DECIMAL_TEXT.test(text)) throw new RangeError(`not a decimal amount: ${JSON.stringify(amount)}`);
  return new Big(text);
}

function roundToCents(cents: Big, rounding: CentsRounding): number {
  // big.js rounds toward or away from zero; pick the one that moves toward the safe side of the sign.
  const awayFromZero = (rounding === 'up') === cents.gte(0);
  const whole = cents.round(0, awayFromZero ? Big.roundUp : Big.roundDown);
  const value = Number(whole.toFixed(0));
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount out of range: ${cents.toString()} cents`);
  return value === 0 ? 0 : value; // never -0
}

/**
 * Converts an amount of major units (dollars) to integer cents, exactly.
 *
 * @example
 * decimalToCents('1.005', 'up');   // 101
 * decimalToCents('1.005', 'down'); // 100
 * decimalToCents(0.1 + 0.2, 'up'); // 30, not 31
 */
export function decimalToCents(amount: string | number, rounding: CentsRounding): number {
  return roundToCents(parseDecimal(amount).times(100), rounding);
}

/**
 * Converts an amount in a provider's own currency to USD cents, given how many of its units buy one
 * dollar (a decimal string such as "92.5", so the rate itself carries no binary error).
 *
 * @example
 * unitsToUsdCents(21, '92.5', 'up'); // 23: 21 RUB at 92.5 RUB/USD is 22.7 cents
 */
export function unitsToUsdCents(amount: string | number, unitsPerUsd: string, rounding: CentsRounding): number {
  const rate = parseDecimal(unitsPerUsd);
  if (rate.lte(0)) throw new RangeError(`units per USD must be positive, got ${unitsPerUsd}`);
  return roundToCents(parseDecimal(amount).times(100).div(rate), rounding);
}
