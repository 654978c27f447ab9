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

/** A card graded below 3 after it had been reviewed before counts as forgotten (a lapse). */
export function isLapse(card: Pick<CardState, 'reviewCount'>, grade: Grade): boolean {
  return grade < 3 && card.reviewCount > 0;
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
