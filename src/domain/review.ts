import { dueInstant, studyDay } from './day.ts';
import { type Grade, review } from './sm2.ts';

/**
 * One scheduled review as a pure step: a card's state and a grade in, the card's next state
 * and the log record out (the `{ card, log }` shape of ts-fsrs's record log). The store writes
 * both; "I guessed" recomputes through the same function from the state before.
 */

export type CardState = {
  easiness: number;
  intervalDays: number;
  repetitions: number;
  lapses: number;
  reviewCount: number;
  /** Epoch ms. */
  dueAt: number;
  lastReviewedAt: number | null;
};

export type ReviewLogRecord = {
  /** 1-based number of this review of the card. */
  seq: number;
  grade: Grade;
  answeredAt: number;
  /** The member's study day the review counts for. */
  day: string;
  before: { easiness: number; intervalDays: number; repetitions: number; dueAt: number };
  after: { easiness: number; intervalDays: number; repetitions: number; dueAt: number };
};

export type ReviewOutcome = { card: CardState; log: ReviewLogRecord };

/**
 * A card graded below 3 after it had been reviewed before counts as forgotten (a lapse).
 * "Reviewed before" is `lastReviewedAt`, not `reviewCount`: an undone review keeps its number
 * (the log's sequence never goes back) but leaves the card as never reviewed.
 */
export function isLapse(card: Pick<CardState, 'lastReviewedAt'>, grade: Grade): boolean {
  return grade < 3 && card.lastReviewedAt !== null;
}

export function reviewCard(card: CardState, grade: Grade, now: number, timeZone: string): ReviewOutcome {
  const next = review(card, grade);
  const dueAt = dueInstant(now, next.intervalDays, timeZone);
  return {
    card: {
      ...next,
      lapses: card.lapses + (isLapse(card, grade) ? 1 : 0),
      reviewCount: card.reviewCount + 1,
      dueAt,
      lastReviewedAt: now,
    },
    log: {
      seq: card.reviewCount + 1,
      grade,
      answeredAt: now,
      day: studyDay(now, timeZone),
      before: {
        easiness: card.easiness,
        intervalDays: card.intervalDays,
        repetitions: card.repetitions,
        dueAt: card.dueAt,
      },
      after: { ...next, dueAt },
    },
  };
}

/**
 * The card as it was before its latest review `log`, for an undo: the schedule from the log's
 * before-state, the lapse that review added taken back, and `lastReviewedAt` the card's previous
 * review still standing (null when there is none). `reviewCount` stays: the undone row keeps its
 * sequence number, and the next review takes the next one.
 */
export function cardBefore(
  card: CardState,
  log: Pick<ReviewLogRecord, 'grade' | 'before'>,
  previousReviewAt: number | null,
): CardState {
  const lapsed = isLapse({ lastReviewedAt: previousReviewAt }, log.grade);
  return {
    easiness: log.before.easiness,
    intervalDays: log.before.intervalDays,
    repetitions: log.before.repetitions,
    lapses: Math.max(0, card.lapses - (lapsed ? 1 : 0)),
    reviewCount: card.reviewCount,
    dueAt: log.before.dueAt,
    lastReviewedAt: previousReviewAt,
  };
}
