import { describe, expect, it } from 'vitest';
import {
  answerExam,
  expireExams,
  flagExam,
  resumeExam,
  reviewExam,
  submitExam,
} from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer, startedExam, wrongExamAnswer } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

/** What every click on an exam meets first: an exam that is gone, ended, or past its deadline. */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const MIN = 60_000;

const start = (questions = 6, minutes = 10) => startedExam(env.ctx, questions, minutes);

function answered() {
  return env.db.prisma.examItem.count({ where: { answer: { not: null } } });
}

describe('the open-exam guard', () => {
  it('GIVEN an exam that does not exist THEN every click is refused as gone', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    const at = { examId: 999, position: 0 };
    const gone = { kind: 'refused', reason: 'gone' };
    expect(await answerExam(ctx, 'm1', at, { kind: 'truefalse', value: true })).toEqual(gone);
    expect(await flagExam(ctx, 'm1', at, true)).toEqual(gone);
    expect(await resumeExam(ctx, 'm1', 999)).toEqual(gone);
    expect(await reviewExam(ctx, 'm1', 999)).toEqual(gone);
  });

  it('GIVEN a submitted exam with right answers WHEN it is clicked again THEN the refusal carries its score', async () => {
    const { ctx } = env;
    let q = await start(6);
    q = questionOf(await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order));
    q = questionOf(await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order));
    await answerExam(ctx, 'm1', q, wrongExamAnswer(q), q.order);
    await submitExam(ctx, 'm1', q.examId);
    expect(await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order)).toEqual({
      kind: 'refused',
      reason: 'submitted',
      score: { correct: 2, total: 6 },
    });
    expect(await env.db.prisma.examItem.count({ where: { correct: true } })).toBe(2);
  });

  it('GIVEN an exam the sweep submitted at its deadline WHEN the member clicks later THEN the result comes back, late, on its first page, and nothing is recorded', async () => {
    const { ctx, clock } = env;
    const first = await start(6, 5);
    const second = questionOf(await answerExam(ctx, 'm1', first, rightExamAnswer(first), first.order));
    clock.advance(6 * MIN);
    expect(await expireExams(ctx)).toBe(1);
    clock.advance(MIN);
    const late = await answerExam(ctx, 'm1', second, rightExamAnswer(second), second.order);
    expect(late).toMatchObject({
      kind: 'result',
      late: true,
      page: 0,
      result: { examId: first.examId, status: 'expired', score: { correct: 1, total: 6, unanswered: 5 } },
    });
    if (late.kind !== 'result') throw new Error(late.kind);
    expect(late.result.endedAt).toBe(T0 + 5 * MIN);
    expect(late.result.timeUsedMs).toBe(5 * MIN);
    expect(await resumeExam(ctx, 'm1', first.examId)).toMatchObject({ kind: 'result', late: true, page: 0 });
    expect(await answered()).toBe(1);
  });

  it('GIVEN a click minutes after the deadline, before any sweep THEN the exam is submitted as it stood, ended at the deadline', async () => {
    const { ctx, clock, db } = env;
    const first = await start(6, 5);
    await answerExam(ctx, 'm1', first, rightExamAnswer(first), first.order);
    clock.advance(8 * MIN);
    const late = await flagExam(ctx, 'm1', first, true);
    expect(late).toMatchObject({ kind: 'result', late: true, page: 0, result: { status: 'expired' } });
    if (late.kind !== 'result') throw new Error(late.kind);
    expect(late.result.endedAt).toBe(T0 + 5 * MIN);
    const exam = await db.prisma.exam.findFirstOrThrow();
    expect(exam).toMatchObject({ status: 'expired', openFor: null, score: 1 });
    expect(exam.endedAt?.getTime()).toBe(T0 + 5 * MIN);
    expect(await db.prisma.examItem.count({ where: { flagged: true } })).toBe(0);
  });
});
