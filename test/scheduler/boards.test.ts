import { afterEach, describe, expect, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import { completedWeek } from '../../src/core/weekly-boards.ts';
import {
  ADMIN_PERMISSIONS,
  ALICE,
  asMessage,
  BOB,
  createHarness,
  GUILD,
  type Harness,
  type HarnessOptions,
  inGuild,
  MONDAY_8AM,
} from '../discord/harness.ts';
import type { RecordedCall } from '../support/discord-double.ts';

/** The weekly leaderboard post from the real bot through the Discord double. */

const HOUR = 3_600_000;
/** Monday 10 March 2025, 09:00 UTC: the default LEADERBOARD_CRON time. */
const MONDAY_9AM = MONDAY_8AM + HOUR;

let h: Harness;

afterEach(async () => {
  await h.close();
});

const isBoardPost = (c: RecordedCall) =>
  c.method === 'POST' &&
  c.path === `/channels/${GUILD.boardChannel}/messages` &&
  JSON.stringify(c.body).includes('leaderboard') &&
  JSON.stringify(c.body).includes('embeds');

async function withBoardChannel(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness({ now: MONDAY_9AM, ...options });
  await h.interact(
    h.discord.slashCommand({
      name: 'group',
      subcommand: 'leaderboard-channel',
      options: { channel: { kind: 'channel', id: GUILD.boardChannel } },
      user: ALICE,
      guild: inGuild(ADMIN_PERMISSIONS),
    }),
  );
}

async function studied(
  memberId: string,
  name: string,
  day: string,
  points: number,
  reviews = 10,
  correct = 8,
) {
  await ensureMember(h.app.ctx, {
    memberId,
    displayName: name,
    locale: null,
    group: { id: GUILD.id, name: GUILD.name },
  });
  await h.db.dailyStat.create({ data: { memberId, day, reviews, correct, points } });
}

describe('weekly leaderboard post', () => {
  it('GIVEN a server with a board channel and study last week WHEN the job runs on Monday THEN last week is posted once, even when run again or after a restart', async () => {
    await withBoardChannel();
    await studied(ALICE.id, 'Alice', '2025-03-04', 40);
    await studied(ALICE.id, 'Alice', '2025-03-09', 30);
    await studied(BOB.id, 'Bob', '2025-03-05', 50);
    // Two weeks ago: not part of last week's board.
    await studied('1184000000000000999', 'Carol', '2025-02-26', 500);

    expect(await h.bot.scheduler.runBoards()).toEqual({
      period: '2025-03-03',
      posted: 1,
      skipped: 0,
      empty: 0,
      failed: 0,
    });
    const posts = h.discord.calls.filter(isBoardPost);
    expect(posts).toHaveLength(1);
    const embed = asMessage(posts[0]?.body as Record<string, unknown>).embeds?.[0];
    expect(embed?.title).toBe("🏆 Study Group: last week's leaderboard");
    expect(embed?.description?.split('\n')).toEqual([
      '🥇 **Alice**: 70 pts · 20 reviews · 80%',
      '🥈 **Bob**: 50 pts · 10 reviews · 80%',
    ]);
    expect(embed?.footer?.text).toBe('Since 2025-03-03 (UTC) · New week, new board: /quiz');
    expect((await h.db.group.findUnique({ where: { id: GUILD.id } }))?.lastBoardPostedFor).toBe('2025-03-03');

    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 0, skipped: 1 });
    await h.restart();
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 0, skipped: 1 });
    expect(h.discord.calls.filter(isBoardPost)).toHaveLength(1);

    // A week later the next week is posted.
    h.clock.advance(7 * 24 * HOUR);
    await studied(BOB.id, 'Bob', '2025-03-12', 20);
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ period: '2025-03-10', posted: 1 });
    expect(h.discord.calls.filter(isBoardPost)).toHaveLength(2);
  });

  it('GIVEN LEADERBOARD_CRON every second WHEN cron ticks several times THEN exactly one board is posted', async () => {
    await withBoardChannel({ env: { LEADERBOARD_CRON: '* * * * * *' } });
    await studied(BOB.id, 'Bob', '2025-03-05', 50);
    // Generous under a loaded machine: the assertion is that later ticks post nothing more.
    await h.discord.waitForCall(isBoardPost, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(h.discord.calls.filter(isBoardPost)).toHaveLength(1);
  });

  it('GIVEN nobody studied last week WHEN the job runs THEN nothing is posted and the week counts as done', async () => {
    await withBoardChannel();
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 0, empty: 1 });
    expect(h.discord.calls.filter(isBoardPost)).toHaveLength(0);
    expect((await h.db.group.findUnique({ where: { id: GUILD.id } }))?.lastBoardPostedFor).toBe('2025-03-03');
  });

  it('GIVEN the channel refuses the post WHEN the job runs THEN the week is not marked, so a later run can post it', async () => {
    await withBoardChannel();
    await studied(BOB.id, 'Bob', '2025-03-05', 50);
    h.discord.failNext(
      { method: 'POST', pathPattern: new RegExp(`^/channels/${GUILD.boardChannel}/messages$`) },
      { status: 403, body: { message: 'Missing Access', code: 50001 } },
    );
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 0, failed: 1 });
    expect((await h.db.group.findUnique({ where: { id: GUILD.id } }))?.lastBoardPostedFor).toBeNull();
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 1 });
  });
});

describe('completedWeek', () => {
  it('GIVEN Monday 09:00 UTC WHEN asked THEN the week that just ended (Monday to Sunday) is the one posted', () => {
    const { asOf, period } = completedWeek(Date.UTC(2025, 2, 10, 9));
    expect(period).toBe('2025-03-03');
    // Sunday's study day runs until 04:00 on Monday.
    expect(new Date(asOf).toISOString()).toBe('2025-03-10T03:59:59.999Z');
  });

  it('GIVEN a later day of the week WHEN asked THEN it is still the last completed week', () => {
    expect(completedWeek(Date.UTC(2025, 2, 13, 18)).period).toBe('2025-03-03');
    expect(completedWeek(Date.UTC(2025, 2, 16, 23)).period).toBe('2025-03-03');
  });

  it('GIVEN Monday before 04:00 UTC WHEN asked THEN Sunday is still running, so the completed week is the one before', () => {
    expect(completedWeek(Date.UTC(2025, 2, 10, 2)).period).toBe('2025-02-24');
  });
});
