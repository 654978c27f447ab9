import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../src/commands/registry.ts';
import type { Command } from '../../src/commands/types.ts';
import { parseConfig } from '../../src/config.ts';
import { commandBuilder, discordCommands } from '../../src/discord/commands.ts';
import { deployCommands } from '../../src/discord/deploy.ts';
import type { T } from '../../src/i18n/index.ts';
import { type DiscordDouble, startDiscordDouble } from '../support/discord-double.ts';
import { GUILD, TOKEN } from './harness.ts';

describe('command definitions as Discord application commands', () => {
  it('GIVEN every definition WHEN built with the discord.js builders THEN validation passes and every command is present', () => {
    for (const def of COMMANDS) expect(() => commandBuilder(def).toJSON(), def.name).not.toThrow();
    expect(discordCommands().map((c) => c.name)).toEqual([
      'quiz',
      'fact',
      'compare',
      'leaderboard',
      'stats',
      'settings',
      'group',
      'forget-me',
    ]);
  });

  it('GIVEN a definition Discord would refuse WHEN built THEN the builders throw', () => {
    const stats = findCommand('stats') as Command;
    const bad: Command = { ...stats, name: 'Stats Now' };
    expect(() => commandBuilder(bad).toJSON()).toThrow();
    // A description past Discord's 100 characters, as a long translation would be.
    const wordy: T = Object.assign(() => 'x'.repeat(101), { locale: 'en' as const });
    expect(() => commandBuilder(stats, wordy).toJSON()).toThrow();
    const tooMany: Command = {
      ...(findCommand('leaderboard') as Command),
      options: [{ name: 'period', type: 'string', choices: Array.from({ length: 26 }, (_, i) => `p${i}`) }],
    };
    expect(() => commandBuilder(tooMany).toJSON()).toThrow();
  });

  it('GIVEN the definitions WHEN converted THEN contexts, install type, permissions, autocomplete, choices and limits are as Discord expects', () => {
    const json = Object.fromEntries(discordCommands().map((c) => [c.name, c]));
    const both = [InteractionContextType.Guild, InteractionContextType.BotDM];
    for (const name of ['quiz', 'fact', 'compare', 'stats', 'settings', 'forget-me']) {
      expect(json[name]?.contexts, name).toEqual(both);
    }
    expect(json.leaderboard?.contexts).toEqual([InteractionContextType.Guild]);
    expect(json.group?.contexts).toEqual([InteractionContextType.Guild]);
    for (const c of Object.values(json)) {
      expect(c.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
      expect(c.default_member_permissions, c.name).toBe(
        c.name === 'group' ? PermissionFlagsBits.ManageGuild.toString() : null,
      );
    }

    expect(json.quiz?.options).toEqual([
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        description: 'Only questions from this topic',
        required: false,
        autocomplete: true,
        max_length: 100,
      },
    ]);
    expect(
      json.fact?.options?.map((o) => [
        o.name,
        'required' in o && o.required,
        'autocomplete' in o && o.autocomplete,
      ]),
    ).toEqual([
      ['service', true, true],
      ['topic', false, true],
    ]);
    expect(json.compare?.options?.[0]).toMatchObject({
      name: 'comparison',
      required: true,
      autocomplete: true,
    });
    expect(json.leaderboard?.options?.[0]).toMatchObject({
      name: 'period',
      choices: [
        { name: 'This week', value: 'week' },
        { name: 'This month', value: 'month' },
        { name: 'All time', value: 'all' },
      ],
    });
    expect(json.settings?.options).toEqual([
      expect.objectContaining({
        name: 'timezone',
        type: ApplicationCommandOptionType.String,
        autocomplete: true,
        max_length: 64,
      }),
      expect.objectContaining({
        name: 'reminder_time',
        type: ApplicationCommandOptionType.String,
        max_length: 5,
      }),
      expect.objectContaining({ name: 'reminders', type: ApplicationCommandOptionType.Boolean }),
      expect.objectContaining({
        name: 'new_per_day',
        type: ApplicationCommandOptionType.Integer,
        min_value: 0,
        max_value: 50,
      }),
    ]);
    expect(json.group?.options).toEqual([
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'leaderboard-channel',
        description: 'Where the weekly leaderboard is posted',
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            description: 'A text channel',
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          },
        ],
      },
    ]);
    expect(json.stats?.options).toEqual([]);
  });
});

describe('npm run commands:deploy', () => {
  let discord: DiscordDouble;
  beforeAll(async () => {
    discord = await startDiscordDouble({ token: TOKEN });
  });
  afterAll(async () => {
    await discord.close();
  });

  const config = (env: Record<string, string>) =>
    parseConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'silent', ...env });

  it('GIVEN no DISCORD_GUILD_ID WHEN deploying THEN every command is PUT globally and the result lists them', async () => {
    const result = await deployCommands(config({}));
    const put = discord.calls.find(
      (c) => c.method === 'PUT' && c.path === `/applications/${discord.applicationId}/commands`,
    );
    expect(put?.body).toEqual(discordCommands());
    expect(result.scope).toBe('global');
    expect(result.commands.map((c) => c.name)).toEqual(discordCommands().map((c) => c.name));
  });

  it('GIVEN DISCORD_GUILD_ID WHEN deploying THEN the commands go to that server only', async () => {
    const result = await deployCommands(config({ DISCORD_GUILD_ID: GUILD.id }));
    expect(result.scope).toEqual({ guildId: GUILD.id });
    expect(
      discord.calls.some(
        (c) =>
          c.method === 'PUT' &&
          c.path === `/applications/${discord.applicationId}/guilds/${GUILD.id}/commands`,
      ),
    ).toBe(true);
  });

  it('GIVEN no DISCORD_TOKEN WHEN deploying THEN it stops with a clear message before any request', async () => {
    const before = discord.calls.length;
    await expect(deployCommands(parseConfig({ DISCORD_API_URL: discord.apiUrl }))).rejects.toThrow(
      /DISCORD_TOKEN is not set/,
    );
    expect(discord.calls.length).toBe(before);
  });
});
