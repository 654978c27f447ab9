import { describe, expect, it } from 'vitest';
import {
  answerExam,
  type ExamQuestion,
  flagExam,
  resumeExam,
  startExam,
} from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer, wrongExamAnswer } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

/** What an exam answer or flag records: file letters, right or wrong, kept or changed, refused. */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const MIN = 60_000;
/** Every exam candidate of the fixture bank: an exam of this many asks each of them once. */
const ALL = 8;

/** An exam of every candidate; `find(id)` is that question as the exam shows it. */
async function examOfAll() {
  await join(env.ctx, 'm1');
  const first = questionOf(await startExam(env.ctx, 'm1', { questions: ALL, minutes: 30 }));
  const shown: ExamQuestion[] = [];
  for (let p = 0; p < first.total; p++)
    shown.push(questionOf(await resumeExam(env.ctx, 'm1', first.examId, p)));
  const find = (id: string): ExamQuestion => {
    const q = shown.find((s) => s.question.id === id);
    if (q === undefined) throw new Error(`${id} is not in the exam`);
    return q;
  };
  return { first, shown, find };
}

/** The shown index of an option given by its index in the file. */
const shownIndex = (q: ExamQuestion, file: number) => q.order.indexOf(file);

function item(position: number) {
  return env.db.prisma.examItem.findFirstOrThrow({ where: { position } });
}

describe('exam answers: what is stored', () => {
  it('GIVEN the right options of a multi-answer question picked in any order THEN they are stored as file letters in file order, and count as right', async () => {
    const { find } = await examOfAll();
    const multi = find('alpha-multi'); // options A, B, E, F; the answer is A and C
    // The third file option picked first, the first one second.
    const picks = [shownIndex(multi, 2), shownIndex(multi, 0)];
    await answerExam(env.ctx, 'm1', multi, { kind: 'choice', picks }, multi.order);
    expect(await item(multi.position)).toMatchObject({ answer: 'A,C', correct: true });
    const again = questionOf(await resumeExam(env.ctx, 'm1', multi.examId, multi.position));
    expect(again.answer).toEqual({ kind: 'choice', picks: [...picks].sort((a, b) => a - b) });
  });

  it('GIVEN only part of a multi-answer, or one right and one wrong option THEN the answer is wrong', async () => {
    const { find } = await examOfAll();
    const multi = find('alpha-multi');
    await answerExam(env.ctx, 'm1', multi, { kind: 'choice', picks: [shownIndex(multi, 0)] }, multi.order);
    expect(await item(multi.position)).toMatchObject({ answer: 'A', correct: false });
    const oneWrong = [shownIndex(multi, 0), shownIndex(multi, 1)];
    await answerExam(env.ctx, 'm1', multi, { kind: 'choice', picks: oneWrong }, multi.order);
    expect(await item(multi.position)).toMatchObject({ answer: 'A,B', correct: false });
  });

  it('GIVEN a choice answered without the order it was shown in THEN it is taken as shown now', async () => {
    const { find } = await examOfAll();
    const choice = find('alpha-choice');
    const step = await answerExam(env.ctx, 'm1', choice, rightExamAnswer(choice));
    expect(step.kind).not.toBe('refused');
    expect(await item(choice.position)).toMatchObject({ answer: 'A', correct: true });
  });

  it('GIVEN a true/false question THEN the answer is stored as true or false, and the member can change it', async () => {
    const { find } = await examOfAll();
    const tf = find('alpha-tf'); // true
    await answerExam(env.ctx, 'm1', tf, { kind: 'truefalse', value: false });
    expect(await item(tf.position)).toMatchObject({ answer: 'false', correct: false });
    await answerExam(env.ctx, 'm1', tf, { kind: 'truefalse', value: true });
    expect(await item(tf.position)).toMatchObject({ answer: 'true', correct: true });
  });

  it('GIVEN the same answer twice THEN the second changes nothing, not even when it was given, and still moves on; a different one is stored with its time', async () => {
    const { ctx, clock } = env;
    const { first } = await examOfAll();
    clock.advance(MIN);
    const next = questionOf(await answerExam(ctx, 'm1', first, wrongExamAnswer(first), first.order));
    clock.advance(MIN);
    const twice = questionOf(await answerExam(ctx, 'm1', first, wrongExamAnswer(first), first.order));
    expect(twice.position).toBe(next.position);
    expect((await item(0)).answeredAt?.getTime()).toBe(T0 + MIN);
    clock.advance(MIN);
    await answerExam(ctx, 'm1', first, rightExamAnswer(first), first.order);
    expect(await item(0)).toMatchObject({ correct: true });
    expect((await item(0)).answeredAt?.getTime()).toBe(T0 + 3 * MIN);
  });
});

describe('exam answers: refused', () => {
  it('GIVEN a choice answer to a true/false question, or a true/false one to a choice question THEN it is refused as the wrong kind', async () => {
    const { find } = await examOfAll();
    const tf = find('alpha-tf');
    const choice = find('alpha-choice');
    expect(await answerExam(env.ctx, 'm1', tf, { kind: 'choice', picks: [0] })).toEqual({
      kind: 'refused',
      reason: 'wrong-kind',
    });
    expect(await answerExam(env.ctx, 'm1', choice, { kind: 'truefalse', value: true }, choice.order)).toEqual(
      { kind: 'refused', reason: 'wrong-kind' },
    );
    expect(await env.db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });

  it('GIVEN no option, an option past the last, or a real option with one past the last THEN nothing is recorded', async () => {
    const { find } = await examOfAll();
    const multi = find('alpha-multi');
    for (const picks of [[], [4], [0, 4]]) {
      expect(await answerExam(env.ctx, 'm1', multi, { kind: 'choice', picks }, multi.order)).toEqual({
        kind: 'refused',
        reason: 'no-such-option',
      });
    }
    expect(await env.db.prisma.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });

  it('GIVEN a position past the last WHEN it is answered or flagged THEN it is refused and nothing is recorded', async () => {
    const { first } = await examOfAll();
    const past = { examId: first.examId, position: ALL };
    expect(await answerExam(env.ctx, 'm1', past, { kind: 'truefalse', value: true })).toEqual({
      kind: 'refused',
      reason: 'no-such-position',
    });
    expect(await flagExam(env.ctx, 'm1', past, true)).toEqual({
      kind: 'refused',
      reason: 'no-such-position',
    });
    const stored = await env.db.prisma.examItem.findMany();
    expect(stored.filter((i) => i.answer !== null || i.flagged)).toEqual([]);
  });
});

describe('exam flags', () => {
  it('GIVEN a flag WHEN it is set THEN the same question comes back flagged, and answering it keeps the flag', async () => {
    const { ctx } = env;
    const { first } = await examOfAll();
    const flagged = questionOf(await flagExam(ctx, 'm1', first, true));
    expect(flagged).toMatchObject({ position: 0, flagged: true, flaggedCount: 1, answered: 0 });
    const next = questionOf(await answerExam(ctx, 'm1', first, rightExamAnswer(first), first.order));
    expect(next).toMatchObject({ position: 1, answered: 1, flaggedCount: 1 });
    expect(await item(0)).toMatchObject({ flagged: true, correct: true });
  });

  it('GIVEN the last question flagged WHEN it is answered THEN the overview lists it as flagged and answered', async () => {
    const { ctx } = env;
    const { shown } = await examOfAll();
    const last = shown[ALL - 1] as ExamQuestion;
    await flagExam(ctx, 'm1', last, true);
    const step = await answerExam(ctx, 'm1', last, rightExamAnswer(last), last.order);
    expect(step).toMatchObject({ kind: 'overview', overview: { answered: 1, flagged: [ALL - 1] } });
  });
});
