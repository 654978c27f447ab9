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
    async join(group: { id: string; name: string | null }, memberId: string, now: Date): Promise<void> {
      await upsertGroup(q, group, now);
      await exec(
        q,
        sql`INSERT INTO "Membership" ("groupId", "memberId", "joinedAt") VALUES (${group.id}, ${memberId}, ${now})
            ON CONFLICT ("groupId", "memberId") DO NOTHING`,
      );
    },

    async setBoardChannel(
      group: { id: string; name: string | null },
      channelId: string,
      now: Date,
    ): Promise<void> {
      await upsertGroup(q, group, now);
      await exec(q, sql`UPDATE "Group" SET "leaderboardChannelId" = ${channelId} WHERE "id" = ${group.id}`);
    },

    withBoardChannel(): Promise<Group[]> {
      return rows<Group>(
        q,
        sql`SELECT * FROM "Group" WHERE "leaderboardChannelId" IS NOT NULL ORDER BY "id"`,
      );
    },

    async markBoardPosted(groupId: string, period: string): Promise<void> {
      await exec(q, sql`UPDATE "Group" SET "lastBoardPostedFor" = ${period} WHERE "id" = ${groupId}`);
    },
  };
}

async function upsertGroup(
  q: Queryable,
  group: { id: string; name: string | null },
  now: Date,
): Promise<void> {
  const name = group.name ?? `Server ${group.id}`;
  // "Group" is quoted everywhere: it is a keyword in SQL.
  if (group.name === null) {
    await exec(
      q,
      sql`INSERT INTO "Group" ("id", "name", "createdAt") VALUES (${group.id}, ${name}, ${now})
          ON CONFLICT ("id") DO NOTHING`,
    );
  } else {
    await exec(
      q,
      sql`INSERT INTO "Group" ("id", "name", "createdAt") VALUES (${group.id}, ${name}, ${now})
          ON CONFLICT ("id") DO UPDATE SET "name" = ${name}`,
    );
  }
}

export type Groups = ReturnType<typeof groupsOf>;
