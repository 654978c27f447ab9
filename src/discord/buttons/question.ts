import { currentQuestion } from '../../core/study/index.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { answerWith, notice, type Turn } from '../turn.ts';
import { staleView } from '../views/start.ts';

/** Buttons that redraw the current question: Next, a multi-select toggle, a flashcard's reveal. */

export async function next(turn: Turn, id: CustomIdOf<'next'>): Promise<void> {
  const current = await currentQuestion(turn.deps.ctx, turn.caller.memberId, id.sessionId);
  if (current === null) return notice(turn, staleView(turn.t, turn.t('quiz.stale.finished-start'), null));
  await answerWith(turn, { kind: 'question', question: current });
}

async function redraw(
  turn: Turn,
  at: { sessionId: number; step: number },
  extra: { mask?: number; revealed?: boolean },
) {
  const current = await currentQuestion(turn.deps.ctx, turn.caller.memberId, at.sessionId);
  if (current === null || current.step !== at.step) {
    const key = current === null ? 'quiz.stale.finished-start' : 'quiz.stale.answered';
    return notice(turn, staleView(turn.t, turn.t(key), current));
  }
  await answerWith(turn, { kind: 'question', question: current, ...extra });
}

/** A toggle keeps its picks only while the options are still shown in the order it was made for. */
export async function toggle(turn: Turn, id: CustomIdOf<'toggle'>): Promise<void> {
  const current = await currentQuestion(turn.deps.ctx, turn.caller.memberId, id.sessionId);
  const same = current !== null && current.order.join('') === id.order.join('');
  await redraw(turn, id, same ? { mask: id.mask ^ (1 << id.index) } : {});
}

export const reveal = (turn: Turn, id: CustomIdOf<'reveal'>) => redraw(turn, id, { revealed: true });
