import { startOutcome } from '../../commands/quiz.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { render } from '../render.ts';
import { renderContext, type Turn } from '../turn.ts';

/**
 * Start a session from a button ("Another round", "Learn N new anyway", "Quiz me on this"):
 * either in place of the clicked message or as a new message beside it.
 */
export async function start(turn: Turn, id: CustomIdOf<'start'>): Promise<void> {
  const outcome = await startOutcome(turn.commands, turn.caller, id.mode, id.topic);
  const { view } = render(outcome, renderContext(turn));
  if (id.update) await turn.responder.show(view);
  else await turn.responder.notice(view, false);
}
