import { REST, Routes } from 'discord.js';
import type { Config } from '../config.ts';
import { discordCommands } from './commands.ts';

export type DeployResult = {
  scope: 'global' | { guildId: string };
  applicationId: string;
  commands: { id: string; name: string }[];
};

/**
 * Registers every command (PUT replaces the whole set, so removed commands disappear):
 * globally, or to one server when DISCORD_GUILD_ID is set (instant, handy while testing, but
 * such commands do not exist in DMs).
 */
export async function deployCommands(config: Config): Promise<DeployResult> {
  if (config.discordToken === undefined) {
    throw new Error(
      'DISCORD_TOKEN is not set: put the bot token in .env or the environment to deploy commands',
    );
  }
  const rest = new REST(config.discordApiUrl === undefined ? {} : { api: config.discordApiUrl }).setToken(
    config.discordToken,
  );
  const application = (await rest.get(Routes.currentApplication())) as { id: string };
  const route =
    config.discordGuildId === undefined
      ? Routes.applicationCommands(application.id)
      : Routes.applicationGuildCommands(application.id, config.discordGuildId);
  const registered = (await rest.put(route, { body: discordCommands() })) as { id: string; name: string }[];
  return {
    scope: config.discordGuildId === undefined ? 'global' : { guildId: config.discordGuildId },
    applicationId: application.id,
    commands: registered.map((c) => ({ id: c.id, name: c.name })),
  };
}
