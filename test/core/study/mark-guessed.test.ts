import { describe, expect, it } from 'vitest';
import { forgetMember } from '../../../src/core/members.ts';
import { updateSettings } from '../../../src/core/settings.ts';
import {
  answerQuestion,
  markGuessed,
  type PresentedQuestion,
  startSession,
} from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function firstQuestion(memberId = 'm1'): Promise<PresentedQuestion> {
    const start = await startSession(env.ctx, memberId);
    if (start.kind !== 'question') throw new Error(start.kind);
    return start.question;
  }

  /** Answers `q` (quickly: a right answer is graded 5); returns the review id and the next question. */
  async function answer(q: PresentedQuestion, right = true, memberId = 'm1') {
    const r = await answerQuestion(env.ctx, {
      memberId,
      sessionId: q.sessionId,
      step: q.step,
      answer: right ? rightAnswer(q) : wrongAnswer(q),
    });
    if (r.status !== 'recorded' || r.feedback.reviewId === null) throw new Error(r.status);
    return { reviewId: r.feedback.reviewId, grade: r.feedback.grade, next: r.next };
  }

  async function points(memberId: string, day: string): Promise<number> {
    const stat = await env.db.prisma.dailyStat.findUnique({ where: { memberId_day: { memberId, day } } });
    return stat?.points ?? 0;
  }

  const gradeOf = async (id: number) =>
    (await env.db.prisma.reviewLog.findUniqueOrThrow({ where: { id } })).grade;

  describe('"I guessed"', () => {
    it('GIVEN "I guessed" after a correct answer THEN the grade becomes 3 and the card is rescheduled from its previous state', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const s = await startSession(ctx, 'm1');
      if (s.kind !== 'question') throw new Error();
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: s.question.sessionId,
        step: 0,
        answer: rightAnswer(s.question),
      });
      if (r.status !== 'recorded' || r.feedback.reviewId === null) throw new Error();
      expect(await markGuessed(ctx, 'm1', r.feedback.reviewId)).toMatchObject({ intervalDays: 1 });
      const log = await db.prisma.reviewLog.findUniqueOrThrow({ where: { id: r.feedback.reviewId } });
      expect(log.grade).toBe(3);
      expect(log.easinessAfter).toBeCloseTo(2.36);
      expect(await markGuessed(ctx, 'other', r.feedback.reviewId)).toBeNull();
    });

    it('GIVEN a quick correct answer (grade 5, 10 points) WHEN marked guessed THEN the day loses the 4 points between grade 5 and grade 3, and the card moves with the log', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const q = await firstQuestion();
      const r = await answer(q);
      expect(r.grade).toBe(5);
      const before = await points('m1', '2026-03-02');
      expect(await markGuessed(ctx, 'm1', r.reviewId)).toEqual({
        intervalDays: 1,
        dueAt: Date.parse('2026-03-03T04:00:00Z'),
        dueDay: '2026-03-03',
      });
      expect(await points('m1', '2026-03-02')).toBe(before - 4);
      const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
      expect(card.easiness).toBeCloseTo(2.36);
      expect(card).toMatchObject({ intervalDays: 1, repetitions: 1, reviewCount: 1 });
    });

    it('GIVEN someone else\'s review, a wrong answer or an unknown review id THEN "I guessed" is refused and neither the log nor the points change', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      const right = await answer(await firstQuestion());
      if (right.next === null) throw new Error('expected a second question');
      const wrong = await answer(right.next, false);
      expect(wrong.grade).toBe(1);
      const before = await points('m1', '2026-03-02');

      expect(await markGuessed(ctx, 'm2', right.reviewId)).toBeNull();
      expect(await markGuessed(ctx, 'm1', wrong.reviewId)).toBeNull();
      expect(await markGuessed(ctx, 'm1', wrong.reviewId + 1000)).toBeNull();
      expect(await gradeOf(right.reviewId)).toBe(5);
      expect(await gradeOf(wrong.reviewId)).toBe(1);
      expect(await points('m1', '2026-03-02')).toBe(before);
      expect(await points('m2', '2026-03-02')).toBe(0);

      // The owner may still mark the right one: the refusal above was about whose review it is.
      expect(await markGuessed(ctx, 'm1', right.reviewId)).not.toBeNull();
    });

    it('GIVEN a review already marked guessed WHEN marked again THEN it is refused and the points drop only once', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const r = await answer(await firstQuestion());
      const before = await points('m1', '2026-03-02');
      expect(await markGuessed(ctx, 'm1', r.reviewId)).not.toBeNull();
      expect(await markGuessed(ctx, 'm1', r.reviewId)).toBeNull();
      expect(await points('m1', '2026-03-02')).toBe(before - 4);
      expect(await gradeOf(r.reviewId)).toBe(3);
    });

    it("GIVEN a card answered again the next day THEN the earlier review can no longer be marked, only the card's latest", async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 1 });
      const q1 = await firstQuestion();
      const first = await answer(q1);
      expect(first.next).toBeNull();
      clock.now = T0 + DAY;
      const q = await firstQuestion();
      expect(q.question.id).toBe(q1.question.id);
      const latest = await answer(q);
      const day1 = await points('m1', '2026-03-02');

      expect(await markGuessed(ctx, 'm1', first.reviewId)).toBeNull();
      expect(await gradeOf(first.reviewId)).toBe(5);
      expect(await points('m1', '2026-03-02')).toBe(day1);
      expect(await markGuessed(ctx, 'm1', latest.reviewId)).not.toBeNull();
      expect(await gradeOf(latest.reviewId)).toBe(3);
    });

    it('GIVEN a member who had everything forgotten THEN "I guessed" on their old review is refused', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const r = await answer(await firstQuestion());
      expect(await forgetMember(ctx, 'm1')).toEqual({ deleted: true });
      expect(await markGuessed(ctx, 'm1', r.reviewId)).toBeNull();
      expect(await db.prisma.dailyStat.count()).toBe(0);
    });
  });
});
