import { describe, expect, it } from 'vitest';
import {
  type Grade,
  InvalidGradeError,
  isGrade,
  NEW_CARD,
  needsReask,
  nextEasiness,
  review,
  type Sm2State,
} from '../../src/domain/sm2.ts';

function run(grades: Grade[], start: Sm2State = NEW_CARD): Sm2State[] {
  const out: Sm2State[] = [];
  let s = start;
  for (const g of grades) {
    s = review(s, g);
    out.push(s);
  }
  return out;
}

describe('SM-2 easiness factor (SuperMemo, 1990: EF + (0.1 - (5-q)(0.08 + (5-q)0.02)))', () => {
  it('GIVEN EF 2.5 THEN grade 5 adds 0.1, grade 4 keeps it, grade 3 subtracts 0.14', () => {
    expect(nextEasiness(2.5, 5)).toBeCloseTo(2.6, 10);
    expect(nextEasiness(2.5, 4)).toBeCloseTo(2.5, 10);
    expect(nextEasiness(2.5, 3)).toBeCloseTo(2.36, 10);
  });

  it('GIVEN an EF near the floor THEN it never drops below 1.3', () => {
    expect(nextEasiness(1.35, 3)).toBe(1.3);
    expect(run([3, 3, 3, 3, 3, 3, 3, 3, 3, 3]).at(-1)?.easiness).toBe(1.3);
  });
});

describe('SM-2 intervals', () => {
  it('GIVEN a new card answered 5,5,5 THEN intervals are 1, 6, then 6 x 2.7 rounded up = 17', () => {
    expect(run([5, 5, 5]).map((s) => s.intervalDays)).toEqual([1, 6, 17]);
  });

  it('GIVEN a grade below 3 THEN repetitions restart at I(1) = 1 day and EF is unchanged', () => {
    const [, , lapsed] = run([5, 4, 2]);
    expect(lapsed).toEqual({ easiness: 2.6, intervalDays: 1, repetitions: 0 });
    const [next] = run([4], lapsed);
    expect(next?.intervalDays).toBe(1);
  });

  it('GIVEN a grade outside 0-5 THEN it is refused with a typed error', () => {
    expect(() => review(NEW_CARD, 6 as Grade)).toThrow(InvalidGradeError);
    expect(() => review(NEW_CARD, 2.5 as Grade)).toThrow(InvalidGradeError);
  });

  /**
   * open-spaced-repetition/sm-2, tests/test_sm_2.py::test_intervals (same rules): ratings
   * 4,3,3,4,5,3,0,1,3,3,4,5,3 give due gaps [1,0,0,6,15,0,0,0,0,0,35,85,0]. There, a rating
   * below 4 leaves the card due "now" for extra reviews that never change the schedule; here
   * those extra reviews are the session's re-asks and never reach `review`. The scheduled
   * reviews in that sequence are therefore ratings 4,3,5,3,5,3, with intervals 1,6,15,35,85,194.
   */
  it('GIVEN the open-spaced-repetition sm-2 test vector THEN the scheduled intervals match', () => {
    const scheduled = run([4, 3, 5, 3, 5, 3]);
    expect(scheduled.map((s) => s.intervalDays)).toEqual([1, 6, 15, 35, 85, 194]);
    expect(scheduled.map((s) => s.easiness)).toEqual([2.5, 2.36, 2.46, 2.32, 2.42, 2.28]);
  });
});

describe('SM-2 edges', () => {
  it('GIVEN an interval times EF that is a whole number THEN no day is added by the rounding up', () => {
    expect(run([4, 4, 4]).map((s) => s.intervalDays)).toEqual([1, 6, 15]);
    // 25 x 2.2 is 55.00000000000001 in floating point: still 55 days.
    expect(review({ easiness: 2.2, intervalDays: 25, repetitions: 3 }, 4)).toEqual({
      easiness: 2.2,
      intervalDays: 55,
      repetitions: 4,
    });
  });

  it('GIVEN the easiness at the floor THEN a lapse keeps it there and the next intervals are 1, 6, then x 1.3', () => {
    const floor = { easiness: 1.3, intervalDays: 40, repetitions: 5 };
    const [lapsed, first, second, third] = run([0, 3, 3, 3], floor);
    expect(lapsed).toEqual({ easiness: 1.3, intervalDays: 1, repetitions: 0 });
    expect([first, second, third].map((s) => s?.intervalDays)).toEqual([1, 6, 8]);
    expect(third?.easiness).toBe(1.3);
  });

  it('GIVEN grade 0 THEN it is a valid grade (a blackout), and -1 or a numeric string are not', () => {
    expect([0, 5].map(isGrade)).toEqual([true, true]);
    expect([-1, 6, 2.5, '3', null].map(isGrade)).toEqual([false, false, false, false, false]);
    expect(review(NEW_CARD, 0)).toEqual({ easiness: 2.5, intervalDays: 1, repetitions: 0 });
    expect(() => review(NEW_CARD, -1 as Grade)).toThrow(InvalidGradeError);
  });

  it('GIVEN an invalid grade THEN the error names itself and the grade it got', () => {
    const error = (() => {
      try {
        review(NEW_CARD, 7 as Grade);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({
      name: 'InvalidGradeError',
      grade: 7,
      message: 'an SM-2 grade is a whole number from 0 to 5, got 7',
    });
  });

  it('GIVEN each grade THEN below 4 is asked again in the session and 4 or 5 is not', () => {
    expect(([0, 1, 2, 3, 4, 5] as Grade[]).map(needsReask)).toEqual([true, true, true, true, false, false]);
  });
});
