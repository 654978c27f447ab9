import { describe, expect, it } from 'vitest';
import { setLeaderboardChannel } from '../../src/core/groups.ts';
import type { Leaderboard } from '../../src/core/leaderboard.ts';
import { type BoardPoster, completedWeek, postWeeklyBoards } from '../../src/core/weekly-boards.ts';
import type { Locale } from '../../src/i18n/index.ts';
import { useCore } from '../support/core.ts';
import { answerAll, GROUP, join } from '../support/study.ts';

const T0 = Date.parse('2026-03-04T10:00:00Z'); // a Wednesday
const DAY = 86_400_000;
/** Monday 9 March 2026, 09:00 UTC: the week of T0 has ended. */
const NEXT_MONDAY = Date.parse('2026-03-09T09:00:00Z');
const env = useCore(T0);

/** Records what would be posted; fails for the channels it is told to. */
class Poster implements BoardPoster {
  posts: { channelId: string; board: Leaderboard; groupName: string; locale: Locale }[] = [];
  constructor(private readonly failing = new Set<string>()) {}
  async postBoard(channelId: string, board: Leaderboard, groupName: string, locale: Locale) {
    if (this.failing.has(channelId)) throw new Error(`cannot post in ${channelId}`);
    this.posts.push({ channelId, board, groupName, locale });
  }
}

describe('the completed week', () => {
  it('GIVEN any moment of a week THEN the last completed week is the one before, as it stood at its end', () => {
    expect(completedWeek(NEXT_MONDAY)).toEqual({
      asOf: Date.parse('2026-03-09T04:00:00Z') - 1,
      period: '2026-03-02',
    });
    expect(completedWeek(Date.parse('2026-03-15T23:00:00Z')).period).toBe('2026-03-02');
  });

  it('GIVEN Monday before 04:00 UTC THEN the study week has not turned yet', () => {
    expect(completedWeek(Date.parse('2026-03-09T03:59:00Z'))).toEqual({
      asOf: Date.parse('2026-03-02T04:00:00Z') - 1,
      period: '2026-02-23',
    });
  });
});

describe('posting the weekly boards', () => {
  it("GIVEN a server with a board channel and members who studied THEN last week's board is posted once, in the server's language", async () => {
    const { ctx, clock } = env;
    const korean = { ...GROUP, locale: 'ko' };
    await join(ctx, 'a', 'Ann', korean);
    await setLeaderboardChannel(ctx, GROUP, 'boards');
    await answerAll(ctx, clock, 'a');
    clock.now = NEXT_MONDAY;
    // Studying in the new week changes nothing on last week's board.
    await answerAll(ctx, clock, 'a');
    const poster = new Poster();
    const first = await postWeeklyBoards(ctx, poster);
    expect(first).toEqual({
      round: { period: '2026-03-02', posted: 1, skipped: 0, empty: 0, failed: 0 },
      failures: [],
    });
    expect(poster.posts).toHaveLength(1);
    const [post] = poster.posts;
    expect(post).toMatchObject({ channelId: 'boards', groupName: 'Study group', locale: 'ko' });
    expect(post?.board).toMatchObject({ groupId: 'g1', period: 'week', from: '2026-03-02', me: null });
    expect(post?.board.entries.map((e) => [e.memberId, e.reviews])).toEqual([['a', 10]]);
    const again = await postWeeklyBoards(ctx, poster);
    expect(again.round).toEqual({ period: '2026-03-02', posted: 0, skipped: 1, empty: 0, failed: 0 });
    expect(poster.posts).toHaveLength(1);
  });

  it('GIVEN nobody studied last week THEN nothing is posted, and the week counts as done', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'a', 'Ann');
    await setLeaderboardChannel(ctx, GROUP, 'boards');
    clock.now = NEXT_MONDAY;
    const poster = new Poster();
    expect((await postWeeklyBoards(ctx, poster)).round).toEqual({
      period: '2026-03-02',
      posted: 0,
      skipped: 0,
      empty: 1,
      failed: 0,
    });
    expect((await postWeeklyBoards(ctx, poster)).round).toMatchObject({ empty: 0, skipped: 1 });
    expect(poster.posts).toEqual([]);
  });

  it('GIVEN a post that fails THEN it is reported with the channel and the error, and tried again on the next run', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'a', 'Ann');
    await join(ctx, 'b', 'Bob', { id: 'g2', name: 'Other group' });
    await setLeaderboardChannel(ctx, GROUP, 'broken');
    await setLeaderboardChannel(ctx, { id: 'g2', name: 'Other group' }, 'fine');
    await answerAll(ctx, clock, 'a');
    await answerAll(ctx, clock, 'b');
    clock.now = NEXT_MONDAY;
    const failing = await postWeeklyBoards(ctx, new Poster(new Set(['broken'])));
    expect(failing).toEqual({
      round: { period: '2026-03-02', posted: 1, skipped: 0, empty: 0, failed: 1 },
      failures: [{ group: 'g1', channel: 'broken', error: 'cannot post in broken' }],
    });
    const poster = new Poster();
    expect((await postWeeklyBoards(ctx, poster)).round).toMatchObject({ posted: 1, skipped: 1, failed: 0 });
    expect(poster.posts.map((p) => [p.channelId, p.locale])).toEqual([['broken', 'en']]);
  });

  it('GIVEN a week later THEN the next week is posted', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'a', 'Ann');
    await setLeaderboardChannel(ctx, GROUP, 'boards');
    await answerAll(ctx, clock, 'a');
    clock.now = NEXT_MONDAY;
    await answerAll(ctx, clock, 'a');
    const poster = new Poster();
    await postWeeklyBoards(ctx, poster);
    clock.now = NEXT_MONDAY + 7 * DAY;
    expect((await postWeeklyBoards(ctx, poster)).round).toMatchObject({ period: '2026-03-09', posted: 1 });
    expect(poster.posts.map((p) => p.board.from)).toEqual(['2026-03-02', '2026-03-09']);
  });

  it('GIVEN servers without a board channel THEN they are not considered', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'a', 'Ann');
    await answerAll(ctx, clock, 'a');
    clock.now = NEXT_MONDAY;
    expect((await postWeeklyBoards(ctx, new Poster())).round).toEqual({
      period: '2026-03-02',
      posted: 0,
      skipped: 0,
      empty: 0,
      failed: 0,
    });
  });
});

/** Posts after a short wait, so racing rounds overlap; can fail its first post. */
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

describe('the weekly board post across processes', () => {
  it('GIVEN three bot processes running the weekly job at once THEN the week is posted once', async () => {
    await studiedGroup();
    const posters = [new CountingPoster(), new CountingPoster(), new CountingPoster()];
    const rounds = await Promise.all(posters.map((p) => postWeeklyBoards(env.ctx, p)));
    expect(posters.reduce((n, p) => n + p.posts.length, 0)).toBe(1);
    expect(rounds.map((r) => r.round.posted).sort()).toEqual([0, 0, 1]);
    expect(rounds.map((r) => r.round.period)).toEqual(['2026-03-02', '2026-03-02', '2026-03-02']);
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
