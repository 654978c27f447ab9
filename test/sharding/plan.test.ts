import { describe, expect, it } from 'vitest';
import { shardPlan } from '../../src/sharding/plan.ts';

/** How a process takes part in sharding, from SHARDS, SHARD_COUNT and SHARD_IDS. */

describe('the shard plan', () => {
  it('GIVEN none of the variables THEN one process with one gateway connection', () => {
    expect(shardPlan({})).toEqual({ kind: 'single' });
    expect(shardPlan({ SHARDS: ' ', SHARD_IDS: '' })).toEqual({ kind: 'single' });
  });

  it('GIVEN SHARDS=auto or a number THEN this machine runs every shard under the manager', () => {
    expect(shardPlan({ SHARDS: 'auto' })).toEqual({ kind: 'manager', total: 'auto', ids: 'all' });
    expect(shardPlan({ SHARDS: '4' })).toEqual({ kind: 'manager', total: 4, ids: 'all' });
  });

  it('GIVEN SHARD_COUNT with SHARD_IDS THEN this machine runs those shards, sorted and once each', () => {
    expect(shardPlan({ SHARD_COUNT: '6', SHARD_IDS: '4, 0,2,0' })).toEqual({
      kind: 'manager',
      total: 6,
      ids: [0, 2, 4],
    });
    expect(shardPlan({ SHARD_COUNT: '3' })).toEqual({ kind: 'manager', total: 3, ids: 'all' });
  });

  it('GIVEN a process the manager spawned THEN it is the one shard discord.js named', () => {
    expect(shardPlan({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' })).toEqual({
      kind: 'shard',
      id: 1,
      count: 2,
    });
  });

  it.each([
    [{ SHARDS: '0' }, 'SHARDS: expected auto or a whole number of shards, 1 or more (got "0")'],
    [{ SHARDS: 'two' }, 'SHARDS: expected auto or a whole number of shards, 1 or more (got "two")'],
    [{ SHARDS: '-1' }, 'SHARDS: expected auto or a whole number of shards, 1 or more (got "-1")'],
    [
      { SHARDS: '2', SHARD_COUNT: '2' },
      'SHARDS: set either SHARDS (every shard on this machine) or SHARD_COUNT with SHARD_IDS (some of them), not both',
    ],
    [{ SHARD_IDS: '0' }, `SHARD_COUNT: expected the bot's whole number of shards, 1 or more (got "")`],
    [
      { SHARD_COUNT: '0', SHARD_IDS: '0' },
      `SHARD_COUNT: expected the bot's whole number of shards, 1 or more (got "0")`,
    ],
    [
      { SHARD_COUNT: '4', SHARD_IDS: '0,x' },
      'SHARD_IDS: expected shard ids separated by commas, e.g. 0,2 (got "0,x")',
    ],
    [
      { SHARD_COUNT: '4', SHARD_IDS: '1,4,7' },
      'SHARD_IDS: shard ids run from 0 to 3 with SHARD_COUNT=4 (got 4, 7)',
    ],
    [
      { SHARDING_MANAGER: 'true', SHARDS: '2', SHARD_COUNT: '2' },
      'SHARDS: a shard process expects its shard id below SHARD_COUNT (got "2" of "2")',
    ],
  ])('GIVEN %o THEN one problem naming the variable and what it expects', (env, problem) => {
    expect(shardPlan(env)).toEqual([problem]);
  });
});
