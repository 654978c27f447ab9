import { describe, expect, it } from 'vitest';
import { dayTotals, type StreakState, streakWithout } from '../../src/domain/progress.ts';

const day = (d: string, reviews: number, clearedDue = false) => ({ day: d, reviews, clearedDue });

describe('day totals from the reviews still standing', () => {
  it('GIVEN graded reviews THEN reviews, correct answers and points (2 x grade right, 1 wrong) add up', () => {
    expect(
      dayTotals([
        { grade: 5, correct: true },
        { grade: 3, correct: true },
        { grade: 1, correct: false },
      ]),
    ).toEqual({ reviews: 3, correct: 2, points: 10 + 6 + 1 });
    expect(dayTotals([])).toEqual({ reviews: 0, correct: 0, points: 0 });
  });
});

describe('the streak without a day taken back', () => {
  const history = [
    day('2026-03-01', 10),
    day('2026-03-02', 3, true),
    day('2026-03-03', 2), // did not count: neither cleared nor 10 reviews
    day('2026-03-05', 12),
    day('2026-03-06', 1, true),
    day('2026-03-07', 4, true),
  ];

  it('GIVEN three counted days in a row ending on the day taken back THEN the streak is the two before it', () => {
    const state: StreakState = { current: 3, longest: 3, lastDay: '2026-03-07' };
    expect(streakWithout(state, history, '2026-03-07')).toEqual({
      current: 2,
      longest: 2,
      lastDay: '2026-03-06',
    });
  });

  it('GIVEN a longer streak earlier THEN the longest stays, however the replay finds it', () => {
    const state: StreakState = { current: 3, longest: 9, lastDay: '2026-03-07' };
    expect(streakWithout(state, history, '2026-03-07')).toEqual({
      current: 2,
      longest: 9,
      lastDay: '2026-03-06',
    });
  });

  it('GIVEN a gap before the day THEN the streak is the run before the gap, as of its last day', () => {
    const state: StreakState = { current: 1, longest: 2, lastDay: '2026-03-05' };
    expect(streakWithout(state, history, '2026-03-05')).toEqual({
      current: 2,
      longest: 2,
      lastDay: '2026-03-02',
    });
  });

  it('GIVEN the first day ever taken back THEN there is no streak at all', () => {
    const state: StreakState = { current: 1, longest: 1, lastDay: '2026-03-01' };
    expect(streakWithout(state, history, '2026-03-01')).toEqual({ current: 0, longest: 0, lastDay: null });
  });
});
