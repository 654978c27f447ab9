import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/context.ts';
import { getSettings, isChange, MAX_NEW_PER_DAY, updateSettings } from '../../src/core/settings.ts';
import { dynamicKey, translator } from '../../src/i18n/index.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { join } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function userError(p: Promise<unknown>): Promise<UserError> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof UserError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return error;
  }

  /** The refusal as an English-speaking member reads it. */
  async function refusal(p: Promise<unknown>): Promise<string> {
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof UserError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return translator('en')(dynamicKey(`errors.${error.code}`), error.params);
  }

  describe('settings', () => {
    it('GIVEN bad settings THEN each is refused with a message naming what is expected', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect(await refusal(updateSettings(ctx, 'm1', { timezone: 'Mars/Olympus' }))).toMatch(/IANA timezone/);
      expect(await refusal(updateSettings(ctx, 'm1', { reminderTime: '25:00' }))).toMatch(/HH:MM/);
      expect(await refusal(updateSettings(ctx, 'm1', { newPerDay: 51 }))).toMatch(/0 to 50/);
    });
  });

  describe('settings: limits and codes', () => {
    it('GIVEN new cards per day THEN 0 and 50 are accepted; -1, 51 and fractions are refused naming the maximum', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect(MAX_NEW_PER_DAY).toBe(50);
      expect((await updateSettings(ctx, 'm1', { newPerDay: 0 })).newPerDay).toBe(0);
      expect((await updateSettings(ctx, 'm1', { newPerDay: 50 })).newPerDay).toBe(50);
      for (const newPerDay of [-1, 51, 2.5]) {
        expect(await userError(updateSettings(ctx, 'm1', { newPerDay }))).toMatchObject({
          code: 'invalid-new-per-day',
          params: { max: 50 },
        });
      }
    });

    it('GIVEN a leech threshold THEN 0 and 99 are accepted; -1, 100 and fractions are refused naming the maximum', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect((await updateSettings(ctx, 'm1', { leechThreshold: 0 })).leechThreshold).toBe(0);
      expect((await updateSettings(ctx, 'm1', { leechThreshold: 99 })).leechThreshold).toBe(99);
      for (const leechThreshold of [-1, 100, 1.5]) {
        expect(await userError(updateSettings(ctx, 'm1', { leechThreshold }))).toMatchObject({
          code: 'invalid-leech-threshold',
          params: { max: 99 },
        });
      }
    });

    it('GIVEN time zones THEN IANA names with a region and UTC are accepted, in their canonical spelling; bare abbreviations are refused', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect((await updateSettings(ctx, 'm1', { timezone: ' asia/seoul ' })).timezone).toBe('Asia/Seoul');
      expect((await updateSettings(ctx, 'm1', { timezone: 'UTC' })).timezone).toBe('UTC');
      for (const timezone of ['EST', 'Mars/Olympus', '']) {
        expect(await userError(updateSettings(ctx, 'm1', { timezone }))).toMatchObject({
          code: 'invalid-timezone',
          params: { timezone },
        });
      }
    });

    it('GIVEN a reminder time or a language that is not one THEN it is refused with what was typed and the choices', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      expect(await userError(updateSettings(ctx, 'm1', { reminderTime: '7pm' }))).toMatchObject({
        code: 'invalid-time',
        params: { time: '7pm' },
      });
      expect(await userError(updateSettings(ctx, 'm1', { language: 'fr' }))).toMatchObject({
        code: 'invalid-language',
        params: { language: 'fr', choices: 'auto, en, ko, vi' },
      });
      expect((await updateSettings(ctx, 'm1', { language: 'ko' })).language).toBe('ko');
    });

    it('GIVEN a refused setting among good ones THEN nothing is changed', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await userError(updateSettings(ctx, 'm1', { newPerDay: 5, leechThreshold: 500 }));
      expect((await getSettings(ctx, 'm1')).newPerDay).not.toBe(5);
    });

    it('GIVEN someone unknown THEN reading or changing settings says there is no progress yet', async () => {
      const { ctx } = env;
      expect(await userError(getSettings(ctx, 'nobody'))).toMatchObject({ code: 'no-progress' });
      expect(await userError(updateSettings(ctx, 'nobody', { newPerDay: 3 }))).toMatchObject({
        code: 'no-progress',
      });
    });
  });

  describe('settings: the next reminder', () => {
    it('GIVEN a new reminder time or time zone THEN the next reminder moves with them', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const s = await updateSettings(ctx, 'm1', { reminderTime: '10:30' });
      expect(s).toMatchObject({ reminderTime: '10:30', nextReminderAt: Date.parse('2026-03-02T10:30:00Z') });
      const seoul = await updateSettings(ctx, 'm1', { timezone: 'Asia/Seoul' });
      // 10:30 in Seoul is 01:30Z; today's has passed (it is 19:00 there), so tomorrow's.
      expect(seoul.nextReminderAt).toBe(Date.parse('2026-03-03T01:30:00Z'));
    });

    it('GIVEN reminders turned off, or DMs closed THEN there is no next reminder; turned on again THEN there is', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const off = await updateSettings(ctx, 'm1', { remindersEnabled: false });
      expect(off).toMatchObject({ remindersEnabled: false, nextReminderAt: null });
      const on = await updateSettings(ctx, 'm1', { remindersEnabled: true });
      expect(on).toMatchObject({
        remindersEnabled: true,
        nextReminderAt: Date.parse('2026-03-03T09:00:00Z'),
      });
      await db.prisma.member.update({ where: { id: 'm1' }, data: { dmsClosed: true } });
      expect(await updateSettings(ctx, 'm1', { reminderTime: '11:00' })).toMatchObject({
        dmsClosed: true,
        nextReminderAt: null,
      });
    });

    it('GIVEN a member THEN the settings show every field, the streak as of now', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      await db.prisma.member.update({
        where: { id: 'm1' },
        data: { currentStreak: 2, longestStreak: 4, lastStreakDay: '2026-03-01' },
      });
      expect(await getSettings(ctx, 'm1')).toEqual({
        timezone: 'UTC',
        reminderTime: '09:00',
        remindersEnabled: true,
        newPerDay: 10,
        leechThreshold: 8,
        language: 'auto',
        dmsClosed: false,
        nextReminderAt: Date.parse('2026-03-03T09:00:00Z'),
        streak: 2,
      });
    });

    it('GIVEN a change with nothing set THEN it is no change', () => {
      expect(isChange({})).toBe(false);
      expect(isChange({ timezone: undefined })).toBe(false);
      expect(isChange({ remindersEnabled: false })).toBe(true);
      expect(isChange({ newPerDay: 0 })).toBe(true);
    });
  });
});
