import { REST } from '@discordjs/rest';
import { type Shard, ShardingManager } from 'discord.js';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';

/**
 * `SHARDS` / `SHARD_COUNT`: this process runs no bot itself; discord.js's ShardingManager
 * starts one process per shard (the same program, the same V8 flags), restarts a shard that
 * exits, and stops them all on SIGINT or SIGTERM. Every shard process opens the database and
 * runs the cron jobs; the database decides who sends what (src/core/leases.ts, claims).
 */

/** Discord's recommended shard count, asked of the API the bot uses (DISCORD_API_URL included). */
export async function recommendedShards(config: Config): Promise<number> {
  const rest = new REST(config.discordApiUrl === undefined ? {} : { api: config.discordApiUrl });
  rest.setToken(config.discordToken ?? '');
  const body = (await rest.get('/gateway/bot')) as { shards?: unknown };
  const shards = Number(body.shards);
  if (!Number.isInteger(shards) || shards < 1) throw new Error('Discord did not say how many shards to run');
  return shards;
}

function watch(shard: Shard, log: Logger): void {
  shard.on('spawn', () => log.info({ shard: shard.id }, 'shard process started'));
  shard.on('ready', () => log.info({ shard: shard.id }, 'shard ready'));
  shard.on('death', (child) => {
    const code = 'exitCode' in child ? child.exitCode : null;
    log.warn({ shard: shard.id, code }, 'shard process exited; it is restarted');
  });
}

export type ManagerOptions = {
  /** Wait between two shards' starts: Discord allows one IDENTIFY per 5 s (max_concurrency 1). */
  spawnDelayMs?: number;
};

/** Runs the shards until SIGINT or SIGTERM; resolves the exit code. */
export async function runShardManager(
  config: Config,
  log: Logger,
  options: ManagerOptions = {},
): Promise<number> {
  const plan = config.sharding;
  if (plan.kind !== 'manager') throw new Error('runShardManager needs SHARDS or SHARD_COUNT');
  const total = plan.total === 'auto' ? await recommendedShards(config) : plan.total;
  const script = process.argv[1];
  if (script === undefined) throw new Error('cannot tell which program to start for each shard');
  const manager = new ShardingManager(script, {
    totalShards: total,
    shardList: plan.ids === 'all' ? 'auto' : plan.ids,
    mode: 'process',
    respawn: true,
    execArgv: process.execArgv,
    ...(config.discordToken === undefined ? {} : { token: config.discordToken }),
  });
  manager.on('shardCreate', (shard) => watch(shard, log));
  const ids = plan.ids === 'all' ? 'all' : plan.ids.join(',');
  log.info({ shards: total, ids }, 'starting shard processes');
  await manager.spawn({ amount: total, delay: options.spawnDelayMs ?? 5_500, timeout: 60_000 });
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      log.info({ signal }, 'stopping shard processes');
      manager.respawn = false;
      // Each shard shuts down in order on SIGTERM (its cron jobs, interactions, gateway, database).
      const exits = [...manager.shards.values()].flatMap((shard) => {
        const child = shard.process;
        if (child === null || child.exitCode !== null) return [];
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill('SIGTERM');
        return [exited];
      });
      void Promise.all(exits).then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
