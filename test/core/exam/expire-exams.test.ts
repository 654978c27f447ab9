import { describe, expect, it } from 'vitest';
import { indexBank } from '../../../src/core/context.ts';
import { answerExam, expireExams, startExam } from '../../../src/core/exam/index.ts';
import { forgetMember } from '../../../src/core/members.ts';
import { useCore } from '../../support/core.ts';
import { questionOf, rightExamAnswer } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

/** The scheduler's sweep: open exams whose time ran out are submitted as they stood, at their deadline. */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const MIN = 60_000;

async function start(memberId: string, minutes: number, questions = 6) {
  await join(env.ctx, memberId);
  return questionOf(await startExam(env.ctx, memberId, { questions, minutes }));
}

describe('expiring exams', () => {
  it('GIVEN exams of several members, some past their deadline THEN the sweep submits those, each ended at its own deadline with its score, and counts them', async () => {
    const { ctx, clock, db } = env;
    const a = await start('m1', 5);
    await answerExam(ctx, 'm1', a, rightExamAnswer(a), a.order);
    const b = await start('m2', 10);
    const c = await start('m3', 60);
    clock.advance(25 * MIN);
    expect(await expireExams(ctx)).toBe(2);
    const exams = await db.prisma.exam.findMany({ orderBy: { id: 'asc' } });
    expect(exams.map((e) => [e.id, e.status, e.score, e.endedAt?.getTime() ?? null])).toEqual([
      [a.examId, 'expired', 1, T0 + 5 * MIN],
      [b.examId, 'expired', 0, T0 + 10 * MIN],
      [c.examId, 'open', null, null],
    ]);
  });

  it('GIVEN a right answer to a question that has since left the bank THEN the stored score leaves it out', async () => {
    const { ctx, clock, db } = env;
    let q = await start('m1', 5);
    const gone = q.question.id;
    q = questionOf(await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order));
    await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order);
    const smaller = {
      ...ctx,
      bank: indexBank({ ...ctx.bank, questions: ctx.bank.questions.filter((x) => x.id !== gone) }),
    };
    clock.advance(5 * MIN);
    expect(await expireExams(smaller)).toBe(1);
    expect(await db.prisma.exam.findFirstOrThrow()).toMatchObject({ status: 'expired', score: 1 });
  });

  it('GIVEN two sweeps at once THEN an exam is submitted once and counted once', async () => {
    const { ctx, clock, db } = env;
    await start('m1', 5);
    await start('m2', 5);
    clock.advance(5 * MIN);
    const counts = await Promise.all([expireExams(ctx), expireExams(ctx)]);
    expect(counts[0] + counts[1]).toBe(2);
    expect(await db.prisma.exam.count({ where: { status: 'expired' } })).toBe(2);
  });

  it('GIVEN a member forgotten while the sweep runs THEN their exam is gone and the sweep goes on without it', async () => {
    const { ctx, clock, db } = env;
    await start('m1', 5);
    await start('m2', 5);
    clock.advance(5 * MIN);
    const [count] = await Promise.all([expireExams(ctx), forgetMember(ctx, 'm1')]);
    expect(count).toBe(1);
    expect(await db.prisma.exam.findMany({ select: { memberId: true, status: true } })).toEqual([
      { memberId: 'm2', status: 'expired' },
    ]);
  });
});
