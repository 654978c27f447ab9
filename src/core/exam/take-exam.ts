import { letter } from '../../domain/question.ts';
import type { CoreContext } from '../context.ts';
import { type OpenExam, withOpenExam } from './guard.ts';
import { examOverview, examQuestion } from './present.ts';
import type { ExamStep, ShownAnswer } from './types.ts';

/** Where a click came from: the exam and the position its message showed. */
export type ExamAt = { examId: number; position: number };

/** The question at `position`, or the next one still in the bank; the overview past the end. */
function questionStep(ctx: CoreContext, open: OpenExam, position: number): ExamStep {
  for (let p = position; p < open.items.length; p++) {
    const exam = examQuestion(ctx.bank, open.exam, open.items, p);
    if (exam !== null) return { kind: 'question', exam };
  }
  return { kind: 'overview', overview: examOverview(open.exam, open.items) };
}

async function show(ctx: CoreContext, open: OpenExam, position: number): Promise<ExamStep> {
  const step = questionStep(ctx, open, position);
  if (step.kind === 'question') await open.repos.exams.moveTo(open.exam.id, step.exam.position);
  return step;
}

/** Shows the open exam where the member left it (or at `position`). */
export function resumeExam(ctx: CoreContext, memberId: string, examId: number, position?: number) {
  return withOpenExam(ctx, memberId, examId, async (open) => {
    const at = position ?? open.exam.position;
    if (at < 0 || at >= open.items.length) return { kind: 'refused', reason: 'no-such-position' };
    return { ...(await show(ctx, open, at)), resumed: position === undefined };
  });
}

/** The answer in file terms (letters as in the file, or true/false), or a refusal. */
function stored(
  ctx: CoreContext,
  open: OpenExam,
  at: ExamAt,
  answer: ShownAnswer,
  order: number[] | undefined,
): { answer: string; correct: boolean } | ExamStep {
  const current = examQuestion(ctx.bank, open.exam, open.items, at.position);
  if (current === null) return { kind: 'refused', reason: 'no-such-position' };
  const q = current.question;
  if (q.kind === 'truefalse' && answer.kind === 'truefalse')
    return { answer: String(answer.value), correct: answer.value === q.answer };
  if (q.kind !== 'choice' || answer.kind !== 'choice') return { kind: 'refused', reason: 'wrong-kind' };
  if (order !== undefined && order.join(',') !== current.order.join(','))
    return { kind: 'refused', reason: 'reordered' };
  const picks = [...new Set(answer.picks)].map((i) => current.order[i]);
  if (picks.length === 0 || picks.some((p) => p === undefined))
    return { kind: 'refused', reason: 'no-such-option' };
  const files = (picks as number[]).sort((a, b) => a - b);
  const correct = files.length === q.answer.length && files.every((p, i) => p === q.answer[i]);
  return { answer: files.map((i) => letter(i)).join(','), correct };
}

/**
 * Records (or changes) the answer at a position, without feedback, and moves on to the next
 * question (the overview after the last). Answering the same again changes nothing, so a double
 * click is harmless.
 */
export function answerExam(
  ctx: CoreContext,
  memberId: string,
  at: ExamAt,
  answer: ShownAnswer,
  order?: number[],
): Promise<ExamStep> {
  return withOpenExam(ctx, memberId, at.examId, async (open) => {
    const s = stored(ctx, open, at, answer, order);
    if ('kind' in s) return s;
    const item = open.items[at.position];
    if (item !== undefined && item.answer !== s.answer) {
      await open.repos.exams.answer(open.exam.id, at.position, { ...s, at: new Date(open.now) });
      open.items[at.position] = { ...item, ...s, answeredAt: new Date(open.now) };
    }
    return show(ctx, open, at.position + 1);
  });
}

/** Sets or clears the flag on a position and shows that question again. */
export function flagExam(
  ctx: CoreContext,
  memberId: string,
  at: ExamAt,
  flagged: boolean,
): Promise<ExamStep> {
  return withOpenExam(ctx, memberId, at.examId, async (open) => {
    const item = open.items[at.position];
    if (item === undefined) return { kind: 'refused', reason: 'no-such-position' };
    if (item.flagged !== flagged) {
      await open.repos.exams.flag(open.exam.id, at.position, flagged);
      open.items[at.position] = { ...item, flagged };
    }
    return show(ctx, open, at.position);
  });
}

/** The overview before submitting: answered, unanswered and flagged questions, and the time left. */
export function reviewExam(ctx: CoreContext, memberId: string, examId: number): Promise<ExamStep> {
  return withOpenExam(ctx, memberId, examId, async (open) => ({
    kind: 'overview',
    overview: examOverview(open.exam, open.items),
  }));
}
