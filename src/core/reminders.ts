import type { Member } from '../data/store.ts';
import { calendarDate } from '../domain/day.ts';
import { MAX_REMINDER_ATTEMPTS, nextReminderAfter, REMINDER_RETRY_DELAYS_MS } from '../domain/reminder.ts';
import type { CoreContext } from './context.ts';
import { currentStreak, type StartResult, startSession } from './study.ts';

/**
 * Daily quiz DMs. Selection: reminders on, DMs not closed, the local reminder time has passed
 * (Member.nextReminderAt <= now), nothing delivered for this local date, and something due or
 * new. The delivery row is written (status "sending") before anything is sent, so a crash can
 * lose a reminder but never send one twice.
 */

export type ReminderJob = {
  memberId: string;
  day: string;
  attempt: number;
  dmChannelId: string | null;
  displayName: string;
  due: number;
  newCount: number;
  streak: number;
  start: Extract<StartResult, { kind: 'question' }>;
};

const BATCH = 500;

export async function claimDueReminders(ctx: CoreContext): Promise<ReminderJob[]> {
  const now = ctx.clock();
  const jobs: ReminderJob[] = [];
  // Batches keep each query small; every claimed member's nextReminderAt moves to tomorrow, so
  // the loop ends, and everyone due is claimed in this round rather than one batch per cron tick.
  for (;;) {
    const batch = await ctx.store.membersWithReminderDue(new Date(now), BATCH);
    if (batch.length === 0) break;
    for (const member of batch) {
      const day = calendarDate(now, member.timezone);
      const next = new Date(nextReminderAfter(now, member.timezone, member.reminderMinute));
      const claimed = await ctx.store.write(async (tx) => {
        await ctx.store.updateMember(tx, member.id, { nextReminderAt: next });
        return ctx.store.claimDelivery(tx, member.id, day, new Date(now));
      });
      if (!claimed) continue;
      const job = await prepare(ctx, member, day, 1);
      if (job === null) await settle(ctx, member.id, day, 'skipped', now, 'nothing due or new');
      else jobs.push(job);
    }
  }
  for (const retry of await ctx.store.retriesDue(new Date(now))) {
    if (retry.day !== calendarDate(now, retry.member.timezone) || retry.member.dmsClosed) {
      await settle(ctx, retry.memberId, retry.day, 'failed', now, 'gave up: the day is over');
      continue;
    }
    const reclaimed = await ctx.store.write((tx) =>
      ctx.store.reclaimRetry(tx, retry.memberId, retry.day, retry.attempts),
    );
    if (!reclaimed) continue;
    const job = await prepare(ctx, retry.member, retry.day, retry.attempts + 1);
    if (job === null) await settle(ctx, retry.memberId, retry.day, 'skipped', now, 'nothing due or new');
    else jobs.push(job);
  }
  return jobs;
}

async function prepare(
  ctx: CoreContext,
  member: Member,
  day: string,
  attempt: number,
): Promise<ReminderJob | null> {
  const start = await startSession(ctx, member.id);
  if (start.kind !== 'question') return null;
  const now = ctx.clock();
  const due = await ctx.store.countDue(ctx.store.db, member.id, new Date(now));
  return {
    memberId: member.id,
    day,
    attempt,
    dmChannelId: member.dmChannelId,
    displayName: member.displayName,
    due,
    newCount: start.resumed ? 0 : start.newCount,
    streak: currentStreak(member, now),
    start,
  };
}

async function settle(
  ctx: CoreContext,
  memberId: string,
  day: string,
  status: string,
  now: number,
  error?: string,
) {
  await ctx.store.write((tx) =>
    ctx.store.updateDelivery(tx, memberId, day, {
      status,
      ...(status === 'sent' ? { sentAt: new Date(now) } : {}),
      ...(error === undefined ? {} : { lastError: error.slice(0, 500) }),
    }),
  );
}

export async function reminderSent(ctx: CoreContext, job: ReminderJob, dmChannelId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.store.write(async (tx) => {
    await ctx.store.updateDelivery(tx, job.memberId, job.day, { status: 'sent', sentAt: new Date(now) });
    if (dmChannelId !== job.dmChannelId) await ctx.store.updateMember(tx, job.memberId, { dmChannelId });
  });
}

/** Discord said the member's DMs are closed (50007): stop trying until they use a command again. */
export async function reminderDmsClosed(ctx: CoreContext, job: ReminderJob): Promise<void> {
  await ctx.store.write(async (tx) => {
    await ctx.store.updateDelivery(tx, job.memberId, job.day, {
      status: 'closed',
      lastError: 'DMs closed (50007)',
    });
    await ctx.store.updateMember(tx, job.memberId, { dmsClosed: true, nextReminderAt: null });
  });
}

/** Any other failure: retried later the same day, at most twice. */
export async function reminderFailed(
  ctx: CoreContext,
  job: ReminderJob,
  error: string,
): Promise<'retry' | 'failed'> {
  const now = ctx.clock();
  const delay = REMINDER_RETRY_DELAYS_MS[job.attempt - 1];
  const status = job.attempt < MAX_REMINDER_ATTEMPTS && delay !== undefined ? 'retry' : 'failed';
  await ctx.store.write((tx) =>
    ctx.store.updateDelivery(tx, job.memberId, job.day, {
      status,
      lastError: error.slice(0, 500),
      nextTryAt: new Date(now + (delay ?? 0)),
    }),
  );
  return status;
}
