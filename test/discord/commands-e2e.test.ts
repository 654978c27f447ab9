import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import type { InteractionResponse } from '../support/discord-double.ts';
import {
  ADMIN_PERMISSIONS,
  ALICE,
  asMessage,
  BOB,
  button,
  buttonsOf,
  createHarness,
  embedText,
  firstMessage,
  GUILD,
  type Harness,
  inGuild,
  OTHER_GUILD,
  TOKEN,
} from './harness.ts';

let h: Harness;

afterEach(async () => {
  await h.close();
});

function slash(name: string, options: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return h.interact(
    h.discord.slashCommand({
      name,
      user: ALICE,
      guild: inGuild(),
      options: options as never,
      ...extra,
    }),
  );
}

const flagsOf = (r: InteractionResponse | undefined) => (r?.payload.flags as number | undefined) ?? 0;

describe('slash commands against the Discord double', () => {
  beforeEach(async () => {
    h = await createHarness();
  });

  it('GIVEN /fact with a service WHEN it runs THEN the facts come as an embed with a "Quiz me on this" button that starts a session on that topic', async () => {
    const [reply] = await slash('fact', { service: 'Service A' });
    expect(reply?.callbackType).toBe(4);
    expect(flagsOf(reply) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const message = asMessage(reply?.payload ?? {});
    expect(message.embeds?.[0]?.title).toBe('Service A: key facts');
    expect(message.embeds?.[0]?.description).toBe(
      '**Retention**\nBackups are kept for 1 to 35 days.\n\n**Replicas**\nUp to 15 read replicas.',
    );
    const quizMe = button(message, 'Quiz me on this');
    expect(quizMe.customId).toBe('start:r:alpha:n');

    const started = await h.interact(
      h.discord.buttonClick({ customId: quizMe.customId, user: ALICE, guild: inGuild() }),
    );
    // A new (ephemeral) message, so the facts stay visible.
    expect(started[0]?.callbackType).toBe(4);
    expect(flagsOf(started[0]) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(asMessage(started[0]?.payload ?? {}).embeds?.[0]?.author?.name).toMatch(/· Alpha topic$/);
  });

  it('GIVEN /fact with an unknown service WHEN it runs THEN the core message and the known services are shown', async () => {
    const [reply] = await slash('fact', { service: 'zzzzzz' });
    expect(reply?.payload.content).toBe('No service matches "zzzzzz".\nTry: `Service A`, `Service B`');
  });

  it('GIVEN /compare WHEN it runs THEN the comparison is a monospace table in a code block', async () => {
    const [reply] = await slash('compare', { comparison: 'a-vs-b' });
    const embed = asMessage(reply?.payload ?? {}).embeds?.[0];
    expect(embed?.title).toBe('A vs B');
    expect(embed?.description).toMatch(/^```\n/);
    expect(embed?.description).toContain('Speed │ Fast │ Slow');
  });

  it('GIVEN /stats WHEN it runs THEN it is deferred, then edited with the progress embed and the PNG attached', async () => {
    const responses = await slash('stats');
    expect(responses[0]).toMatchObject({ kind: 'callback', callbackType: 5 });
    expect(flagsOf(responses[0]) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const edit = responses[1];
    expect(edit).toMatchObject({ kind: 'edit', messageId: '@original' });
    expect(edit?.files).toHaveLength(1);
    expect(edit?.files[0]).toMatchObject({ name: 'progress.png', contentType: 'image/png' });
    expect(edit?.files[0]?.data.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    const embed = asMessage(edit?.payload ?? {}).embeds?.[0];
    expect(embed?.image?.url).toBe('attachment://progress.png');
    expect(embed?.title).toBe('📊 Alice: progress');
    expect(embedText(asMessage(edit?.payload ?? {}))).toContain('Alpha topic (0/8 learned, 0 seen)');
  });

  it('GIVEN /settings without options WHEN it runs THEN the current values are shown; with options THEN they are saved', async () => {
    const [shown] = await slash('settings');
    const text = embedText(asMessage(shown?.payload ?? {}));
    expect(asMessage(shown?.payload ?? {}).embeds?.[0]?.title).toBe('⚙️ Your settings');
    expect(text).toContain('UTC');
    expect(text).toContain('On, at 09:00 (UTC)');

    const [saved] = await slash('settings', {
      timezone: 'Europe/Berlin',
      reminder_time: '07:30',
      new_per_day: 5,
      reminders: true,
    });
    expect(asMessage(saved?.payload ?? {}).embeds?.[0]?.title).toBe('✅ Settings saved');
    expect(embedText(asMessage(saved?.payload ?? {}))).toContain('On, at 07:30 (Europe/Berlin)');
    const member = await h.db.member.findUnique({ where: { id: ALICE.id } });
    expect(member).toMatchObject({ timezone: 'Europe/Berlin', reminderMinute: 450, newPerDay: 5 });

    const [badZone] = await slash('settings', { timezone: 'Mars/Olympus' });
    expect(badZone?.payload.content).toMatch(/^"Mars\/Olympus" is not an IANA timezone/);
    const [badTime] = await slash('settings', { reminder_time: 'noon' });
    expect(badTime?.payload.content).toMatch(/^"noon" is not a time/);
  });

  it('GIVEN a member without Manage Server WHEN they run /group leaderboard-channel THEN it is refused and nothing changes', async () => {
    const [reply] = await slash(
      'group',
      { channel: { kind: 'channel', id: GUILD.boardChannel } },
      { subcommand: 'leaderboard-channel' },
    );
    expect(reply?.payload.content).toMatch(/Manage Server/);
    expect(flagsOf(reply) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const group = await h.db.group.findUnique({ where: { id: GUILD.id } });
    expect(group?.leaderboardChannelId).toBeNull();
  });

  it('GIVEN an admin WHEN they run /group leaderboard-channel THEN the channel is checked with a post and saved', async () => {
    const [reply] = await h.interact(
      h.discord.slashCommand({
        name: 'group',
        subcommand: 'leaderboard-channel',
        options: { channel: { kind: 'channel', id: GUILD.boardChannel } },
        user: ALICE,
        guild: inGuild(ADMIN_PERMISSIONS),
      }),
    );
    expect(reply?.payload.content).toBe(
      `✅ The weekly leaderboard will be posted in <#${GUILD.boardChannel}>.`,
    );
    const post = h.discord.calls.find(
      (c) => c.method === 'POST' && c.path === `/channels/${GUILD.boardChannel}/messages`,
    );
    expect(post?.body).toMatchObject({ content: expect.stringMatching(/weekly study leaderboard/) });
    const group = await h.db.group.findUnique({ where: { id: GUILD.id } });
    expect(group).toMatchObject({ leaderboardChannelId: GUILD.boardChannel, name: GUILD.name });
  });

  it('GIVEN a channel the bot cannot post in WHEN an admin picks it THEN the admin is told what permissions to give', async () => {
    h.discord.failNext(
      { method: 'POST', pathPattern: new RegExp(`^/channels/${GUILD.boardChannel}/messages$`) },
      { status: 403, body: { message: 'Missing Permissions', code: 50013 } },
    );
    const [reply] = await h.interact(
      h.discord.slashCommand({
        name: 'group',
        subcommand: 'leaderboard-channel',
        options: { channel: { kind: 'channel', id: GUILD.boardChannel } },
        user: ALICE,
        guild: inGuild(ADMIN_PERMISSIONS),
      }),
    );
    expect(reply?.payload.content).toMatch(/^I cannot post in <#\d+>\. Give me \*\*View Channel\*\*/);
    expect((await h.db.group.findUnique({ where: { id: GUILD.id } }))?.leaderboardChannelId).toBeNull();
  });

  it('GIVEN /forget-me WHEN the member cancels, then confirms THEN nothing is deleted the first time and everything the second', async () => {
    await slash('quiz');
    const [ask] = await slash('forget-me');
    const message = asMessage(ask?.payload ?? {});
    expect(buttonsOf(message).map((b) => b.label)).toEqual(['Yes, delete everything', 'Cancel']);

    const cancel = await h.interact(
      h.discord.buttonClick({
        customId: button(message, 'Cancel').customId,
        user: ALICE,
        guild: inGuild(),
        message: message as never,
      }),
    );
    expect(firstMessage(cancel).payload.content).toBe('Cancelled: nothing was deleted.');
    expect(await h.db.member.count({ where: { id: ALICE.id } })).toBe(1);

    const yes = await h.interact(
      h.discord.buttonClick({
        customId: button(message, 'Yes, delete everything').customId,
        user: ALICE,
        guild: inGuild(),
        message: message as never,
      }),
    );
    expect(firstMessage(yes)).toMatchObject({ callbackType: 7, payload: { components: [], embeds: [] } });
    expect(firstMessage(yes).payload.content).toMatch(/everything stored about you was deleted/);
    expect(await h.db.member.count({ where: { id: ALICE.id } })).toBe(0);
    expect(await h.db.studySession.count({ where: { memberId: ALICE.id } })).toBe(0);
  });

  it('GIVEN a member whose DMs were marked closed WHEN they use a command THEN they are told how to reopen DMs and reminders resume', async () => {
    await slash('settings');
    await h.db.member.update({
      where: { id: ALICE.id },
      data: { dmsClosed: true, nextReminderAt: null },
    });
    const responses = await slash('settings');
    expect(responses.map((r) => r.kind)).toEqual(['callback', 'followup']);
    expect(responses[1]?.payload.content).toMatch(/Server Privacy Settings > Direct Messages/);
    expect(flagsOf(responses[1]) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const member = await h.db.member.findUnique({ where: { id: ALICE.id } });
    expect(member?.dmsClosed).toBe(false);
    expect(member?.nextReminderAt).not.toBeNull();
  });

  it('GIVEN a member of two servers WHEN they use the bot in each THEN each server only sees its own group and leaderboard', async () => {
    await h.interact(h.discord.slashCommand({ name: 'settings', user: BOB, guild: inGuild() }));
    await h.interact(
      h.discord.slashCommand({ name: 'settings', user: ALICE, guild: { id: OTHER_GUILD.id } }),
    );
    const memberships = await h.db.membership.findMany({ orderBy: { memberId: 'asc' } });
    expect(memberships.map((m) => [m.groupId, m.memberId])).toEqual([
      [OTHER_GUILD.id, ALICE.id],
      [GUILD.id, BOB.id],
    ]);
    expect((await h.db.group.findUnique({ where: { id: OTHER_GUILD.id } }))?.name).toBe(OTHER_GUILD.name);
  });

  it('GIVEN twelve members with points WHEN the lowest runs /leaderboard THEN the top 10 and their own rank are shown', async () => {
    const ctx = h.app.ctx;
    const day = '2025-03-10';
    for (let i = 0; i < 12; i++) {
      const id = `11840000000000009${String(i).padStart(2, '0')}`;
      await ensureMember(ctx, {
        memberId: id,
        displayName: `Member ${i}`,
        locale: null,
        group: { id: GUILD.id, name: GUILD.name },
      });
      await h.db.dailyStat.create({
        data: { memberId: id, day, reviews: 10, correct: 8, points: 100 + i },
      });
    }
    await ensureMember(ctx, {
      memberId: ALICE.id,
      displayName: 'Alice',
      locale: 'en-US',
      group: { id: GUILD.id, name: GUILD.name },
    });
    await h.db.dailyStat.create({ data: { memberId: ALICE.id, day, reviews: 1, correct: 1, points: 8 } });

    const [reply] = await slash('leaderboard', { period: 'week' });
    const embed = asMessage(reply?.payload ?? {}).embeds?.[0];
    expect(embed?.title).toBe('🏆 Study Group: this week');
    const lines = embed?.description?.split('\n') ?? [];
    expect(lines).toHaveLength(12);
    expect(lines[0]).toBe('🥇 **Member 11**: 111 pts · 10 reviews · 80%');
    expect(lines[9]).toMatch(/^`#10` \*\*Member 2\*\*/);
    expect(lines[10]).toBe('…');
    expect(lines[11]).toBe('`#13` **Alice** (you): 8 pts · 1 review · 100%');
    expect(embed?.footer?.text).toBe('Since 2025-03-10 (UTC)');
  });
});

describe('robustness', () => {
  it('GIVEN a handler that throws WHEN a command runs THEN the member sees an error id that is in the log, and the bot keeps working', async () => {
    h = await createHarness();
    const spy = vi
      .spyOn(h.app.ctx.store.read.sessions, 'open')
      .mockRejectedValueOnce(new Error('database on fire'));
    const [failed] = await slash('quiz');
    const match = /^⚠️ Something went wrong \(error id ([0-9A-F]{6})\)/.exec(String(failed?.payload.content));
    expect(match).not.toBeNull();
    expect(flagsOf(failed) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const logged = h.logs.lines.find((l) => l.msg === 'interaction failed');
    expect(logged).toMatchObject({
      errorId: match?.[1],
      command: 'quiz',
      error: { message: 'database on fire' },
    });
    spy.mockRestore();

    const [ok] = await slash('quiz');
    expect(ok?.callbackType).toBe(4);
    expect(asMessage(ok?.payload ?? {}).embeds).toHaveLength(1);

    h.bot.client.emit('error', new Error('gateway hiccup'));
    expect(h.logs.lines.some((l) => l.msg === 'Discord client error')).toBe(true);
    const everything = h.logs.raw.join('');
    expect(everything).not.toContain(TOKEN);
    // Interaction tokens (base64url of "interaction:...") never reach the log either.
    expect(everything).not.toContain('aW50ZXJhY3Rpb246');
  });

  it('GIVEN a slow handler WHEN it has not answered in time THEN the bot defers and then edits the reply', async () => {
    h = await createHarness({ bot: { deferAfterMs: 30 } });
    const sessions = h.app.ctx.store.read.sessions;
    const original = sessions.open.bind(sessions);
    vi.spyOn(sessions, 'open').mockImplementation(async (memberId) => {
      await new Promise((resolve) => setTimeout(resolve, 250));
      return original(memberId);
    });
    const responses = await slash('quiz');
    expect(responses.map((r) => [r.kind, r.callbackType])).toEqual([
      ['callback', 5],
      ['edit', null],
    ]);
    expect(flagsOf(responses[0]) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(asMessage(responses[1]?.payload ?? {}).embeds?.[0]?.author?.name).toMatch(/^Question 1 of 10/);
  });
});
