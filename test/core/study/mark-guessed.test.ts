import { describe, expect, it } from 'vitest';
import { answerQuestion, markGuessed, startSession } from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { join, rightAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

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
  });
});
