import { describe, expect, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import { claimDueReminders, reminderDmsClosed } from '../../src/core/reminders.ts';
import { updateSettings } from '../../src/core/settings.ts';
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
});
