import { describe, expect, it } from 'vitest';
import {
  abandonExam,
  answerExam,
  examResultPage,
  recentExamScores,
  submitExam,
} from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf } from '../../support/exam.ts';
import { openExam } from '../../support/exam-flow.ts';
import { join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const env = useCore(T0);

const EXAM = ['alpha-multi', 'alpha-tf', 'alpha-choice', 'beta-one', 'beta-two'];
const RIGHT_TF = { kind: 'truefalse', value: true } as const;

describe('ending an exam', () => {
  it('GIVEN two answers WHEN the member abandons THEN the exam ends unscored, the answers are counted back, and its result is refused', async () => {
    const { ctx, clock, db } = env;
    const examId = await openExam(env, 'm1', EXAM);
    await answerExam(ctx, 'm1', { examId, position: 1 }, RIGHT_TF);
    await answerExam(ctx, 'm1', { examId, position: 3 }, RIGHT_TF);
    clock.advance(MIN);
    expect(await abandonExam(ctx, 'm1', examId)).toEqual({ kind: 'abandoned', answered: 2, total: 5 });
    expect(await db.prisma.exam.findUniqueOrThrow({ where: { id: examId } })).toMatchObject({
      status: 'abandoned',
      openFor: null,
      score: null,
      endedAt: new Date(T0 + MIN),
    });
    expect(await examResultPage(ctx, 'm1', examId, 0)).toEqual({ kind: 'refused', reason: 'abandoned' });
    expect(await abandonExam(ctx, 'm1', examId)).toEqual({ kind: 'refused', reason: 'abandoned' });
    expect(await recentExamScores(ctx, 'm1')).toEqual([]);
  });

  it('GIVEN a submitted exam THEN any page of its result shows the same result, not late, to its member only; an unknown exam is gone', async () => {
    const { ctx, clock } = env;
    const examId = await openExam(env, 'm1', EXAM);
    await answerExam(ctx, 'm1', { examId, position: 1 }, RIGHT_TF);
    clock.advance(4 * MIN);
    const done = await submitExam(ctx, 'm1', examId);
    if (done.kind !== 'result') throw new Error(done.kind);
    clock.advance(60 * MIN);
    expect(await examResultPage(ctx, 'm1', examId, 2)).toEqual({
      kind: 'result',
      result: done.result,
      late: false,
      page: 2,
    });
    await join(ctx, 'm2');
    expect(await examResultPage(ctx, 'm2', examId, 0)).toEqual({ kind: 'refused', reason: 'not-yours' });
    expect(await examResultPage(ctx, 'm1', examId + 1, 0)).toEqual({ kind: 'refused', reason: 'gone' });
    expect(await submitExam(ctx, 'm1', examId)).toEqual({
      kind: 'refused',
      reason: 'submitted',
      score: { correct: 1, total: 5 },
    });
  });

  it('GIVEN an exam still open WHEN its result is asked for THEN the exam itself is shown where the member was, until the deadline ends it and the page asked for comes back', async () => {
    const { ctx, clock, db } = env;
    const examId = await openExam(env, 'm1', EXAM, { minutes: 5 });
    const second = questionOf(
      await answerExam(ctx, 'm1', { examId, position: 0 }, { kind: 'choice', picks: [0] }),
    );
    expect(second.position).toBe(1);
    const running = await examResultPage(ctx, 'm1', examId, 1);
    expect(running).toEqual({ kind: 'question', exam: second, resumed: true });

    clock.advance(5 * MIN);
    const late = await examResultPage(ctx, 'm1', examId, 1);
    expect(late).toMatchObject({
      kind: 'result',
      late: true,
      page: 1,
      result: { examId, status: 'expired', endedAt: T0 + 5 * MIN, score: { correct: 0, total: 5 } },
    });
    expect(await db.prisma.exam.findUniqueOrThrow({ where: { id: examId } })).toMatchObject({
      status: 'expired',
      score: 0,
    });
  });
});

describe('recent exam scores', () => {
  it('GIVEN exams submitted early, expired and abandoned THEN the scored ones come latest first with their right answers and when each ended, at most as many as asked', async () => {
    const { ctx, clock } = env;
    const first = await openExam(env, 'm1', EXAM, { minutes: 30 });
    await answerExam(ctx, 'm1', { examId: first, position: 1 }, RIGHT_TF);
    await answerExam(ctx, 'm1', { examId: first, position: 3 }, RIGHT_TF);
    clock.advance(7 * MIN);
    await submitExam(ctx, 'm1', first);

    const second = await openExam(env, 'm1', EXAM.slice(0, 4), { minutes: 5 });
    clock.advance(6 * MIN);
    await examResultPage(ctx, 'm1', second, 0); // the deadline ended it
    const third = await openExam(env, 'm1', EXAM);
    await abandonExam(ctx, 'm1', third);
    await openExam(env, 'm2', EXAM);

    expect(await recentExamScores(ctx, 'm1')).toEqual([
      { examId: second, correct: 0, total: 4, endedAt: T0 + 12 * MIN },
      { examId: first, correct: 2, total: 5, endedAt: T0 + 7 * MIN },
    ]);
    expect(await recentExamScores(ctx, 'm1', 1)).toEqual([
      { examId: second, correct: 0, total: 4, endedAt: T0 + 12 * MIN },
    ]);
    expect(await recentExamScores(ctx, 'm2')).toEqual([]);
  });
});
