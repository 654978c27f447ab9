import { describe, expect, it } from 'vitest';
import { answerExam, resumeExam, submitExam } from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf } from '../../support/exam.ts';
import { openExam, redeploy } from '../../support/exam-flow.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);

// Seed 2 shows alpha-multi (options A, B, E, F; right: A and E) at position 0 as E, A, B, F.
const EXAM = ['alpha-multi', 'alpha-tf', 'alpha-choice', 'beta-one', 'beta-two'];

describe('an exam question as shown', () => {
  it('GIVEN answers already given WHEN the member comes back to a question THEN it shows the answer as they gave it, picks in shown order, with its topic title', async () => {
    const { ctx } = env;
    const examId = await openExam(env, 'm1', EXAM);
    const multi = questionOf(await resumeExam(ctx, 'm1', examId, 0));
    expect(multi.order).toEqual([2, 0, 1, 3]);
    expect(multi).toMatchObject({ answer: null, topicTitle: { en: 'Alpha topic' } });
    // Right: E (shown A) and A (shown B), clicked B first.
    await answerExam(ctx, 'm1', multi, { kind: 'choice', picks: [1, 0] }, multi.order);
    await answerExam(ctx, 'm1', { examId, position: 1 }, { kind: 'truefalse', value: true });
    await answerExam(ctx, 'm1', { examId, position: 3 }, { kind: 'truefalse', value: false });
    const items = await env.db.prisma.examItem.findMany({ where: { examId }, orderBy: { position: 'asc' } });
    expect(items.map((i) => [i.answer, i.correct])).toEqual([
      ['A,C', true],
      ['true', true],
      [null, null],
      ['false', false],
      [null, null],
    ]);

    expect(questionOf(await resumeExam(ctx, 'm1', examId, 0))).toMatchObject({
      answer: { kind: 'choice', picks: [0, 1] },
      answered: 3,
    });
    expect(questionOf(await resumeExam(ctx, 'm1', examId, 1)).answer).toEqual({
      kind: 'truefalse',
      value: true,
    });
    expect(questionOf(await resumeExam(ctx, 'm1', examId, 2)).answer).toBeNull();
    expect(questionOf(await resumeExam(ctx, 'm1', examId, 3))).toMatchObject({
      answer: { kind: 'truefalse', value: false },
      topicTitle: { en: 'Beta topic' },
    });
  });

  it('GIVEN an option dropped from a question since it was answered THEN the answer shows only the picks still there', async () => {
    const { ctx } = env;
    const examId = await openExam(env, 'm1', EXAM, { minutes: 60 });
    // E (shown A) and F (shown D): file letters C and D.
    await answerExam(ctx, 'm1', { examId, position: 0 }, { kind: 'choice', picks: [0, 3] });
    await redeploy(env, (q) =>
      q.id === 'alpha-multi' && q.kind === 'choice' ? { ...q, options: ['A', 'B', 'E'], answer: [0, 2] } : q,
    );
    const now = questionOf(await resumeExam(ctx, 'm1', examId, 0));
    expect(now.order).toEqual([1, 0, 2]);
    // E is now shown at C; F is gone.
    expect(now.answer).toEqual({ kind: 'choice', picks: [2] });
  });

  it('GIVEN a question that left the bank during the exam THEN it is skipped, an answer to it is refused, and it is not scored', async () => {
    const { ctx, db } = env;
    const examId = await openExam(env, 'm1', EXAM);
    await answerExam(ctx, 'm1', { examId, position: 1 }, { kind: 'truefalse', value: true });
    await redeploy(env, (q) => (q.id === 'alpha-tf' ? undefined : q));

    expect(questionOf(await resumeExam(ctx, 'm1', examId, 1))).toMatchObject({
      position: 2,
      question: { id: 'alpha-choice' },
    });
    expect(await answerExam(ctx, 'm1', { examId, position: 1 }, { kind: 'truefalse', value: false })).toEqual(
      {
        kind: 'refused',
        reason: 'no-such-position',
      },
    );
    const gone = await db.prisma.examItem.findFirstOrThrow({ where: { examId, position: 1 } });
    expect(gone).toMatchObject({ answer: 'true', correct: true });

    const done = await submitExam(ctx, 'm1', examId);
    if (done.kind !== 'result') throw new Error(done.kind);
    expect(done.result.score).toMatchObject({ correct: 0, total: 4, unanswered: 4 });
    expect(done.result.misses.map((m) => m.position)).toEqual([0, 2, 3, 4]);
    expect(await db.prisma.exam.findUniqueOrThrow({ where: { id: examId } })).toMatchObject({ score: 0 });
  });

  it('GIVEN a position past the last question THEN an answer there is refused and nothing is recorded', async () => {
    const { ctx, db } = env;
    const examId = await openExam(env, 'm1', EXAM);
    expect(await answerExam(ctx, 'm1', { examId, position: 5 }, { kind: 'truefalse', value: true })).toEqual({
      kind: 'refused',
      reason: 'no-such-position',
    });
    expect(await db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });
});
