import { forgetMember } from '../../core/members.ts';
import type { CustomIdOf } from '../custom-id.ts';
import type { Turn } from '../turn.ts';
import { noticeView } from '../views/common.ts';

/** The /forget-me confirmation: Yes deletes everything, Cancel nothing. */
export async function forget(turn: Turn, id: CustomIdOf<'forget'>): Promise<void> {
  const { t } = turn;
  if (!id.confirm) return turn.responder.show(noticeView(t('forget.cancelled')));
  await forgetMember(turn.deps.ctx, turn.caller.memberId);
  turn.deps.log.info({ member: turn.caller.memberId }, 'member forgotten at their request');
  await turn.responder.show(noticeView(t('forget.done')));
}
