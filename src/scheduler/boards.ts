import type { CoreContext } from '../core/context.ts';
import { type BoardPoster, type BoardRound, postWeeklyBoards } from '../core/weekly-boards.ts';
import type { Logger } from '../logger.ts';

export type { BoardPoster, BoardRound } from '../core/weekly-boards.ts';

/** The weekly leaderboard job: the core posts each server's last week once; this logs how it went. */
export async function runBoardRound(ctx: CoreContext, poster: BoardPoster, log: Logger): Promise<BoardRound> {
  const { round, failures } = await postWeeklyBoards(ctx, poster);
  for (const f of failures) log.warn({ ...f, period: round.period }, 'weekly leaderboard post failed');
  if (round.posted + round.failed > 0) log.info(round, 'weekly leaderboard round');
  return round;
}
