import { first, num, only, type Queryable, rows, sql } from './sql.ts';
import type { DailyStat } from './types.ts';

export type StatAdd = { reviews?: number; correct?: number; points?: number; newCards?: number };

export type BoardRow = {
  memberId: string;
  displayName: string;
  points: number;
  reviews: number;
  correct: number;
  timezone: string;
  currentStreak: number;
  longestStreak: number;
  lastStreakDay: string | null;
};

/** Per member and local study day totals: streaks and leaderboards read these, never the log. */
export function dailyStatsOf(q: Queryable) {
  return {
    add(memberId: string, day: string, add: StatAdd): Promise<DailyStat> {
      return only<DailyStat>(
        q,
        sql`INSERT INTO "DailyStat" ("memberId", "day", "reviews", "correct", "points", "newCards", "clearedDue")
            VALUES (${memberId}, ${day}, ${add.reviews ?? 0}, ${add.correct ?? 0}, ${add.points ?? 0}, ${add.newCards ?? 0}, ${false})
            ON CONFLICT ("memberId", "day") DO UPDATE SET
              "reviews" = "DailyStat"."reviews" + excluded."reviews",
              "correct" = "DailyStat"."correct" + excluded."correct",
              "points" = "DailyStat"."points" + excluded."points",
              "newCards" = "DailyStat"."newCards" + excluded."newCards"
            RETURNING *`,
      );
    },

    setClearedDue(memberId: string, day: string): Promise<DailyStat> {
      return only<DailyStat>(
        q,
        sql`UPDATE "DailyStat" SET "clearedDue" = ${true} WHERE "memberId" = ${memberId} AND "day" = ${day} RETURNING *`,
      );
    },

    /** Replaces a day's totals, recomputed from the log (an undo); newCards is left as it is. */
    recount(
      memberId: string,
      day: string,
      totals: { reviews: number; correct: number; points: number; clearedDue: boolean },
    ): Promise<DailyStat | null> {
      return first<DailyStat>(
        q,
        sql`UPDATE "DailyStat" SET "reviews" = ${totals.reviews}, "correct" = ${totals.correct},
              "points" = ${totals.points}, "clearedDue" = ${totals.clearedDue}
             WHERE "memberId" = ${memberId} AND "day" = ${day} RETURNING *`,
      );
    },

    find(memberId: string, day: string): Promise<DailyStat | null> {
      return first<DailyStat>(
        q,
        sql`SELECT * FROM "DailyStat" WHERE "memberId" = ${memberId} AND "day" = ${day}`,
      );
    },

    since(memberId: string, fromDay: string): Promise<DailyStat[]> {
      return rows<DailyStat>(
        q,
        sql`SELECT * FROM "DailyStat" WHERE "memberId" = ${memberId} AND "day" >= ${fromDay} ORDER BY "day"`,
      );
    },

    /** A group's totals between two study days (inclusive; null for unbounded), with streak fields. */
    async board(groupId: string, fromDay: string | null, toDay: string | null): Promise<BoardRow[]> {
      const found = await rows<
        BoardRow & { points: number | bigint; reviews: number | bigint; correct: number | bigint }
      >(
        q,
        sql`SELECT m."id" AS "memberId", m."displayName" AS "displayName",
                   SUM(d."points") AS "points", SUM(d."reviews") AS "reviews", SUM(d."correct") AS "correct",
                   m."timezone" AS "timezone", m."currentStreak" AS "currentStreak",
                   m."longestStreak" AS "longestStreak", m."lastStreakDay" AS "lastStreakDay"
              FROM "Membership" ms
              JOIN "DailyStat" d ON d."memberId" = ms."memberId"
                   AND d."day" >= ${fromDay ?? ''} AND d."day" <= ${toDay ?? '9999-12-31'}
              JOIN "Member" m ON m."id" = ms."memberId"
             WHERE ms."groupId" = ${groupId}
             GROUP BY m."id"`,
      );
      return found.map((r) => ({
        ...r,
        points: num(r.points),
        reviews: num(r.reviews),
        correct: num(r.correct),
        currentStreak: num(r.currentStreak),
        longestStreak: num(r.longestStreak),
      }));
    },
  };
}

export type DailyStats = ReturnType<typeof dailyStatsOf>;
