import { describe, expect, it } from 'vitest';
import { loadBank } from '../../../src/bank/load.ts';
import { indexBank } from '../../../src/core/context.ts';
import { abandonExam, answerExam, startExam, submitExam } from '../../../src/core/exam/index.ts';
import {
  answerQuestion,
  drillExamMisses,
  type PresentedQuestion,
  startSession,
} from '../../../src/core/study/index.ts';
import { syncBank } from '../../../src/core/sync-bank.ts';
import { FIXTURE_BANK, useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer, wrongExamAnswer } from '../../support/exam.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);

/** Answers a drill to the end: wrong the first time each question comes, right after; returns the ids asked in order. */
async function drill(first: PresentedQuestion): Promise<string[]> {
  const { ctx } = env;
  const seen = new Set<string>();
  const asked: string[] = [];
  let q: PresentedQuestion | null = first;
  while (q !== null) {
    asked.push(q.question.id);
    const answer = seen.has(q.question.id) ? rightAnswer(q) : wrongAnswer(q);
    seen.add(q.question.id);
    const r = await answerQuestion(ctx, { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer });
    if (r.status !== 'recorded') throw new Error(r.status);
    expect(r.feedback.schedule).toBeNull();
    q = r.next;
  }
  return asked;
}

describe('drills', () => {
  it('GIVEN an exam with misses WHEN the member drills them THEN exactly the missed questions are asked, each until right, and the schedule does not move', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    let q = questionOf(await startExam(ctx, 'm1', { questions: 6 }));
    const missed: string[] = [];
    for (let i = 0; i < 5; i++) {
      const right = i % 2 === 1;
      if (!right) missed.push(q.question.id);
      const step = await answerExam(ctx, 'm1', q, right ? rightExamAnswer(q) : wrongExamAnswer(q), q.order);
      if (step.kind === 'question') q = step.exam;
    }
    const unanswered = q.question.id;
    await submitExam(ctx, 'm1', q.examId);
    const start = await drillExamMisses(ctx, 'm1', q.examId);
    if (start.kind !== 'question') throw new Error(start.kind);
    expect(start.question.mode).toBe('drill');
    const asked = await drill(start.question);
    const misses = [...missed, unanswered];
    expect(asked).toEqual([...misses, ...misses]);
    expect(await db.prisma.card.count()).toBe(0);
    expect(await db.prisma.reviewLog.count()).toBe(0);
  });

  it('GIVEN a drill in progress WHEN the bot restarts (a fresh read of the store) THEN the drill resumes at the same question', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    const q = questionOf(await startExam(ctx, 'm1', { questions: 5 }));
    await submitExam(ctx, 'm1', q.examId);
    const start = await drillExamMisses(ctx, 'm1', q.examId);
    if (start.kind !== 'question') throw new Error(start.kind);
    const r = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: start.question.sessionId,
      step: 0,
      answer: rightAnswer(start.question),
    });
    if (r.status !== 'recorded' || r.next === null) throw new Error();
    const session = await env.db.prisma.studySession.findUniqueOrThrow({
      where: { id: start.question.sessionId },
    });
    expect(session).toMatchObject({ mode: 'drill', openFor: 'm1', step: 1 });
    expect(JSON.parse(session.queue)[0].q).toBe(r.next.question.id);
  });

  it('GIVEN an exam with every answer right, or still running THEN there is nothing to drill', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    let q = questionOf(await startExam(ctx, 'm1', { questions: 5 }));
    expect(await drillExamMisses(ctx, 'm1', q.examId)).toEqual({
      kind: 'refused',
      reason: 'nothing-to-drill',
    });
    for (;;) {
      const step = await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order);
      if (step.kind !== 'question') break;
      q = step.exam;
    }
    await submitExam(ctx, 'm1', q.examId);
    expect(await drillExamMisses(ctx, 'm1', q.examId)).toEqual({
      kind: 'nothing-to-drill',
      source: 'exam',
      topic: undefined,
    });
    await join(ctx, 'm2');
    expect(await drillExamMisses(ctx, 'm2', q.examId)).toEqual({ kind: 'refused', reason: 'not-yours' });
  });

  it('GIVEN an exam id that does not exist, or an exam abandoned THEN drilling its misses is refused as gone, or as abandoned', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    expect(await drillExamMisses(ctx, 'm1', 9999)).toEqual({ kind: 'refused', reason: 'gone' });
    const q = questionOf(await startExam(ctx, 'm1', { questions: 5 }));
    await answerExam(ctx, 'm1', q, wrongExamAnswer(q), q.order);
    await abandonExam(ctx, 'm1', q.examId);
    expect(await drillExamMisses(ctx, 'm1', q.examId)).toEqual({ kind: 'refused', reason: 'abandoned' });
    expect(await db.prisma.studySession.count()).toBe(0);
  });

  it('GIVEN exam misses of which one has since left the bank THEN the drill asks the others, as a new session; with none left there is nothing to drill', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    let q = questionOf(await startExam(ctx, 'm1', { questions: 8 }));
    for (;;) {
      const wrong = ['alpha-tf', 'beta-one'].includes(q.question.id);
      const step = await answerExam(ctx, 'm1', q, wrong ? wrongExamAnswer(q) : rightExamAnswer(q), q.order);
      if (step.kind !== 'question') break;
      q = step.exam;
    }
    await submitExam(ctx, 'm1', q.examId);
    const bank = loadBank(FIXTURE_BANK);
    const without = (ids: string[]) => ({
      ...ctx,
      bank: indexBank({ ...bank, questions: bank.questions.filter((x) => !ids.includes(x.id)) }),
    });
    const noBetaOne = without(['beta-one']);
    await syncBank(db.store, noBetaOne.bank.questions, new Date(T0));
    const start = await drillExamMisses(noBetaOne, 'm1', q.examId);
    expect(start).toMatchObject({ kind: 'question', resumed: false, dueCount: 0, newCount: 0 });
    if (start.kind !== 'question') throw new Error(start.kind);
    expect(start.question).toMatchObject({ mode: 'drill', total: 1, question: { id: 'alpha-tf' } });

    const neither = without(['beta-one', 'alpha-tf']);
    await syncBank(db.store, neither.bank.questions, new Date(T0));
    expect(await drillExamMisses(neither, 'm1', q.examId)).toEqual({
      kind: 'nothing-to-drill',
      source: 'exam',
      topic: undefined,
    });
  });

  it('GIVEN reviews with some wrong WHEN the member asks for weak spots THEN the wrong ones are drilled, weakest first, and nothing else', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    const wrongOnce = new Set<string>();
    await answerAll(ctx, clock, 'm1', (p) => {
      if (wrongOnce.size < 2 && !wrongOnce.has(p.question.id)) {
        wrongOnce.add(p.question.id);
        return wrongAnswer(p);
      }
      return rightAnswer(p);
    });
    const start = await startSession(ctx, 'm1', { mode: 'drill' });
    if (start.kind !== 'question') throw new Error(start.kind);
    expect(start.question.total).toBe(2);
    expect(wrongOnce.has(start.question.question.id)).toBe(true);
  });

  it('GIVEN a member with nothing weak THEN /quiz mode:weak says so', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    expect(await startSession(ctx, 'm1', { mode: 'drill' })).toEqual({
      kind: 'nothing-to-drill',
      source: 'weak',
      topic: undefined,
    });
  });
});
