import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { targetOf } from '../src/data/copy.ts';
import { openDatabaseAt } from '../src/data/db.ts';
import { exec, sql } from '../src/data/sql.ts';
import { Store } from '../src/data/store.ts';
import { nextReminderAfter } from '../src/domain/reminder.ts';
import {
  busiestSecond,
  type DiscordDouble,
  type InteractionResponse,
  type RecordedCall,
  startDiscordDouble,
} from '../test/support/discord-double.ts';
import type { ChildMessage, ParentMessage, TimedRound } from './bot-child.ts';
import {
  BOT_TOKEN,
  fmtBytes,
  GROUP_SIZE,
  groupId,
  groupName,
  isReminderCrowd,
  memberId,
  NOW,
  OUT_DIR,
  QUESTIONS_DIR,
  ROOT,
} from './common.ts';
import { type Summary, summarize } from './measure.ts';

/**
 * The bot as a separate process (bench/bot-child.ts) on a generated database, against the
 * loopback Discord double running here: members use it through the gateway, then a reminder
 * round fans out the daily DMs. Reports the DM fan-out, end-to-end interaction latencies and the
 * bot process's peak RSS.
 */

export type BotRun = {
  /** How the bot process ran: bundle or tsx, and its node flags. */
  launch: string;
  /** Bot processes on the one database (2: the DM sender lease decides which one sends). */
  processes: number;
  createAppMs: number;
  startBotMs: number;
  interactions: Record<string, Summary>;
  fanout: {
    expected: number;
    sent: number;
    rounds: TimedRound[];
    requests: number;
    dmOpens: number;
    durationMs: number;
    maxPerSecond: number;
    maxPerFixedWindow: number;
    statuses: Record<string, number>;
    tickMs: number;
  };
  maxRssBytes: number;
  rssAtReadyBytes: number;
  /** Peak RSS so far, probed after the interactions and after the fan-out. */
  peakAfterInteractionsBytes: number;
  peakAfterFanoutBytes: number;
  rateLimitWarnings: number;
};

function waitFor<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`bot process: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type !== type) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { type: T }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`bot process exited (${code}) while waiting for "${type}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/**
 * Makes the 09:00 UTC crowd due again (as generated): no deliveries, nextReminderAt back to
 * 09:00, no open session. Used between two bot runs on the same database (either provider).
 */
export async function resetReminders(url: string, members: number): Promise<void> {
  const db = await openDatabaseAt(targetOf(url, ROOT));
  try {
    const at = new Date(nextReminderAfter(NOW - 60_000, 'UTC', 540));
    await db.writeTransaction(
      async (q) => {
        await exec(q, sql`DELETE FROM "ReminderDelivery"`);
        for (let i = 0; i < members; i++) {
          if (!isReminderCrowd(i)) continue;
          const id = memberId(i);
          await exec(
            q,
            sql`UPDATE "Member" SET "nextReminderAt" = ${at}
                 WHERE "id" = ${id} AND "remindersEnabled" = ${true} AND "dmsClosed" = ${false}`,
          );
          await exec(q, sql`DELETE FROM "StudySession" WHERE "memberId" = ${id} AND "finishedAt" IS NULL`);
        }
      },
      { timeoutMs: 600_000 },
    );
  } finally {
    await db.close();
  }
}

/** How many members are due for their daily DM at the benchmark's "now". */
export async function remindersDue(url: string): Promise<number> {
  const db = await openDatabaseAt(targetOf(url, ROOT));
  try {
    return (await new Store(db).read.members.withReminderDue(new Date(NOW), 1_000_000)).length;
  } finally {
    await db.close();
  }
}

export type BotLaunch = { entry: string; execArgv: string[]; description: string };

/**
 * Runs the bot process the way `npm start` runs the bot (package.json "start"): when it runs a
 * bundle on plain node, bench/bot-child.ts is bundled the same way (esbuild, our code only,
 * linked source map) and run on plain node; when it runs TypeScript through tsx, so does the
 * child. Either way with the node flags of the start command, e.g. `--max-old-space-size=128`.
 */
export async function botLaunch(): Promise<BotLaunch> {
  let start = '';
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts?: Record<string, string>;
    };
    start = pkg.scripts?.start ?? '';
  } catch {
    // no package.json: defaults below
  }
  // The node command that runs the bot: the last one of the script (a build may come first).
  const command = start.split('&&').at(-1) ?? '';
  const tokens = command.trim().split(/\s+/);
  const flags: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] ?? '';
    if (t === '--import' || t === '--require' || t === '-r') i++;
    else if (/^--[a-z][a-z0-9-]*(=\S+)?$/.test(t)) flags.push(t);
  }
  const shown = flags.length === 0 ? 'default node flags' : flags.join(' ');
  if (/\btsx\b/.test(command)) {
    return {
      entry: path.join(ROOT, 'bench/bot-child.ts'),
      execArgv: ['--import', 'tsx', ...flags],
      description: `TypeScript through tsx, ${shown}`,
    };
  }
  const outfile = path.join(OUT_DIR, 'bot-child.mjs');
  // The same bundling as `npm start` (scripts/build.mjs), with the bench's child as the entry.
  execFileSync(process.execPath, ['scripts/build.mjs', outfile, 'bench/bot-child.ts'], { cwd: ROOT });
  return { entry: outfile, execArgv: flags, description: `esbuild bundle on plain node, ${shown}` };
}

/**
 * Largest number of calls in one fixed 1-second window, windows opened as a global limiter
 * opens them (discord.js: a window starts with the first request after the previous one ended).
 */
export function maxPerFixedWindow(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const t of sorted) {
    if (t >= start + 1000) {
      start = t;
      count = 0;
    }
    count++;
    best = Math.max(best, count);
  }
  return best;
}

const isDeferral = (r: InteractionResponse) =>
  r.kind === 'callback' && (r.callbackType === 5 || r.callbackType === 6);

async function interact(
  discord: DiscordDouble,
  payload: Parameters<DiscordDouble['dispatchInteraction']>[0],
): Promise<{ ms: number; response: InteractionResponse }> {
  const t = performance.now();
  const { id } = discord.dispatchInteraction(payload);
  const response = await discord.waitForResponse(id, (r) => !isDeferral(r), 20_000);
  return { ms: performance.now() - t, response };
}

function answerButton(payload: Record<string, unknown>): string | undefined {
  const ids: string[] = [];
  const rows = Array.isArray(payload.components) ? payload.components : [];
  for (const row of rows as { components?: { custom_id?: string }[] }[]) {
    for (const c of row.components ?? []) if (typeof c.custom_id === 'string') ids.push(c.custom_id);
  }
  return (
    ids.find((id) => /^q:\d+:\d+:(pick|tf|grade):/.test(id)) ?? ids.find((id) => /^q:\d+:\d+:rev$/.test(id))
  );
}

export async function runBotProcess(options: {
  /** DATABASE_URL of the generated database (file:… or postgresql://…). */
  databaseUrl: string;
  members: number;
  /** Member indexes that use the bot interactively before the reminder round. */
  interactiveMembers: number[];
  answersPerMember: number;
  tickMs: number;
  log: (line: string) => void;
  launch: BotLaunch;
  /** Bot processes started on the database (default 1); interactions go to the first. */
  processes?: number;
}): Promise<BotRun> {
  const groups = Math.ceil(options.members / GROUP_SIZE);
  const channel = (g: number) => (1_330_000_000_000_000_000n + BigInt(g)).toString();
  const discord = await startDiscordDouble({
    token: BOT_TOKEN,
    guilds: Array.from({ length: groups }, (_, g) => ({
      id: groupId(g),
      name: groupName(g),
      channels: [{ id: channel(g), name: 'general' }],
    })),
  });
  const expected = await remindersDue(options.databaseUrl);

  const children = Array.from({ length: options.processes ?? 1 }, () =>
    fork(options.launch.entry, [], {
      execArgv: options.launch.execArgv,
      env: {
        ...process.env,
        BENCH_DB_URL: options.databaseUrl,
        BENCH_API_URL: discord.apiUrl,
        BENCH_NOW: String(NOW),
        BENCH_QUESTIONS_DIR: QUESTIONS_DIR,
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const child = children[0] as ChildProcess;
  const post = (message: ParentMessage) => child.send(message);
  try {
    const [ready] = await Promise.all(children.map((c) => waitFor(c, 'ready', 120_000)));
    if (ready === undefined) throw new Error('no bot process started');
    options.log(
      `  bot process ready: createApp ${ready.createAppMs.toFixed(0)} ms, login ${ready.startBotMs.toFixed(0)} ms`,
    );

    // ---- members use the bot: /quiz and a few answers, /stats (picture), /leaderboard
    const lat: Record<string, number[]> = { '/quiz': [], answer: [], '/stats': [], '/leaderboard': [] };
    for (const i of options.interactiveMembers) {
      const user = { id: memberId(i), username: `member${i}` };
      const guild = { id: groupId(Math.floor(i / GROUP_SIZE)) };
      const quiz = await interact(discord, discord.slashCommand({ name: 'quiz', user, guild }));
      lat['/quiz']?.push(quiz.ms);
      let payload = quiz.response.payload;
      for (let k = 0; k < options.answersPerMember; k++) {
        const customId = answerButton(payload);
        if (customId === undefined) break;
        const click = await interact(discord, discord.buttonClick({ customId, user, guild }));
        if (!customId.endsWith(':rev')) lat.answer?.push(click.ms);
        payload = click.response.payload;
      }
      lat['/stats']?.push((await interact(discord, discord.slashCommand({ name: 'stats', user, guild }))).ms);
      lat['/leaderboard']?.push(
        (await interact(discord, discord.slashCommand({ name: 'leaderboard', user, guild }))).ms,
      );
    }
    const interactions = Object.fromEntries(Object.entries(lat).map(([k, v]) => [k, summarize(v)]));
    post({ type: 'memory' });
    const afterInteractions = await waitFor(child, 'memory', 10_000);
    options.log(
      `  after interactions: rss ${fmtBytes(afterInteractions.rssBytes)}, peak ${fmtBytes(afterInteractions.maxRssKb * 1024)}, heap ${fmtBytes(afterInteractions.heapUsedBytes)}`,
    );

    // ---- the daily DM round
    const before = discord.calls.length;
    options.log(`  reminder fan-out: ${expected} members due, rounds every ${options.tickMs / 1000} s`);
    const ends = children.map((c) => waitFor(c, 'reminders-done', 15 * 60_000));
    for (const c of children)
      c.send({ type: 'reminders', tickMs: options.tickMs, expected } satisfies ParentMessage);
    const done = {
      rounds: (await Promise.all(ends))
        .flatMap((d) => d.rounds)
        .filter((r) => !r.busy)
        .sort((a, b) => a.startedAt - b.startedAt),
    };
    const calls: RecordedCall[] = discord.calls.slice(before);
    const posts = calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path));
    const firstStart = done.rounds[0]?.startedAt ?? Date.now();
    const lastPost = posts.reduce((m, c) => Math.max(m, c.at), firstStart);
    const statuses: Record<string, number> = {};
    for (const c of calls) statuses[String(c.status)] = (statuses[String(c.status)] ?? 0) + 1;
    const fanout = {
      expected,
      sent: done.rounds.reduce((s, r) => s + r.sent, 0),
      rounds: done.rounds,
      requests: calls.length,
      dmOpens: calls.filter((c) => c.path === '/users/@me/channels').length,
      durationMs: lastPost - firstStart,
      maxPerSecond: busiestSecond(calls),
      maxPerFixedWindow: maxPerFixedWindow(calls.map((c) => c.at)),
      statuses,
      tickMs: options.tickMs,
    };

    post({ type: 'memory' });
    const afterFanout = await waitFor(child, 'memory', 10_000);
    options.log(
      `  after fan-out: rss ${fmtBytes(afterFanout.rssBytes)}, peak ${fmtBytes(afterFanout.maxRssKb * 1024)}, heap ${fmtBytes(afterFanout.heapUsedBytes)}`,
    );
    const stops = children.map((c) => waitFor(c, 'stopped', 60_000));
    for (const c of children) c.send({ type: 'stop' } satisfies ParentMessage);
    const [stopped] = await Promise.all(stops);
    if (stopped === undefined) throw new Error('no bot process stopped');
    return {
      launch: options.launch.description,
      processes: children.length,
      createAppMs: ready.createAppMs,
      startBotMs: ready.startBotMs,
      interactions,
      fanout,
      maxRssBytes: stopped.maxRssKb * 1024,
      peakAfterInteractionsBytes: afterInteractions.maxRssKb * 1024,
      peakAfterFanoutBytes: afterFanout.maxRssKb * 1024,
      rssAtReadyBytes: ready.rssBytes,
      rateLimitWarnings: stopped.rateLimitWarnings,
    };
  } finally {
    await Promise.all(children.map(stopChild));
    await discord.close();
  }
}

/** Waits up to 5 s for a bot process to exit, then kills it. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
