import { dayStart, studyDay, weekStart } from '../domain/day.ts';
import { type Locale, resolveLocale } from '../i18n/index.ts';
import type { CoreContext } from './context.ts';
import { getLeaderboard, type Leaderboard, periodStart } from './leaderboard.ts';

/**
 * The weekly leaderboard post: each server with a leaderboard channel gets the board of the
 * week that just ended, once (Group.lastBoardPostedFor holds the last week posted, so a
 * restart or a second run posts nothing more).
 */

export interface BoardPoster {
  /** Posts the board in the server's language (its preferred locale as Discord last reported it). */
  postBoard(channelId: string, board: Leaderboard, groupName: string, locale: Locale): Promise<void>;
}

export type BoardRound = { period: string; posted: number; skipped: number; empty: number; failed: number };
export type BoardFailure = { group: string; channel: string; error: string };

/**
 * The last completed leaderboard week (weeks start Monday, UTC study days): the instant just
 * before the current week began, and that week's first day.
 */
export function completedWeek(now: number): { asOf: number; period: string } {
  const currentWeek = weekStart(studyDay(now, 'UTC'));
  const asOf = dayStart(currentWeek, 'UTC') - 1;
  return { asOf, period: periodStart('week', asOf) ?? currentWeek };
}

export async function postWeeklyBoards(
  ctx: CoreContext,
  poster: BoardPoster,
): Promise<{ round: BoardRound; failures: BoardFailure[] }> {
  const { asOf, period } = completedWeek(ctx.clock());
  // The board as it stood when the week ended (streaks included).
  const asOfCtx: CoreContext = { ...ctx, clock: () => asOf };
  const round: BoardRound = { period, posted: 0, skipped: 0, empty: 0, failed: 0 };
  const failures: BoardFailure[] = [];
  for (const group of await ctx.store.read.groups.withBoardChannel()) {
    const channelId = group.leaderboardChannelId;
    if (channelId === null || group.lastBoardPostedFor === period) {
      round.skipped++;
      continue;
    }
    try {
      const board = await getLeaderboard(asOfCtx, group.id, 'week');
      // Nobody studied: say nothing rather than post an empty board every week.
      if (board.entries.length === 0) round.empty++;
      else {
        await poster.postBoard(channelId, board, group.name, resolveLocale(null, group.locale));
        round.posted++;
      }
      await ctx.store.write(({ groups }) => groups.markBoardPosted(group.id, period));
    } catch (error) {
      round.failed++;
      failures.push({
        group: group.id,
        channel: channelId,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { round, failures };
}
