import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/storage/ids.ts';

describe('ids', () => {
  it('are prefixed ULIDs, unique and time-ordered, across many refills of the random pool', () => {
    const before = Date.now();
    // 16 random bytes an id: 2,000 ids draw the 4 KiB pool about 8 times over
    const ids = Array.from({ length: 2_000 }, () => newId('evt'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^evt_[0-9A-HJKMNP-TV-Z]{26}$/);
      expect(isValid(id.slice(4))).toBe(true);
      expect(decodeTime(id.slice(4))).toBeGreaterThanOrEqual(before);
    }
    // the random part uses the whole alphabet, as ulid's own generator does
    const randomChars = new Set(ids.flatMap((id) => [...id.slice(4 + 10)]));
    expect(randomChars.size).toBe(32);
  });
});
