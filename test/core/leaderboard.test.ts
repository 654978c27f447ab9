import { describe, expect, it } from 'vitest';
import { getLeaderboard, periodRange, periodStart, rankBoard } from '../../src/core/leaderboard.ts';
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

  describe('period bounds by the UTC study day', () => {
    it('GIVEN any moment of a week THEN the week runs Monday to Sunday; before 04:00 UTC on Monday it is still last week', () => {
      expect(periodRange('week', T0)).toEqual({ from: '2026-03-02', to: '2026-03-08' });
      expect(periodRange('week', Date.parse('2026-03-09T03:59:59.999Z'))).toEqual({
        from: '2026-03-02',
        to: '2026-03-08',
      });
      expect(periodRange('week', Date.parse('2026-03-09T04:00:00Z'))).toEqual({
        from: '2026-03-09',
        to: '2026-03-15',
      });
      expect(periodStart('week', T0)).toBe('2026-03-02');
    });

    it('GIVEN a month THEN it runs from the 1st to its last day, whatever its length', () => {
      expect(periodRange('month', Date.parse('2026-02-14T12:00:00Z'))).toEqual({
        from: '2026-02-01',
        to: '2026-02-28',
      });
      expect(periodRange('month', Date.parse('2028-02-29T12:00:00Z'))).toEqual({
        from: '2028-02-01',
        to: '2028-02-29',
      });
      expect(periodRange('month', Date.parse('2026-01-31T12:00:00Z'))).toEqual({
        from: '2026-01-01',
        to: '2026-01-31',
      });
      expect(periodRange('month', Date.parse('2026-04-30T12:00:00Z'))).toEqual({
        from: '2026-04-01',
        to: '2026-04-30',
      });
      // 03:00 UTC on the 1st is still the last study day of the month before.
      expect(periodStart('month', Date.parse('2026-04-01T03:00:00Z'))).toBe('2026-03-01');
    });

    it('GIVEN all time THEN there are no bounds', () => {
      expect(periodRange('all', T0)).toEqual({ from: null, to: null });
      expect(periodStart('all', T0)).toBeNull();
    });
  });

  describe('ranking (rankBoard)', () => {
    const row = (memberId: string, points: number, reviews: number, correct: number, extra = {}) => ({
      memberId,
      displayName: memberId,
      points,
      reviews,
      correct,
      timezone: 'UTC',
      currentStreak: 0,
      longestStreak: 0,
      lastStreakDay: null as string | null,
      ...extra,
    });

    it('GIVEN different points THEN the most points first, ranked from 1', () => {
      const board = rankBoard([row('low', 10, 5, 5), row('high', 30, 5, 1), row('mid', 20, 5, 3)], T0);
      expect(board.map((e) => [e.rank, e.memberId])).toEqual([
        [1, 'high'],
        [2, 'mid'],
        [3, 'low'],
      ]);
    });

    it('GIVEN equal points THEN better accuracy first, then more reviews, then name, then id', () => {
      const board = rankBoard(
        [
          row('a-fewer', 20, 4, 4),
          row('b-worse', 20, 10, 5),
          row('c-more', 20, 8, 8),
          row('id-2', 20, 2, 2, { displayName: 'Same' }),
          row('id-1', 20, 2, 2, { displayName: 'Same' }),
          row('d-name', 20, 2, 2, { displayName: 'Amy' }),
        ],
        T0,
      );
      expect(board.map((e) => e.memberId)).toEqual([
        'c-more',
        'a-fewer',
        'd-name',
        'id-1',
        'id-2',
        'b-worse',
      ]);
      expect(board.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('GIVEN members equal in everything but their id THEN the lower id ranks first whatever order the rows come in', () => {
      const same = (id: string) => row(id, 20, 2, 2, { displayName: 'Same' });
      const orders = [
        ['m-1', 'm-2', 'm-3'],
        ['m-1', 'm-3', 'm-2'],
        ['m-2', 'm-1', 'm-3'],
        ['m-2', 'm-3', 'm-1'],
        ['m-3', 'm-1', 'm-2'],
        ['m-3', 'm-2', 'm-1'],
      ];
      for (const order of orders)
        expect(rankBoard(order.map(same), T0).map((e) => [e.rank, e.memberId])).toEqual([
          [1, 'm-1'],
          [2, 'm-2'],
          [3, 'm-3'],
        ]);
    });

    it('GIVEN members who did not review in the period THEN they are left out', () => {
      expect(rankBoard([row('idle', 0, 0, 0), row('busy', 2, 1, 1)], T0).map((e) => e.memberId)).toEqual([
        'busy',
      ]);
    });

    it('GIVEN a row THEN the entry has its points, reviews, accuracy and the streak alive in its own time zone', () => {
      const now = Date.parse('2026-03-03T20:00:00Z'); // 03-04 05:00 in Seoul
      const streak = { currentStreak: 4, longestStreak: 6, lastStreakDay: '2026-03-02' };
      const [utc, seoul] = rankBoard(
        [row('utc', 9, 4, 3, streak), row('seoul', 8, 4, 3, { ...streak, timezone: 'Asia/Seoul' })],
        now,
      );
      expect(utc).toEqual({
        rank: 1,
        memberId: 'utc',
        displayName: 'utc',
        points: 9,
        reviews: 4,
        accuracy: 0.75,
        streak: 4,
      });
      expect(seoul?.streak).toBe(0);
    });
  });

  describe('the caller on the board', () => {
    it('GIVEN a caller who has not studied in the period THEN the board has no entry for them', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'a', 'Ann');
      await join(ctx, 'b', 'Bob');
      await answerAll(ctx, clock, 'a');
      const board = await getLeaderboard(ctx, 'g1', 'month', 'b');
      expect(board).toMatchObject({ groupId: 'g1', period: 'month', from: '2026-03-01', me: null });
      expect(board.entries.map((e) => e.memberId)).toEqual(['a']);
      expect((await getLeaderboard(ctx, 'g1', 'all', 'a')).me).toMatchObject({ rank: 1, memberId: 'a' });
    });
  });
});
