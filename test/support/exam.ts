import type { CoreContext } from '../../src/core/context.ts';
import { type ExamQuestion, type ExamStep, type ShownAnswer, startExam } from '../../src/core/exam/index.ts';
import { join } from './study.ts';

/** The right answer to an exam question as shown (picks in shown order, as the exam shows a stored answer). */
export function rightExamAnswer(e: ExamQuestion): ShownAnswer {
  const q = e.question;
  if (q.kind === 'truefalse') return { kind: 'truefalse', value: q.answer };
  if (q.kind !== 'choice') throw new Error(`an exam never asks a ${q.kind} question`);
  return { kind: 'choice', picks: q.answer.map((i) => e.order.indexOf(i)).sort((a, b) => a - b) };
}

export function wrongExamAnswer(e: ExamQuestion): ShownAnswer {
  const q = e.question;
  if (q.kind === 'truefalse') return { kind: 'truefalse', value: !q.answer };
  if (q.kind !== 'choice') throw new Error(`an exam never asks a ${q.kind} question`);
  return { kind: 'choice', picks: [e.order.findIndex((file) => !q.answer.includes(file))] };
}

export function questionOf(step: ExamStep): ExamQuestion {
  if (step.kind !== 'question')
    throw new Error(`expected a question, got ${JSON.stringify(step).slice(0, 200)}`);
  return step.exam;
}

/** A member joined (in the test group) who starts an exam; its first question. */
export async function startedExam(ctx: CoreContext, questions = 6, minutes = 10, memberId = 'm1') {
  await join(ctx, memberId);
  return questionOf(await startExam(ctx, memberId, { questions, minutes }));
}
