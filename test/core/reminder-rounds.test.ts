import { describe, expect, it } from 'vitest';
import {
  claimDueReminders,
  type ReminderJob,
  reminderFailed,
  reminderSent,
} from '../../src/core/reminders.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const MIN = 60_000;
/** 09:00 UTC the day after T0: the default reminder time of a member who joined at T0. */
const NINE_NEXT_DAY = Date.parse('2026-03-03T09:00:00Z');

eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function delivery(memberId: string, day: string) {
    return env.db.prisma.reminderDelivery.findUniqueOrThrow({ where: { memberId_day: { memberId, day } } });
  }

  /** Claims the 09:00 round and returns the job of each member. */
  async function nineOClock(): Promise<Map<string, ReminderJob>> {
    env.clock.now = NINE_NEXT_DAY;
    return new Map((await claimDueReminders(env.ctx)).map((j) => [j.memberId, j]));
  }

  function jobOf(jobs: Map<string, ReminderJob>, memberId: string): ReminderJob {
    const job = jobs.get(memberId);
    if (job === undefined) throw new Error(`expected a reminder for ${memberId}`);
    return job;
  }

  const summary = (jobs: ReminderJob[]) => jobs.map((j) => [j.memberId, j.attempt]);

  describe('a round with a limit', () => {
    it('GIVEN more reminders and retries due than the limit THEN new reminders come first, retries fill the rest, and the others wait for the next call', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      await join(ctx, 'm3');
      await updateSettings(ctx, 'm3', { reminderTime: '09:15' });
      const jobs = await nineOClock();
      expect([...jobs.keys()].sort()).toEqual(['m1', 'm2']);
      await reminderFailed(ctx, jobOf(jobs, 'm1'), 'boom'); // retry at 09:15
      clock.advance(MIN);
      await reminderFailed(ctx, jobOf(jobs, 'm2'), 'boom'); // retry at 09:16
      clock.now = NINE_NEXT_DAY + 16 * MIN;

      expect(summary(await claimDueReminders(ctx, 2))).toEqual([
        ['m3', 1],
        ['m1', 2],
      ]);
      expect(await delivery('m2', '2026-03-03')).toMatchObject({ status: 'retry', attempts: 1 });
      expect(summary(await claimDueReminders(ctx, 1))).toEqual([['m2', 2]]);
      expect(await delivery('m2', '2026-03-03')).toMatchObject({ status: 'sending', attempts: 2 });
      expect(await claimDueReminders(ctx)).toEqual([]);
    });

    it('GIVEN a limit of one and two retries due THEN one is claimed per call, earliest first', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      const jobs = await nineOClock();
      await reminderFailed(ctx, jobOf(jobs, 'm2'), 'boom');
      clock.advance(MIN);
      await reminderFailed(ctx, jobOf(jobs, 'm1'), 'boom');
      clock.now = NINE_NEXT_DAY + 20 * MIN;
      expect(summary(await claimDueReminders(ctx, 1))).toEqual([['m2', 2]]);
      expect(await delivery('m1', '2026-03-03')).toMatchObject({ status: 'retry', attempts: 1 });
      expect(summary(await claimDueReminders(ctx, 1))).toEqual([['m1', 2]]);
      expect(await claimDueReminders(ctx, 1)).toEqual([]);
    });
  });

  describe('retries', () => {
    it('GIVEN two rounds claiming at once THEN a retry due is claimed by one of them only', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const jobs = await nineOClock();
      await reminderFailed(ctx, jobOf(jobs, 'm1'), 'boom');
      clock.now = NINE_NEXT_DAY + 15 * MIN;
      const [a, b] = await Promise.all([claimDueReminders(ctx), claimDueReminders(ctx)]);
      expect(summary([...a, ...b])).toEqual([['m1', 2]]);
      expect(await delivery('m1', '2026-03-03')).toMatchObject({ status: 'sending', attempts: 2 });
    });

    it('GIVEN a retry due once everything was studied THEN it is settled as skipped and nothing is sent', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const jobs = await nineOClock();
      await reminderFailed(ctx, jobOf(jobs, 'm1'), 'boom');
      clock.now = NINE_NEXT_DAY + 5 * MIN;
      await answerAll(ctx, clock, 'm1');
      clock.now = NINE_NEXT_DAY + 15 * MIN;
      expect(await claimDueReminders(ctx)).toEqual([]);
      expect(await delivery('m1', '2026-03-03')).toMatchObject({
        status: 'skipped',
        attempts: 2,
        lastError: 'nothing due or new',
      });
    });
  });

  describe('after sending', () => {
    it('GIVEN the DM channel already known THEN sending leaves the member row as it was', async () => {
      const { ctx, clock, db } = env;
      await join(ctx, 'm1');
      await reminderSent(ctx, jobOf(await nineOClock(), 'm1'), 'dm-1');
      clock.now = NINE_NEXT_DAY + 86_400_000;
      const [job] = await claimDueReminders(ctx);
      expect(job).toMatchObject({ memberId: 'm1', dmChannelId: 'dm-1' });
      if (job === undefined) throw new Error('expected a reminder');
      const before = await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
      clock.advance(5_000);
      await reminderSent(ctx, job, 'dm-1');
      expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toEqual(before);
      expect(await delivery('m1', job.day)).toMatchObject({ status: 'sent', sentAt: new Date(clock.now) });
    });
  });
});
