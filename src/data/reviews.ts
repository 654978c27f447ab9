import { exec, first, num, only, type Queryable, sql } from './sql.ts';
import type { Review } from './types.ts';

export type NewReview = Omit<Review, 'id'>;

/** The review log: append-only rows; only the latest of a card may be regraded ("I guessed"). */
export function reviewsOf(q: Queryable) {
  return {
    async insert(r: NewReview): Promise<number> {
      const row = await only<{ id: number | bigint }>(
        q,
        sql`INSERT INTO "ReviewLog" ("memberId", "cardId", "questionId", "seq", "grade", "correct", "answer",
              "answeredAt", "day", "responseMs", "easinessBefore", "intervalBefore", "repetitionsBefore", "dueBefore",
              "easinessAfter", "intervalAfter", "repetitionsAfter", "dueAfter")
            VALUES (${r.memberId}, ${r.cardId}, ${r.questionId}, ${r.seq}, ${r.grade}, ${r.correct}, ${r.answer},
              ${r.answeredAt}, ${r.day}, ${r.responseMs}, ${r.easinessBefore}, ${r.intervalBefore}, ${r.repetitionsBefore},
              ${r.dueBefore}, ${r.easinessAfter}, ${r.intervalAfter}, ${r.repetitionsAfter}, ${r.dueAfter})
            RETURNING "id"`,
      );
      return num(row.id);
    },

    /** A review with its card's current review count (to tell whether it is the card's latest). */
    find(id: number): Promise<(Review & { cardReviewCount: number }) | null> {
      return first(
        q,
        sql`SELECT r.*, c."reviewCount" AS "cardReviewCount" FROM "ReviewLog" r JOIN "Card" c ON c."id" = r."cardId"
             WHERE r."id" = ${id}`,
      );
    },

    /** Rewrites a review's grade and after-state, and the card's schedule with it. */
    async regrade(
      review: Pick<Review, 'id' | 'cardId'>,
      after: { grade: number; easiness: number; intervalDays: number; repetitions: number; dueAt: Date },
    ): Promise<void> {
      await exec(
        q,
        sql`UPDATE "ReviewLog" SET "grade" = ${after.grade}, "easinessAfter" = ${after.easiness},
              "intervalAfter" = ${after.intervalDays}, "repetitionsAfter" = ${after.repetitions}, "dueAfter" = ${after.dueAt}
             WHERE "id" = ${review.id}`,
      );
      await exec(
        q,
        sql`UPDATE "Card" SET "easiness" = ${after.easiness}, "intervalDays" = ${after.intervalDays},
              "repetitions" = ${after.repetitions}, "dueAt" = ${after.dueAt}
             WHERE "id" = ${review.cardId}`,
      );
    },

    async count(memberId: string): Promise<number> {
      const row = await first<{ n: number | bigint }>(
        q,
        sql`SELECT COUNT(*) AS n FROM "ReviewLog" WHERE "memberId" = ${memberId}`,
      );
      return num(row?.n);
    },
  };
}

export type Reviews = ReturnType<typeof reviewsOf>;
