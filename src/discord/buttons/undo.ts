import { undoReview } from '../../core/study/index.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { answerWith, type Turn } from '../turn.ts';

/** Undo on a feedback: the clicked message becomes the question again; a refusal is a notice beside it. */
export async function undo(turn: Turn, id: CustomIdOf<'undo'>): Promise<void> {
  const result = await undoReview(turn.deps.ctx, turn.caller.memberId, id.reviewId);
  await answerWith(turn, { kind: 'undone', result });
}
