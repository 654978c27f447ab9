// npm run commands:deploy: registers the slash commands with Discord, globally or (with
// DISCORD_GUILD_ID) to one server, and prints what was registered.
import { DiscordAPIError } from 'discord.js';
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { deployCommands } from '../src/discord/deploy.ts';

async function main(): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  if (config.discordToken === undefined) {
    console.error('DISCORD_TOKEN is not set. Put the bot token (Developer Portal > your app > Bot) in .env.');
    return 1;
  }
  const result = await deployCommands(config);
  const where =
    result.scope === 'global'
      ? 'globally (may take a few minutes to show up)'
      : `to server ${result.scope.guildId}`;
  console.log(
    `Registered ${result.commands.length} commands ${where} for application ${result.applicationId}:`,
  );
  for (const c of result.commands) console.log(`  /${c.name}  (${c.id})`);
  if (result.scope !== 'global') {
    console.log('Server commands do not exist in DMs; deploy without DISCORD_GUILD_ID to use /quiz in DMs.');
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      for (const p of error.problems) console.error(`Configuration error: ${p}`);
    } else if (error instanceof DiscordAPIError) {
      const hint = error.status === 401 ? ' (is DISCORD_TOKEN the bot token, not the client secret?)' : '';
      console.error(`Discord refused: ${error.status} ${error.message}${hint}`);
    } else {
      console.error(`Cannot deploy commands: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exitCode = 1;
  },
);
