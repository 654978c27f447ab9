import { readFileSync } from 'node:fs';
import { createApp } from '../src/app.ts';
import { parseConfig } from '../src/config.ts';
import { startBot } from '../src/discord/bot.ts';
import { createLogger } from '../src/logger.ts';
import type { ReminderRound } from '../src/scheduler/reminders.ts';
import { BOT_TOKEN, QUESTIONS_DIR } from './common.ts';

/**
 * The bot process of the benchmark (forked by bench/bot.ts): the real composition root
 * (createApp + startBot) on the generated database, talking to the Discord double that runs in
 * the parent. The parent drives interactions over the double's gateway and asks for reminder
 * rounds over IPC; this process reports its timings and its peak RSS.
 */

export type ChildMessage =
  | { type: 'ready'; createAppMs: number; startBotMs: number; rssBytes: number }
  | { type: 'reminders-done'; rounds: TimedRound[] }
  | { type: 'memory'; rssBytes: number; maxRssKb: number; heapUsedBytes: number; externalBytes: number }
  | {
      type: 'stopped';
      maxRssKb: number;
      rssBytes: number;
      heapUsedBytes: number;
      warnings: number;
      rateLimitWarnings: number;
    };

export type ParentMessage =
  | { type: 'reminders'; tickMs: number; expected: number }
  | { type: 'memory' }
  | { type: 'stop' };

export type TimedRound = ReminderRound & { startedAt: number; endedAt: number };

/**
 * Peak RSS of this process. Linux's getrusage maxRSS (process.resourceUsage().maxRSS) carries the
 * parent's high-water mark over fork + exec, so in a forked child it reports the benchmark
 * runner's peak; VmHWM is the peak of this process's own memory map.
 */
function peakRssKb(): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m?.[1] !== undefined) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const dbUrl = process.env.BENCH_DB_URL;
  const apiUrl = process.env.BENCH_API_URL;
  const now0 = Number(process.env.BENCH_NOW);
  if (dbUrl === undefined || apiUrl === undefined || !Number.isFinite(now0)) {
    throw new Error('bench/bot-child.ts is started by bench/run.ts (BENCH_DB_URL, BENCH_API_URL, BENCH_NOW)');
  }
  const realStart = Date.now();
  // The benchmark's "now", moving at the real pace.
  const clock = () => now0 + (Date.now() - realStart);
  const config = parseConfig({
    DISCORD_TOKEN: BOT_TOKEN,
    DISCORD_API_URL: apiUrl,
    DATABASE_URL: dbUrl,
    QUESTIONS_DIR: process.env.BENCH_QUESTIONS_DIR ?? QUESTIONS_DIR,
    LOG_LEVEL: 'warn',
    // Rounds are started by the parent, at the pace cron would start them.
    REMINDER_CRON: '0 0 1 1 *',
    LEADERBOARD_CRON: '0 0 1 1 *',
  });
  let warnings = 0;
  let rateLimitWarnings = 0;
  const log = createLogger('warn', [BOT_TOKEN], {
    write(line: string) {
      warnings++;
      if (line.includes('Discord rate limit')) rateLimitWarnings++;
      else if (warnings - rateLimitWarnings <= 20) process.stderr.write(`[bot] ${line}`);
    },
  });

  let t = performance.now();
  const app = await createApp(config, log, clock);
  const createAppMs = performance.now() - t;
  t = performance.now();
  const bot = await startBot(app, config, log);
  const startBotMs = performance.now() - t;
  send({ type: 'ready', createAppMs, startBotMs, rssBytes: process.memoryUsage().rss });

  process.on('message', (message: ParentMessage) => {
    void (async () => {
      if (message.type === 'reminders') {
        const rounds: TimedRound[] = [];
        const first = Date.now();
        let claimed = 0;
        for (let k = 0; ; k++) {
          const wait = first + k * message.tickMs - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const startedAt = Date.now();
          const round = await bot.scheduler.runReminders();
          if (round === null) throw new Error('a reminder round was already running');
          rounds.push({ ...round, startedAt, endedAt: Date.now() });
          claimed += round.claimed;
          // Done when this process sent them all, or when it held the DM sender lease and found
          // nothing left to claim; a process that found the lease held (busy) tries again next tick.
          if (claimed >= message.expected || (round.claimed === 0 && !round.busy)) break;
        }
        send({ type: 'reminders-done', rounds });
      } else if (message.type === 'memory') {
        const memory = process.memoryUsage();
        send({
          type: 'memory',
          rssBytes: memory.rss,
          maxRssKb: peakRssKb(),
          heapUsedBytes: memory.heapUsed,
          externalBytes: memory.external,
        });
      } else if (message.type === 'stop') {
        await bot.stop();
        await app.close();
        const memory = process.memoryUsage();
        send({
          type: 'stopped',
          maxRssKb: peakRssKb(),
          rssBytes: memory.rss,
          heapUsedBytes: memory.heapUsed,
          warnings,
          rateLimitWarnings,
        });
        process.disconnect?.();
      }
    })().catch((error: unknown) => {
      console.error('[bot] failed:', error);
      process.exit(1);
    });
  });
}

main().catch((error: unknown) => {
  console.error('[bot] cannot start:', error);
  process.exit(1);
});
