import { describe, expect, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import {
  claimDueReminders,
  previewReminder,
  type ReminderJob,
  reminderDmsClosed,
  reminderFailed,
  reminderSent,
} from '../../src/core/reminders.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { startSession } from '../../src/core/study/index.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  describe('reminders', () => {
    it('GIVEN a member whose reminder time passed THEN exactly one reminder is claimed per local day, even when the job runs twice', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { timezone: 'Asia/Seoul', reminderTime: '19:20' });
      clock.now = Date.parse('2026-03-02T10:30:00Z'); // 19:30 in Seoul
      const first = await claimDueReminders(ctx);
      expect(first.map((j) => j.memberId)).toEqual(['m1']);
      expect(first[0]).toMatchObject({ day: '2026-03-02', newCount: ctx.bank.questions.length });
      expect(await claimDueReminders(ctx)).toEqual([]);
      clock.now = Date.parse('2026-03-03T10:21:00Z');
      expect((await claimDueReminders(ctx)).map((j) => j.day)).toEqual(['2026-03-03']);
    });

    it('GIVEN closed DMs or reminders off THEN the member is not selected', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      clock.now = T0 + DAY;
      const jobs = await claimDueReminders(ctx);
      const j1 = jobs.find((j) => j.memberId === 'm1');
      if (j1 === undefined) throw new Error();
      await reminderDmsClosed(ctx, j1);
      await updateSettings(ctx, 'm2', { remindersEnabled: false });
      clock.now = T0 + 2 * DAY;
      expect(await claimDueReminders(ctx)).toEqual([]);
      const again = await ensureMember(ctx, { memberId: 'm1', displayName: 'm1', locale: null, group: null });
      expect(again.dmsWereClosed).toBe(true);
    });

    it('GIVEN nothing due or new THEN no reminder is sent', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      clock.now = T0 + 23 * 3_600_000 - 1; // 09:00 the next day has not come; still day one
      expect(await claimDueReminders(ctx)).toEqual([]);
    });
  });

  const MIN = 60_000;
  const HOUR = 60 * MIN;
  /** 09:00 UTC the day after T0: the default reminder time of a member who joined at T0. */
  const NINE_NEXT_DAY = Date.parse('2026-03-03T09:00:00Z');

  async function delivery(memberId: string, day: string) {
    return env.db.prisma.reminderDelivery.findUniqueOrThrow({ where: { memberId_day: { memberId, day } } });
  }

  async function firstJob(memberId = 'm1'): Promise<ReminderJob> {
    env.clock.now = NINE_NEXT_DAY;
    const [job] = await claimDueReminders(env.ctx);
    if (job === undefined || job.memberId !== memberId) throw new Error('expected a reminder');
    return job;
  }

  describe('what a reminder says', () => {
    it('GIVEN a new member at their reminder time THEN the job carries their name, channel, language, due and new counts and the first question', async () => {
      const { ctx, clock } = env;
      await ensureMember(ctx, { memberId: 'm1', displayName: 'Ann', locale: 'ko', group: null });
      clock.now = NINE_NEXT_DAY - 1;
      expect(await claimDueReminders(ctx)).toEqual([]);
      const job = await firstJob();
      expect(job).toMatchObject({
        memberId: 'm1',
        day: '2026-03-03',
        attempt: 1,
        dmChannelId: null,
        displayName: 'Ann',
        due: 0,
        newCount: 10,
        streak: 0,
        locale: 'ko',
      });
      expect(job.start).toMatchObject({ kind: 'question', resumed: false });
      expect(await delivery('m1', '2026-03-03')).toMatchObject({ status: 'sending', attempts: 1 });
      // The next reminder moves to tomorrow's 09:00.
      const member = await env.db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
      expect(member.nextReminderAt?.getTime()).toBe(NINE_NEXT_DAY + DAY);
    });

    it("GIVEN a language chosen in the settings THEN it wins over the member's last locale", async () => {
      const { ctx } = env;
      await ensureMember(ctx, { memberId: 'm1', displayName: 'Ann', locale: 'ko', group: null });
      await updateSettings(ctx, 'm1', { language: 'vi' });
      expect((await firstJob()).locale).toBe('vi');
    });

    it('GIVEN a session already open THEN the reminder resumes it and announces no new cards', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      clock.now = NINE_NEXT_DAY - 30 * MIN;
      await startSession(ctx, 'm1');
      const job = await firstJob();
      expect(job.start.resumed).toBe(true);
      expect(job.newCount).toBe(0);
    });

    it('GIVEN cards due and a live streak THEN the reminder counts the due cards and shows the streak', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1'); // 10 reviews: day one counts
      const job = await firstJob();
      expect(job).toMatchObject({ due: 10, newCount: 0, streak: 1 });
    });

    it('GIVEN nothing due or new THEN the claimed reminder is settled as skipped, with why', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      clock.now = NINE_NEXT_DAY - HOUR; // 08:00: the cards due today are answered before the reminder
      await answerAll(ctx, clock, 'm1');
      clock.now = NINE_NEXT_DAY;
      expect(await claimDueReminders(ctx)).toEqual([]);
      expect(await delivery('m1', '2026-03-03')).toMatchObject({
        status: 'skipped',
        lastError: 'nothing due or new',
      });
    });
  });

  describe('after sending', () => {
    it('GIVEN a reminder sent THEN the delivery is sent with its time, and a new DM channel is remembered', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const job = await firstJob();
      clock.advance(5_000);
      await reminderSent(ctx, job, 'dm-1');
      expect(await delivery('m1', job.day)).toMatchObject({ status: 'sent', sentAt: new Date(clock.now) });
      const member = await env.db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
      expect(member.dmChannelId).toBe('dm-1');
    });

    it('GIVEN closed DMs THEN the delivery is closed and the member gets no reminder until they talk again', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const job = await firstJob();
      await reminderDmsClosed(ctx, job);
      expect(await delivery('m1', job.day)).toMatchObject({
        status: 'closed',
        lastError: 'DMs closed (50007)',
      });
      const member = await env.db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
      expect(member).toMatchObject({ dmsClosed: true, nextReminderAt: null });
    });
  });

  describe('retries', () => {
    it('GIVEN a failure THEN it is retried 15 minutes later, then 60 minutes after that, then given up', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const job = await firstJob();
      expect(await reminderFailed(ctx, job, 'boom')).toBe('retry');
      expect(await delivery('m1', job.day)).toMatchObject({
        status: 'retry',
        lastError: 'boom',
        nextTryAt: new Date(NINE_NEXT_DAY + 15 * MIN),
      });
      clock.now = NINE_NEXT_DAY + 15 * MIN - 1;
      expect(await claimDueReminders(ctx)).toEqual([]);
      clock.now = NINE_NEXT_DAY + 15 * MIN;
      const [second] = await claimDueReminders(ctx);
      expect(second).toMatchObject({ memberId: 'm1', day: job.day, attempt: 2 });
      expect(await delivery('m1', job.day)).toMatchObject({ status: 'sending', attempts: 2 });
      if (second === undefined) throw new Error('expected a retry');
      expect(await reminderFailed(ctx, second, 'boom again')).toBe('retry');
      expect((await delivery('m1', job.day)).nextTryAt).toEqual(new Date(clock.now + 60 * MIN));
      clock.now += 60 * MIN;
      const [third] = await claimDueReminders(ctx);
      expect(third?.attempt).toBe(3);
      if (third === undefined) throw new Error('expected a retry');
      expect(await reminderFailed(ctx, third, 'x'.repeat(600))).toBe('failed');
      const last = await delivery('m1', job.day);
      expect(last.status).toBe('failed');
      expect(last.lastError).toBe('x'.repeat(500));
      clock.now += 60 * MIN;
      expect(await claimDueReminders(ctx)).toEqual([]);
    });

    it('GIVEN a retry due after the local day ended THEN it is given up, not sent', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const job = await firstJob();
      clock.now = Date.parse('2026-03-03T23:50:00Z');
      expect(await reminderFailed(ctx, { ...job }, 'boom')).toBe('retry');
      clock.now = Date.parse('2026-03-04T00:05:00Z');
      const jobs = await claimDueReminders(ctx);
      expect(jobs.filter((j) => j.day === job.day)).toEqual([]);
      expect(await delivery('m1', job.day)).toMatchObject({
        status: 'failed',
        lastError: 'gave up: the day is over',
      });
    });

    it('GIVEN DMs closed since the failure THEN the retry is given up', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const job = await firstJob();
      await reminderFailed(ctx, job, 'boom');
      await env.db.prisma.member.update({ where: { id: 'm1' }, data: { dmsClosed: true } });
      clock.now = NINE_NEXT_DAY + 15 * MIN;
      expect(await claimDueReminders(ctx)).toEqual([]);
      expect(await delivery('m1', job.day)).toMatchObject({
        status: 'failed',
        lastError: 'gave up: the day is over',
      });
    });
  });

  describe('the reminder preview (console /remind)', () => {
    it('GIVEN a member THEN the reminder they would get, as attempt 0, with nothing recorded about deliveries', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect(await previewReminder(ctx, 'm1')).toMatchObject({
        memberId: 'm1',
        day: '2026-03-02',
        attempt: 0,
      });
      expect(await env.db.prisma.reminderDelivery.count()).toBe(0);
      expect(await previewReminder(ctx, 'nobody')).toBeNull();
    });
  });
});
