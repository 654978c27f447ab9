import type { Repos } from '../../data/store.ts';
import type { Exam, ExamItem } from '../../data/types.ts';
import type { CoreContext } from '../context.ts';
import { examResult } from './present.ts';
import type { ExamStep } from './types.ts';

export type OpenExam = { exam: Exam; items: ExamItem[]; now: number; repos: Repos };

/** Ends an open exam as it stands (submitted by the member, or by the clock); false if it had ended. */
export async function endExam(
  ctx: CoreContext,
  repos: Repos,
  exam: Exam,
  status: 'submitted' | 'expired',
  now: number,
): Promise<{ ended: boolean; exam: Exam; items: ExamItem[] }> {
  const items = await repos.exams.items(exam.id);
  const live = items.filter((i) => ctx.bank.question(i.questionId) !== undefined);
  const score = live.filter((i) => i.correct === true).length;
  // At the deadline the exam ends at the deadline, whenever the clock noticed.
  const at = new Date(status === 'expired' ? exam.deadline.getTime() : now);
  const ended = await repos.exams.end(exam.id, status, at, score);
  return { ended, exam: { ...exam, status, openFor: null, endedAt: at, score }, items };
}

/**
 * Runs `fn` on the member's open exam inside one write. Anything else is answered here: an exam
 * of someone else or none at all is refused, one that was submitted or abandoned too, and an
 * exam whose time ran out is submitted as it stood and answered with its result, so a click
 * after the deadline never shows a question or records an answer.
 */
export function withOpenExam(
  ctx: CoreContext,
  memberId: string,
  examId: number,
  fn: (open: OpenExam) => Promise<ExamStep>,
): Promise<ExamStep> {
  const now = ctx.clock();
  return ctx.store.write(async (repos) => {
    const exam = await repos.exams.find(examId);
    if (exam === null) return { kind: 'refused', reason: 'gone' };
    if (exam.memberId !== memberId) return { kind: 'refused', reason: 'not-yours' };
    if (exam.status === 'abandoned') return { kind: 'refused', reason: 'abandoned' };
    if (exam.status === 'submitted')
      return {
        kind: 'refused',
        reason: 'submitted',
        score: { correct: exam.score ?? 0, total: exam.questions },
      };
    if (exam.status === 'expired') {
      const items = await repos.exams.items(exam.id);
      return { kind: 'result', result: examResult(ctx.bank, exam, items), late: true, page: 0 };
    }
    if (now >= exam.deadline.getTime()) {
      const ended = await endExam(ctx, repos, exam, 'expired', now);
      return { kind: 'result', result: examResult(ctx.bank, ended.exam, ended.items), late: true, page: 0 };
    }
    return fn({ exam, items: await repos.exams.items(exam.id), now, repos });
  });
}

/** Submits every open exam whose time ran out (the scheduler's sweep); returns how many. */
export async function expireExams(ctx: CoreContext): Promise<number> {
  const now = ctx.clock();
  const due = await ctx.store.read.exams.expired(new Date(now), 100);
  let ended = 0;
  for (const exam of due) {
    const done = await ctx.store.write(async (repos) => {
      const fresh = await repos.exams.find(exam.id);
      if (fresh === null || fresh.status !== 'open') return false;
      return (await endExam(ctx, repos, fresh, 'expired', now)).ended;
    });
    if (done) ended++;
  }
  return ended;
}
