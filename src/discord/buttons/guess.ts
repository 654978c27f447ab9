import { ComponentType, type Message } from 'discord.js';
import { markGuessed } from '../../core/study/index.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { notice, type Turn } from '../turn.ts';
import { type MessageRow, noticeView } from '../views/common.ts';
import { scheduleLine } from '../views/feedback.ts';

/** The clicked message's button rows, without the button that was clicked. */
export function rowsWithout(message: Message, customId: string): MessageRow[] {
  const rows: MessageRow[] = [];
  for (const component of message.components) {
    if (component.type !== ComponentType.ActionRow) continue;
    const json = component.toJSON() as MessageRow;
    const kept = json.components.filter((c) => !('custom_id' in c) || c.custom_id !== customId);
    if (kept.length > 0) rows.push({ ...json, components: kept });
  }
  return rows;
}

/** "I guessed": the card comes back sooner; the feedback's Next review field says when. */
export async function guess(
  turn: Turn,
  id: CustomIdOf<'guess'>,
  message: Message,
  customId: string,
): Promise<void> {
  const { t } = turn;
  const schedule = await markGuessed(turn.deps.ctx, turn.caller.memberId, id.reviewId);
  if (schedule === null) return notice(turn, noticeView(t('quiz.guess-refused')));
  const value = scheduleLine(t, schedule, turn.today, true);
  const field = t('quiz.next-review');
  const embeds = message.embeds.map((e, index) => {
    const json = e.toJSON();
    if (index !== 0) return json;
    return { ...json, fields: (json.fields ?? []).map((f) => (f.name === field ? { ...f, value } : f)) };
  });
  await turn.responder.show({ embeds, components: rowsWithout(message, customId) });
}
