import type { BoardRow } from '../data/daily-stats.ts';
import { addDays, monthStart, studyDay, weekStart } from '../domain/day.ts';
import { streakAsOf } from '../domain/progress.ts';
import type { CoreContext } from './context.ts';

export const PERIODS = ['week', 'month', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export type BoardEntry = {
  rank: number;
  memberId: string;
  displayName: string;
  points: number;
  reviews: number;
  accuracy: number | null;
  streak: number;
};

export type Leaderboard = {
  groupId: string;
  period: Period;
  /** First study day of the period (UTC calendar), null for all time. */
  from: string | null;
  entries: BoardEntry[];
  /** The caller's own entry, present even when outside the top rows shown. */
  me: BoardEntry | null;
};

/** Period bounds use the UTC calendar so one board means the same days for every member. */
export function periodStart(period: Period, now: number): string | null {
  return periodRange(period, now).from;
}

/** First and last study day of the period containing `now`; null bounds for all time. */
export function periodRange(period: Period, now: number): { from: string | null; to: string | null } {
  const today = studyDay(now, 'UTC');
  if (period === 'week') {
    const from = weekStart(today);
    return { from, to: addDays(from, 6) };
  }
  if (period === 'month') {
    const from = monthStart(today);
    return { from, to: addDays(monthStart(addDays(from, 31)), -1) };
  }
  return { from: null, to: null };
}

/**
 * Members ranked by points (see src/domain/progress.ts), then accuracy, then reviews, then
 * name and id: equal totals never swap places between two calls. Only members who reviewed in
 * the period appear. Pure: the benchmark's raw-SQL floor ranks with it too.
 */
export function rankBoard(
  rows: Pick<
    BoardRow,
    | 'memberId'
    | 'displayName'
    | 'points'
    | 'reviews'
    | 'correct'
    | 'timezone'
    | 'currentStreak'
    | 'longestStreak'
    | 'lastStreakDay'
  >[],
  now: number,
): BoardEntry[] {
  const active = rows.filter((r) => r.reviews > 0);
  // One study-day computation per timezone, not per member: Intl formatting is the costly part.
  const todayIn = new Map<string, string>();
  const today = (tz: string) => {
    let day = todayIn.get(tz);
    if (day === undefined) {
      day = studyDay(now, tz);
      todayIn.set(tz, day);
    }
    return day;
  };
  const entries = active
    .map((r) => ({
      rank: 0,
      memberId: r.memberId,
      displayName: r.displayName,
      points: r.points,
      reviews: r.reviews,
      accuracy: r.reviews === 0 ? null : r.correct / r.reviews,
      streak: streakAsOf(
        { current: r.currentStreak, longest: r.longestStreak, lastDay: r.lastStreakDay },
        today(r.timezone),
      ),
    }))
    .sort(
      (a, b) =>
        b.points - a.points ||
        (b.accuracy ?? 0) - (a.accuracy ?? 0) ||
        b.reviews - a.reviews ||
        a.displayName.localeCompare(b.displayName) ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
  entries.forEach((e, i) => {
    e.rank = i + 1;
  });
  return entries;
}

export async function getLeaderboard(
  ctx: CoreContext,
  groupId: string,
  period: Period,
  memberId?: string,
): Promise<Leaderboard> {
  const now = ctx.clock();
  // Bounded on both sides, so the board of a past period (the weekly post) excludes later days.
  const { from, to } = periodRange(period, now);
  const entries = rankBoard(await ctx.store.read.stats.board(groupId, from, to), now);
  return { groupId, period, from, entries, me: entries.find((e) => e.memberId === memberId) ?? null };
}
