import type { Repos } from '../../data/store.ts';
import type { Card, Member, Review } from '../../data/types.ts';
import { addDays, dayStart, studyDay } from '../../domain/day.ts';
import { dayCounts, dayTotals, streakBonus, streakWithout } from '../../domain/progress.ts';
import { cardBefore } from '../../domain/review.ts';
import { isGrade } from '../../domain/sm2.ts';
import type { CoreContext } from '../context.ts';
import { askAgain } from './ask-again.ts';
import { cardState } from './record-review.ts';
import type { PresentedQuestion } from './types.ts';

/**
 * Undo: takes back the member's latest scheduled review of their current study day. The log
 * keeps the row, marked undone (append-only); the card returns to its state before; the day's
 * totals, points and streak are recomputed from what still stands; the question is asked again.
 * Only the latest review, once: a second undo, or an older Undo button, is refused.
 */

export type UndoRefusal = 'nothing' | 'not-latest' | 'removed';

export type UndoResult =
  | { status: 'undone'; question: PresentedQuestion }
  | { status: 'refused'; reason: UndoRefusal };

const refused = (reason: UndoRefusal): UndoResult => ({ status: 'refused', reason });

/** The card back as before `review`; returns whether it now counts as never reviewed. */
async function restoreCard(repos: Repos, card: Card, review: Review): Promise<boolean> {
  if (!isGrade(review.grade)) throw new Error(`review ${review.id} has no valid grade`);
  const previous = await repos.reviews.previousAnsweredAt(card.id, review.seq);
  const before = cardBefore(
    cardState(card),
    {
      grade: review.grade,
      before: {
        easiness: review.easinessBefore,
        intervalDays: review.intervalBefore,
        repetitions: review.repetitionsBefore,
        dueAt: review.dueBefore.getTime(),
      },
    },
    previous?.getTime() ?? null,
  );
  // A review that made the card a leech suspended it at its own instant; an older suspension stays.
  const madeLeech = card.suspendedAt?.getTime() === review.answeredAt.getTime();
  const ok = await repos.cards.applyReview(card, {
    ...before,
    dueAt: new Date(before.dueAt),
    lastReviewedAt: previous,
    suspendedAt: madeLeech ? null : card.suspendedAt,
  });
  if (!ok) throw new Error('card moved concurrently inside the write lock');
  return before.lastReviewedAt === null;
}

/**
 * The day's totals recomputed from the reviews still standing. A card due again today
 * un-clears the day; a day that no longer counts takes its streak step and bonus back.
 * newCards stays: the card was introduced today all the same, and its next answer is not new.
 */
async function recountDay(repos: Repos, member: Member, day: string, now: number): Promise<void> {
  const stat = await repos.stats.find(member.id, day);
  if (stat === null) return;
  const standing = await repos.reviews.standingOfDay(member.id, day);
  const totals = dayTotals(standing.flatMap((r) => (isGrade(r.grade) ? [{ ...r, grade: r.grade }] : [])));
  const endOfDay = dayStart(addDays(day, 1), member.timezone);
  const clearedDue =
    stat.clearedDue && (await repos.cards.countDue(member.id, new Date(Math.min(now, endOfDay - 1)))) === 0;
  const counted = member.lastStreakDay === day;
  const stillCounts = dayCounts({ reviews: totals.reviews, clearedDue });
  if (counted && !stillCounts) {
    const state = {
      current: member.currentStreak,
      longest: member.longestStreak,
      lastDay: member.lastStreakDay,
    };
    const back = streakWithout(state, await repos.stats.since(member.id, '0000-01-01'), day);
    await repos.members.update(
      member.id,
      { currentStreak: back.current, longestStreak: back.longest, lastStreakDay: back.lastDay },
      new Date(now),
    );
  }
  // The bonus this day earned when it advanced the streak stays while the day still counts.
  const bonus = counted && stillCounts ? streakBonus(member.currentStreak) : 0;
  await repos.stats.recount(member.id, day, { ...totals, points: totals.points + bonus, clearedDue });
}

/** Undoes the latest review of today; with `reviewId` (an Undo button), only if it is that one. */
export async function undoReview(ctx: CoreContext, memberId: string, reviewId?: number): Promise<UndoResult> {
  const now = ctx.clock();
  return ctx.store.write(async (repos) => {
    const member = await repos.members.find(memberId);
    if (member === null) return refused('nothing');
    const latest = await repos.reviews.latestOfDay(memberId, studyDay(now, member.timezone));
    if (latest === null) return refused(reviewId === undefined ? 'nothing' : 'not-latest');
    if (latest.undoneAt !== null || (reviewId !== undefined && latest.id !== reviewId))
      return refused('not-latest');
    const card = await repos.cards.byId(latest.cardId);
    if (card === null || card.reviewCount !== latest.seq) return refused('not-latest');
    if (ctx.bank.question(latest.questionId) === undefined) return refused('removed');
    // First, and conditional: of two undos racing for the same review, one finds it taken.
    if (!(await repos.reviews.markUndone(latest.id, new Date(now)))) return refused('not-latest');
    const wasNew = await restoreCard(repos, card, latest);
    await recountDay(repos, member, latest.day, now);
    const question = await askAgain(ctx, repos, { memberId, review: latest, wasNew, now });
    return { status: 'undone', question };
  });
}
