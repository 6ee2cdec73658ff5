import { describe, expect, it } from 'vitest';
import { decimalToCents, unitsToUsdCents } from '../../../src/providers/shared/decimal-cents.ts';

describe('decimalToCents', () => {
  it.each([
    // amount, up, down
    ['1.005', 101, 100], // 1.005 * 100 is 100.49999999999999 in floating point
    [1.005, 101, 100],
    [0.1 + 0.2, 30, 30], // 0.30000000000000004: float noise, not a fraction of a cent
    [0.07, 7, 7], // 0.07 * 100 = 7.000000000000001: a naive ceil says 8
    [1.1, 110, 110], // 1.1 * 100 = 110.00000000000001
    [19.99, 1999, 1999],
    ['0.005', 1, 0],
    [1e-7, 1, 0], // any positive fraction of a cent we pay is a whole cent
    [1234.56, 123456, 123456],
    ['  2.5  ', 250, 250],
    ['.5', 50, 50],
    ['3', 300, 300],
    [0, 0, 0],
    ['1e2', 10000, 10000],
    [-1.005, -100, -101], // toward the safe side: a debt rounds up in size when held
  ])('%s -> %i up, %i down', (amount, up, down) => {
    expect(decimalToCents(amount, 'up')).toBe(up);
    expect(decimalToCents(amount, 'down')).toBe(down);
  });

  it('never returns -0', () => {
    expect(Object.is(decimalToCents('-0.001', 'up'), 0)).toBe(true);
  });

  it.each(['', 'abc', '1,50', '1.2.3', '$1', 'NaN', '0x10'])('refuses %j', (amount) => {
    expect(() => decimalToCents(amount, 'up')).toThrow(RangeError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %s', (amount) => {
    expect(() => decimalToCents(amount, 'up')).toThrow(RangeError);
  });

  it('refuses amounts past the safe integer range', () => {
    expect(() => decimalToCents('1e20', 'up')).toThrow(RangeError);
  });
});

describe('unitsToUsdCents', () => {
  it('converts at a decimal rate without float error', () => {
    expect(unitsToUsdCents(21, '92.5', 'up')).toBe(23); // 22.70... cents
    expect(unitsToUsdCents(21, '92.5', 'down')).toBe(22);
    expect(unitsToUsdCents('0.1953', '1', 'up')).toBe(20);
    expect(unitsToUsdCents(100, '100', 'up')).toBe(100);
    expect(unitsToUsdCents(0.3, '0.1', 'up')).toBe(300);
  });

  it('refuses a zero or negative rate', () => {
    expect(() => unitsToUsdCents(1, '0', 'up')).toThrow(RangeError);
    expect(() => unitsToUsdCents(1, '-2', 'up')).toThrow(RangeError);
  });
});
