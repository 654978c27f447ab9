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
      'exam',
      'fact',
      'compare',
      'undo',
      'leech',
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
      options: [
        {
          name: 'period',
          type: 'string',
          choices: { values: Array.from({ length: 26 }, (_, i) => `p${i}`), catalogue: 'periods' },
        },
      ],
    };
    expect(() => commandBuilder(tooMany).toJSON()).toThrow();
  });

  it('GIVEN the definitions WHEN converted THEN contexts, install type, permissions, autocomplete, choices and limits are as Discord expects', () => {
    const json = Object.fromEntries(discordCommands().map((c) => [c.name, c]));
    // The study commands work wherever the app is: servers, its DM, other DMs and group DMs.
    const anywhere = [
      InteractionContextType.Guild,
      InteractionContextType.BotDM,
      InteractionContextType.PrivateChannel,
    ];
    for (const name of [
      'quiz',
      'exam',
      'fact',
      'compare',
      'stats',
      'settings',
      'forget-me',
      'undo',
      'leech',
    ]) {
      expect(json[name]?.contexts, name).toEqual(anywhere);
    }
    expect(json.leaderboard?.contexts).toEqual([InteractionContextType.Guild]);
    expect(json.group?.contexts).toEqual([InteractionContextType.Guild]);
    for (const c of Object.values(json)) {
      // Installed to a server, or by a member to their own account.
      expect(c.integration_types).toEqual([
        ApplicationIntegrationType.GuildInstall,
        ApplicationIntegrationType.UserInstall,
      ]);
      expect(c.default_member_permissions, c.name).toBe(
        c.name === 'group' ? PermissionFlagsBits.ManageGuild.toString() : null,
      );
    }

    expect(json.quiz?.options).toEqual([
      {
        type: ApplicationCommandOptionType.String,
        name: 'topic',
        name_localizations: { ko: '주제', vi: 'chủ-đề' },
        description: 'Only questions from this topic',
        description_localizations: {
          ko: '이 주제의 문제만',
          vi: 'Chỉ câu hỏi thuộc chủ đề này',
        },
        required: false,
        autocomplete: true,
        max_length: 100,
      },
      expect.objectContaining({
        type: ApplicationCommandOptionType.String,
        name: 'mode',
        required: false,
        choices: ['due', 'weak', 'new', 'ahead'].map((value) => expect.objectContaining({ value })),
      }),
    ]);
    expect(json.exam?.options).toEqual([
      expect.objectContaining({
        name: 'questions',
        type: ApplicationCommandOptionType.Integer,
        min_value: 5,
        max_value: 65,
      }),
      expect.objectContaining({
        name: 'minutes',
        type: ApplicationCommandOptionType.Integer,
        min_value: 5,
        max_value: 180,
      }),
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
        expect.objectContaining({ name: 'This week', value: 'week' }),
        expect.objectContaining({ name: 'This month', value: 'month' }),
        expect.objectContaining({ name: 'All time', value: 'all' }),
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
      expect.objectContaining({
        name: 'language',
        type: ApplicationCommandOptionType.String,
        choices: ['auto', 'en', 'ko', 'vi'].map((value) => expect.objectContaining({ value })),
      }),
      expect.objectContaining({
        name: 'leech_threshold',
        type: ApplicationCommandOptionType.Integer,
        min_value: 0,
        max_value: 99,
      }),
    ]);
    expect(json.group?.options).toEqual([
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'leaderboard-channel',
        name_localizations: expect.any(Object),
        description: 'Where the weekly leaderboard is posted',
        description_localizations: expect.any(Object),
        options: [
          expect.objectContaining({
            type: ApplicationCommandOptionType.Channel,
            name: 'channel',
            description: 'A text channel',
            required: true,
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
          }),
        ],
      },
    ]);
    expect(json.stats?.options).toEqual([]);
    expect(json.undo?.options).toEqual([]);
    expect(json.leech?.options?.[0]).toMatchObject({
      name: 'question',
      type: ApplicationCommandOptionType.String,
      required: false,
      autocomplete: true,
    });
  });

  it('GIVEN the commands payload THEN every command, subcommand, option and choice carries Korean and Vietnamese names and descriptions', () => {
    type Localized = {
      name: string;
      description?: string;
      name_localizations?: Record<string, string>;
      description_localizations?: Record<string, string>;
    };
    const check = (x: Localized, what: string, withDescription = true) => {
      for (const locale of ['ko', 'vi']) {
        expect(x.name_localizations?.[locale], `${what} name ${locale}`).toMatch(/\S/);
        if (withDescription)
          expect(x.description_localizations?.[locale], `${what} description ${locale}`).toMatch(/\S/);
      }
    };
    const walk = (options: unknown[] | undefined, where: string) => {
      for (const o of (options ?? []) as (Localized & { options?: unknown[]; choices?: Localized[] })[]) {
        check(o, `${where} ${o.name}`);
        for (const c of o.choices ?? []) check(c, `${where} ${o.name} choice ${c.name}`, false);
        walk(o.options, `${where} ${o.name}`);
      }
    };
    const all = discordCommands();
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) {
      check(c as Localized, c.name);
      walk(c.options, c.name);
    }
    const quiz = all.find((c) => c.name === 'quiz');
    expect(quiz?.name_localizations).toEqual({ ko: '퀴즈', vi: 'ôn-tập' });
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
