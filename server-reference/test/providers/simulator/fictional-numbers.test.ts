import { describe, expect, it } from 'vitest';
import { allocateNumber, fictionalRange } from '../../../src/providers/simulator/fictional-numbers.ts';
import { constantRandom } from '../support/random-sequence.ts';

describe('fictionalRange', () => {
  it('uses NANP 555-0100..0199 in the requested area code', () => {
    const range = fictionalRange('US', '415')!;
    expect(allocateNumber(range, new Set(), constantRandom(0))).toBe('+14155550100');
    expect(allocateNumber(range, new Set(), constantRandom(0.999))).toBe('+14155550199');
  });

  it('falls back to a default area code for US and CA', () => {
    expect(fictionalRange('US')!.prefix).toBe('+1212555');
    expect(fictionalRange('CA')!.prefix).toBe('+1416555');
  });

  it('refuses an area code that is not a NANP area code', () => {
    expect(fictionalRange('US', '055')).toBeNull();
    expect(fictionalRange('US', '4155')).toBeNull();
  });

  it('uses the Ofcom drama blocks for GB, mobile by default', () => {
    expect(allocateNumber(fictionalRange('GB')!, new Set(), constantRandom(0))).toBe('+447700900000');
    expect(allocateNumber(fictionalRange('GB', '20')!, new Set(), constantRandom(0.5))).toBe('+442079460500');
    expect(allocateNumber(fictionalRange('GB', '1632')!, new Set(), constantRandom(0.999))).toBe('+441632960999');
    expect(fictionalRange('GB', '161')).toBeNull();
  });

  it('uses a trunk-prefix number elsewhere and refuses area codes there', () => {
    expect(allocateNumber(fictionalRange('DE')!, new Set(), constantRandom(0))).toBe('+4905550000');
    expect(fictionalRange('DE', '30')).toBeNull();
    expect(fictionalRange('IT')).toBeNull();
  });

  it('produces E.164-shaped numbers', () => {
    for (const [country, area] of [
      ['US', '212'],
      ['CA', '604'],
      ['GB', undefined],
      ['GB', '20'],
      ['BR', undefined],
      ['IN', undefined],
    ] as const) {
      const number = allocateNumber(fictionalRange(country, area)!, new Set(), constantRandom(0.37))!;
      expect(number).toMatch(/^\+[1-9]\d{6,14}$/);
    }
  });
});

describe('allocateNumber', () => {
  it('skips numbers in use and wraps around', () => {
    const range = fictionalRange('US', '212')!;
    const inUse = new Set(['+12125550199', '+12125550100']);
    expect(allocateNumber(range, inUse, constantRandom(0.999))).toBe('+12125550101');
  });

  it('returns null when the whole block is rented', () => {
    const range = fictionalRange('US', '212')!;
    const inUse = new Set(Array.from({ length: 100 }, (_, i) => `+1212555${String(100 + i).padStart(4, '0')}`));
    expect(allocateNumber(range, inUse, constantRandom(0.5))).toBeNull();
  });
});
