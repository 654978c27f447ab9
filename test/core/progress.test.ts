import { describe, expect, it } from 'vitest';
import { getProgress } from '../../src/core/progress.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { startSession } from '../../src/core/study/index.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  describe('progress and streaks', () => {
    it('GIVEN three days of study THEN the streak is 3, accuracy is reported and the next day without study keeps it alive', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 3 });
      await answerAll(ctx, clock, 'm1');
      for (let d = 1; d <= 2; d++) {
        clock.now = T0 + d * DAY;
        await answerAll(ctx, clock, 'm1');
      }
      const p = await getProgress(ctx, 'm1');
      expect(p.currentStreak).toBe(3);
      expect(p.longestStreak).toBe(3);
      expect(p.accuracy7).toBe(1);
      expect(p.seen).toBe(9);
      clock.now = T0 + 3 * DAY;
      expect((await getProgress(ctx, 'm1')).currentStreak).toBe(3);
      clock.now = T0 + 5 * DAY;
      expect((await getProgress(ctx, 'm1')).currentStreak).toBe(0);
    });
  });

  describe('timezone changes', () => {
    it('GIVEN cards scheduled in UTC WHEN the member moves to UTC+14 and back THEN no card vanishes or is counted twice', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      const total = async () => (await getProgress(ctx, 'm1')).forecast.reduce((n, d) => n + d.due, 0);
      expect(await total()).toBe(10);
      await updateSettings(ctx, 'm1', { timezone: 'Pacific/Kiritimati' });
      expect(await total()).toBe(10);
      await updateSettings(ctx, 'm1', { timezone: 'America/Los_Angeles' });
      expect(await total()).toBe(10);
      clock.now = Date.parse('2026-03-03T04:00:00Z');
      const due = await startSession(ctx, 'm1');
      expect(due.kind === 'question' ? due.dueCount : 0).toBe(10);
    });
  });
});
