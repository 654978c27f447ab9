import { randomInt } from 'node:crypto';
import type { Repos } from '../../data/store.ts';
import type { Review } from '../../data/types.ts';
import { encodeIds, encodeQueue, type QueueItem } from '../../domain/session-queue.ts';
import type { CoreContext } from '../context.ts';
import { decodeLastAnswer } from './last-answer.ts';
import { type OpenSession, openSession, present } from './present.ts';
import type { PresentedQuestion } from './types.ts';

/**
 * After an undo, the question is asked again as a scheduled item, at the front of a session:
 * the session that took the undone answer (its counters taken back, reopened if that answer
 * ended it), else the member's open session where it schedules answers, else a new review session.
 * Every session touched moves to the next step, so buttons shown before the undo go stale.
 */

type Undone = { memberId: string; review: Review; wasNew: boolean; now: number };

/** Sessions whose answers move the schedule; practice (and other unscheduled modes) cannot take the item. */
const SCHEDULED_MODES = new Set(['review', 'extra-new']);
/** The undone answer is the member's latest: its session is among the last few answered. */
const RECENT_SESSIONS = 5;

async function putBack(
  ctx: CoreContext,
  repos: Repos,
  s: OpenSession,
  undone: Undone,
  isSource: boolean,
): Promise<PresentedQuestion> {
  const { review, memberId } = undone;
  // The re-ask the undone answer queued goes too, or the question would come back a third time.
  // Re-asks answered since may have queued theirs after it: the last re-ask of the question is its.
  const reask = isSource ? s.queue.findLastIndex((i) => i.q === review.questionId && i.reask === true) : -1;
  const rest = reask === -1 ? s.queue : s.queue.toSpliced(reask, 1);
  const queue: QueueItem[] = [{ q: review.questionId }, ...rest];
  const newIds = new Set(s.newIds);
  if (undone.wasNew) newIds.add(review.questionId);
  const answered = isSource ? Math.max(0, s.row.answered - 1) : s.row.answered;
  const correct = isSource && review.correct ? Math.max(0, s.row.correct - 1) : s.row.correct;
  const now = new Date(undone.now);
  const ok = await repos.sessions.advance(s.row.id, s.row.step, {
    step: s.row.step + 1,
    queue: encodeQueue(queue),
    newIds: encodeIds([...newIds]),
    answered,
    correct,
    shownAt: now,
    // Nothing to replay any more: a click on a button from before the undo is stale.
    lastFeedback: null,
    finishedAt: null,
    openFor: memberId,
    updatedAt: now,
  });
  if (!ok) throw new Error('session advanced concurrently inside the write lock');
  const row = { ...s.row, step: s.row.step + 1, answered, correct, finishedAt: null, openFor: memberId };
  const question = present(ctx, { row, queue, newIds });
  if (question === null) throw new Error('an undone question is not in the bank');
  return question;
}

async function newSession(ctx: CoreContext, repos: Repos, undone: Undone): Promise<PresentedQuestion> {
  const now = new Date(undone.now);
  const q = undone.review.questionId;
  // The open session (practice or another mode that cannot schedule) makes way, as a new /quiz would.
  await repos.sessions.closeOpen(undone.memberId, now);
  const row = await repos.sessions.create({
    memberId: undone.memberId,
    topic: null,
    mode: 'review',
    queue: encodeQueue([{ q }]),
    newIds: encodeIds(undone.wasNew ? [q] : []),
    seed: randomInt(2 ** 31),
    now,
  });
  const s = openSession(row);
  const question = s === null ? null : present(ctx, s);
  if (question === null) throw new Error('an undone question is not in the bank');
  return question;
}

/** Puts the undone review's question back in front of the member; returns it as shown. */
export async function askAgain(ctx: CoreContext, repos: Repos, undone: Undone): Promise<PresentedQuestion> {
  const recent = await repos.sessions.recentlyAnswered(undone.memberId, RECENT_SESSIONS);
  const sourceRow = recent.find(
    (r) => decodeLastAnswer(r.lastFeedback)?.recordedReviewId === undone.review.id,
  );
  const source = sourceRow === undefined ? null : openSession(sourceRow);
  const openRow = await repos.sessions.open(undone.memberId);
  if (source !== null && (source.row.finishedAt === null || openRow === null))
    return putBack(ctx, repos, source, undone, true);
  const open = openRow === null ? null : openSession(openRow);
  if (open !== null && SCHEDULED_MODES.has(open.row.mode)) return putBack(ctx, repos, open, undone, false);
  return newSession(ctx, repos, undone);
}
