/**
 * How this process takes part in Discord sharding, from the environment:
 *
 * - nothing set: one process, one gateway connection (up to 2,500 servers);
 * - `SHARDS=auto|N`: this machine runs discord.js's ShardingManager, one process per shard,
 *   N shards in all (auto: as many as Discord recommends);
 * - `SHARD_COUNT=N` with `SHARD_IDS=0,2`: the bot has N shards and this machine runs these
 *   (another machine runs the others), one process each;
 * - a process the manager spawned (SHARDING_MANAGER=true) is one shard: discord.js sets its
 *   SHARDS (the id) and SHARD_COUNT.
 *
 * Pure: the environment in, a plan or the problems (each naming its variable) out.
 */

export type ShardPlan =
  | { kind: 'single' }
  | { kind: 'manager'; total: number | 'auto'; ids: number[] | 'all' }
  | { kind: 'shard'; id: number; count: number };

const WHOLE = /^[1-9]\d{0,5}$/;
const ID = /^(0|[1-9]\d{0,5})$/;

function shardIds(text: string): number[] | null {
  const parts = text.split(',').map((p) => p.trim());
  return parts.every((p) => ID.test(p)) ? [...new Set(parts.map(Number))].sort((a, b) => a - b) : null;
}

/** The plan of a process the ShardingManager spawned (its SHARDS is the shard's id). */
function spawnedShard(env: Record<string, string | undefined>): ShardPlan | string[] {
  const id = env.SHARDS?.trim() ?? '';
  const count = env.SHARD_COUNT?.trim() ?? '';
  if (!ID.test(id) || !WHOLE.test(count) || Number(id) >= Number(count))
    return [`SHARDS: a shard process expects its shard id below SHARD_COUNT (got "${id}" of "${count}")`];
  return { kind: 'shard', id: Number(id), count: Number(count) };
}

export function shardPlan(env: Record<string, string | undefined>): ShardPlan | string[] {
  if (env.SHARDING_MANAGER === 'true') return spawnedShard(env);
  const shards = env.SHARDS?.trim() || undefined;
  const count = env.SHARD_COUNT?.trim() || undefined;
  const ids = env.SHARD_IDS?.trim() || undefined;
  if (shards === undefined && count === undefined && ids === undefined) return { kind: 'single' };
  if (shards !== undefined && (count !== undefined || ids !== undefined))
    return [
      'SHARDS: set either SHARDS (every shard on this machine) or SHARD_COUNT with SHARD_IDS (some of them), not both',
    ];
  if (shards !== undefined) {
    if (shards === 'auto') return { kind: 'manager', total: 'auto', ids: 'all' };
    if (!WHOLE.test(shards))
      return [`SHARDS: expected auto or a whole number of shards, 1 or more (got "${shards}")`];
    return { kind: 'manager', total: Number(shards), ids: 'all' };
  }
  if (count === undefined || !WHOLE.test(count))
    return [`SHARD_COUNT: expected the bot's whole number of shards, 1 or more (got "${count ?? ''}")`];
  if (ids === undefined) return { kind: 'manager', total: Number(count), ids: 'all' };
  const list = shardIds(ids);
  if (list === null) return [`SHARD_IDS: expected shard ids separated by commas, e.g. 0,2 (got "${ids}")`];
  const outside = list.filter((i) => i >= Number(count));
  if (outside.length > 0)
    return [
      `SHARD_IDS: shard ids run from 0 to ${Number(count) - 1} with SHARD_COUNT=${count} (got ${outside.join(', ')})`,
    ];
  return { kind: 'manager', total: Number(count), ids: list };
}
