import { describe, expect, it } from 'vitest';
import { setLeaderboardChannel } from '../../src/core/groups.ts';
import type { Leaderboard } from '../../src/core/leaderboard.ts';
import { type BoardPoster, postWeeklyBoards } from '../../src/core/weekly-boards.ts';
import { useCore } from '../support/core.ts';
import { answerAll, GROUP, join } from '../support/study.ts';

const WEDNESDAY = Date.parse('2025-03-05T10:00:00Z');
const NEXT_MONDAY = Date.parse('2025-03-10T09:00:00Z');
const env = useCore(WEDNESDAY);

class CountingPoster implements BoardPoster {
  readonly posts: Leaderboard[] = [];
  constructor(private readonly failFirst = false) {}
  async postBoard(_channel: string, board: Leaderboard): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (this.failFirst && this.posts.length === 0 && !this.failed) {
      this.failed = true;
      throw new Error('Missing Access');
    }
    this.posts.push(board);
  }
  private failed = false;
}

async function studiedGroup() {
  const { ctx, clock } = env;
  await join(ctx, 'm1');
  await answerAll(ctx, clock, 'm1');
  await setLeaderboardChannel(ctx, GROUP, '1184000000000000102');
  clock.now = NEXT_MONDAY;
}

describe('the weekly board post', () => {
  it('GIVEN three bot processes running the weekly job at once THEN the week is posted once', async () => {
    await studiedGroup();
    const posters = [new CountingPoster(), new CountingPoster(), new CountingPoster()];
    const rounds = await Promise.all(posters.map((p) => postWeeklyBoards(env.ctx, p)));
    expect(posters.reduce((n, p) => n + p.posts.length, 0)).toBe(1);
    expect(rounds.map((r) => r.round.posted).sort()).toEqual([0, 0, 1]);
    expect(rounds.map((r) => r.round.period)).toEqual(['2025-03-03', '2025-03-03', '2025-03-03']);
  });

  it('GIVEN the post fails THEN the week is given back, and the next run posts it', async () => {
    await studiedGroup();
    const poster = new CountingPoster(true);
    expect((await postWeeklyBoards(env.ctx, poster)).round).toMatchObject({ posted: 0, failed: 1 });
    expect((await postWeeklyBoards(env.ctx, poster)).round).toMatchObject({ posted: 1, failed: 0 });
    expect((await postWeeklyBoards(env.ctx, poster)).round).toMatchObject({ posted: 0, skipped: 1 });
    expect(poster.posts).toHaveLength(1);
  });
});
