import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import { ALICE, defaultGuilds, GUILD, TOKEN } from '../discord/harness.ts';
import { FIXTURE_BANK, makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import {
  busiestSecond,
  type DiscordDouble,
  type RecordedCall,
  shardOf,
  startDiscordDouble,
} from '../support/discord-double.ts';
import { BUNDLE, ROOT, START_FLAGS } from '../support/process.ts';

/**
 * `SHARDS=2` as a real deployment runs it: discord.js's ShardingManager and two shard processes
 * on one database (PostgreSQL where the run has a server), against the Discord double. Each
 * shard answers the interactions of its own servers; the daily DMs of 300 members go out once
 * each, never faster than Discord's global limit, and a sender killed mid-round is taken over.
 */

const provider = inject('postgres') === null ? 'sqlite' : 'postgresql';
const MEMBERS = 300;
/** A server whose events Discord sends to shard 1 of 2 (the others are on shard 0). */
const FAR_GUILD = { id: '1184000000004194404', name: 'Far Server', channel: '1184000000004194405' };

let discord: DiscordDouble;
let db: TestDb;
let manager: ChildProcess;
let output = '';
const started: ChildProcess[] = [];

const memberId = (i: number) => String(1185000000000000000n + BigInt(i));
const ids = Array.from({ length: MEMBERS }, (_, i) => memberId(i));
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output.slice(-4000)}`);
    await wait(100);
  }
}

/** 300 members whose daily quiz DM is due now, written through the core as the bot would. */
async function membersDue(): Promise<void> {
  const ctx = makeContext(db.store, new TestClock(Date.now()));
  for (let i = 0; i < MEMBERS; i++)
    await ensureMember(ctx, { memberId: memberId(i), displayName: `M${i}`, locale: null, group: null });
  await db.prisma.member.updateMany({
    where: { id: { in: ids } },
    data: { nextReminderAt: new Date(Date.now() - 60_000) },
  });
}

function startManager(shards: number): ChildProcess {
  const proc = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: discord.apiUrl,
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      QUESTIONS_DIR: FIXTURE_BANK,
      LOG_LEVEL: 'info',
      SHARDS: String(shards),
      // Off until the DM test switches it on by making members due (every 2 s: a round per tick).
      REMINDER_CRON: '*/2 * * * * *',
      LEADERBOARD_CRON: '0 0 1 1 *',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that the test can always end the manager and its shards.
    detached: true,
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  proc.stdout?.on('data', collect);
  proc.stderr?.on('data', collect);
  started.push(proc);
  return proc;
}

function killGroup(proc: ChildProcess): void {
  try {
    if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** The processes the manager started (its shards). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map(Number);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const isDm = (c: RecordedCall) =>
  c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status < 300;

/** Waits until the DMs stop (nothing new for 4 s) with every member claimed. */
async function roundFinished(dms: () => number): Promise<void> {
  let last = -1;
  const deadline = Date.now() + 90_000;
  for (;;) {
    const now = dms();
    const claimed = await db.prisma.reminderDelivery.count({
      where: { status: { in: ['sent', 'sending'] } },
    });
    if (now === last && claimed === MEMBERS) return;
    if (Date.now() > deadline) throw new Error(`the DM round did not finish: ${now} DMs, ${claimed} claimed`);
    last = now;
    await wait(4_000);
  }
}

describe(`two shard processes on one ${provider} database`, () => {
  beforeAll(async () => {
    discord = await startDiscordDouble({
      guilds: [...defaultGuilds(), { ...FAR_GUILD, channels: [{ id: FAR_GUILD.channel, name: 'general' }] }],
      token: TOKEN,
      shards: 2,
    });
    db = await createTestDb(provider);
    manager = startManager(2);
    await until('both shards connected', () => discord.connectedShards().length === 2, 60_000);
  }, 90_000);

  afterAll(async () => {
    for (const proc of started) killGroup(proc);
    await discord.close();
    await db.close();
  }, 60_000);

  it('GIVEN SHARDS=2 THEN each shard process identifies as its shard and answers the interactions of its own servers and of DMs', async () => {
    expect(discord.connectedShards()).toEqual([0, 1]);
    expect(discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([shardOf(GUILD.id, 2), shardOf(FAR_GUILD.id, 2)]).toEqual([0, 1]);
    for (const guild of [{ id: GUILD.id }, { id: FAR_GUILD.id }, undefined]) {
      const { id } = discord.dispatchInteraction(
        discord.slashCommand({ name: 'stats', user: ALICE, ...(guild === undefined ? {} : { guild }) }),
      );
      // The double hands an interaction only to the session of its server's shard (DMs: 0).
      const reply = await discord.waitForResponse(id, (r) => r.kind === 'edit', 20_000);
      expect(reply.payload).toBeDefined();
    }
  }, 60_000);

  it('GIVEN 300 members due WHEN both shards run the DM round and the sender is killed mid-round THEN another process takes over, no member gets two DMs, and no second has more than 50 requests', async () => {
    await membersDue();
    const dms = () => discord.calls.filter(isDm).length;
    await until('the first 100 DMs', () => dms() >= 100, 60_000);
    const lease = await db.prisma.jobLease.findUnique({ where: { name: 'dm-sender' } });
    const pid = Number(lease?.holder.split(':')[1]);
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL');
    const killedAt = dms();

    // The lease runs out (15 s) and a live process takes over the round.
    await until('another process sending', () => dms() > killedAt + 5, 60_000);
    await roundFinished(dms);

    const posts = discord.calls.filter(isDm);
    const perChannel = new Map<string, number>();
    for (const c of posts) perChannel.set(c.path, (perChannel.get(c.path) ?? 0) + 1);
    expect(Math.max(...perChannel.values())).toBe(1);
    const deliveries = await db.prisma.reminderDelivery.findMany({ where: { memberId: { in: ids } } });
    const sent = deliveries.filter((d) => d.status === 'sent').length;
    const lost = deliveries.filter((d) => d.status === 'sending').length;
    // The killed sender may take the claims it held with it (at most one batch), never send twice.
    expect(lost).toBeLessThanOrEqual(10);
    expect(sent + lost).toBe(MEMBERS);
    expect(posts.length).toBeGreaterThanOrEqual(sent);
    expect(posts.length).toBeLessThanOrEqual(sent + lost);
    expect(busiestSecond(discord.calls)).toBeLessThanOrEqual(50);
  }, 180_000);

  it('GIVEN SIGTERM to the manager THEN every shard process stops in order and the manager exits 0', async () => {
    const exited = new Promise<number | null>((resolve) => manager.once('exit', (code) => resolve(code)));
    manager.kill('SIGTERM');
    const code = await Promise.race([exited, wait(40_000).then(() => 'still running')]);
    expect(code, output.slice(-3000)).toBe(0);
    expect(discord.connectedShards()).toEqual([]);
  }, 60_000);

  it('GIVEN the manager killed outright THEN its shard processes notice and stop by themselves', async () => {
    manager = startManager(1);
    await until('the shard connected', () => discord.connectedShards().length === 1, 60_000);
    const shards = childrenOf(manager.pid ?? 0);
    expect(shards).toHaveLength(1);
    manager.kill('SIGKILL');
    await until('the orphaned shard stopped', () => shards.every((pid) => !alive(pid)), 30_000);
    expect(output).toMatch(/"signal":"manager gone","msg":"shutting down"/);
  }, 90_000);
});
