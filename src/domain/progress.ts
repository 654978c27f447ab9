import { addDays, daysBetween, studyDay } from './day.ts';
import type { Grade } from './sm2.ts';

/**
 * Points and streaks.
 * Points per scheduled review: 2 x grade when correct (6, 8 or 10), 1 for a wrong answer (an
 * attempt still counts); practice and re-asks earn nothing. On the day a member's streak
 * advances they earn a bonus of 2 points per streak day, capped at 20, so consistency beats cramming.
 * A day counts for the streak once the member has cleared every review due that day, or answered
 * at least STREAK_MIN_REVIEWS.
 */

export const STREAK_MIN_REVIEWS = 10;
export const LEARNED_INTERVAL_DAYS = 21;

export function reviewPoints(grade: Grade, correct: boolean): number {
  return correct ? 2 * grade : 1;
}

export function streakBonus(streak: number): number {
  return Math.min(20, 2 * streak);
}

export type StreakState = { current: number; longest: number; lastDay: string | null };

/** Counts `day` for the streak; returns the new state, or null when it was already counted. */
export function advanceStreak(state: StreakState, day: string): StreakState | null {
  if (state.lastDay !== null && daysBetween(state.lastDay, day) <= 0) return null;
  const current = state.lastDay !== null && addDays(state.lastDay, 1) === day ? state.current + 1 : 1;
  return { current, longest: Math.max(state.longest, current), lastDay: day };
}

/** The streak as of `today`: still alive when the last counted day is today or yesterday. */
export function streakAsOf(state: StreakState, today: string): number {
  if (state.lastDay === null) return 0;
  const gap = daysBetween(state.lastDay, today);
  return gap === 0 || gap === 1 ? state.current : 0;
}

export function dayCounts(stat: { reviews: number; clearedDue: boolean }): boolean {
  return stat.clearedDue || stat.reviews >= STREAK_MIN_REVIEWS;
}

/** A day's review totals from its reviews still standing (undone ones left out by the caller). */
export function dayTotals(reviews: readonly { grade: Grade; correct: boolean }[]): {
  reviews: number;
  correct: number;
  points: number;
} {
  return {
    reviews: reviews.length,
    correct: reviews.filter((r) => r.correct).length,
    points: reviews.reduce((sum, r) => sum + reviewPoints(r.grade, r.correct), 0),
  };
}

/**
 * The streak as it would be had `day` never counted (an undo took it back): replayed from the
 * member's day totals before `day`, each day counting as it did (dayCounts). A longest streak
 * that `day` did not set is kept as it stands, whatever the replay finds.
 */
export function streakWithout(
  state: StreakState,
  history: readonly { day: string; reviews: number; clearedDue: boolean }[],
  day: string,
): StreakState {
  let replayed: StreakState = { current: 0, longest: 0, lastDay: null };
  const before = history.filter((s) => s.day < day).sort((a, b) => (a.day < b.day ? -1 : 1));
  for (const s of before) {
    if (dayCounts(s)) replayed = advanceStreak(replayed, s.day) ?? replayed;
  }
  const setByDay = state.lastDay === day && state.longest === state.current;
  return setByDay ? replayed : { ...replayed, longest: Math.max(replayed.longest, state.longest) };
}

/** A member's streak as shown to them at `now` (in their own study day). */
export function streakNow(
  m: { currentStreak: number; longestStreak: number; lastStreakDay: string | null; timezone: string },
  now: number,
): number {
  return streakAsOf(
    { current: m.currentStreak, longest: m.longestStreak, lastDay: m.lastStreakDay },
    studyDay(now, m.timezone),
  );
}
