import { Client, DiscordAPIError, GatewayIntentBits, type Interaction, RESTEvents } from 'discord.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  cannotMessageUserResponse,
  type DiscordDouble,
  rateLimitedResponse,
  startDiscordDouble,
} from './discord-double.ts';

const GUILD_ID = '1184000000000000100';
const CHANNEL_ID = '1184000000000000101';
const ALICE = { id: '1184000000000000200', username: 'alice' };

let discord: DiscordDouble;
let client: Client;

async function bootClient(): Promise<Client> {
  const bot = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    rest: { api: discord.apiUrl },
  });
  // discord.js only strips a "Bot " prefix and splits on dots for logging; any string works.
  await bot.login('test-token.abc.def');
  await discord.ready();
  return bot;
}

/** Runs `handler` on the next interaction and resolves when it has finished. */
function onNextInteraction(bot: Client, handler: (interaction: Interaction) => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    bot.once('interactionCreate', (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

beforeAll(async () => {
  discord = await startDiscordDouble({
    guilds: [{ id: GUILD_ID, name: 'Study Group', channels: [{ id: CHANNEL_ID, name: 'quiz' }] }],
  });
});

afterAll(async () => {
  await discord.close();
});

describe('Discord double with a real discord.js Client', () => {
  beforeEach(async () => {
    client = await bootClient();
  });

  afterEach(async () => {
    await client.destroy();
  });

  it('GIVEN a real discord.js Client WHEN it logs in THEN it reaches READY with the configured guild cached', () => {
    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(discord.botUserId);
    expect(client.application?.id).toBe(discord.applicationId);
    expect(client.guilds.cache.get(GUILD_ID)?.name).toBe('Study Group');
    expect(discord.calls.some((call) => call.method === 'GET' && call.path === '/gateway/bot')).toBe(true);
    expect(discord.identifies.at(-1)?.token).toBe('test-token.abc.def');
  });

  it('GIVEN a slash command WHEN the bot replies ephemerally THEN a type 4 callback with flags 64 is recorded', async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error(`unexpected ${interaction.type}`);
      expect(interaction.commandName).toBe('quiz');
      expect(interaction.options.getString('topic')).toBe('dynamodb');
      expect(interaction.options.getInteger('count')).toBe(5);
      expect(interaction.options.getBoolean('private')).toBe(true);
      expect(interaction.options.getChannel('where')?.id).toBe(CHANNEL_ID);
      expect(interaction.options.getSubcommand()).toBe('start');
      expect(interaction.guildId).toBe(GUILD_ID);
      expect(interaction.user.username).toBe('alice');
      await interaction.reply({ content: 'hi', ephemeral: true });
    });
    const { id } = discord.dispatchInteraction(
      discord.slashCommand({
        name: 'quiz',
        subcommand: 'start',
        options: { topic: 'dynamodb', count: 5, private: true, where: { kind: 'channel', id: CHANNEL_ID } },
        user: ALICE,
        guild: { id: GUILD_ID },
      }),
    );
    await handled;

    const [response] = discord.interactionResponses(id);
    expect(response).toMatchObject({
      kind: 'callback',
      callbackType: 4,
      payload: { content: 'hi', flags: 64 },
    });
  });

  it('GIVEN a slash command in a DM WHEN the bot defers then edits THEN type 5 and a PATCH @original are recorded', async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      expect(interaction.inGuild()).toBe(false);
      await interaction.deferReply();
      const message = await interaction.editReply({ content: 'done' });
      expect(message.content).toBe('done');
      await interaction.followUp({ content: 'one more' });
    });
    const { id } = discord.dispatchInteraction(discord.slashCommand({ name: 'stats', user: ALICE }));
    await handled;

    expect(discord.interactionResponses(id).map((r) => [r.kind, r.callbackType, r.messageId])).toEqual([
      ['callback', 5, null],
      ['edit', null, '@original'],
      ['followup', null, null],
    ]);
  });

  it('GIVEN a button click WHEN the bot updates the message THEN a type 7 callback is recorded', async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected a button');
      expect(interaction.customId).toBe('answer:q1:b');
      expect(interaction.message.content).toBe('Which engine?');
      await interaction.update({ content: 'Correct!', components: [] });
    });
    const { id } = discord.dispatchInteraction(
      discord.buttonClick({
        customId: 'answer:q1:b',
        user: ALICE,
        guild: { id: GUILD_ID },
        message: { content: 'Which engine?' },
      }),
    );

    const response = await discord.waitForResponse(id);
    await handled;
    expect(response).toMatchObject({ callbackType: 7, payload: { content: 'Correct!', components: [] } });
  });

  it('GIVEN a modal submit WHEN the bot reads a field THEN getTextInputValue returns it', async () => {
    let answer = '';
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected a modal submit');
      answer = interaction.fields.getTextInputValue('answer');
      await interaction.reply({ content: 'noted' });
    });
    const { id } = discord.dispatchInteraction(
      discord.modalSubmit({ customId: 'free-text:q7', fields: { answer: 'Aurora' }, user: ALICE }),
    );
    await handled;

    expect(answer).toBe('Aurora');
    expect(discord.interactionResponses(id)[0]?.callbackType).toBe(4);
  });

  it('GIVEN an autocomplete WHEN the bot responds THEN a type 8 callback with the choices is recorded', async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      expect(interaction.options.getFocused(true)).toMatchObject({ name: 'topic', value: 'dyn' });
      await interaction.respond([{ name: 'DynamoDB', value: 'dynamodb' }]);
    });
    const { id } = discord.dispatchInteraction(
      discord.autocomplete({
        name: 'quiz',
        options: { topic: 'dyn' },
        focused: 'topic',
        user: ALICE,
        guild: { id: GUILD_ID },
      }),
    );
    await handled;

    expect(discord.interactionResponses(id)[0]).toMatchObject({
      callbackType: 8,
      payload: { choices: [{ name: 'DynamoDB', value: 'dynamodb' }] },
    });
  });

  it('GIVEN a user WHEN the bot DMs them THEN it opens the DM channel then posts to it', async () => {
    const dm = await client.users.createDM(ALICE.id);
    const message = await dm.send('Your daily quiz is ready');

    expect(dm.id).toBe(discord.dmChannelId(ALICE.id));
    const open = await discord.waitForCall((c) => c.method === 'POST' && c.path === '/users/@me/channels');
    expect(open.body).toEqual({ recipient_id: ALICE.id });
    const post = await discord.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${dm.id}/messages`,
    );
    expect(post.body).toMatchObject({ content: 'Your daily quiz is ready' });
    expect(discord.calls.indexOf(open)).toBeLessThan(discord.calls.indexOf(post));
    expect(message.id).toMatch(/^\d{17,19}$/);
  });

  it('GIVEN a 429 on the messages route WHEN the bot sends THEN discord.js waits, retries and succeeds', async () => {
    const rateLimited = new Promise((resolve) => client.rest.once(RESTEvents.RateLimited, resolve));
    discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/ },
      rateLimitedResponse(0.2),
    );
    const before = discord.calls.length;

    const message = await (await client.users.createDM(ALICE.id)).send('retry me');

    const posts = discord.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && c.path.endsWith('/messages'));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(message.content).toBe('retry me');
    await expect(rateLimited).resolves.toMatchObject({ retryAfter: expect.any(Number) });
  });

  it('GIVEN a user with DMs closed WHEN the bot DMs them THEN a DiscordAPIError with code 50007 surfaces', async () => {
    discord.failNext(
      { method: 'POST', pathPattern: /^\/channels\/\d+\/messages$/ },
      cannotMessageUserResponse(),
    );
    const dm = await client.users.createDM(ALICE.id);

    const error = await dm.send('hello?').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50007, status: 403 });
  });

  it('GIVEN an attachment WHEN the bot sends it THEN the file bytes are recorded', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const channel = await client.channels.fetch(CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('expected a sendable channel');

    const message = await channel.send({ content: 'chart', files: [{ attachment: bytes, name: 'x.png' }] });

    const call = await discord.waitForCall((c) => c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(call.body).toMatchObject({ content: 'chart' });
    expect(call.files).toHaveLength(1);
    expect(call.files[0]).toMatchObject({ name: 'x.png', contentType: 'image/png' });
    expect(call.files[0]?.data.equals(bytes)).toBe(true);
    expect(message.attachments.first()?.name).toBe('x.png');
  });

  it('GIVEN an interaction already replied to WHEN the bot replies again via REST THEN Discord-style 40060 is returned', async () => {
    const handled = onNextInteraction(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a command');
      await interaction.reply({ content: 'first', withResponse: true });
      const again = await client.rest
        .post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
          body: { type: 4, data: { content: 'second' } },
          auth: false,
        })
        .catch((e: unknown) => e);
      expect(again).toMatchObject({ code: 40060 });
    });
    discord.dispatchInteraction(discord.slashCommand({ name: 'quiz', user: ALICE, guild: { id: GUILD_ID } }));
    await handled;
  });
});

describe('Discord double across bot restarts', () => {
  it('GIVEN a bot that was destroyed WHEN a new Client logs in THEN it becomes ready and receives interactions', async () => {
    const first = await bootClient();
    await first.destroy();
    const second = await bootClient();
    try {
      const handled = onNextInteraction(second, async (interaction) => {
        if (!interaction.isChatInputCommand()) throw new Error('expected a command');
        await interaction.reply('back');
      });
      discord.dispatchInteraction(discord.slashCommand({ name: 'quiz', user: ALICE }));
      await handled;
      expect(discord.connectedClients()).toBe(1);
    } finally {
      await second.destroy();
    }
  });

  it('GIVEN no matching call WHEN waitForCall times out THEN the error lists recent calls', async () => {
    await expect(discord.waitForCall((c) => c.path === '/nope', 50)).rejects.toThrow(/Last \d+ of \d+ calls/);
  });
});
