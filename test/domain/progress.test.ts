import { describe, expect, it } from 'vitest';
import {
  advanceStreak,
  dayCounts,
  dayTotals,
  reviewPoints,
  STREAK_MIN_REVIEWS,
  type StreakState,
  streakAsOf,
  streakBonus,
  streakNow,
  streakWithout,
} from '../../src/domain/progress.ts';

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

describe('points', () => {
  it('GIVEN a scheduled review THEN a right answer earns twice its grade and a wrong one 1, whatever its grade', () => {
    expect([3, 4, 5].map((g) => reviewPoints(g as 3 | 4 | 5, true))).toEqual([6, 8, 10]);
    expect([0, 1, 2].map((g) => reviewPoints(g as 0 | 1 | 2, false))).toEqual([1, 1, 1]);
  });

  it('GIVEN a streak of n days THEN the bonus is 2 points a day, capped at 20 from the 10th day', () => {
    expect([1, 2, 9, 10, 11, 365].map(streakBonus)).toEqual([2, 4, 18, 20, 20, 20]);
  });
});

describe('when a day counts for the streak', () => {
  it('GIVEN 10 reviews THEN the day counts, 9 do not unless every due review was cleared', () => {
    expect(STREAK_MIN_REVIEWS).toBe(10);
    expect(dayCounts({ reviews: 10, clearedDue: false })).toBe(true);
    expect(dayCounts({ reviews: 9, clearedDue: false })).toBe(false);
    expect(dayCounts({ reviews: 1, clearedDue: true })).toBe(true);
    expect(dayCounts({ reviews: 0, clearedDue: false })).toBe(false);
  });
});

describe('advancing the streak', () => {
  const none: StreakState = { current: 0, longest: 0, lastDay: null };

  it('GIVEN no streak yet THEN the first day starts one', () => {
    expect(advanceStreak(none, '2026-03-01')).toEqual({ current: 1, longest: 1, lastDay: '2026-03-01' });
  });

  it('GIVEN the next day THEN the streak grows and so does the longest once passed', () => {
    expect(advanceStreak({ current: 4, longest: 4, lastDay: '2026-03-01' }, '2026-03-02')).toEqual({
      current: 5,
      longest: 5,
      lastDay: '2026-03-02',
    });
    expect(advanceStreak({ current: 2, longest: 7, lastDay: '2026-03-01' }, '2026-03-02')).toEqual({
      current: 3,
      longest: 7,
      lastDay: '2026-03-02',
    });
  });

  it('GIVEN a day missed THEN the streak starts again at 1 and the longest stays', () => {
    expect(advanceStreak({ current: 6, longest: 6, lastDay: '2026-02-27' }, '2026-03-01')).toEqual({
      current: 1,
      longest: 6,
      lastDay: '2026-03-01',
    });
  });

  it('GIVEN the day already counted, or an earlier day THEN nothing changes', () => {
    const state: StreakState = { current: 3, longest: 3, lastDay: '2026-03-05' };
    expect(advanceStreak(state, '2026-03-05')).toBeNull();
    expect(advanceStreak(state, '2026-03-04')).toBeNull();
  });
});

describe('the streak as of a day', () => {
  const state: StreakState = { current: 4, longest: 9, lastDay: '2026-03-05' };

  it('GIVEN the last counted day is today or yesterday THEN the streak is alive; two days later it is 0', () => {
    expect(streakAsOf(state, '2026-03-05')).toBe(4);
    expect(streakAsOf(state, '2026-03-06')).toBe(4);
    expect(streakAsOf(state, '2026-03-07')).toBe(0);
  });

  it('GIVEN a day before the last counted one (a clock behind) or no streak THEN it is 0', () => {
    expect(streakAsOf(state, '2026-03-04')).toBe(0);
    expect(streakAsOf({ current: 0, longest: 0, lastDay: null }, '2026-03-05')).toBe(0);
  });

  it("GIVEN a member's time zone THEN the streak is read on their own study day, which starts at 04:00 local", () => {
    const member = {
      currentStreak: 4,
      longestStreak: 9,
      lastStreakDay: '2026-03-05',
      timezone: 'Asia/Seoul',
    };
    // 2026-03-07 03:59 in Seoul is still the study day of 03-06: alive.
    expect(streakNow(member, Date.parse('2026-03-06T18:59:00Z'))).toBe(4);
    // 04:00 starts 03-07: two days after the last counted one.
    expect(streakNow(member, Date.parse('2026-03-06T19:00:00Z'))).toBe(0);
    expect(streakNow({ ...member, timezone: 'UTC' }, Date.parse('2026-03-06T19:00:00Z'))).toBe(4);
  });
});

describe('the streak without a day taken back: replay rules', () => {
  it('GIVEN days in any order THEN the replay follows the calendar', () => {
    const shuffled = [day('2026-03-03', 10), day('2026-03-01', 10), day('2026-03-02', 10)];
    expect(streakWithout({ current: 4, longest: 4, lastDay: '2026-03-04' }, shuffled, '2026-03-04')).toEqual({
      current: 3,
      longest: 3,
      lastDay: '2026-03-03',
    });
  });

  it('GIVEN days after the day taken back THEN they are not replayed', () => {
    const history = [day('2026-03-01', 10), day('2026-03-02', 10), day('2026-03-03', 10)];
    expect(streakWithout({ current: 2, longest: 2, lastDay: '2026-03-02' }, history, '2026-03-02')).toEqual({
      current: 1,
      longest: 1,
      lastDay: '2026-03-01',
    });
  });

  it('GIVEN the day taken back was not the last counted one THEN the longest streak stands', () => {
    const history = [day('2026-03-01', 10), day('2026-03-02', 10)];
    expect(streakWithout({ current: 2, longest: 2, lastDay: '2026-03-03' }, history, '2026-03-02')).toEqual({
      current: 1,
      longest: 2,
      lastDay: '2026-03-01',
    });
  });
});
