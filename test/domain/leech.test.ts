import { describe, expect, it } from 'vitest';
import { isLeech } from '../../src/domain/leech.ts';

describe('leeches (as Anki: the threshold, then every half threshold)', () => {
  it('GIVEN the default threshold 8 THEN the 8th, 12th and 16th lapses make a leech and the others do not', () => {
    const leechAt = Array.from({ length: 20 }, (_, i) => i + 1).filter((lapses) => isLeech(lapses, 8));
    expect(leechAt).toEqual([8, 12, 16, 20]);
  });

  it('GIVEN threshold 0 THEN no number of lapses makes a leech', () => {
    expect([0, 1, 8, 99].some((lapses) => isLeech(lapses, 0))).toBe(false);
  });

  it('GIVEN small thresholds THEN the half threshold is at least one lapse', () => {
    expect([1, 2, 3, 4].map((l) => isLeech(l, 1))).toEqual([true, true, true, true]);
    expect([2, 3, 4, 5].map((l) => isLeech(l, 3))).toEqual([false, true, true, true]);
    expect([4, 5, 6, 7].map((l) => isLeech(l, 5))).toEqual([false, true, false, true]);
  });
});
