import { empty, exec, first, num, only, type Queryable, rows, type Sql, sql } from './sql.ts';
import type { Card } from './types.ts';

/** The SM-2 state a review writes to a card. */
export type CardSchedule = Pick<
  Card,
  | 'easiness'
  | 'intervalDays'
  | 'repetitions'
  | 'lapses'
  | 'reviewCount'
  | 'dueAt'
  | 'lastReviewedAt'
  | 'suspendedAt'
>;

/** A suspended card (a leech) of a live question. */
export type LeechRow = { questionId: string; lapses: number; suspendedAt: Date };

const topicFilter = (topic: string | undefined): Sql =>
  topic === undefined ? empty : sql`AND q."topic" = ${topic}`;

/** Leeches: suspended cards, which never come due (the due queries leave them out). */
function suspensionsOf(q: Queryable) {
  return {
    /** The member's leeches (suspended cards) of live questions, earliest suspended first. */
    leeches(memberId: string): Promise<LeechRow[]> {
      return rows(
        q,
        sql`SELECT c."questionId", c."lapses", c."suspendedAt" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND c."suspendedAt" IS NOT NULL AND q."retired" = ${false}
             ORDER BY c."suspendedAt", c."id"`,
      );
    },

    /** Lifts a card's suspension; false when it was not suspended. */
    async unsuspend(memberId: string, questionId: string): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "Card" SET "suspendedAt" = NULL
             WHERE "memberId" = ${memberId} AND "questionId" = ${questionId} AND "suspendedAt" IS NOT NULL`,
      );
      return changed === 1;
    },
  };
}

export function cardsOf(q: Queryable) {
  return {
    find(memberId: string, questionId: string): Promise<Card | null> {
      return first<Card>(
        q,
        sql`SELECT * FROM "Card" WHERE "memberId" = ${memberId} AND "questionId" = ${questionId}`,
      );
    },

    byId(id: number): Promise<Card | null> {
      return first<Card>(q, sql`SELECT * FROM "Card" WHERE "id" = ${id}`);
    },

    create(memberId: string, questionId: string, now: Date): Promise<Card> {
      return only<Card>(
        q,
        sql`INSERT INTO "Card" ("memberId", "questionId", "dueAt", "createdAt") VALUES (${memberId}, ${questionId}, ${now}, ${now})
            RETURNING *`,
      );
    },

    /** Due cards of live questions, most overdue first; suspended cards (leeches) never come due. */
    async due(memberId: string, now: Date, topic: string | undefined, take: number): Promise<string[]> {
      const found = await rows<{ questionId: string }>(
        q,
        sql`SELECT c."questionId" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND c."dueAt" <= ${now} AND c."suspendedAt" IS NULL
               AND q."retired" = ${false} ${topicFilter(topic)}
             ORDER BY c."dueAt", c."id" LIMIT ${take}`,
      );
      return found.map((r) => r.questionId);
    },

    /** Cards coming due after `after`, soonest first. */
    upcoming(
      memberId: string,
      after: Date,
      topic: string | undefined,
      take: number,
    ): Promise<{ questionId: string; dueAt: Date }[]> {
      return rows(
        q,
        sql`SELECT c."questionId", c."dueAt" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND c."dueAt" > ${after} AND c."suspendedAt" IS NULL
               AND q."retired" = ${false} ${topicFilter(topic)}
             ORDER BY c."dueAt", c."id" LIMIT ${take}`,
      );
    },

    async countDue(memberId: string, before: Date): Promise<number> {
      const row = await first<{ n: number | bigint }>(
        q,
        sql`SELECT COUNT(*) AS n FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND c."dueAt" <= ${before} AND c."suspendedAt" IS NULL
               AND q."retired" = ${false}`,
      );
      return num(row?.n);
    },

    /** Every question the member has a card for, leeches too: none of them is picked as new again. */
    async seenQuestionIds(memberId: string): Promise<string[]> {
      const found = await rows<{ questionId: string }>(
        q,
        sql`SELECT "questionId" FROM "Card" WHERE "memberId" = ${memberId}`,
      );
      return found.map((r) => r.questionId);
    },

    /** The member's cards of live questions, for progress. */
    ofMember(memberId: string): Promise<
      {
        questionId: string;
        intervalDays: number;
        dueAt: Date;
        repetitions: number;
        suspendedAt: Date | null;
      }[]
    > {
      return rows(
        q,
        sql`SELECT c."questionId", c."intervalDays", c."dueAt", c."repetitions", c."suspendedAt" FROM "Card" c
              JOIN "Question" q ON q."id" = c."questionId"
             WHERE c."memberId" = ${memberId} AND q."retired" = ${false}`,
      );
    },

    /** Compare-and-set on reviewCount: a second writer of the same review changes nothing. */
    async applyReview(card: Pick<Card, 'id' | 'reviewCount'>, next: CardSchedule): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "Card" SET "easiness" = ${next.easiness}, "intervalDays" = ${next.intervalDays},
              "repetitions" = ${next.repetitions}, "lapses" = ${next.lapses}, "reviewCount" = ${next.reviewCount},
              "dueAt" = ${next.dueAt}, "lastReviewedAt" = ${next.lastReviewedAt}, "suspendedAt" = ${next.suspendedAt}
             WHERE "id" = ${card.id} AND "reviewCount" = ${card.reviewCount}`,
      );
      return changed === 1;
    },

    ...suspensionsOf(q),
  };
}

export type Cards = ReturnType<typeof cardsOf>;
