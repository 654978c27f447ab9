import { dayStart, studyDay, weekStart } from '../domain/day.ts';
import { type Locale, resolveLocale } from '../i18n/index.ts';
import type { CoreContext } from './context.ts';
import { getLeaderboard, type Leaderboard, periodStart } from './leaderboard.ts';

/**
 * The weekly leaderboard post: each server with a leaderboard channel gets the board of the
 * week that just ended, once (Group.lastBoardPostedFor holds the last week claimed, set before
 * posting, so a restart, a second run or another bot process posts nothing more; a post that
 * fails gives the week back for a later run; a crash between claim and post loses that week's
 * post rather than doubling it).
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
    const previous = group.lastBoardPostedFor;
    // Claimed before posting: any number of bot processes run this job, one of them posts.
    if (!(await ctx.store.write(({ groups }) => groups.claimBoard(group.id, period, previous)))) {
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
    } catch (error) {
      await ctx.store.write(({ groups }) => groups.unclaimBoard(group.id, period, previous)).catch(() => {});
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
