import { Locale, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';
import {
  ADMIN_PERMISSIONS,
  ALICE,
  asMessage,
  buttonsOf,
  createHarness,
  embedText,
  firstMessage,
  GUILD,
  type Harness,
  inGuild,
  MONDAY_8AM,
  type SentMessage,
} from './harness.ts';

/** Each member in their language: Discord's locale, or their own choice; user installs anywhere. */

let h: Harness;
afterEach(async () => {
  await h.close();
});

const ko = translator('ko');
const vi = translator('vi');
const en = translator('en');

async function quiz(
  locale: Locale,
  where: { guild?: ReturnType<typeof inGuild>; guildLocale?: Locale; privateChannel?: boolean } = {
    guild: inGuild(),
  },
) {
  const responses = await h.interact(h.discord.slashCommand({ name: 'quiz', user: ALICE, locale, ...where }));
  return firstMessage(responses);
}

async function answerFirst(message: SentMessage, guildLocale = Locale.EnglishUS): Promise<SentMessage> {
  const first = buttonsOf(message)[0];
  if (first === undefined) throw new Error('no button');
  const clicked = await h.interact(
    h.discord.buttonClick({
      customId: first.customId,
      user: ALICE,
      message: message as never,
      guild: inGuild(),
      guildLocale,
      locale: Locale.Korean,
    }),
  );
  return asMessage(firstMessage(clicked).payload);
}

describe('the member’s language', () => {
  it('GIVEN Discord in Korean THEN the quiz, its buttons and the feedback are in Korean', async () => {
    h = await createHarness();
    const reply = asMessage((await quiz(Locale.Korean)).payload);
    expect(reply.content).toBe(ko('quiz.start-review', { due: 0, new: 10 }));
    expect(reply.embeds?.[0]?.author?.name).toBe(
      ko('quiz.question-of', { position: 1, total: 10, topic: 'Alpha topic' }),
    );
    const feedback = await answerFirst(reply);
    const text = embedText(feedback);
    expect(text).toContain(ko('quiz.next-review'));
    expect(buttonsOf(feedback).map((b) => b.label)).toContain(ko('quiz.next-button'));
    expect(text).not.toContain(en('quiz.next-review'));
  });

  it('GIVEN Discord in Vietnamese THEN replies are in Vietnamese; GIVEN en-GB THEN English', async () => {
    h = await createHarness();
    expect(asMessage((await quiz(Locale.Vietnamese)).payload).content).toBe(
      vi('quiz.start-review', { due: 0, new: 10 }),
    );
    expect(asMessage((await quiz(Locale.EnglishGB)).payload).content).toBe(en('quiz.start-resumed'));
  });

  it('GIVEN an unknown Discord locale THEN English', async () => {
    h = await createHarness();
    expect(asMessage((await quiz(Locale.German)).payload).content).toBe(
      en('quiz.start-review', { due: 0, new: 10 }),
    );
  });

  it('GIVEN /settings language:vi from a Korean Discord THEN the member’s choice wins from then on', async () => {
    h = await createHarness();
    const saved = await h.interact(
      h.discord.slashCommand({
        name: 'settings',
        user: ALICE,
        locale: Locale.Korean,
        options: { language: 'vi' },
        guild: inGuild(),
      }),
    );
    expect(asMessage(firstMessage(saved).payload).embeds?.[0]?.title).toBe(vi('settings.saved'));
    expect(asMessage((await quiz(Locale.Korean)).payload).content).toBe(
      vi('quiz.start-review', { due: 0, new: 10 }),
    );
    const auto = await h.interact(
      h.discord.slashCommand({
        name: 'settings',
        user: ALICE,
        locale: Locale.Korean,
        options: { language: 'auto' },
        guild: inGuild(),
      }),
    );
    expect(asMessage(firstMessage(auto).payload).embeds?.[0]?.title).toBe(ko('settings.saved'));
  });

  it('GIVEN a member last seen in Korean THEN the daily DM comes in Korean', async () => {
    h = await createHarness();
    await quiz(Locale.Korean);
    h.clock.now = MONDAY_8AM + 61 * 60_000;
    expect(await h.bot.scheduler.runReminders()).toMatchObject({ sent: 1 });
    const post = h.discord.calls
      .filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path))
      .at(-1);
    const dm = asMessage(post?.body as Record<string, unknown>);
    expect(dm.content?.startsWith(ko('reminder.ready', { parts: '' }).trim())).toBe(true);
    expect(dm.embeds?.[0]?.footer?.text).toContain(ko('reminder.hint'));
  });
});

describe('installed to a member’s own account (user install)', () => {
  it('GIVEN /quiz in a DM between other people THEN it works and only the member sees the reply', async () => {
    h = await createHarness();
    const reply = await quiz(Locale.EnglishUS, { privateChannel: true });
    expect(reply.callbackType).toBe(4);
    expect((reply.payload.flags as number) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(asMessage(reply.payload).embeds?.[0]?.author?.name).toMatch(/^Question 1 of 10/);
    // No server joined: the member studies, but on no server's board.
    expect(await h.db.membership.count({ where: { memberId: ALICE.id } })).toBe(0);
  });

  it('GIVEN a server that has not added the bot THEN /stats works ephemerally and /leaderboard says why it cannot', async () => {
    h = await createHarness();
    const where = { guild: inGuild(), install: 'user' as const };
    const stats = await h.interact(h.discord.slashCommand({ name: 'stats', user: ALICE, ...where }));
    expect(stats.some((r) => r.kind === 'edit')).toBe(true);
    const board = await h.interact(h.discord.slashCommand({ name: 'leaderboard', user: ALICE, ...where }));
    expect(board[0]?.payload.content).toBe(en('board.no-bot-here'));
    expect((board[0]?.payload.flags as number) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const group = await h.interact(
      h.discord.slashCommand({
        name: 'group',
        subcommand: 'leaderboard-channel',
        user: ALICE,
        options: { channel: { kind: 'channel', id: '1184000000000000101' } },
        ...where,
      }),
    );
    expect(group[0]?.payload.content).toBe(en('group.no-bot-here'));
    expect(await h.db.membership.count()).toBe(0);
  });
});

describe('a server’s language', () => {
  it('GIVEN a server whose preferred locale is Vietnamese THEN the channel note and the weekly board are in Vietnamese', async () => {
    h = await createHarness();
    const admin = { guild: inGuild(ADMIN_PERMISSIONS), guildLocale: Locale.Vietnamese };
    await h.interact(
      h.discord.slashCommand({
        name: 'group',
        subcommand: 'leaderboard-channel',
        options: { channel: { kind: 'channel', id: GUILD.boardChannel } },
        user: ALICE,
        ...admin,
      }),
    );
    const posts = () =>
      h.discord.calls.filter(
        (c) => c.method === 'POST' && c.path === `/channels/${GUILD.boardChannel}/messages`,
      );
    expect(posts()[0]?.body).toEqual({ content: vi('group.announce') });
    // Every interaction in the server reports its preferred locale, whatever the member's own.
    const reply = asMessage(
      (await quiz(Locale.EnglishUS, { guild: inGuild(), guildLocale: Locale.Vietnamese })).payload,
    );
    await answerFirst(reply, Locale.Vietnamese);
    h.clock.now = MONDAY_8AM + 7 * 86_400_000 + 3_600_000;
    expect(await h.bot.scheduler.runBoards()).toMatchObject({ posted: 1 });
    const board = asMessage(posts().at(-1)?.body as Record<string, unknown>);
    expect(board.embeds?.[0]?.title).toBe(vi('board.weekly-title', { server: GUILD.name }));
  });
});
