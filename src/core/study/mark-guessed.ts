import { addDays } from '../../domain/day.ts';
import { GUESSED_GRADE } from '../../domain/grading.ts';
import { reviewPoints } from '../../domain/progress.ts';
import { reviewCard } from '../../domain/review.ts';
import { isGrade } from '../../domain/sm2.ts';
import type { CoreContext } from '../context.ts';
import type { Schedule } from './types.ts';

/**
 * "I guessed": turns a correct objective answer into grade 3 and recomputes the card from the
 * state before that review, through the same review step. Only the card's latest review can be
 * changed, only once, and never once undone.
 */
export async function markGuessed(
  ctx: CoreContext,
  memberId: string,
  reviewId: number,
): Promise<Schedule | null> {
  return ctx.store.write(async (repos) => {
    const log = await repos.reviews.find(reviewId);
    if (log === null || log.memberId !== memberId || !log.correct || log.grade === GUESSED_GRADE) return null;
    // An undone review counts nowhere any more: there is nothing left to regrade.
    if (log.undoneAt !== null) return null;
    if (log.cardReviewCount !== log.seq || !isGrade(log.grade)) return null;
    const member = await repos.members.find(memberId);
    if (member === null) return null;
    const before = {
      easiness: log.easinessBefore,
      intervalDays: log.intervalBefore,
      repetitions: log.repetitionsBefore,
      lapses: 0,
      reviewCount: log.seq - 1,
      dueAt: log.dueBefore.getTime(),
      lastReviewedAt: null,
    };
    const { log: again } = reviewCard(before, GUESSED_GRADE, log.answeredAt.getTime(), member.timezone);
    await repos.reviews.regrade(log, {
      grade: GUESSED_GRADE,
      easiness: again.after.easiness,
      intervalDays: again.after.intervalDays,
      repetitions: again.after.repetitions,
      dueAt: new Date(again.after.dueAt),
    });
    const delta = reviewPoints(GUESSED_GRADE, true) - reviewPoints(log.grade, true);
    await repos.stats.add(memberId, log.day, { points: delta });
    return {
      intervalDays: again.after.intervalDays,
      dueAt: again.after.dueAt,
      dueDay: addDays(log.day, again.after.intervalDays),
    };
  });
}
