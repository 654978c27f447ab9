import type { CoreContext } from '../core/context.ts';
import {
  claimDueReminders,
  type ReminderJob,
  reminderDmsClosed,
  reminderFailed,
  reminderSent,
} from '../core/reminders.ts';
import type { Logger } from '../logger.ts';
import { forEachLimited } from './limit.ts';

/**
 * The daily quiz DM round: the core claims who is due (one delivery per member and local
 * date, written before sending), a transport sends, and the outcome goes back to the core.
 */

export type SendOutcome =
  | { status: 'sent'; dmChannelId: string }
  /** The member's DMs are closed (Discord 50007): no retry until they use a command again. */
  | { status: 'dms-closed' }
  | { status: 'failed'; error: string };

export interface ReminderSender {
  sendReminder(job: ReminderJob): Promise<SendOutcome>;
}

export type ReminderRound = {
  claimed: number;
  sent: number;
  dmsClosed: number;
  retry: number;
  failed: number;
};

/**
 * A few DMs at a time: each is one or two REST calls, so this stays well inside Discord's
 * global 50 requests/s (discord.js paces and retries 429s on top of that).
 */
export const REMINDER_CONCURRENCY = 4;

export async function runReminderRound(
  ctx: CoreContext,
  sender: ReminderSender,
  log: Logger,
  concurrency = REMINDER_CONCURRENCY,
): Promise<ReminderRound> {
  const jobs = await claimDueReminders(ctx);
  const round: ReminderRound = { claimed: jobs.length, sent: 0, dmsClosed: 0, retry: 0, failed: 0 };
  await forEachLimited(jobs, concurrency, async (job) => {
    let outcome: SendOutcome;
    try {
      outcome = await sender.sendReminder(job);
    } catch (error) {
      outcome = { status: 'failed', error: error instanceof Error ? error.message : String(error) };
    }
    const who = { member: job.memberId, day: job.day, attempt: job.attempt };
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
  });
  if (jobs.length > 0) log.info(round, 'daily quiz DM round');
  return round;
}
