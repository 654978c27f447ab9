import { exec, first, type Queryable, rows, sql } from './sql.ts';
import type { Group } from './types.ts';

export function groupsOf(q: Queryable) {
  return {
    find(id: string): Promise<Group | null> {
      return first<Group>(q, sql`SELECT * FROM "Group" WHERE "id" = ${id}`);
    },

    isMember(groupId: string, memberId: string): Promise<boolean> {
      return first<{ one: number }>(
        q,
        sql`SELECT 1 AS one FROM "Membership" WHERE "groupId" = ${groupId} AND "memberId" = ${memberId}`,
      ).then((r) => r !== null);
    },

    /** Records the group (a null name keeps the stored one) and the member's place in it. */
    async join(group: GroupRef, memberId: string, now: Date): Promise<void> {
      await upsertGroup(q, group, now);
      await exec(
        q,
        sql`INSERT INTO "Membership" ("groupId", "memberId", "joinedAt") VALUES (${group.id}, ${memberId}, ${now})
            ON CONFLICT ("groupId", "memberId") DO NOTHING`,
      );
    },

    async setBoardChannel(group: GroupRef, channelId: string, now: Date): Promise<void> {
      await upsertGroup(q, group, now);
      await exec(q, sql`UPDATE "Group" SET "leaderboardChannelId" = ${channelId} WHERE "id" = ${group.id}`);
    },

    withBoardChannel(): Promise<Group[]> {
      return rows<Group>(
        q,
        sql`SELECT * FROM "Group" WHERE "leaderboardChannelId" IS NOT NULL ORDER BY "id"`,
      );
    },

    /**
     * Claims the period's post for this process: false when another already did. Claimed before
     * posting, so two bot processes never both post; a failed post gives the claim back.
     */
    async claimBoard(groupId: string, period: string, previous: string | null): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "Group" SET "lastBoardPostedFor" = ${period}
             WHERE "id" = ${groupId} AND "lastBoardPostedFor" IS NOT DISTINCT FROM ${previous}`,
      );
      return changed === 1;
    },

    async unclaimBoard(groupId: string, period: string, previous: string | null): Promise<void> {
      await exec(
        q,
        sql`UPDATE "Group" SET "lastBoardPostedFor" = ${previous} WHERE "id" = ${groupId} AND "lastBoardPostedFor" = ${period}`,
      );
    },
  };
}

/** A server as an interaction knows it: the name and locale may be unknown (null: keep the stored ones). */
export type GroupRef = { id: string; name: string | null; locale?: string | null };

async function upsertGroup(q: Queryable, group: GroupRef, now: Date): Promise<void> {
  const locale = group.locale ?? null;
  // "Group" is quoted everywhere: it is a keyword in SQL.
  await exec(
    q,
    sql`INSERT INTO "Group" ("id", "name", "locale", "createdAt")
        VALUES (${group.id}, ${group.name ?? `Server ${group.id}`}, ${locale}, ${now})
        ON CONFLICT ("id") DO UPDATE SET
          "name" = COALESCE(${group.name}, "Group"."name"),
          "locale" = COALESCE(${locale}, "Group"."locale")`,
  );
}

export type Groups = ReturnType<typeof groupsOf>;
