import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { indexBank, UserError } from '../../src/core/context.ts';
import { getProgress, type ProgressFacts, summarizeProgress } from '../../src/core/progress.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { startSession } from '../../src/core/study/index.ts';
import { FIXTURE_BANK, useCore } from '../support/core.ts';
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

  describe('the figures of /stats (summarizeProgress)', () => {
    const bank = indexBank(loadBank(FIXTURE_BANK));
    const at = (iso: string) => new Date(iso);
    const card = (questionId: string, dueAt: string, intervalDays = 1, suspended = false) => ({
      questionId,
      intervalDays,
      dueAt: at(dueAt),
      suspendedAt: suspended ? at('2026-02-01T00:00:00Z') : null,
    });
    const member = {
      displayName: 'Ann',
      timezone: 'UTC',
      currentStreak: 3,
      longestStreak: 5,
      lastStreakDay: '2026-03-01',
    };
    const facts: ProgressFacts = {
      member,
      cards: [
        card('alpha-choice', '2026-02-20T04:00:00Z'), // overdue
        card('beta-two', '2026-03-02T10:00:00Z'), // due exactly now
        card('alpha-multi', '2026-03-03T03:59:59.999Z'), // the last instant of today
        card('alpha-tf', '2026-03-03T04:00:00Z', 21), // tomorrow's first instant; learned
        card('alpha-text', '2026-03-15T04:00:00Z', 20), // the 14th day of the forecast
        card('alpha-card', '2026-03-16T04:00:00Z', 30), // past the forecast; learned
        card('beta-one', '2026-02-20T04:00:00Z', 1, true), // a suspended leech
        card('retired', '2026-04-30T04:00:00Z'), // its question left the bank
      ],
      stats: [
        { day: '2026-01-31', reviews: 100, correct: 0 }, // 30 days back: outside both windows
        { day: '2026-02-01', reviews: 6, correct: 3 }, // 29 days back: in the 30-day window
        { day: '2026-02-23', reviews: 10, correct: 10 }, // 7 days back: outside the week
        { day: '2026-02-24', reviews: 4, correct: 2 }, // 6 days back: in the week
      ],
      reviewsTotal: 120,
      leechPrompts: ['first', 'second', 'third', 'fourth'],
    };
    const now = Date.parse('2026-03-02T10:00:00Z');

    it('GIVEN cards due around the day boundary THEN today counts everything due before tomorrow 04:00, overdue included, and no suspended card', () => {
      const p = summarizeProgress(bank, facts, now);
      expect(p.today).toBe('2026-03-02');
      expect(p.dueToday).toBe(3);
      expect(p.forecast).toHaveLength(14);
      expect(p.forecast[0]).toEqual({ day: '2026-03-02', due: 3 });
      expect(p.forecast[1]).toEqual({ day: '2026-03-03', due: 1 });
      expect(p.forecast[13]).toEqual({ day: '2026-03-15', due: 1 });
      expect(p.forecast.reduce((n, d) => n + d.due, 0)).toBe(5);
    });

    it('GIVEN a card due exactly now THEN the next due instant is the first one after now', () => {
      expect(summarizeProgress(bank, facts, now).nextDueAt).toBe(Date.parse('2026-03-03T03:59:59.999Z'));
      const later = facts.cards.filter((c) => c.questionId !== 'alpha-multi');
      expect(summarizeProgress(bank, { ...facts, cards: later }, now).nextDueAt).toBe(
        Date.parse('2026-03-03T04:00:00Z'),
      );
      const overdue = { ...facts, cards: [card('alpha-choice', '2026-02-20T04:00:00Z')] };
      expect(summarizeProgress(bank, overdue, now).nextDueAt).toBeNull();
    });

    it('GIVEN cards THEN seen counts the bank questions the member has a card for, suspended too; learned means an interval of 21 days or more', () => {
      const p = summarizeProgress(bank, facts, now);
      expect(p.seen).toBe(7);
      expect(p.total).toBe(10);
      expect(p.learned).toBe(2);
      expect(p.topics).toEqual([
        { topic: 'alpha', title: { en: 'Alpha topic' }, total: 8, seen: 5, learned: 2 },
        { topic: 'beta', title: { en: 'Beta topic' }, total: 2, seen: 2, learned: 0 },
      ]);
    });

    it('GIVEN day totals THEN accuracy and reviews cover the last 7 and 30 study days, today included', () => {
      const p = summarizeProgress(bank, facts, now);
      expect(p.accuracy7).toBe(2 / 4);
      expect(p.accuracy30).toBe((3 + 10 + 2) / (6 + 10 + 4));
      expect(p.reviews7).toBe(4);
      expect(p.reviewsTotal).toBe(120);
      expect(p.reviewsByDay).toEqual([
        { day: '2026-01-31', reviews: 100 },
        { day: '2026-02-01', reviews: 6 },
        { day: '2026-02-23', reviews: 10 },
        { day: '2026-02-24', reviews: 4 },
      ]);
      const today = summarizeProgress(
        bank,
        { ...facts, stats: [{ day: '2026-03-02', reviews: 5, correct: 5 }] },
        now,
      );
      expect([today.accuracy7, today.accuracy30, today.reviews7]).toEqual([1, 1, 5]);
    });

    it('GIVEN no reviews in a window THEN its accuracy is unknown, not 0', () => {
      const p = summarizeProgress(
        bank,
        { ...facts, stats: [{ day: '2026-02-10', reviews: 4, correct: 4 }] },
        now,
      );
      expect(p.accuracy7).toBeNull();
      expect(p.accuracy30).toBe(1);
      expect(p.reviews7).toBe(0);
    });

    it('GIVEN a live streak THEN its days end on the last counted day, oldest first; the longest is kept', () => {
      const p = summarizeProgress(bank, facts, now);
      expect(p.currentStreak).toBe(3);
      expect(p.longestStreak).toBe(5);
      expect(p.streakDays).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
      const broken = { ...facts, member: { ...member, lastStreakDay: '2026-02-28' } };
      expect(summarizeProgress(bank, broken, now)).toMatchObject({ currentStreak: 0, streakDays: [] });
    });

    it('GIVEN leeches THEN all are counted and the first three prompts shown', () => {
      expect(summarizeProgress(bank, facts, now).leeches).toEqual({
        count: 4,
        prompts: ['first', 'second', 'third'],
      });
    });

    it("GIVEN a member east of UTC THEN today and its end are the member's own", () => {
      // 20:00Z on 03-02 is 05:00 on 03-03 in Seoul: that study day ends at 03-04 04:00 KST (03-03 19:00Z).
      const seoul = {
        ...facts,
        member: { ...member, timezone: 'Asia/Seoul' },
        cards: [card('alpha-choice', '2026-03-03T18:59:59.999Z'), card('alpha-tf', '2026-03-03T19:00:00Z')],
      };
      const p = summarizeProgress(bank, seoul, Date.parse('2026-03-02T20:00:00Z'));
      expect(p.today).toBe('2026-03-03');
      expect(p.timezone).toBe('Asia/Seoul');
      expect(p.displayName).toBe('Ann');
      expect(p.dueToday).toBe(1);
      expect(p.forecast.slice(0, 2)).toEqual([
        { day: '2026-03-03', due: 1 },
        { day: '2026-03-04', due: 1 },
      ]);
    });
  });

  describe('progress of someone unknown', () => {
    it('GIVEN no member THEN /stats says there is no progress yet', async () => {
      await expect(getProgress(env.ctx, 'nobody')).rejects.toThrow(new UserError('no-progress'));
      await expect(getProgress(env.ctx, 'nobody')).rejects.toMatchObject({ code: 'no-progress' });
    });
  });
});
