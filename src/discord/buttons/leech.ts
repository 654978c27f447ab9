import type { Message } from 'discord.js';
import { listLeeches, unsuspendLeech } from '../../core/leeches.ts';
import type { CustomIdOf } from '../custom-id.ts';
import type { Turn } from '../turn.ts';
import { leechesView, unsuspendedView } from '../views/leech.ts';
import { rowsWithout } from './guess.ts';

/**
 * Unsuspend: from the /leech list, the list is shown again without that card; from a feedback,
 * the button goes away and the feedback stays. Either way a notice says what happened.
 */
export async function leech(
  turn: Turn,
  id: CustomIdOf<'leech'>,
  message: Message,
  customId: string,
): Promise<void> {
  const { ctx } = turn.deps;
  const result = await unsuspendLeech(ctx, turn.caller.memberId, id.questionId);
  if (id.update) {
    await turn.responder.show(leechesView(turn.t, await listLeeches(ctx, turn.caller.memberId)));
  } else {
    const embeds = message.embeds.map((e) => e.toJSON());
    await turn.responder.show({ embeds, components: rowsWithout(message, customId) });
  }
  await turn.responder.notice(unsuspendedView(turn.t, result));
}
