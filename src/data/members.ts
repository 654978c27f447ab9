import { Prisma } from './generated/client.ts';
import { exec, first, join, type Queryable, rows, sql } from './sql.ts';
import type { Member } from './types.ts';

/** The settings and streak fields a use case may change on a member. */
export type MemberPatch = Partial<
  Pick<
    Member,
    | 'displayName'
    | 'timezone'
    | 'reminderMinute'
    | 'remindersEnabled'
    | 'dmsClosed'
    | 'dmChannelId'
    | 'newPerDay'
    | 'leechThreshold'
    | 'language'
    | 'lastLocale'
    | 'nextReminderAt'
    | 'currentStreak'
    | 'longestStreak'
    | 'lastStreakDay'
  >
>;

const PATCHABLE: readonly (keyof MemberPatch)[] = [
  'displayName',
  'timezone',
  'reminderMinute',
  'remindersEnabled',
  'dmsClosed',
  'dmChannelId',
  'newPerDay',
  'leechThreshold',
  'language',
  'lastLocale',
  'nextReminderAt',
  'currentStreak',
  'longestStreak',
  'lastStreakDay',
];

export type NewMember = {
  id: string;
  displayName: string;
  timezone: string;
  lastLocale: string | null;
  nextReminderAt: Date;
  now: Date;
};

export function membersOf(q: Queryable) {
  return {
    find(id: string): Promise<Member | null> {
      return first<Member>(q, sql`SELECT * FROM "Member" WHERE "id" = ${id}`);
    },

    /** Creates the member, or keeps the existing row; returns the row either way. */
    async create(m: NewMember): Promise<Member> {
      await exec(
        q,
        sql`INSERT INTO "Member" ("id", "displayName", "timezone", "lastLocale", "nextReminderAt", "createdAt", "updatedAt")
            VALUES (${m.id}, ${m.displayName}, ${m.timezone}, ${m.lastLocale}, ${m.nextReminderAt}, ${m.now}, ${m.now})
            ON CONFLICT ("id") DO NOTHING`,
      );
      const row = await first<Member>(q, sql`SELECT * FROM "Member" WHERE "id" = ${m.id}`);
      if (row === null) throw new Error(`member ${m.id} vanished while being created`);
      return row;
    },

    async update(id: string, patch: MemberPatch, now: Date): Promise<Member | null> {
      const keys = PATCHABLE.filter((k) => patch[k] !== undefined);
      const sets = keys.map((k) => sql`${Prisma.raw(`"${k}"`)} = ${patch[k] ?? null}`);
      sets.push(sql`"updatedAt" = ${now}`);
      return first<Member>(q, sql`UPDATE "Member" SET ${join(sets, ', ')} WHERE "id" = ${id} RETURNING *`);
    },

    /** Deletes the member; every row of theirs goes with it (foreign keys cascade). */
    async delete(id: string): Promise<boolean> {
      return (await exec(q, sql`DELETE FROM "Member" WHERE "id" = ${id}`)) > 0;
    },

    /** Members whose daily reminder time has passed, reminders on and DMs open, earliest first. */
    withReminderDue(now: Date, take: number): Promise<Member[]> {
      return rows<Member>(
        q,
        sql`SELECT * FROM "Member"
             WHERE "nextReminderAt" <= ${now} AND "remindersEnabled" = ${true} AND "dmsClosed" = ${false}
             ORDER BY "nextReminderAt" LIMIT ${take}`,
      );
    },
  };
}

export type Members = ReturnType<typeof membersOf>;
