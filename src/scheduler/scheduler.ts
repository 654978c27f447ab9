import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type ScheduledTask, schedule } from 'node-cron';
import type { CoreContext } from '../core/context.ts';
import { expireExams } from '../core/exam/index.ts';
import type { Logger } from '../logger.ts';
import { type BoardPoster, type BoardRound, runBoardRound } from './boards.ts';
import { SlidingWindow } from './limit.ts';
import {
  DM_REQUESTS_PER_SECOND,
  REMINDER_CONCURRENCY,
  type ReminderRound,
  type ReminderSender,
  runReminderRound,
} from './reminders.ts';

/**
 * Three cron jobs (times in UTC): the daily quiz DM round (REMINDER_CRON, every minute by
 * default; each member's own local time is kept by the core), the weekly leaderboard post
 * (LEADERBOARD_CRON), and every minute the submission of practice exams whose time ran out
 * (a member who comes back later finds them submitted either way; this keeps readiness current).
 * A round never overlaps itself; stop() waits for a round in progress.
 */

export type SchedulerOptions = {
  ctx: CoreContext;
  log: Logger;
  reminderCron: string;
  leaderboardCron: string;
  sender: ReminderSender;
  poster: BoardPoster;
  concurrency?: number;
  /** This process's name in job leases (default: host, pid and a random part). */
  holder?: string;
};

export type Scheduler = {
  /** Runs a reminder round now; null when one is already running or the scheduler stopped. */
  runReminders(): Promise<ReminderRound | null>;
  runBoards(): Promise<BoardRound | null>;
  /** Submits the exams whose deadline passed; returns how many. */
  runExamDeadlines(): Promise<number | null>;
  stop(): Promise<void>;
};

export function startScheduler(options: SchedulerOptions): Scheduler {
  const { ctx, log } = options;
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();

  function exclusive<T>(name: string, round: () => Promise<T>): () => Promise<T | null> {
    let current: Promise<T | null> | null = null;
    return () => {
      if (stopped || current !== null) return Promise.resolve(null);
      const run = round()
        .catch((error: unknown) => {
          log.error(
            { job: name, error: error instanceof Error ? error.message : String(error) },
            'scheduled job failed',
          );
          return null;
        })
        .finally(() => {
          current = null;
          inFlight.delete(run);
        });
      current = run;
      inFlight.add(run);
      return run;
    };
  }

  const dm = {
    holder: options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    limiter: new SlidingWindow(DM_REQUESTS_PER_SECOND),
    concurrency: options.concurrency ?? REMINDER_CONCURRENCY,
  };
  const runReminders = exclusive('reminders', () => runReminderRound(ctx, options.sender, log, dm));
  const runBoards = exclusive('leaderboard', () => runBoardRound(ctx, options.poster, log));
  const runExamDeadlines = exclusive('exam-deadlines', () => expireExams(ctx));

  const tasks: ScheduledTask[] = [
    cronTask(options.reminderCron, 'daily-quiz-dms', runReminders, log),
    cronTask(options.leaderboardCron, 'weekly-leaderboard', runBoards, log),
    cronTask('* * * * *', 'exam-deadlines', runExamDeadlines, log),
  ];
  log.info(
    { reminderCron: options.reminderCron, leaderboardCron: options.leaderboardCron },
    'scheduler started',
  );

  return {
    runReminders,
    runBoards,
    runExamDeadlines,
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const task of tasks) {
        await task.stop();
        await task.destroy();
      }
      await Promise.allSettled([...inFlight]);
    },
  };
}

function cronTask(expression: string, name: string, run: () => unknown, log: Logger): ScheduledTask {
  const logger = {
    info: (message: string) => log.debug({ job: 'cron' }, message),
    warn: (message: string) => log.debug({ job: 'cron' }, message),
    error: (message: string | Error) => log.error({ job: 'cron' }, String(message)),
    debug: () => {},
  };
  return schedule(expression, () => run(), { name, timezone: 'UTC', noOverlap: true, logger });
}
