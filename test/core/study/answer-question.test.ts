import { describe, expect, it } from 'vitest';
import { answerQuestion, startSession } from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function firstQuestion(memberId = 'm1') {
    await join(env.ctx, memberId);
    const start = await startSession(env.ctx, memberId);
    if (start.kind !== 'question') throw new Error('expected a question');
    return start.question;
  }

  describe('answering', () => {
    it('GIVEN every answer right WHEN the session ends THEN one review per question is logged and nothing is due until tomorrow', async () => {
      const { ctx, clock, db } = env;
      await join(ctx, 'm1');
      const { answered, after } = await answerAll(ctx, clock, 'm1');
      expect(answered).toBe(ctx.bank.questions.length);
      expect(await db.prisma.reviewLog.count({ where: { memberId: 'm1' } })).toBe(answered);
      expect(after.kind).toBe('nothing-due');
      if (after.kind === 'nothing-due') expect(after.nextDueAt).toBe(Date.parse('2026-03-03T04:00:00Z'));
    });

    it('GIVEN a wrong answer THEN it is asked again in the session without a second review and the card is due tomorrow', async () => {
      const { ctx, db } = env;
      const first = await firstQuestion();
      const r1 = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: first.sessionId,
        step: first.step,
        answer: wrongAnswer(first),
      });
      if (r1.status !== 'recorded') throw new Error();
      expect(r1.feedback).toMatchObject({ correct: false, reaskLater: true, schedule: { intervalDays: 1 } });
      let q = r1.next;
      let reasked = false;
      while (q !== null) {
        const r = await answerQuestion(ctx, {
          memberId: 'm1',
          sessionId: q.sessionId,
          step: q.step,
          answer: rightAnswer(q),
        });
        if (r.status !== 'recorded') throw new Error();
        if (q.reask) {
          reasked = true;
          expect(r.feedback.schedule).toBeNull();
        }
        q = r.next;
      }
      expect(reasked).toBe(true);
      expect(await db.prisma.reviewLog.count({ where: { questionId: first.question.id } })).toBe(1);
    });

    it('GIVEN the same step answered twice concurrently THEN exactly one review is recorded and the other replays it', async () => {
      const { ctx, db } = env;
      const q = await firstQuestion();
      const input = { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer: rightAnswer(q) };
      const results = await Promise.all([
        answerQuestion(ctx, input),
        answerQuestion(ctx, input),
        answerQuestion(ctx, input),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
      expect(await db.prisma.reviewLog.count()).toBe(1);
    });

    it('GIVEN 100 members answering at once THEN all 100 reviews are recorded', async () => {
      const { ctx, db } = env;
      const ids = Array.from({ length: 100 }, (_, i) => `m${i}`);
      for (const id of ids) await join(ctx, id);
      const firsts = await Promise.all(ids.map((id) => startSession(ctx, id)));
      await Promise.all(
        firsts.map((s, i) => {
          if (s.kind !== 'question') throw new Error();
          const q = s.question;
          return answerQuestion(ctx, {
            memberId: ids[i] ?? '',
            sessionId: q.sessionId,
            step: q.step,
            answer: rightAnswer(q),
          });
        }),
      );
      expect(await db.prisma.reviewLog.count()).toBe(100);
    });

    it('GIVEN a stale step THEN the answer is refused politely and nothing is written', async () => {
      const { ctx, db } = env;
      const q = await firstQuestion();
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: 7,
        answer: rightAnswer(q),
      });
      expect(r).toMatchObject({ status: 'stale', reason: 'answered' });
      expect(await db.prisma.reviewLog.count()).toBe(0);
    });
  });
});
