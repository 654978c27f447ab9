import { describe, expect, it } from 'vitest';
import { getLeaderboard } from '../../src/core/leaderboard.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join, wrongAnswer } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  describe('leaderboards', () => {
    it('GIVEN members with different results THEN the board ranks by points, ties stably, and shows the caller', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'a', 'Ann');
      await join(ctx, 'b', 'Bob');
      await join(ctx, 'c', 'Cy');
      await join(ctx, 'x', 'Xena', { id: 'other', name: 'Other' });
      await answerAll(ctx, clock, 'a');
      await answerAll(ctx, clock, 'b', wrongAnswer);
      await answerAll(ctx, clock, 'x');
      const board = await getLeaderboard(ctx, 'g1', 'week', 'b');
      expect(board.entries.map((e) => e.displayName)).toEqual(['Ann', 'Bob']);
      expect(board.me?.rank).toBe(2);
      expect(board.entries[0]?.accuracy).toBe(1);
      const again = await getLeaderboard(ctx, 'g1', 'week');
      expect(again.entries.map((e) => e.memberId)).toEqual(board.entries.map((e) => e.memberId));
      clock.now = T0 + 7 * DAY;
      expect((await getLeaderboard(ctx, 'g1', 'week')).entries).toEqual([]);
      expect((await getLeaderboard(ctx, 'g1', 'all')).entries).toHaveLength(2);
    });
  });

  describe('period bounds', () => {
    it('GIVEN the board of a week that has ended THEN later days do not count', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'a', 'Ann');
      await answerAll(ctx, clock, 'a');
      const lastWeekEnd = T0 - 1 - 10 * 3_600_000; // Sunday evening before T0's week
      const pastCtx = { ...ctx, clock: () => lastWeekEnd };
      expect((await getLeaderboard(pastCtx, 'g1', 'week')).entries).toEqual([]);
      expect((await getLeaderboard(ctx, 'g1', 'week')).entries).toHaveLength(1);
    });
  });
});
