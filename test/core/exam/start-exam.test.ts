import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/context.ts';
import { examCandidates, startExam, submitExam } from '../../../src/core/exam/index.ts';
import { useCore } from '../../support/core.ts';
import { questionOf } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);

async function refusal(
  run: () => Promise<unknown>,
): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UserError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('starting an exam', () => {
  it('GIVEN the fixture bank THEN only multiple-choice and true/false questions are candidates, and the default exam takes them all', async () => {
    const { ctx } = env;
    const candidates = examCandidates(ctx);
    expect(candidates.length).toBeGreaterThanOrEqual(5);
    for (const c of candidates) expect(['choice', 'truefalse']).toContain(ctx.bank.question(c.id)?.kind);
    await join(ctx, 'm1');
    const first = questionOf(await startExam(ctx, 'm1', {}));
    expect(first.total).toBe(candidates.length);
    expect(first.deadline).toBe(T0 + 60 * 60_000);
  });

  it('GIVEN zero, too many, more than the bank has or zero minutes THEN each is refused with the allowed range', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    const available = examCandidates(ctx).length;
    expect(await refusal(() => startExam(ctx, 'm1', { questions: 0 }))).toEqual({
      code: 'invalid-exam-questions',
      params: { min: 5, max: available },
    });
    expect((await refusal(() => startExam(ctx, 'm1', { questions: 500 }))).code).toBe(
      'invalid-exam-questions',
    );
    expect(await refusal(() => startExam(ctx, 'm1', { questions: available + 1 }))).toEqual({
      code: 'exam-too-many-questions',
      params: { available, min: 5, max: available },
    });
    expect(await refusal(() => startExam(ctx, 'm1', { minutes: 0 }))).toEqual({
      code: 'invalid-exam-minutes',
      params: { min: 5, max: 180 },
    });
    expect(await env.db.prisma.exam.count()).toBe(0);
  });

  it('GIVEN an open exam WHEN another is asked for THEN the member is asked to resume or abandon it, with what was asked', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const first = questionOf(await startExam(ctx, 'm1', { questions: 5, minutes: 30 }));
    const again = await startExam(ctx, 'm1', { questions: 6, minutes: 20 });
    expect(again).toMatchObject({
      kind: 'already-open',
      exam: { examId: first.examId },
      asked: { questions: 6, minutes: 20 },
    });
    expect(await db.prisma.exam.count()).toBe(1);
    await submitExam(ctx, 'm1', first.examId);
    expect((await startExam(ctx, 'm1', { questions: 5 })).kind).toBe('question');
  });

  it('GIVEN an open exam whose time ran out WHEN a new one is asked for THEN the old one is submitted and its result shown; the next start is a new exam', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await startExam(ctx, 'm1', { questions: 5, minutes: 5 });
    clock.advance(6 * 60_000);
    expect(await startExam(ctx, 'm1', { questions: 5 })).toMatchObject({ kind: 'result', late: true });
    expect((await startExam(ctx, 'm1', { questions: 5 })).kind).toBe('question');
    expect((await db.prisma.exam.findMany({ orderBy: { id: 'asc' } })).map((e) => e.status)).toEqual([
      'expired',
      'open',
    ]);
  });

  it('GIVEN ten starts at once THEN one exam is open and the others are asked to resume it', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const steps = await Promise.all(Array.from({ length: 10 }, () => startExam(ctx, 'm1', { questions: 5 })));
    expect(steps.filter((s) => s.kind === 'question')).toHaveLength(1);
    expect(steps.filter((s) => s.kind === 'already-open')).toHaveLength(9);
    expect(await db.prisma.exam.count()).toBe(1);
  });
});
