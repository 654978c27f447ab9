import type { CoreContext } from '../core/context.ts';
import { DM_SENDER } from '../core/leases.ts';
import {
  claimDueReminders,
  type ReminderJob,
  reminderDmsClosed,
  reminderFailed,
  reminderSent,
} from '../core/reminders.ts';
import type { Logger } from '../logger.ts';
import { HeldLease } from './lease.ts';
import { forEachLimited, type SlidingWindow } from './limit.ts';

/**
 * The daily quiz DM round: the core claims who is due (one delivery per member and local
 * date, written before sending), a transport sends, and the outcome goes back to the core.
 */

export type SendOutcome =
  | { status: 'sent'; dmChannelId: string }
  /** The member's DMs are closed (Discord 50007): no retry until they use a command again. */
  | { status: 'dms-closed' }
  | { status: 'failed'; error: string };

/** Runs one request to Discord within the bot-wide rate (see SlidingWindow). */
export type Paced = <T>(request: () => Promise<T>) => Promise<T>;

export interface ReminderSender {
  /** Sends the DM, making each request it needs through `paced` (opening the channel is one). */
  sendReminder(job: ReminderJob, paced: Paced): Promise<SendOutcome>;
}

export type ReminderRound = {
  claimed: number;
  sent: number;
  dmsClosed: number;
  retry: number;
  failed: number;
  /** Another process held the DM sender lease: this one sent nothing. */
  busy: boolean;
};

/**
 * A few DMs at a time, and never more than 45 requests in any second as Discord counts them
 * (its global limit is 50 requests/s for the whole bot; the rest is left to other shards' own
 * requests). Measured with two shard processes: at most 45 in any second.
 */
export const REMINDER_CONCURRENCY = 4;
export const DM_REQUESTS_PER_SECOND = 45;
/**
 * Reminders claimed at a time. A sender that dies mid-round takes at most two batches with it
 * (the one it sends and the next, claimed meanwhile): ten reminders, never sent twice.
 */
export const CLAIM_BATCH = 5;

export type ReminderRoundOptions = {
  concurrency?: number;
  /** This process, as the DM sender lease names it. */
  holder: string;
  /** Shared by every round of the process, so back-to-back rounds stay within the limit too. */
  limiter: SlidingWindow;
};

type Who = { member: string; day: string; attempt: number };

/** Sends one DM and records how it went. */
async function sendOne(
  ctx: CoreContext,
  sender: ReminderSender,
  log: Logger,
  job: ReminderJob,
  round: ReminderRound,
  paced: Paced,
) {
  let outcome: SendOutcome;
  try {
    outcome = await sender.sendReminder(job, paced);
  } catch (error) {
    outcome = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
  const who: Who = { member: job.memberId, day: job.day, attempt: job.attempt };
  try {
    if (outcome.status === 'sent') {
      await reminderSent(ctx, job, outcome.dmChannelId);
      round.sent++;
    } else if (outcome.status === 'dms-closed') {
      await reminderDmsClosed(ctx, job);
      round.dmsClosed++;
      log.info(who, 'daily quiz DM refused: DMs closed; reminders paused for this member');
    } else {
      const next = await reminderFailed(ctx, job, outcome.error);
      if (next === 'retry') round.retry++;
      else round.failed++;
      log.warn({ ...who, error: outcome.error, next }, 'daily quiz DM failed');
    }
  } catch (error) {
    log.error(
      { ...who, error: error instanceof Error ? error.message : String(error) },
      'recording a DM outcome failed',
    );
  }
}

/**
 * The daily quiz DM round of this process, if it holds the DM sender lease (any number of bot
 * processes run the same cron; one of them sends): claims a few reminders at a time, sends them
 * within the rate limit, and records each outcome. A reminder claimed after the lease was lost
 * is handed back as a retry, never sent.
 */
export async function runReminderRound(
  ctx: CoreContext,
  sender: ReminderSender,
  log: Logger,
  options: ReminderRoundOptions,
): Promise<ReminderRound> {
  const round: ReminderRound = { claimed: 0, sent: 0, dmsClosed: 0, retry: 0, failed: 0, busy: false };
  const lease = new HeldLease(ctx, DM_SENDER, options.holder);
  if (!(await lease.keep())) return { ...round, busy: true };
  const claim = async () => ((await lease.keep()) ? claimDueReminders(ctx, CLAIM_BATCH) : []);
  // The next batch is claimed while this one is sent, so claiming adds no time to the round.
  let next: Promise<ReminderJob[]> | null = claim();
  try {
    for (;;) {
      const jobs: ReminderJob[] = await next;
      next = null;
      if (jobs.length === 0) break;
      round.claimed += jobs.length;
      next = claim();
      next.catch(() => {}); // awaited on the next turn, or handed back below
      await forEachLimited(jobs, options.concurrency ?? REMINDER_CONCURRENCY, async (job) => {
        if (await lease.keep())
          return sendOne(ctx, sender, log, job, round, (request) => options.limiter.run(request));
        await reminderFailed(ctx, job, 'not sent: another process took over the DM sender lease');
        round.retry++;
      });
    }
  } finally {
    // A round cut short by a failure hands the batch it had claimed ahead back as retries.
    for (const job of next === null ? [] : await next.catch(() => [])) {
      await reminderFailed(ctx, job, 'not sent: the round stopped').catch(() => {});
      round.claimed++;
      round.retry++;
    }
    await lease.release().catch(() => {});
  }
  if (round.claimed > 0) log.info(round, 'daily quiz DM round');
  return round;
}
