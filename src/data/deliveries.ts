import { Prisma } from './generated/client.ts';
import { exec, join, type Queryable, rows, sql } from './sql.ts';
import type { Delivery, Member } from './types.ts';

export type DeliveryPatch = Partial<
  Pick<Delivery, 'status' | 'attempts' | 'nextTryAt' | 'sentAt' | 'lastError'>
>;
const PATCHABLE: readonly (keyof DeliveryPatch)[] = [
  'status',
  'attempts',
  'nextTryAt',
  'sentAt',
  'lastError',
];

/** Daily reminder DMs: one row per member and local date, written before anything is sent. */
export function deliveriesOf(q: Queryable) {
  return {
    /** Inserts the delivery row as "sending"; false when one exists already for that day. */
    async claim(memberId: string, day: string, now: Date): Promise<boolean> {
      const inserted = await exec(
        q,
        sql`INSERT INTO "ReminderDelivery" ("memberId", "day", "status", "attempts", "nextTryAt", "createdAt")
            VALUES (${memberId}, ${day}, 'sending', 1, ${now}, ${now})
            ON CONFLICT ("memberId", "day") DO NOTHING`,
      );
      return inserted === 1;
    },

    /** Takes a failed delivery back for another attempt; false when someone else took it first. */
    async reclaim(memberId: string, day: string, attempts: number): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "ReminderDelivery" SET "status" = 'sending', "attempts" = ${attempts + 1}
             WHERE "memberId" = ${memberId} AND "day" = ${day} AND "status" = 'retry' AND "attempts" = ${attempts}`,
      );
      return changed === 1;
    },

    async update(memberId: string, day: string, patch: DeliveryPatch): Promise<void> {
      const sets = PATCHABLE.filter((k) => patch[k] !== undefined).map(
        (k) => sql`${Prisma.raw(`"${k}"`)} = ${patch[k] ?? null}`,
      );
      if (sets.length === 0) return;
      await exec(
        q,
        sql`UPDATE "ReminderDelivery" SET ${join(sets, ', ')} WHERE "memberId" = ${memberId} AND "day" = ${day}`,
      );
    },

    /** Failed deliveries whose next attempt is due, with their member. */
    async retriesDue(now: Date): Promise<{ delivery: Delivery; member: Member }[]> {
      const due = await rows<Delivery>(
        q,
        sql`SELECT * FROM "ReminderDelivery" WHERE "status" = 'retry' AND "nextTryAt" <= ${now} ORDER BY "nextTryAt"`,
      );
      if (due.length === 0) return [];
      const members = await rows<Member>(
        q,
        sql`SELECT * FROM "Member" WHERE "id" IN (${join(due.map((d) => d.memberId))})`,
      );
      const byId = new Map(members.map((m) => [m.id, m]));
      return due.flatMap((delivery) => {
        const member = byId.get(delivery.memberId);
        return member === undefined ? [] : [{ delivery, member }];
      });
    },

    ofMember(memberId: string): Promise<Delivery[]> {
      return rows<Delivery>(
        q,
        sql`SELECT * FROM "ReminderDelivery" WHERE "memberId" = ${memberId} ORDER BY "day"`,
      );
    },
  };
}

export type Deliveries = ReturnType<typeof deliveriesOf>;
