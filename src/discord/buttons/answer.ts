import { answerQuestion } from '../../core/study/index.ts';
import type { Answer } from '../../domain/grading.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { answerWith, type Turn } from '../turn.ts';

/** Answers the session's current step; the outcome is the feedback, or a polite refusal. */
export async function submitAnswer(
  turn: Turn,
  at: { sessionId: number; step: number; order?: number[] },
  answer: Answer,
): Promise<void> {
  const { ctx } = turn.deps;
  const { sessionId, step, order } = at;
  const input = {
    memberId: turn.caller.memberId,
    sessionId,
    step,
    answer,
    ...(order === undefined ? {} : { order }),
  };
  const result = await answerQuestion(ctx, input);
  await answerWith(turn, { kind: 'answer', result, today: turn.today });
}

/** The answer family: a single-choice letter, true/false, and the free-text form's submission. */
export const pick = (turn: Turn, id: CustomIdOf<'pick'>) =>
  submitAnswer(turn, id, { kind: 'choice', picks: [id.index] });

export const truefalse = (turn: Turn, id: CustomIdOf<'truefalse'>) =>
  submitAnswer(turn, id, { kind: 'truefalse', value: id.value });

export const grade = (turn: Turn, id: CustomIdOf<'grade'>) =>
  submitAnswer(turn, id, { kind: 'flashcard', grade: id.grade });

export function picksOf(mask: number): number[] {
  return [0, 1, 2, 3, 4].filter((i) => (mask & (1 << i)) !== 0);
}

export const submit = (turn: Turn, id: CustomIdOf<'submit'>) =>
  submitAnswer(turn, id, { kind: 'choice', picks: picksOf(id.mask) });
