import { describe, expect, it } from 'vitest';
import { indexBank } from '../../../src/core/context.ts';
import { answerExam, type ExamQuestion, resumeExam, startExam } from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

/** Moving about an open exam: resuming where it was left, going to a position, questions gone from the bank. */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
/** Every exam candidate of the fixture bank. */
const ALL = 8;

async function examOfAll(): Promise<ExamQuestion[]> {
  await join(env.ctx, 'm1');
  const first = questionOf(await startExam(env.ctx, 'm1', { questions: ALL, minutes: 30 }));
  const shown: ExamQuestion[] = [];
  for (let p = 0; p < first.total; p++)
    shown.push(questionOf(await resumeExam(env.ctx, 'm1', first.examId, p)));
  // Back to the start, as a member who only looked around.
  await resumeExam(env.ctx, 'm1', first.examId, 0);
  return shown;
}

/** The context with a question removed from the bank since the exam was drawn. */
function without(questionId: string) {
  const { bank } = env.ctx;
  return {
    ...env.ctx,
    bank: indexBank({ ...bank, questions: bank.questions.filter((q) => q.id !== questionId) }),
  };
}

const at = (shown: ExamQuestion[], position: number) => shown[position] as ExamQuestion;

describe('resuming an exam', () => {
  it('GIVEN no position THEN the exam opens where it was left, marked as resumed; a position asked for is not', async () => {
    const shown = await examOfAll();
    const examId = at(shown, 0).examId;
    const third = await resumeExam(env.ctx, 'm1', examId, 2);
    expect(third).toMatchObject({ kind: 'question', exam: { position: 2 }, resumed: false });
    expect(await resumeExam(env.ctx, 'm1', examId)).toMatchObject({
      kind: 'question',
      exam: { position: 2 },
      resumed: true,
    });
  });

  it('GIVEN a position before the first or past the last THEN it is refused and the exam stays where it was', async () => {
    const shown = await examOfAll();
    const examId = at(shown, 0).examId;
    await resumeExam(env.ctx, 'm1', examId, 3);
    for (const position of [-1, ALL, ALL + 1]) {
      expect(await resumeExam(env.ctx, 'm1', examId, position)).toEqual({
        kind: 'refused',
        reason: 'no-such-position',
      });
    }
    expect(questionOf(await resumeExam(env.ctx, 'm1', examId)).position).toBe(3);
    expect((await env.db.prisma.exam.findFirstOrThrow()).position).toBe(3);
  });

  it('GIVEN the last question WHEN it is answered THEN the overview follows, with what is answered, unanswered and flagged', async () => {
    const shown = await examOfAll();
    const last = at(shown, ALL - 1);
    const step = await answerExam(env.ctx, 'm1', last, rightExamAnswer(last), last.order);
    expect(step).toEqual({
      kind: 'overview',
      overview: {
        examId: last.examId,
        total: ALL,
        deadline: T0 + 30 * 60_000,
        answered: 1,
        unanswered: [0, 1, 2, 3, 4, 5, 6],
        flagged: [],
      },
    });
  });
});

describe('an exam question that left the bank', () => {
  it('GIVEN a question in the middle gone from the bank THEN answering the one before moves past it, going to it shows the next, and answering it is refused', async () => {
    const shown = await examOfAll();
    const gone = at(shown, 3);
    const ctx = without(gone.question.id);
    const before = at(shown, 2);
    const next = await answerExam(ctx, 'm1', before, rightExamAnswer(before), before.order);
    expect(questionOf(next)).toMatchObject({ position: 4, question: { id: at(shown, 4).question.id } });
    expect(questionOf(await resumeExam(ctx, 'm1', gone.examId, 3)).position).toBe(4);
    expect(await answerExam(ctx, 'm1', gone, rightExamAnswer(gone), gone.order)).toEqual({
      kind: 'refused',
      reason: 'no-such-position',
    });
    expect(await env.db.prisma.examItem.findFirstOrThrow({ where: { position: 3 } })).toMatchObject({
      answer: null,
    });
    // Where the member was is the question shown, not the gone one.
    expect((await env.db.prisma.exam.findFirstOrThrow()).position).toBe(4);
  });

  it('GIVEN the last question gone from the bank WHEN the one before it is answered THEN the overview follows', async () => {
    const shown = await examOfAll();
    const ctx = without(at(shown, ALL - 1).question.id);
    const before = at(shown, ALL - 2);
    const step = await answerExam(ctx, 'm1', before, rightExamAnswer(before), before.order);
    expect(step).toMatchObject({ kind: 'overview', overview: { answered: 1, total: ALL } });
  });
});
