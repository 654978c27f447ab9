import { describe, expect, it } from 'vitest';
import { answerExam, examResultPage, submitExam } from '../../../src/core/exam/index.ts';
import type { Question } from '../../../src/domain/question.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer } from '../../support/exam.ts';
import { openExam, redeploy } from '../../support/exam-flow.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const MIN = 60_000;
const env = useCore(T0);

/** A true/false question whose answer is False (the fixture bank's are all True). */
const MYTH: Question = {
  id: 'beta-myth',
  kind: 'truefalse',
  topic: 'beta',
  tags: [],
  prompt: 'Strong reads are free.',
  answer: false,
  explanation: 'Strongly consistent reads cost twice as much.',
  source: ['note-a'],
  docs: 'https://docs.example/reads',
  correctsNote: false,
  comparisonId: undefined,
};

// Seed 2 shows alpha-multi (A, B, E, F; right: A and E) at position 0 as E, A, B, F, and
// alpha-choice (Alpha, Beta, Gamma; right: Alpha) at position 2 as Alpha, Gamma, Beta.
const EXAM = ['alpha-multi', 'alpha-tf', 'alpha-choice', 'beta-myth', 'beta-one', 'beta-two'];

describe('the result of an exam', () => {
  it('GIVEN a submitted exam with misses of every kind, a right answer and a skip THEN the result is submitted, titles every domain and topic, and shows each miss as the member saw it', async () => {
    const { ctx, clock, db } = env;
    await redeploy(env, (q) => q, [MYTH]);
    const examId = await openExam(env, 'm1', EXAM);
    const at = (position: number) => ({ examId, position });
    await answerExam(ctx, 'm1', at(0), { kind: 'choice', picks: [2, 0] }); // B and E
    await answerExam(ctx, 'm1', at(1), { kind: 'truefalse', value: false });
    await answerExam(ctx, 'm1', at(2), { kind: 'choice', picks: [1] }); // Gamma
    await answerExam(ctx, 'm1', at(3), { kind: 'truefalse', value: true });
    await answerExam(ctx, 'm1', at(4), { kind: 'truefalse', value: true }); // right
    clock.advance(3 * MIN);
    const done = await submitExam(ctx, 'm1', examId);
    if (done.kind !== 'result') throw new Error(done.kind);
    expect(done).toMatchObject({ late: false, page: 0 });
    const r = done.result;
    expect(r).toMatchObject({
      examId,
      status: 'submitted',
      score: { correct: 1, total: 6, unanswered: 1, passed: false },
      minutes: 10,
      timeUsedMs: 3 * MIN,
      endedAt: T0 + 3 * MIN,
    });
    expect(r.domains).toEqual([
      { id: 'd-one', title: { en: 'Domain one' }, correct: 0, total: 3 },
      { id: 'd-two', title: { en: 'Domain two' }, correct: 1, total: 3 },
    ]);
    expect(r.topics).toEqual([
      { id: 'alpha', title: { en: 'Alpha topic' }, correct: 0, total: 3 },
      { id: 'beta', title: { en: 'Beta topic' }, correct: 1, total: 3 },
    ]);
    expect(r.misses).toMatchObject([
      {
        position: 0,
        questionId: 'alpha-multi',
        prompt: 'Select all vowels.',
        topicTitle: { en: 'Alpha topic' },
        given: 'A. E; C. B',
        correctAnswer: 'A. E; B. A',
        explanation: 'A and E are vowels; B and F are consonants.',
      },
      { position: 1, questionId: 'alpha-tf', given: 'False', correctAnswer: 'True' },
      { position: 2, questionId: 'alpha-choice', given: 'B. Gamma', correctAnswer: 'A. Alpha' },
      {
        position: 3,
        questionId: 'beta-myth',
        topicTitle: { en: 'Beta topic' },
        given: 'True',
        correctAnswer: 'False',
        docs: 'https://docs.example/reads',
      },
      { position: 5, questionId: 'beta-two', given: null },
    ]);
    expect(await db.prisma.exam.findUniqueOrThrow({ where: { id: examId } })).toMatchObject({
      status: 'submitted',
      openFor: null,
      score: 1,
      endedAt: new Date(T0 + 3 * MIN),
    });
  });

  it('GIVEN the bank changed after the exam (an option dropped, a question rewritten as typed, one removed) THEN its result page scores the questions still there and shows what is left of each answer', async () => {
    const { ctx, clock } = env;
    const examId = await openExam(
      env,
      'm1',
      EXAM.filter((id) => id !== 'beta-myth'),
    );
    const at = (position: number) => ({ examId, position });
    await answerExam(ctx, 'm1', at(0), { kind: 'choice', picks: [0, 3] }); // E and F: file C and D
    await answerExam(ctx, 'm1', at(2), { kind: 'choice', picks: [1] }); // Gamma
    const last = questionOf(await answerExam(ctx, 'm1', at(3), { kind: 'truefalse', value: false }));
    await answerExam(ctx, 'm1', last, rightExamAnswer(last), last.order);
    clock.advance(2 * MIN);
    const before = await submitExam(ctx, 'm1', examId);
    expect(before).toMatchObject({ result: { score: { correct: 1, total: 5 } } });

    clock.advance(24 * 60 * MIN);
    await redeploy(env, (q) => {
      if (q.id === 'beta-one') return undefined;
      if (q.id === 'alpha-multi' && q.kind === 'choice')
        return { ...q, options: ['A', 'B', 'E'], answer: [0, 2] };
      if (q.id === 'alpha-choice')
        return { ...q, kind: 'text', accept: ['Alpha'], prompt: 'Which letter comes first?' };
      return q;
    });
    const page = await examResultPage(ctx, 'm1', examId, 1);
    if (page.kind !== 'result') throw new Error(page.kind);
    expect(page).toMatchObject({ late: false, page: 1 });
    // The exam ended when it was submitted, not when the page was opened.
    expect(page.result).toMatchObject({
      status: 'submitted',
      score: { correct: 1, total: 4, unanswered: 1 },
      endedAt: T0 + 2 * MIN,
      timeUsedMs: 2 * MIN,
    });
    expect(page.result.domains).toEqual([
      { id: 'd-one', title: { en: 'Domain one' }, correct: 0, total: 3 },
      { id: 'd-two', title: { en: 'Domain two' }, correct: 1, total: 1 },
    ]);
    // alpha-multi is now shown at position 0 as B, A, E: of E and F only E is left, at C.
    expect(page.result.misses).toMatchObject([
      { position: 0, given: 'C. E', correctAnswer: 'B. A; C. E' },
      { position: 1, given: null },
      { position: 2, prompt: 'Which letter comes first?', given: null, correctAnswer: 'Alpha' },
    ]);
    expect(page.result.misses).toHaveLength(3);
  });
});
