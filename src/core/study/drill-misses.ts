import type { CoreContext } from '../context.ts';
import type { ExamRefusal } from '../exam/types.ts';
import { openNewSession } from './start-session.ts';
import type { StartResult } from './types.ts';

/**
 * "Drill my misses": a drill session on exactly the questions an ended exam scored as not right
 * (wrong or unanswered), in the exam's order, each asked until answered right. Like any drill it
 * never moves the schedule, and it is stored, so it survives a restart.
 */
export async function drillExamMisses(
  ctx: CoreContext,
  memberId: string,
  examId: number,
): Promise<StartResult | { kind: 'refused'; reason: ExamRefusal }> {
  const exam = await ctx.store.read.exams.find(examId);
  if (exam === null) return { kind: 'refused', reason: 'gone' };
  if (exam.memberId !== memberId) return { kind: 'refused', reason: 'not-yours' };
  if (exam.status === 'abandoned') return { kind: 'refused', reason: 'abandoned' };
  if (exam.status === 'open') return { kind: 'refused', reason: 'nothing-to-drill' };
  const items = await ctx.store.read.exams.items(examId);
  const ids = items
    .filter((i) => i.correct !== true && ctx.bank.question(i.questionId) !== undefined)
    .map((i) => i.questionId);
  if (ids.length === 0) return { kind: 'nothing-to-drill', source: 'exam', topic: undefined };
  const now = new Date(ctx.clock());
  const question = await ctx.store.write((repos) =>
    openNewSession(
      ctx,
      repos,
      { memberId, mode: 'drill', topic: undefined, ids: [...new Set(ids)], newIds: [] },
      now,
    ),
  );
  return { kind: 'question', resumed: false, question, dueCount: 0, newCount: 0 };
}
