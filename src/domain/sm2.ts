/**
 * SM-2 as SuperMemo published it (P. Wozniak, 1990):
 * - EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)), never below 1.3; a new item starts at 2.5.
 * - I(1) = 1 day, I(2) = 6 days, I(n) = I(n-1) * EF' for n > 2, fractions rounded up.
 * - q < 3: repetitions start again from I(1) and EF is left unchanged.
 * - Items graded below 4 are asked again in the same session until they score at least 4;
 *   those re-asks do not change the schedule (the caller simply does not pass them here).
 * Pure: no clock, no I/O.
 */

export type Grade = 0 | 1 | 2 | 3 | 4 | 5;

export type Sm2State = {
  easiness: number;
  intervalDays: number;
  repetitions: number;
};

export const NEW_CARD: Sm2State = { easiness: 2.5, intervalDays: 0, repetitions: 0 };
export const MIN_EASINESS = 1.3;

export class InvalidGradeError extends RangeError {
  constructor(readonly grade: unknown) {
    super(`an SM-2 grade is a whole number from 0 to 5, got ${String(grade)}`);
    this.name = 'InvalidGradeError';
  }
}

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 5;
}

export function nextEasiness(easiness: number, grade: Grade): number {
  const d = 5 - grade;
  // Rounded to 4 places so repeated float additions never drift across reviews.
  return Math.max(MIN_EASINESS, Math.round((easiness + (0.1 - d * (0.08 + d * 0.02))) * 10_000) / 10_000);
}

export function review(state: Sm2State, grade: Grade): Sm2State {
  if (!isGrade(grade)) throw new InvalidGradeError(grade);
  if (grade < 3) return { easiness: state.easiness, intervalDays: 1, repetitions: 0 };
  const easiness = nextEasiness(state.easiness, grade);
  const repetitions = state.repetitions + 1;
  const intervalDays =
    repetitions === 1 ? 1 : repetitions === 2 ? 6 : Math.ceil(state.intervalDays * easiness - 1e-9);
  return { easiness, intervalDays, repetitions };
}

/** SM-2's rule for the session: a grade below 4 means "ask again before the session ends". */
export function needsReask(grade: Grade): boolean {
  return grade < 4;
}
