import type { Session } from '../../data/types.ts';
import { identityOrder, optionOrder, presentationSeed } from '../../domain/option-order.ts';
import type { Question } from '../../domain/question.ts';
import { decodeIds, decodeQueue, type QueueItem } from '../../domain/session-queue.ts';
import type { CoreContext } from '../context.ts';
import type { PresentedQuestion, SessionMode } from './types.ts';

/** A stored session with its queue decoded; null when the stored text is not a queue. */
export type OpenSession = { row: Session; queue: QueueItem[]; newIds: Set<string> };

export function openSession(row: Session): OpenSession | null {
  const queue = decodeQueue(row.queue);
  const newIds = decodeIds(row.newIds);
  return queue === null || newIds === null ? null : { row, queue, newIds: new Set(newIds) };
}

export function asMode(mode: string): SessionMode {
  return mode === 'practice' || mode === 'extra-new' || mode === 'drill' ? mode : 'review';
}

/**
 * The order in which a question's options are shown at this step: drawn from the session's
 * seed and the step, so each presentation (a new session, a re-ask, the next round) has its own,
 * and the same presentation always the same, after a restart too.
 */
export function presentedOrder(question: Question, session: Pick<Session, 'seed' | 'step'>): number[] {
  if (question.kind !== 'choice') return identityOrder(0);
  return optionOrder(question.options.length, question.pinned, presentationSeed(session.seed, session.step));
}

/** The session's current question (the first still in the bank), as the member sees it. */
export function present(ctx: CoreContext, s: OpenSession): PresentedQuestion | null {
  for (const item of s.queue) {
    const question = ctx.bank.question(item.q);
    if (question === undefined) continue;
    return {
      sessionId: s.row.id,
      step: s.row.step,
      position: s.row.answered + 1,
      total: s.row.answered + s.queue.length,
      mode: asMode(s.row.mode),
      reask: item.reask === true,
      isNew: s.newIds.has(item.q),
      question,
      topicTitle: ctx.bank.topic(question.topic)?.titles ?? { en: question.topic },
      order: presentedOrder(question, s.row),
    };
  }
  return null;
}
