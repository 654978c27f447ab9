import { describe, expect, it } from 'vitest';
import {
  abandonExam,
  answerExam,
  examResultPage,
  expireExams,
  flagExam,
  resumeExam,
  reviewExam,
  submitExam,
} from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer, startedExam, wrongExamAnswer } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const MIN = 60_000;

const start = (questions = 6, minutes = 10, memberId = 'm1') =>
  startedExam(env.ctx, questions, minutes, memberId);

describe('taking an exam', () => {
  it('GIVEN an exam WHEN questions are answered THEN no feedback is given, the answer is kept in file letters and the next question follows', async () => {
    const { ctx, db } = env;
    const first = await start();
    expect(first).toMatchObject({ position: 0, total: 6, answer: null, deadline: T0 + 10 * MIN });
    expect(['choice', 'truefalse']).toContain(first.question.kind);
    const step = await answerExam(ctx, 'm1', first, wrongExamAnswer(first), first.order);
    const second = questionOf(step);
    expect(second).toMatchObject({ position: 1, answered: 1 });
    // A question, not a verdict: nothing says whether the answer was right.
    expect(Object.keys(step).sort()).toEqual(['exam', 'kind']);
    const item = await db.prisma.examItem.findFirstOrThrow({ where: { position: 0 } });
    expect(item).toMatchObject({ questionId: first.question.id, correct: false });
    if (first.question.kind === 'choice') expect(item.answer).toMatch(/^[A-E](,[A-E])*$/);
    // The schedule, the review log and the day's totals are untouched by exam answers.
    expect(await db.prisma.card.count()).toBe(0);
    expect(await db.prisma.reviewLog.count()).toBe(0);
    expect(await db.prisma.dailyStat.count()).toBe(0);
  });

  it('GIVEN an answer WHEN the member goes back and changes it THEN the new one counts, shown as given', async () => {
    const { ctx, db } = env;
    const first = await start();
    await answerExam(ctx, 'm1', first, wrongExamAnswer(first), first.order);
    const back = questionOf(await resumeExam(ctx, 'm1', first.examId, 0));
    expect(back.answer).toEqual(wrongExamAnswer(first));
    await answerExam(ctx, 'm1', back, rightExamAnswer(back), back.order);
    expect(await db.prisma.examItem.findFirstOrThrow({ where: { position: 0 } })).toMatchObject({
      correct: true,
    });
    expect(questionOf(await resumeExam(ctx, 'm1', first.examId, 0)).answer).toEqual(rightExamAnswer(first));
  });

  it('GIVEN skips and flags THEN the overview lists the unanswered and flagged positions, and resuming opens where the member was', async () => {
    const { ctx } = env;
    const first = await start();
    await flagExam(ctx, 'm1', first, true);
    const second = questionOf(await resumeExam(ctx, 'm1', first.examId, 1));
    const third = questionOf(await answerExam(ctx, 'm1', second, rightExamAnswer(second), second.order));
    expect(third.position).toBe(2);
    expect(questionOf(await resumeExam(ctx, 'm1', first.examId))).toMatchObject({
      position: 2,
      answered: 1,
      flaggedCount: 1,
    });
    const review = await reviewExam(ctx, 'm1', first.examId);
    expect(review).toMatchObject({
      kind: 'overview',
      overview: { answered: 1, total: 6, unanswered: [0, 2, 3, 4, 5], flagged: [0] },
    });
    // A second click on the same flag button agrees with the first.
    await flagExam(ctx, 'm1', first, true);
    expect((await reviewExam(ctx, 'm1', first.examId)).kind === 'overview').toBe(true);
    await flagExam(ctx, 'm1', first, false);
    const after = await reviewExam(ctx, 'm1', first.examId);
    if (after.kind !== 'overview') throw new Error();
    expect(after.overview.flagged).toEqual([]);
  });

  it('GIVEN a submitted exam THEN the score counts unanswered as wrong, lists domains and topics weakest first, and explains each miss', async () => {
    const { ctx, clock } = env;
    let q = await start(6, 10);
    for (let i = 0; i < 4; i++) {
      clock.advance(MIN);
      const answer = i === 0 ? wrongExamAnswer(q) : rightExamAnswer(q);
      q = questionOf(await answerExam(ctx, 'm1', q, answer, q.order));
    }
    const done = await submitExam(ctx, 'm1', q.examId);
    if (done.kind !== 'result') throw new Error(done.kind);
    const r = done.result;
    expect(done.late).toBe(false);
    expect(r.score).toMatchObject({ correct: 3, total: 6, unanswered: 2, passed: false });
    expect(r.timeUsedMs).toBe(4 * MIN);
    expect(r.domains.map((d) => d.total).reduce((a, b) => a + b, 0)).toBe(6);
    const ratios = r.domains.map((d) => d.correct / d.total);
    expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
    expect(r.misses).toHaveLength(3);
    expect(r.misses[0]).toMatchObject({ position: 0, given: expect.any(String) });
    expect(r.misses.filter((m) => m.given === null)).toHaveLength(2);
    for (const m of r.misses) expect(m.explanation).not.toBe('');
    expect(r.domains.every((d) => d.title.en !== d.id)).toBe(true);
  });

  it('GIVEN the deadline passes WHEN the member clicks an answer THEN nothing is recorded and the result comes back, submitted at the deadline', async () => {
    const { ctx, clock, db } = env;
    const first = await start(6, 5);
    await answerExam(ctx, 'm1', first, rightExamAnswer(first), first.order);
    clock.advance(5 * MIN - 1);
    const second = questionOf(await resumeExam(ctx, 'm1', first.examId, 1));
    expect(second.position).toBe(1);
    clock.advance(1);
    const late = await answerExam(
      ctx,
      'm1',
      { examId: first.examId, position: 1 },
      { kind: 'choice', picks: [0] },
    );
    expect(late).toMatchObject({
      kind: 'result',
      late: true,
      result: { status: 'expired', score: { correct: 1 } },
    });
    expect(await db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(1);
    const exam = await db.prisma.exam.findFirstOrThrow();
    expect(exam).toMatchObject({ status: 'expired', openFor: null, score: 1 });
    expect(exam.endedAt?.getTime()).toBe(T0 + 5 * MIN);
  });

  it('GIVEN an exam left open past its deadline THEN the scheduler’s sweep submits it once', async () => {
    const { ctx, clock, db } = env;
    await start(6, 5);
    clock.advance(4 * MIN);
    expect(await expireExams(ctx)).toBe(0);
    clock.advance(2 * MIN);
    expect(await expireExams(ctx)).toBe(1);
    expect(await expireExams(ctx)).toBe(0);
    expect(await db.prisma.exam.findFirstOrThrow()).toMatchObject({ status: 'expired', score: 0 });
  });

  it('GIVEN another member’s exam, a submitted one or an abandoned one THEN every click is refused and nothing recorded', async () => {
    const { ctx, db } = env;
    const first = await start();
    await join(ctx, 'm2');
    expect(await answerExam(ctx, 'm2', first, rightExamAnswer(first))).toEqual({
      kind: 'refused',
      reason: 'not-yours',
    });
    expect(await submitExam(ctx, 'm2', first.examId)).toEqual({ kind: 'refused', reason: 'not-yours' });
    expect(await examResultPage(ctx, 'm2', first.examId, 0)).toEqual({
      kind: 'refused',
      reason: 'not-yours',
    });
    await submitExam(ctx, 'm1', first.examId);
    expect(await answerExam(ctx, 'm1', first, rightExamAnswer(first))).toEqual({
      kind: 'refused',
      reason: 'submitted',
      score: { correct: 0, total: 6 },
    });
    const again = await start();
    expect(await abandonExam(ctx, 'm1', again.examId)).toEqual({ kind: 'abandoned', answered: 0, total: 6 });
    expect(await answerExam(ctx, 'm1', again, rightExamAnswer(again))).toEqual({
      kind: 'refused',
      reason: 'abandoned',
    });
    expect(await db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });

  it('GIVEN an order that is not the one shown, or an option past the last THEN nothing is recorded', async () => {
    const { ctx, db } = env;
    let q = await start();
    while (q.question.kind !== 'choice')
      q = questionOf(await resumeExam(ctx, 'm1', q.examId, q.position + 1));
    const reversed = [...q.order].reverse();
    if (reversed.join() !== q.order.join()) {
      expect(await answerExam(ctx, 'm1', q, { kind: 'choice', picks: [0] }, reversed)).toEqual({
        kind: 'refused',
        reason: 'reordered',
      });
    }
    expect(await answerExam(ctx, 'm1', q, { kind: 'choice', picks: [7] }, q.order)).toEqual({
      kind: 'refused',
      reason: 'no-such-option',
    });
    expect(await answerExam(ctx, 'm1', q, { kind: 'truefalse', value: true })).toEqual({
      kind: 'refused',
      reason: 'wrong-kind',
    });
    expect(await db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });
});
