import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import type { App } from '../app.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { type Scheduler, startScheduler } from '../scheduler/scheduler.ts';
import { describeError } from './errors.ts';
import { createInteractionHandler } from './router.ts';
import { createDiscordSender } from './sender.ts';

/**
 * The Discord transport: a discord.js client whose interactions go to the core, plus the
 * scheduler (daily quiz DMs, weekly leaderboard) sending through the same client.
 */

export type BotOptions = {
  /** Defer an interaction not answered after this many ms (Discord allows 3 s). */
  deferAfterMs?: number;
  /** DMs sent at once in a reminder round. */
  reminderConcurrency?: number;
  /** How long stop() waits for interactions in progress. */
  shutdownGraceMs?: number;
};

export type Bot = {
  client: Client<true>;
  scheduler: Scheduler;
  /** Stops the cron jobs, lets interactions in progress finish, and disconnects. */
  stop(): Promise<void>;
};

/**
 * Intents: Guilds only (not privileged). Interactions reach a bot whatever its intents, and the
 * bot reads no messages, so neither DirectMessages nor any privileged intent is needed; Guilds
 * keeps server names and channels cached.
 */
export const INTENTS = [GatewayIntentBits.Guilds];

/** A client with the bot's intents, its REST pointed at DISCORD_API_URL when set, and its events logged. */
function createClient(config: Config, log: Logger): Client {
  const client = new Client({
    intents: INTENTS,
    ...(config.discordApiUrl === undefined ? {} : { rest: { api: config.discordApiUrl } }),
  });
  client.on(Events.Error, (error) => log.error({ error: describeError(error) }, 'Discord client error'));
  client.on(Events.Warn, (message) => log.warn({ discord: message }, 'Discord client warning'));
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn({ shard, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardResume, (shard) => log.info({ shard }, 'gateway resumed'));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      {
        route: info.route,
        method: info.method,
        retryAfterMs: info.retryAfter,
        global: info.global,
        scope: info.scope,
      },
      'Discord rate limit: waiting before retrying',
    ),
  );
  return client;
}

/** Routes interactions to the handler and keeps track of those in progress, for a clean stop. */
function acceptInteractions(client: Client, app: App, log: Logger, deferAfterMs: number) {
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  const handle = createInteractionHandler({ ctx: app.ctx, log, client, deferAfterMs });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    const run = handle(interaction)
      .catch((error: unknown) => log.error({ error: describeError(error) }, 'interaction handler crashed'))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  });
  return {
    stopAccepting(): void {
      accepting = false;
    },
    /** Waits (at most `graceMs`) for the interactions in progress. */
    async drain(graceMs: number): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
      if (outcome === 'timeout')
        log.warn({ pending: inFlight.size }, 'interactions still running at shutdown');
    },
  };
}

async function login(client: Client, token: string): Promise<Client<true>> {
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(token);
    return await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
}

export async function startBot(
  app: App,
  config: Config,
  log: Logger,
  options: BotOptions = {},
): Promise<Bot> {
  const token = config.discordToken;
  if (token === undefined)
    throw new Error('DISCORD_TOKEN is not set: the Discord bot cannot start without it');
  const client = createClient(config, log);
  const interactions = acceptInteractions(client, app, log, options.deferAfterMs ?? 2_000);
  const readyClient = await login(client, token);
  const sender = createDiscordSender(client, log);
  const scheduler = startScheduler({
    ctx: app.ctx,
    log,
    reminderCron: config.reminderCron,
    leaderboardCron: config.leaderboardCron,
    sender,
    poster: sender,
    ...(options.reminderConcurrency === undefined ? {} : { concurrency: options.reminderConcurrency }),
  });
  let stopping: Promise<void> | null = null;
  return {
    client: readyClient,
    scheduler,
    stop() {
      stopping ??= (async () => {
        interactions.stopAccepting();
        await scheduler.stop();
        await interactions.drain(options.shutdownGraceMs ?? 10_000);
        await client.destroy();
      })();
      return stopping;
    },
  };
}

/**
 * `npm start` with DISCORD_TOKEN: runs until SIGINT or SIGTERM, then shuts down in order
 * (cron jobs, interactions in progress, gateway, database) and resolves the exit code.
 */
export async function runBot(app: App, config: Config, log: Logger): Promise<number> {
  let bot: Bot;
  try {
    bot = await startBot(app, config, log);
  } catch (error) {
    log.fatal({ error: describeError(error) }, 'cannot connect to Discord');
    console.error(`Cannot connect to Discord: ${error instanceof Error ? error.message : String(error)}`);
    await app.close();
    return 1;
  }
  log.info(
    { user: bot.client.user.tag, servers: bot.client.guilds.cache.size },
    'Discord bot ready (Ctrl-C to stop)',
  );
  const onRejection = (reason: unknown) => log.error({ error: describeError(reason) }, 'unhandled rejection');
  process.on('unhandledRejection', onRejection);

  return new Promise<number>((resolve) => {
    const shutdown = (signal: NodeJS.Signals | 'manager gone') => {
      process.off('SIGINT', shutdown);
      process.off('SIGTERM', shutdown);
      process.off('disconnect', orphaned);
      log.info({ signal }, 'shutting down');
      void stopAll(bot, app, log).then((code) => {
        process.off('unhandledRejection', onRejection);
        resolve(code);
      });
    };
    // A shard whose manager died (its IPC channel closed) stops, rather than run unsupervised
    // beside the shard a restarted manager would start in its place.
    const orphaned = () => shutdown('manager gone');
    process.on('SIGINT', shutdown);
    process.on('SIGTERM', shutdown);
    if (process.connected) process.once('disconnect', orphaned);
  });
}

async function stopAll(bot: Bot, app: App, log: Logger): Promise<number> {
  let code = 0;
  try {
    await bot.stop();
  } catch (error) {
    log.error({ error: describeError(error) }, 'error while stopping the bot');
    code = 1;
  }
  await app.close();
  log.info('stopped');
  return code;
}
