import { createApp } from './app.ts';
import { BankError } from './bank/load.ts';
import { ConfigError, loadDotEnv, parseConfig } from './config.ts';
import { runConsole } from './console/run.ts';
import { DatabaseError } from './data/db.ts';
import { createLogger } from './logger.ts';

/**
 * Entry point: with DISCORD_TOKEN the Discord bot, otherwise the console chat on the same
 * database. Expected failures (config, bank, database) print one clear message and exit 1.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const config = parseConfig(process.env);
  const log = createLogger(config.logLevel, [config.discordToken]);
  const app = await createApp(config, log);
  if (config.discordToken !== undefined) {
    const { runBot } = await import('./discord/bot.ts');
    return runBot(app, config, log);
  }
  return runConsole(app, { input: process.stdin, output: process.stdout, log });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      for (const p of error.problems) console.error(`Configuration error: ${p}`);
    } else if (error instanceof BankError) {
      console.error(`Cannot start: ${error.message}`);
    } else if (error instanceof DatabaseError) {
      console.error(`Database error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  },
);
