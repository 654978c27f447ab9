import { currentQuestion } from '../../core/study/index.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { answerWith, notice, type Turn } from '../turn.ts';
import { staleView } from '../views/start.ts';

/**
 * A choice button from before options were shuffled: its letter cannot be trusted to mean the
 * option the member saw, so nothing is recorded; the question is shown again, shuffled, to answer.
 */
export async function legacy(turn: Turn, id: CustomIdOf<'legacy'>): Promise<void> {
  const { t } = turn;
  const current = await currentQuestion(turn.deps.ctx, turn.caller.memberId, id.sessionId);
  if (current === null) return notice(turn, staleView(t, t('quiz.stale.finished-start'), null));
  await answerWith(turn, { kind: 'question', question: current });
  await turn.responder.notice({ content: t('quiz.stale.legacy'), embeds: [], components: [] });
}
