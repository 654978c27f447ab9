import { describe, expect, it } from 'vitest';
import { loadBank } from '../../../src/bank/load.ts';
import { type CoreContext, indexBank } from '../../../src/core/context.ts';
import { answerExam, startExam, submitExam } from '../../../src/core/exam/index.ts';
import {
  answerQuestion,
  type PresentedQuestion,
  type StartResult,
  startSession,
} from '../../../src/core/study/index.ts';
import { syncBank } from '../../../src/core/sync-bank.ts';
import { FIXTURE_BANK, useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer, wrongExamAnswer } from '../../support/exam.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);

/** Takes and submits an exam on all 8 exam questions of the fixture bank, wrong on `wrong`; returns its id. */
async function examWrongOn(memberId: string, wrong: readonly string[]): Promise<number> {
  const { ctx } = env;
  let q = questionOf(await startExam(ctx, memberId, { questions: 8 }));
  for (;;) {
    const shown = wrong.includes(q.question.id) ? wrongExamAnswer(q) : rightExamAnswer(q);
    const step = await answerExam(ctx, memberId, q, shown, q.order);
    if (step.kind !== 'question') break;
    q = step.exam;
  }
  await submitExam(ctx, memberId, q.examId);
  return q.examId;
}

/** Starts a weak-spot drill and answers it right to the end; the questions asked, in order. */
async function weakDrill(ctx: CoreContext, memberId: string, topic?: string): Promise<string[]> {
  const start: StartResult = await startSession(ctx, memberId, { mode: 'drill', topic });
  if (start.kind !== 'question') return [];
  const asked: string[] = [];
  let q: PresentedQuestion | null = start.question;
  while (q !== null) {
    asked.push(q.question.id);
    const r = await answerQuestion(ctx, {
      memberId,
      sessionId: q.sessionId,
      step: q.step,
      answer: rightAnswer(q),
    });
    if (r.status !== 'recorded') throw new Error(r.status);
    q = r.next;
  }
  return asked;
}

describe('weak-spot drill: exam misses as evidence', () => {
  it('GIVEN exam misses on questions never reviewed THEN the weak drill asks exactly those, the one missed in two exams first', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await examWrongOn('m1', ['beta-two', 'alpha-tf']);
    await examWrongOn('m1', ['beta-two']);
    expect(await ctx.store.read.cards.seenQuestionIds('m1')).toEqual([]);
    expect(await weakDrill(ctx, 'm1')).toEqual(['beta-two', 'alpha-tf']);
  });

  it('GIVEN a question answered wrong in a review AND missed in an exam THEN both count: it comes before questions with only one of them', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    await answerAll(ctx, clock, 'm1', (p) =>
      ['alpha-choice', 'beta-one'].includes(p.question.id) ? wrongAnswer(p) : rightAnswer(p),
    );
    await examWrongOn('m1', ['beta-one', 'alpha-tf']);
    // beta-one: 2 wrong; alpha-choice (review) and alpha-tf (exam): 1 wrong each, by id.
    expect(await weakDrill(ctx, 'm1')).toEqual(['beta-one', 'alpha-choice', 'alpha-tf']);
  });

  it('GIVEN misses in two topics WHEN the member drills one topic THEN only that topic is asked', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await examWrongOn('m1', ['alpha-tf', 'beta-one', 'beta-two']);
    expect(await weakDrill(ctx, 'm1', 'beta')).toEqual(['beta-one', 'beta-two']);
    expect(await weakDrill(ctx, 'm1', 'alpha')).toEqual(['alpha-tf']);
    expect(await weakDrill(ctx, 'm1')).toEqual(['alpha-tf', 'beta-one', 'beta-two']);
  });

  it('GIVEN an exam miss on a question that has since left the bank THEN the weak drill leaves it out, and says so when nothing else is weak', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    await examWrongOn('m1', ['alpha-tf', 'beta-one']);
    const bank = loadBank(FIXTURE_BANK);
    const without = (ids: string[]) => {
      const smaller = { ...bank, questions: bank.questions.filter((q) => !ids.includes(q.id)) };
      return { ...ctx, bank: indexBank(smaller) };
    };
    const noBetaOne = without(['beta-one']);
    await syncBank(db.store, noBetaOne.bank.questions, new Date(T0));
    expect(await weakDrill(noBetaOne, 'm1')).toEqual(['alpha-tf']);

    const neither = without(['beta-one', 'alpha-tf']);
    await syncBank(db.store, neither.bank.questions, new Date(T0));
    expect(await startSession(neither, 'm1', { mode: 'drill' })).toEqual({
      kind: 'nothing-to-drill',
      source: 'weak',
      topic: undefined,
    });
  });
});
