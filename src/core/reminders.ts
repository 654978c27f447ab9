import type { Member } from '../data/types.ts';
import { calendarDate } from '../domain/day.ts';
import { streakNow } from '../domain/progress.ts';
import { MAX_REMINDER_ATTEMPTS, nextReminderAfter, REMINDER_RETRY_DELAYS_MS } from '../domain/reminder.ts';
import { type Locale, resolveLocale } from '../i18n/index.ts';
import type { CoreContext } from './context.ts';
import { type StartResult, startSession } from './study/index.ts';

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
  /** The member's language: theirs, else the locale of their last interaction. */
  locale: Locale;
  start: Extract<StartResult, { kind: 'question' }>;
};

const BATCH = 500;

/** Claims one member's reminder for their local date; false when it was claimed already. */
async function claim(ctx: CoreContext, member: Member, day: string, now: number): Promise<boolean> {
  const next = new Date(nextReminderAfter(now, member.timezone, member.reminderMinute));
  return ctx.store.write(async ({ members, deliveries }) => {
    await members.update(member.id, { nextReminderAt: next }, new Date(now));
    return deliveries.claim(member.id, day, new Date(now));
  });
}

/** A claimed reminder made ready to send, or settled as skipped when nothing is due or new. */
async function prepared(
  ctx: CoreContext,
  member: Member,
  day: string,
  attempt: number,
): Promise<ReminderJob | null> {
  const job = await prepareReminder(ctx, member, day, attempt);
  if (job === null) await settle(ctx, member.id, day, 'skipped', 'nothing due or new');
  return job;
}

/** Retries due now, re-claimed for another attempt (or given up once their day is over). */
async function claimRetries(ctx: CoreContext, now: number, limit: number): Promise<ReminderJob[]> {
  const jobs: ReminderJob[] = [];
  for (const { delivery, member } of await ctx.store.read.deliveries.retriesDue(new Date(now))) {
    if (jobs.length >= limit) break;
    if (delivery.day !== calendarDate(now, member.timezone) || member.dmsClosed) {
      await settle(ctx, member.id, delivery.day, 'failed', 'gave up: the day is over');
      continue;
    }
    const reclaimed = await ctx.store.write(({ deliveries }) =>
      deliveries.reclaim(member.id, delivery.day, delivery.attempts),
    );
    if (!reclaimed) continue;
    const job = await prepared(ctx, member, delivery.day, delivery.attempts + 1);
    if (job !== null) jobs.push(job);
  }
  return jobs;
}

/**
 * Claims up to `limit` reminders due now (all of them by default) and makes them ready to send.
 * A sender claims a few at a time as it sends, so a process that dies mid-round takes at most
 * those few with it; the rest stay unclaimed for whoever sends next.
 */
export async function claimDueReminders(
  ctx: CoreContext,
  limit = Number.POSITIVE_INFINITY,
): Promise<ReminderJob[]> {
  const now = ctx.clock();
  const jobs: ReminderJob[] = [];
  // Every claimed member's nextReminderAt moves to tomorrow, so the loop ends.
  while (jobs.length < limit) {
    const batch = await ctx.store.read.members.withReminderDue(
      new Date(now),
      Math.min(BATCH, limit - jobs.length),
    );
    if (batch.length === 0) break;
    for (const member of batch) {
      if (jobs.length >= limit) break;
      const day = calendarDate(now, member.timezone);
      if (!(await claim(ctx, member, day, now))) continue;
      const job = await prepared(ctx, member, day, 1);
      if (job !== null) jobs.push(job);
    }
  }
  if (jobs.length < limit) jobs.push(...(await claimRetries(ctx, now, limit - jobs.length)));
  return jobs;
}

/**
 * The daily DM a member would get now: their session started or resumed, with the day's
 * figures; null when nothing is due or new. The console's /remind shows the same.
 */
export async function prepareReminder(
  ctx: CoreContext,
  member: Member,
  day: string,
  attempt: number,
): Promise<ReminderJob | null> {
  const start = await startSession(ctx, member.id);
  if (start.kind !== 'question') return null;
  const now = ctx.clock();
  return {
    memberId: member.id,
    day,
    attempt,
    dmChannelId: member.dmChannelId,
    displayName: member.displayName,
    due: await ctx.store.read.cards.countDue(member.id, new Date(now)),
    newCount: start.resumed ? 0 : start.newCount,
    streak: streakNow(member, now),
    locale: resolveLocale(member.language, member.lastLocale),
    start,
  };
}

/** The reminder preview for one member (console /remind); records nothing about deliveries. */
export async function previewReminder(ctx: CoreContext, memberId: string): Promise<ReminderJob | null> {
  const member = await ctx.store.read.members.find(memberId);
  if (member === null) return null;
  return prepareReminder(ctx, member, calendarDate(ctx.clock(), member.timezone), 0);
}

async function settle(ctx: CoreContext, memberId: string, day: string, status: string, error: string) {
  await ctx.store.write(({ deliveries }) =>
    deliveries.update(memberId, day, { status, lastError: error.slice(0, 500) }),
  );
}

export async function reminderSent(ctx: CoreContext, job: ReminderJob, dmChannelId: string): Promise<void> {
  const now = new Date(ctx.clock());
  await ctx.store.write(async ({ deliveries, members }) => {
    await deliveries.update(job.memberId, job.day, { status: 'sent', sentAt: now });
    if (dmChannelId !== job.dmChannelId) await members.update(job.memberId, { dmChannelId }, now);
  });
}

/** Discord said the member's DMs are closed (50007): stop trying until they use a command again. */
export async function reminderDmsClosed(ctx: CoreContext, job: ReminderJob): Promise<void> {
  const now = new Date(ctx.clock());
  await ctx.store.write(async ({ deliveries, members }) => {
    await deliveries.update(job.memberId, job.day, { status: 'closed', lastError: 'DMs closed (50007)' });
    await members.update(job.memberId, { dmsClosed: true, nextReminderAt: null }, now);
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
  await ctx.store.write(({ deliveries }) =>
    deliveries.update(job.memberId, job.day, {
      status,
      lastError: error.slice(0, 500),
      nextTryAt: new Date(now + (delay ?? 0)),
    }),
  );
  return status;
}
