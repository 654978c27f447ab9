import type { Repos } from '../../data/store.ts';
import type { Card, Member } from '../../data/types.ts';
import { addDays, dayStart } from '../../domain/day.ts';
import { isLeech } from '../../domain/leech.ts';
import { advanceStreak, dayCounts, reviewPoints, streakBonus } from '../../domain/progress.ts';
import type { Question } from '../../domain/question.ts';
import { type CardState, isLapse, reviewCard } from '../../domain/review.ts';
import type { Grade } from '../../domain/sm2.ts';
import type { Schedule } from './types.ts';

export function cardState(card: Card): CardState {
  return {
    easiness: card.easiness,
    intervalDays: card.intervalDays,
    repetitions: card.repetitions,
    lapses: card.lapses,
    reviewCount: card.reviewCount,
    dueAt: card.dueAt.getTime(),
    lastReviewedAt: card.lastReviewedAt?.getTime() ?? null,
  };
}

/**
 * The day's totals after one more scheduled review: reviews, correct answers, points, new
 * cards; "cleared" once nothing due today is left; the streak (and its bonus points) once the
 * day counts. Returns the bonus earned.
 */
async function countDay(
  repos: Repos,
  member: Member,
  day: string,
  add: { correct: boolean; points: number; isNew: boolean },
  now: number,
): Promise<number> {
  let stat = await repos.stats.add(member.id, day, {
    reviews: 1,
    correct: add.correct ? 1 : 0,
    points: add.points,
    newCards: add.isNew ? 1 : 0,
  });
  if (!stat.clearedDue) {
    const endOfDay = dayStart(addDays(day, 1), member.timezone);
    // "Cleared" means nothing left that is due today; cards just pushed to tomorrow don't count.
    const remaining = await repos.cards.countDue(member.id, new Date(Math.min(now, endOfDay - 1)));
    if (remaining === 0) stat = await repos.stats.setClearedDue(member.id, day);
  }
  if (!dayCounts(stat)) return 0;
  const streak = {
    current: member.currentStreak,
    longest: member.longestStreak,
    lastDay: member.lastStreakDay,
  };
  const advanced = advanceStreak(streak, day);
  if (advanced === null) return 0;
  await repos.members.update(
    member.id,
    { currentStreak: advanced.current, longestStreak: advanced.longest, lastStreakDay: advanced.lastDay },
    new Date(now),
  );
  const bonus = streakBonus(advanced.current);
  await repos.stats.add(member.id, day, { points: bonus });
  return bonus;
}

export type Recorded = {
  reviewId: number;
  schedule: Schedule;
  points: number;
  /** Set when this review's lapse made the card a leech: suspended, in the same write. */
  leechLapses: number | null;
};

/**
 * Applies a scheduled review inside a write: the card (created on first sight), the log row,
 * the day's totals and the streak. Null when the card had already moved (a concurrent writer).
 */
export async function recordReview(
  repos: Repos,
  member: Member,
  r: {
    question: Question;
    grade: Grade;
    correct: boolean;
    answer: string;
    responseMs: number | undefined;
    now: number;
  },
): Promise<Recorded | null> {
  const found = await repos.cards.find(member.id, r.question.id);
  const card = found ?? (await repos.cards.create(member.id, r.question.id, new Date(r.now)));
  const { card: next, log } = reviewCard(cardState(card), r.grade, r.now, member.timezone);
  const leech = isLapse(cardState(card), r.grade) && isLeech(next.lapses, member.leechThreshold);
  const moved = await repos.cards.applyReview(card, {
    ...next,
    dueAt: new Date(next.dueAt),
    lastReviewedAt: next.lastReviewedAt === null ? null : new Date(next.lastReviewedAt),
    // Suspended at the review's own instant: an undo of this review knows it made the leech.
    suspendedAt: leech ? new Date(r.now) : card.suspendedAt,
  });
  if (!moved) return null;
  const reviewId = await repos.reviews.insert({
    memberId: member.id,
    cardId: card.id,
    questionId: r.question.id,
    seq: log.seq,
    grade: log.grade,
    correct: r.correct,
    answer: r.answer.slice(0, 500),
    answeredAt: new Date(log.answeredAt),
    day: log.day,
    responseMs: r.responseMs ?? null,
    easinessBefore: log.before.easiness,
    intervalBefore: log.before.intervalDays,
    repetitionsBefore: log.before.repetitions,
    dueBefore: new Date(log.before.dueAt),
    easinessAfter: log.after.easiness,
    intervalAfter: log.after.intervalDays,
    repetitionsAfter: log.after.repetitions,
    dueAfter: new Date(log.after.dueAt),
  });
  const points = reviewPoints(r.grade, r.correct);
  const bonus = await countDay(
    repos,
    member,
    log.day,
    { correct: r.correct, points, isNew: found === null },
    r.now,
  );
  return {
    reviewId,
    schedule: {
      intervalDays: log.after.intervalDays,
      dueAt: log.after.dueAt,
      dueDay: addDays(log.day, log.after.intervalDays),
    },
    points: points + bonus,
    leechLapses: leech ? next.lapses : null,
  };
}
