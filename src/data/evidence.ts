import { SCORED } from './exams.ts';

/** Topic totals of answers: right ones of all. */
export type TopicTally = { topic: string; answered: number; correct: number };

import { num, type Queryable, rows, sql } from './sql.ts';

/**
 * What the review log and the cards say about a member's knowledge, for readiness and the
 * weak-spot drill. Undone reviews are not evidence; suspended cards (leeches) are set aside.
 */
export function evidenceOf(q: Queryable) {
  return {
    /** Scheduled reviews since `since`, per topic. */
    async reviewsSince(memberId: string, since: Date): Promise<TopicTally[]> {
      const found = await rows<{ topic: string; answered: number | bigint; correct: number | bigint | null }>(
        q,
        sql`SELECT qu."topic" AS "topic", COUNT(*) AS "answered",
                   SUM(CASE WHEN r."correct" THEN 1 ELSE 0 END) AS "correct"
              FROM "ReviewLog" r JOIN "Question" qu ON qu."id" = r."questionId"
             WHERE r."memberId" = ${memberId} AND r."answeredAt" >= ${since} AND r."undoneAt" IS NULL
             GROUP BY qu."topic"`,
      );
      return found.map((r) => ({ topic: r.topic, answered: num(r.answered), correct: num(r.correct) }));
    },

    /** The member's live, unsuspended cards with their lapses, easiness and wrong reviews since `since`. */
    async cards(
      memberId: string,
      since: Date,
    ): Promise<{ questionId: string; lapses: number; easiness: number; recentWrong: number }[]> {
      const found = await rows<{
        questionId: string;
        lapses: number;
        easiness: number;
        recentWrong: number | bigint;
      }>(
        q,
        sql`SELECT c."questionId" AS "questionId", c."lapses" AS "lapses", c."easiness" AS "easiness",
                   (SELECT COUNT(*) FROM "ReviewLog" r
                     WHERE r."cardId" = c."id" AND r."correct" = ${false} AND r."answeredAt" >= ${since}
                       AND r."undoneAt" IS NULL) AS "recentWrong"
              FROM "Card" c JOIN "Question" qu ON qu."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND qu."retired" = ${false} AND c."suspendedAt" IS NULL`,
      );
      return found.map((r) => ({ ...r, recentWrong: num(r.recentWrong) }));
    },

    /** Answers in scored exams since `since`, per topic. */
    async examsSince(memberId: string, since: Date): Promise<TopicTally[]> {
      const found = await rows<{ topic: string; answered: number | bigint; correct: number | bigint | null }>(
        q,
        sql`SELECT qu."topic" AS "topic", COUNT(*) AS "answered",
                   SUM(CASE WHEN i."correct" THEN 1 ELSE 0 END) AS "correct"
              FROM "ExamItem" i JOIN "Exam" e ON e."id" = i."examId" JOIN "Question" qu ON qu."id" = i."questionId"
             WHERE e."memberId" = ${memberId} AND ${SCORED} AND i."answeredAt" >= ${since}
             GROUP BY qu."topic"`,
      );
      return found.map((r) => ({ topic: r.topic, answered: num(r.answered), correct: num(r.correct) }));
    },

    /** Questions the member answered in scored exams (coverage counts them as seen). */
    async answeredQuestionIds(memberId: string): Promise<string[]> {
      const found = await rows<{ questionId: string }>(
        q,
        sql`SELECT DISTINCT i."questionId" FROM "ExamItem" i JOIN "Exam" e ON e."id" = i."examId"
             WHERE e."memberId" = ${memberId} AND ${SCORED} AND i."answer" IS NOT NULL`,
      );
      return found.map((r) => r.questionId);
    },

    /** Questions answered wrong (or left unanswered) in scored exams since `since`, with how often. */
    async missesSince(memberId: string, since: Date): Promise<{ questionId: string; misses: number }[]> {
      const found = await rows<{ questionId: string; misses: number | bigint }>(
        q,
        sql`SELECT i."questionId" AS "questionId", COUNT(*) AS "misses"
              FROM "ExamItem" i JOIN "Exam" e ON e."id" = i."examId"
             WHERE e."memberId" = ${memberId} AND ${SCORED} AND e."endedAt" >= ${since}
               AND (i."correct" IS NULL OR i."correct" = ${false})
             GROUP BY i."questionId"`,
      );
      return found.map((r) => ({ questionId: r.questionId, misses: num(r.misses) }));
    },
  };
}

export type Evidence = ReturnType<typeof evidenceOf>;
