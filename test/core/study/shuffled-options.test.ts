import { describe, expect, it } from 'vitest';
import { forgetMember } from '../../../src/core/members.ts';
import {
  answerQuestion,
  currentQuestion,
  type PresentedQuestion,
  startSession,
} from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function firstChoice(memberId: string): Promise<PresentedQuestion> {
    await join(env.ctx, memberId);
    const s = await startSession(env.ctx, memberId, { topic: 'alpha' });
    if (s.kind !== 'question' || s.question.question.id !== 'alpha-choice')
      throw new Error('expected alpha-choice first');
    return s.question;
  }

  describe('options shown in a fresh order at every presentation', () => {
    it('GIVEN the same card presented in different sessions THEN it comes in different orders', async () => {
      const orders = new Set<string>();
      for (let i = 0; i < 12; i++) {
        const q = await firstChoice(`m${i}`);
        orders.add(q.order.join(''));
        await forgetMember(env.ctx, `m${i}`);
      }
      // 3 options: 6 orders; 12 sessions all in one order would happen once in 6^11.
      expect(orders.size).toBeGreaterThan(1);
    });

    it('GIVEN a question shown in some order THEN the same step shows it in the same order again (a restart, the Next button)', async () => {
      const q = await firstChoice('m1');
      const again = await currentQuestion(env.ctx, 'm1', q.sessionId);
      expect(again?.order).toEqual(q.order);
    });

    it('GIVEN a letter as shown THEN the answer is graded as the option at that letter, and the log and feedback name it right', async () => {
      const { ctx, db } = env;
      const q = await firstChoice('m1');
      const alphaAt = q.order.indexOf(0); // Alpha is right
      const gammaAt = q.order.indexOf(2);
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: { kind: 'choice', picks: [gammaAt] },
      });
      if (r.status !== 'recorded') throw new Error(r.status);
      expect(r.feedback.correct).toBe(false);
      expect(r.feedback.correctAnswer).toBe(`${'ABC'[alphaAt]}. Alpha`);
      const log = await db.prisma.reviewLog.findFirstOrThrow({ where: { memberId: 'm1' } });
      // The log keeps the option's letter in the file (C = Gamma), whatever letter it was shown at.
      expect(log.answer).toBe('C');
    });

    it('GIVEN a multi-select answer as shown THEN picks map through the order to the file options', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      let s = await startSession(ctx, 'm1', { topic: 'alpha' });
      // alpha-choice first; answer it right to reach alpha-multi (right: A and E, file indexes 0 and 2).
      while (s.kind === 'question' && s.question.question.id !== 'alpha-multi') {
        const q = s.question;
        const r = await answerQuestion(ctx, {
          memberId: 'm1',
          sessionId: q.sessionId,
          step: q.step,
          answer: { kind: 'choice', picks: [q.order.indexOf(0)] },
        });
        if (r.status !== 'recorded' || r.next === null) throw new Error('stuck');
        s = { ...s, question: r.next };
      }
      if (s.kind !== 'question') throw new Error('no multi-select question');
      const q = s.question;
      const picks = [q.order.indexOf(0), q.order.indexOf(2)];
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: { kind: 'choice', picks },
      });
      if (r.status !== 'recorded') throw new Error(r.status);
      expect(r.feedback.correct).toBe(true);
      const log = await db.prisma.reviewLog.findFirstOrThrow({ where: { questionId: 'alpha-multi' } });
      expect(log.answer).toBe('A,C');
    });

    it('GIVEN an order that is not the one shown now THEN nothing is recorded and the question comes back', async () => {
      const { ctx, db } = env;
      const q = await firstChoice('m1');
      const wrongOrder = [...q.order].reverse();
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: { kind: 'choice', picks: [0] },
        order: wrongOrder.join('') === q.order.join('') ? [1, 0, 2] : wrongOrder,
      });
      expect(r).toMatchObject({
        status: 'stale',
        reason: 'reordered',
        next: { sessionId: q.sessionId, step: q.step },
      });
      expect(await db.prisma.reviewLog.count()).toBe(0);
    });

    it('GIVEN an option index past the options THEN it is refused as no such option and nothing is recorded', async () => {
      const { ctx, db } = env;
      const q = await firstChoice('m1');
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: { kind: 'choice', picks: [4] },
      });
      expect(r).toMatchObject({ status: 'stale', reason: 'no-such-option' });
      expect(await db.prisma.reviewLog.count()).toBe(0);
    });
  });
});
