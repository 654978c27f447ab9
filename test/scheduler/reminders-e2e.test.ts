import { afterEach, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/discord/custom-id.ts';
import {
  ALICE,
  asMessage,
  button,
  buttonsOf,
  createHarness,
  firstMessage,
  type Harness,
  type HarnessOptions,
  inGuild,
  MONDAY_8AM,
} from '../discord/harness.ts';
import {
  cannotMessageUserResponse,
  type RecordedCall,
  rateLimitedResponse,
} from '../support/discord-double.ts';

/** Daily quiz DMs from the real bot through the Discord double. */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Alice's reminder is at 09:00 UTC (the default), an hour after MONDAY_8AM. */
const AFTER_REMINDER = MONDAY_8AM + 61 * MINUTE;

let h: Harness;

afterEach(async () => {
  await h.close();
});

async function withAlice(options: HarnessOptions = {}): Promise<void> {
  h = await createHarness(options);
  // Any interaction creates the member, with the next reminder at 09:00 local (UTC).
  await h.interact(h.discord.slashCommand({ name: 'settings', user: ALICE, guild: inGuild() }));
}

const isDmOpen = (c: RecordedCall) => c.method === 'POST' && c.path === '/users/@me/channels';
const isPost = (channelId: string) => (c: RecordedCall) =>
  c.method === 'POST' && c.path === `/channels/${channelId}/messages`;

describe('daily quiz DMs', () => {
  it('GIVEN a member whose reminder time has passed WHEN the job runs THEN one DM with the first question arrives, and never a second that day, not even after a restart', async () => {
    await withAlice();
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0 });
    h.clock.now = AFTER_REMINDER;

    expect(await h.bot.scheduler.runReminders()).toEqual({
      claimed: 1,
      sent: 1,
      dmsClosed: 0,
      retry: 0,
      failed: 0,
      busy: false,
    });
    const dmChannel = h.discord.dmChannelId(ALICE.id);
    const open = h.discord.calls.filter(isDmOpen);
    expect(open.map((c) => c.body)).toEqual([{ recipient_id: ALICE.id }]);
    const posts = h.discord.calls.filter(isPost(dmChannel));
    expect(posts).toHaveLength(1);
    const dm = asMessage(posts[0]?.body as Record<string, unknown>);
    expect(dm.content).toBe('📚 **Your daily quiz is ready**: 0 due · 10 new');
    expect(dm.embeds?.[0]?.author?.name).toBe('Question 1 of 10 · Alpha topic');
    expect(dm.embeds?.[0]?.footer?.text).toContain('/settings');
    expect(buttonsOf(dm).map((b) => b.label)).toEqual(['A', 'B', 'C']);

    const member = await h.db.member.findUnique({ where: { id: ALICE.id } });
    expect(member?.dmChannelId).toBe(dmChannel);
    const deliveries = await h.db.reminderDelivery.findMany({ where: { memberId: ALICE.id } });
    expect(deliveries.map((d) => [d.day, d.status, d.attempts])).toEqual([['2025-03-10', 'sent', 1]]);

    // Again the same day, and after a restart: nothing more.
    h.clock.advance(30 * MINUTE);
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0, sent: 0 });
    await h.restart();
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0, sent: 0 });
    expect(h.discord.calls.filter(isPost(dmChannel))).toHaveLength(1);

    // The DM's buttons work in the DM: the right option (alpha-choice's Alpha) at the letter it is shown.
    const shown = parseCustomId(button(dm, 'A').customId);
    if (shown?.kind !== 'pick') throw new Error('expected a choice button');
    const right = 'ABCDE'[shown.order.indexOf(0)] ?? '?';
    const clicked = await h.interact(
      h.discord.buttonClick({ customId: button(dm, right).customId, user: ALICE, message: dm as never }),
    );
    expect(asMessage(firstMessage(clicked).payload).embeds?.[0]?.title).toBe('✅ Correct');

    // Next day: one more, straight to the stored DM channel (no new channel opened).
    h.clock.now = AFTER_REMINDER + DAY;
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 1, sent: 1 });
    expect(h.discord.calls.filter(isDmOpen)).toHaveLength(1);
    expect(h.discord.calls.filter(isPost(dmChannel))).toHaveLength(2);
  });

  it('GIVEN REMINDER_CRON every second WHEN the reminder time passes THEN cron delivers exactly one DM over several ticks', async () => {
    await withAlice({ env: { REMINDER_CRON: '* * * * * *' } });
    h.clock.now = AFTER_REMINDER;
    const dmChannel = h.discord.dmChannelId(ALICE.id);
    await h.discord.waitForCall(isPost(dmChannel), 5_000);
    // Let cron tick a couple more times.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(h.discord.calls.filter(isPost(dmChannel))).toHaveLength(1);
    expect((await h.db.reminderDelivery.findMany()).map((d) => d.status)).toEqual(['sent']);
  });

  it('GIVEN a member with DMs closed WHEN the DM is refused with 50007 THEN they are marked closed and not retried', async () => {
    await withAlice();
    h.clock.now = AFTER_REMINDER;
    h.discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/ },
      cannotMessageUserResponse(),
    );

    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 1, sent: 0, dmsClosed: 1 });
    const member = await h.db.member.findUnique({ where: { id: ALICE.id } });
    expect(member).toMatchObject({ dmsClosed: true, nextReminderAt: null });
    const delivery = await h.db.reminderDelivery.findFirst({ where: { memberId: ALICE.id } });
    expect(delivery).toMatchObject({ status: 'closed', attempts: 1 });

    const before = h.discord.calls.length;
    for (const hours of [1, 2, 5]) {
      h.clock.now = AFTER_REMINDER + hours * 60 * MINUTE;
      expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0 });
    }
    h.clock.now = AFTER_REMINDER + DAY;
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0 });
    expect(h.discord.calls.length).toBe(before);
  });

  it('GIVEN Discord answers 429 to the DM WHEN the job runs THEN discord.js waits and retries, and the DM is sent once', async () => {
    await withAlice();
    h.clock.now = AFTER_REMINDER;
    h.discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/ },
      rateLimitedResponse(0.2),
    );

    expect(await h.bot.scheduler.runReminders()).toMatchObject({ sent: 1, retry: 0, failed: 0 });
    const posts = h.discord.calls.filter(isPost(h.discord.dmChannelId(ALICE.id)));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(h.logs.lines.some((l) => l.msg === 'Discord rate limit: waiting before retrying')).toBe(true);
  });

  it('GIVEN another failure WHEN the DM fails THEN the core schedules a retry later that day, which delivers it', async () => {
    await withAlice();
    h.clock.now = AFTER_REMINDER;
    h.discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/ },
      { status: 403, body: { message: 'Missing Access', code: 50001 } },
    );
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 1, sent: 0, retry: 1 });
    const failed = await h.db.reminderDelivery.findFirst({ where: { memberId: ALICE.id } });
    expect(failed).toMatchObject({
      status: 'retry',
      attempts: 1,
      lastError: 'Discord 403 50001: Missing Access',
    });

    h.clock.advance(5 * MINUTE);
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 0 });
    h.clock.advance(11 * MINUTE);
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ claimed: 1, sent: 1 });
    const posts = h.discord.calls.filter(isPost(h.discord.dmChannelId(ALICE.id)));
    expect(posts.map((c) => c.status)).toEqual([403, 200]);
    expect(await h.db.reminderDelivery.findFirst({ where: { memberId: ALICE.id } })).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('GIVEN a stored DM channel Discord no longer knows WHEN the DM is sent THEN the channel is opened again and stored', async () => {
    await withAlice();
    await h.db.member.update({ where: { id: ALICE.id }, data: { dmChannelId: '1184000000000009999' } });
    h.discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/1184000000000009999\/messages$/ },
      { status: 404, body: { message: 'Unknown Channel', code: 10003 } },
    );
    h.clock.now = AFTER_REMINDER;
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ sent: 1 });
    const member = await h.db.member.findUnique({ where: { id: ALICE.id } });
    expect(member?.dmChannelId).toBe(h.discord.dmChannelId(ALICE.id));
  });
});
