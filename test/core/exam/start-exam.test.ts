import { describe, expect, it } from 'vitest';
import { indexBank, UserError } from '../../../src/core/context.ts';
import { examCandidates, resumeExam, startExam, submitExam } from '../../../src/core/exam/index.ts';
import { syncBank } from '../../../src/core/sync-bank.ts';
import { useCore } from '../../support/core.ts';
import { questionOf } from '../../support/exam.ts';
import { join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const MIN = 60_000;

/** The context with only these questions left in the bank. */
function withQuestions(ids: string[]) {
  const { bank } = env.ctx;
  return {
    ...env.ctx,
    bank: indexBank({ ...bank, questions: bank.questions.filter((q) => ids.includes(q.id)) }),
  };
}

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

  it('GIVEN the fixture bank THEN every multiple-choice and true/false question is a candidate, with its topic and domain', () => {
    expect(examCandidates(env.ctx)).toEqual([
      { id: 'a-vs-b.speed.1', topic: 'alpha', domain: 'd-one' },
      { id: 'a-vs-b.speed.2', topic: 'alpha', domain: 'd-one' },
      { id: 'a-vs-b.speed.3', topic: 'alpha', domain: 'd-one' },
      { id: 'alpha-choice', topic: 'alpha', domain: 'd-one' },
      { id: 'alpha-multi', topic: 'alpha', domain: 'd-one' },
      { id: 'alpha-tf', topic: 'alpha', domain: 'd-one' },
      { id: 'beta-one', topic: 'beta', domain: 'd-two' },
      { id: 'beta-two', topic: 'beta', domain: 'd-two' },
    ]);
  });

  it('GIVEN questions of a topic the bank does not list THEN they are no candidates (no exam domain to count them in)', () => {
    const { bank } = env.ctx;
    const ctx = {
      ...env.ctx,
      bank: indexBank({ ...bank, topics: bank.topics.filter((t) => t.id !== 'beta') }),
    };
    expect(examCandidates(ctx).map((c) => c.id)).not.toContain('beta-one');
    expect(examCandidates(ctx).every((c) => c.domain === 'd-one')).toBe(true);
    expect(examCandidates(ctx)).toHaveLength(6);
  });

  it('GIVEN a bank of four candidates THEN no exam can start; with five, an exam of those five starts', async () => {
    await join(env.ctx, 'm1');
    const four = withQuestions(['alpha-multi', 'alpha-tf', 'beta-one', 'beta-two', 'alpha-text']);
    expect(await refusal(() => startExam(four, 'm1', {}))).toEqual({
      code: 'exam-bank-too-small',
      params: { available: 4, min: 5 },
    });
    expect(await env.db.prisma.exam.count()).toBe(0);
    const five = withQuestions(['alpha-choice', 'alpha-multi', 'alpha-tf', 'beta-one', 'beta-two']);
    const step = await startExam(five, 'm1', {});
    expect(step).toMatchObject({ kind: 'question', started: true, exam: { position: 0, total: 5 } });
  });

  it('GIVEN the most questions an exam allows, or one more, on a smaller bank THEN the first is beyond the bank and the second out of range', async () => {
    await join(env.ctx, 'm1');
    const available = examCandidates(env.ctx).length;
    expect(await refusal(() => startExam(env.ctx, 'm1', { questions: 65 }))).toEqual({
      code: 'exam-too-many-questions',
      params: { available, min: 5, max: available },
    });
    expect(await refusal(() => startExam(env.ctx, 'm1', { questions: 66 }))).toEqual({
      code: 'invalid-exam-questions',
      params: { min: 5, max: available },
    });
  });

  it('GIVEN 180 minutes THEN the exam is allowed that long; 181 is refused with the range', async () => {
    await join(env.ctx, 'm1');
    expect(await refusal(() => startExam(env.ctx, 'm1', { questions: 5, minutes: 181 }))).toEqual({
      code: 'invalid-exam-minutes',
      params: { min: 5, max: 180 },
    });
    const step = await startExam(env.ctx, 'm1', { questions: 5, minutes: 180 });
    expect(questionOf(step).deadline).toBe(T0 + 180 * MIN);
  });

  it('GIVEN an open exam whose deadline is exactly now WHEN a new one is asked for THEN its time is up: it is submitted and its result shown', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await startExam(ctx, 'm1', { questions: 5, minutes: 5 });
    clock.advance(5 * MIN);
    expect(await startExam(ctx, 'm1', { questions: 5 })).toMatchObject({
      kind: 'result',
      late: true,
      result: { status: 'expired' },
    });
    expect(await db.prisma.exam.findFirstOrThrow()).toMatchObject({ status: 'expired', openFor: null });
  });

  it('GIVEN an open exam whose current question left the bank WHEN a new one is asked for THEN the member is asked to resume it at the next question still in the bank', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    const old = questionOf(await startExam(ctx, 'm1', { questions: 8, minutes: 30 }));
    clock.advance(MIN);
    const rest = examCandidates(ctx).filter((c) => c.id !== old.question.id);
    const smaller = withQuestions(rest.map((c) => c.id));
    const step = await startExam(smaller, 'm1', { questions: 5, minutes: 20 });
    expect(step).toMatchObject({ kind: 'already-open', exam: { examId: old.examId, position: 1 } });
    const exams = await db.prisma.exam.findMany();
    expect(exams.map((e) => [e.id, e.status, e.openFor])).toEqual([[old.examId, 'open', 'm1']]);
  });

  it('GIVEN an open exam at its last question, which left the bank THEN resuming wraps to its first question', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    const first = questionOf(await startExam(ctx, 'm1', { questions: 8, minutes: 30 }));
    const last = questionOf(await resumeExam(ctx, 'm1', first.examId, 7));
    clock.advance(MIN);
    const smaller = withQuestions(
      examCandidates(ctx)
        .filter((c) => c.id !== last.question.id)
        .map((c) => c.id),
    );
    const step = await startExam(smaller, 'm1', {});
    expect(step).toMatchObject({ kind: 'already-open', exam: { examId: first.examId, position: 0 } });
  });

  it('GIVEN an open exam none of whose questions is left in the bank WHEN a new one is asked for THEN the old one is abandoned and the new one starts', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    const old = questionOf(await startExam(ctx, 'm1', { questions: 5, minutes: 30 }));
    clock.advance(MIN);
    // The bank rewritten: every question under a new id, none of the old exam's left.
    const renamed = ctx.bank.questions.map((q) => ({ ...q, id: `${q.id}-v2` }));
    await syncBank(db.store, renamed, new Date(clock.now));
    const rewritten = { ...ctx, bank: indexBank({ ...ctx.bank, questions: renamed }) };
    const step = await startExam(rewritten, 'm1', { questions: 5, minutes: 20 });
    expect(step).toMatchObject({ kind: 'question', started: true, exam: { position: 0, total: 5 } });
    const exams = await db.prisma.exam.findMany({ orderBy: { id: 'asc' } });
    expect(exams.map((e) => [e.id, e.status, e.openFor, e.score, e.endedAt?.getTime() ?? null])).toEqual([
      [old.examId, 'abandoned', null, null, T0 + MIN],
      [questionOf(step).examId, 'open', 'm1', null, null],
    ]);
  });
});
