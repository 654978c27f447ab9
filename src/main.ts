import { createApp } from './app.ts';
import { BankError } from './bank/load.ts';
import { type Config, ConfigError, loadDotEnv, parseConfig } from './config.ts';
import { runConsole } from './console/run.ts';
import { DatabaseError, describeCause, faultOf } from './data/errors.ts';
import { explainDatabaseFailure } from './data/startup.ts';
import { createLogger, type Logger } from './logger.ts';

/**
 * Entry point: with DISCORD_TOKEN the Discord bot, otherwise the console chat on the same
 * database. Every failure that ends the program is one line on stderr and exit code 1 (the
 * details, a stack included, go to the log).
 */

let config: Config | undefined;
let log: Logger | undefined;

async function main(): Promise<number> {
  loadDotEnv();
  config = parseConfig(process.env);
  log = createLogger(config.logLevel, [config.discordToken], process.stderr, config.logFormat);
  if (config.sharding.kind === 'shard') log = log.child({ shard: config.sharding.id });
  if (config.sharding.kind === 'manager') {
    const { runShardManager } = await import('./sharding/manager.ts');
    return runShardManager(config, log);
  }
  const app = await createApp(config, log);
  if (config.discordToken !== undefined) {
    const { runBot } = await import('./discord/bot.ts');
    return runBot(app, config, log);
  }
  const terminal = { memberName: config.consoleUser, language: config.terminalLanguage };
  return runConsole(app, { input: process.stdin, output: process.stdout, log, ...terminal });
}

/** The lines that say why the program stopped; null for a fault nobody foresaw (a bug). */
function explained(error: unknown): string[] | null {
  if (error instanceof ConfigError) return error.problems.map((p) => `Configuration error: ${p}`);
  if (error instanceof BankError) return [`Cannot start: ${error.message}`];
  if (error instanceof DatabaseError) return [`Database error: ${error.message}`];
  if (config !== undefined && faultOf(error) !== null) {
    const { message } = explainDatabaseFailure(config.database, error, config.databaseBusyTimeoutMs);
    return [`Database error: ${message}`];
  }
  return null;
}

main().then(
  (code) => {
    process.exitCode = code;
    // A shard's IPC channel to its manager would keep this process alive after a clean stop.
    if (process.connected) process.disconnect();
  },
  (error: unknown) => {
    const lines = explained(error);
    if (lines !== null) for (const line of lines) console.error(line);
    else {
      console.error(`Stopped: ${describeCause(error)} (details in the log)`);
      log?.fatal({ err: error }, 'stopped by an unexpected error');
    }
    process.exitCode = 1;
  },
);
