import type { CoreContext } from '../context.ts';
import { endExam, withOpenExam } from './guard.ts';
import { examResult } from './present.ts';
import { resumeExam } from './take-exam.ts';
import type { ExamStep } from './types.ts';

/** Submits the exam as it stands and returns its result; unanswered questions count as wrong. */
export function submitExam(ctx: CoreContext, memberId: string, examId: number): Promise<ExamStep> {
  return withOpenExam(ctx, memberId, examId, async (open) => {
    const ended = await endExam(ctx, open.repos, open.exam, 'submitted', open.now);
    return { kind: 'result', result: examResult(ctx.bank, ended.exam, ended.items), late: false, page: 0 };
  });
}

/** Abandons the open exam: it is not scored and its answers are not evidence of anything. */
export function abandonExam(ctx: CoreContext, memberId: string, examId: number): Promise<ExamStep> {
  return withOpenExam(ctx, memberId, examId, async (open) => {
    await open.repos.exams.end(open.exam.id, 'abandoned', new Date(open.now), null);
    return {
      kind: 'abandoned',
      answered: open.items.filter((i) => i.answer !== null).length,
      total: open.items.length,
    };
  });
}

/** A page of an ended exam's result (page 0: the scores; then the misses); the open exam's own if still running. */
export async function examResultPage(
  ctx: CoreContext,
  memberId: string,
  examId: number,
  page: number,
): Promise<ExamStep> {
  const exam = await ctx.store.read.exams.find(examId);
  if (exam === null) return { kind: 'refused', reason: 'gone' };
  if (exam.memberId !== memberId) return { kind: 'refused', reason: 'not-yours' };
  if (exam.status === 'abandoned') return { kind: 'refused', reason: 'abandoned' };
  if (exam.status === 'open') {
    // Still running: its result exists once the clock has ended it; until then, the exam itself.
    const step = await resumeExam(ctx, memberId, examId);
    return step.kind === 'result' ? { ...step, page } : step;
  }
  const items = await ctx.store.read.exams.items(examId);
  return { kind: 'result', result: examResult(ctx.bank, exam, items), late: false, page };
}

/** The member's latest scored exams, latest first, as right answers of all. */
export async function recentExamScores(
  ctx: CoreContext,
  memberId: string,
  take = 5,
): Promise<{ examId: number; correct: number; total: number; endedAt: number }[]> {
  const exams = await ctx.store.read.exams.recent(memberId, take);
  return exams.map((e) => ({
    examId: e.id,
    correct: e.score ?? 0,
    total: e.questions,
    endedAt: e.endedAt?.getTime() ?? e.deadline.getTime(),
  }));
}
