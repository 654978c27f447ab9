import {
  abandonExam,
  answerExam,
  examResultPage,
  flagExam,
  resumeExam,
  reviewExam,
  type ShownAnswer,
  startExam,
  submitExam,
} from '../../core/exam/index.ts';
import { drillExamMisses } from '../../core/study/index.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { render } from '../render.ts';
import { answerWith, renderContext, type Turn } from '../turn.ts';
import { picksOf } from './answer.ts';

/** The exam family: answers, navigation, flags, review, submission, results and the drill of misses. */

const memberOf = (turn: Turn) => turn.caller.memberId;

async function answer(turn: Turn, id: CustomIdOf<'examPick' | 'examSave' | 'examTf'>, given: ShownAnswer) {
  const order = 'order' in id ? id.order : undefined;
  const step = await answerExam(turn.deps.ctx, memberOf(turn), id, given, order);
  await answerWith(turn, { kind: 'exam', step });
}

export const examPick = (turn: Turn, id: CustomIdOf<'examPick'>) =>
  answer(turn, id, { kind: 'choice', picks: [id.index] });

export const examSave = (turn: Turn, id: CustomIdOf<'examSave'>) =>
  answer(turn, id, { kind: 'choice', picks: picksOf(id.mask) });

export const examTf = (turn: Turn, id: CustomIdOf<'examTf'>) =>
  answer(turn, id, { kind: 'truefalse', value: id.value });

/** A toggle redraws the question with the picks so far; nothing is stored until Save. */
export async function examToggle(turn: Turn, id: CustomIdOf<'examToggle'>): Promise<void> {
  const step = await resumeExam(turn.deps.ctx, memberOf(turn), id.examId, id.position);
  const same = step.kind === 'question' && step.exam.order.join('') === id.order.join('');
  await answerWith(turn, { kind: 'exam', step, ...(same ? { mask: id.mask ^ (1 << id.index) } : {}) });
}

export async function examGo(turn: Turn, id: CustomIdOf<'examGo'>): Promise<void> {
  const step = await resumeExam(turn.deps.ctx, memberOf(turn), id.examId, id.target);
  await answerWith(turn, { kind: 'exam', step });
}

export async function examFlag(turn: Turn, id: CustomIdOf<'examFlag'>): Promise<void> {
  const step = await flagExam(turn.deps.ctx, memberOf(turn), id, id.flagged);
  await answerWith(turn, { kind: 'exam', step });
}

export async function examReview(turn: Turn, id: CustomIdOf<'examReview'>): Promise<void> {
  await answerWith(turn, { kind: 'exam', step: await reviewExam(turn.deps.ctx, memberOf(turn), id.examId) });
}

export async function examSubmit(turn: Turn, id: CustomIdOf<'examSubmit'>): Promise<void> {
  await answerWith(turn, { kind: 'exam', step: await submitExam(turn.deps.ctx, memberOf(turn), id.examId) });
}

export async function examResume(turn: Turn, id: CustomIdOf<'examResume'>): Promise<void> {
  await answerWith(turn, { kind: 'exam', step: await resumeExam(turn.deps.ctx, memberOf(turn), id.examId) });
}

export async function examResult(turn: Turn, id: CustomIdOf<'examResult'>): Promise<void> {
  const step = await examResultPage(turn.deps.ctx, memberOf(turn), id.examId, id.page);
  await answerWith(turn, { kind: 'exam', step });
}

/** Abandons the open exam, then starts the one that was asked for when it was found open. */
export async function examAbandon(turn: Turn, id: CustomIdOf<'examAbandon'>): Promise<void> {
  const { ctx } = turn.deps;
  const abandoned = await abandonExam(ctx, memberOf(turn), id.examId);
  if (abandoned.kind !== 'abandoned') return answerWith(turn, { kind: 'exam', step: abandoned });
  const step = await startExam(ctx, memberOf(turn), { questions: id.questions, minutes: id.minutes });
  await answerWith(turn, { kind: 'exam', step });
}

/** "Drill my misses": a drill session on the exam's wrong and unanswered questions, as a new message. */
export async function examDrill(turn: Turn, id: CustomIdOf<'examDrill'>): Promise<void> {
  const start = await drillExamMisses(turn.deps.ctx, memberOf(turn), id.examId);
  if (start.kind === 'refused') return answerWith(turn, { kind: 'exam', step: start });
  // Beside the result, which stays readable.
  const { view } = render({ kind: 'session', start, topicTitle: undefined }, renderContext(turn));
  await turn.responder.notice(view, false);
}
