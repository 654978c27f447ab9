import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../../src/core/settings.ts';
import { answerQuestion, type PresentedQuestion, startSession } from '../../../src/core/study/index.ts';
import { seedDueCard } from '../../support/cards.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { join, rightAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday, study day 2026-03-02 (until 04:00 tomorrow)
const HOUR = 3_600_000;
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  /** A card of `questionId` reviewed before, due at `dueAt`. */
  const dueCard = (questionId: string, dueAt: number) => seedDueCard(env.db, T0, 'm1', questionId, dueAt);

  /** A member without new cards today, so only the due cards are asked. */
  async function member() {
    await join(env.ctx, 'm1');
    await updateSettings(env.ctx, 'm1', { newPerDay: 0 });
  }

  async function first(): Promise<PresentedQuestion> {
    const s = await startSession(env.ctx, 'm1');
    if (s.kind !== 'question') throw new Error(`expected a question, got ${s.kind}`);
    return s.question;
  }

  /** Answers right 2 s after it was shown: quick, grade 5, 10 points. */
  async function answerRight(q: PresentedQuestion) {
    env.clock.advance(2_000);
    const r = await answerQuestion(env.ctx, {
      memberId: 'm1',
      sessionId: q.sessionId,
      step: q.step,
      answer: rightAnswer(q),
    });
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    return r;
  }

  const today = () =>
    env.db.prisma.dailyStat.findUniqueOrThrow({
      where: { memberId_day: { memberId: 'm1', day: '2026-03-02' } },
    });
  const streak = async () => {
    const m = await env.db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
    return { current: m.currentStreak, longest: m.longestStreak, lastDay: m.lastStreakDay };
  };

  describe('the day’s totals', () => {
    it('GIVEN two cards due WHEN the first is answered THEN the day counts the review but is not cleared and the streak waits; the second clears it, starts the streak and adds its bonus to that answer’s points', async () => {
      await member();
      await dueCard('alpha-tf', T0 - 2 * HOUR);
      await dueCard('beta-one', T0 - HOUR);
      const q1 = await first();
      const r1 = await answerRight(q1);
      expect(r1.feedback.points).toBe(10);
      expect(await today()).toMatchObject({
        reviews: 1,
        correct: 1,
        points: 10,
        newCards: 0,
        clearedDue: false,
      });
      expect(await streak()).toEqual({ current: 0, longest: 0, lastDay: null });
      if (r1.next === null) throw new Error('expected the second due card');
      const r2 = await answerRight(r1.next);
      expect(r2.feedback.points).toBe(12);
      expect(await today()).toMatchObject({
        reviews: 2,
        correct: 2,
        points: 22,
        newCards: 0,
        clearedDue: true,
      });
      expect(await streak()).toEqual({ current: 1, longest: 1, lastDay: '2026-03-02' });
    });

    it('GIVEN a card that comes due only later today WHEN everything due now is answered THEN the day is cleared already', async () => {
      await member();
      await dueCard('alpha-tf', T0 - HOUR);
      await dueCard('beta-one', T0 + 3 * HOUR); // 13:00, still the same study day
      const q = await first();
      expect(q.total).toBe(1);
      await answerRight(q);
      expect(await today()).toMatchObject({ reviews: 1, clearedDue: true });
      expect((await streak()).current).toBe(1);
    });

    it('GIVEN a new card answered wrong THEN the day counts one review, one new card and no right answer', async () => {
      await join(env.ctx, 'm1');
      await updateSettings(env.ctx, 'm1', { newPerDay: 1 });
      const q = await first();
      env.clock.advance(2_000);
      await answerQuestion(env.ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: { kind: 'choice', picks: [q.order.indexOf(1)] },
      });
      // 1 point for the attempt, 2 for the first streak day (nothing else is due).
      expect(await today()).toMatchObject({
        reviews: 1,
        correct: 0,
        points: 3,
        newCards: 1,
        clearedDue: true,
      });
    });
  });
});
