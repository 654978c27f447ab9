import { exec, first, num, only, type Queryable, rows, sql } from './sql.ts';
import type { Review } from './types.ts';

export type NewReview = Omit<Review, 'id' | 'undoneAt'>;

/**
 * The review log: append-only rows; only the latest of a card may be regraded ("I guessed") or
 * marked undone. Undone rows stay, and every count leaves them out.
 */
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
        sql`SELECT COUNT(*) AS n FROM "ReviewLog" WHERE "memberId" = ${memberId} AND "undoneAt" IS NULL`,
      );
      return num(row?.n);
    },

    /** The member's latest review of a study day, undone or not. */
    latestOfDay(memberId: string, day: string): Promise<Review | null> {
      return first<Review>(
        q,
        sql`SELECT * FROM "ReviewLog" WHERE "memberId" = ${memberId} AND "day" = ${day} ORDER BY "id" DESC LIMIT 1`,
      );
    },

    /** The reviews of a study day still standing, for its totals. */
    standingOfDay(memberId: string, day: string): Promise<{ grade: number; correct: boolean }[]> {
      return rows(
        q,
        sql`SELECT "grade", "correct" FROM "ReviewLog"
             WHERE "memberId" = ${memberId} AND "day" = ${day} AND "undoneAt" IS NULL ORDER BY "id"`,
      );
    },

    /** When the card's latest review standing before review number `seq` was answered; null if none. */
    async previousAnsweredAt(cardId: number, seq: number): Promise<Date | null> {
      const row = await first<{ answeredAt: Date }>(
        q,
        sql`SELECT "answeredAt" FROM "ReviewLog" WHERE "cardId" = ${cardId} AND "seq" < ${seq} AND "undoneAt" IS NULL
             ORDER BY "seq" DESC LIMIT 1`,
      );
      return row?.answeredAt ?? null;
    },

    /** Marks a review undone, once: false when it already was. */
    async markUndone(id: number, now: Date): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "ReviewLog" SET "undoneAt" = ${now} WHERE "id" = ${id} AND "undoneAt" IS NULL`,
      );
      return changed === 1;
    },
  };
}

export type Reviews = ReturnType<typeof reviewsOf>;
