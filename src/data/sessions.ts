import { Prisma } from './generated/client.ts';
import { exec, first, join, only, type Queryable, rows, sql } from './sql.ts';
import type { Session } from './types.ts';

export type NewSession = Pick<Session, 'memberId' | 'topic' | 'mode' | 'queue' | 'newIds' | 'seed'> & {
  now: Date;
};

/** The fields an answer may move on a session. */
export type SessionPatch = Partial<
  Pick<
    Session,
    | 'step'
    | 'queue'
    | 'newIds'
    | 'answered'
    | 'correct'
    | 'shownAt'
    | 'lastFeedback'
    | 'finishedAt'
    | 'openFor'
    | 'updatedAt'
  >
>;
const PATCHABLE: readonly (keyof SessionPatch)[] = [
  'openFor',
  'step',
  'queue',
  'newIds',
  'answered',
  'correct',
  'shownAt',
  'lastFeedback',
  'finishedAt',
  'updatedAt',
];

/** Review sessions: persisted queues, so they resume after a restart. */
export function sessionsOf(q: Queryable) {
  return {
    find(id: number): Promise<Session | null> {
      return first<Session>(q, sql`SELECT * FROM "StudySession" WHERE "id" = ${id}`);
    },

    /** The member's open session, if any (there is at most one: "openFor" is unique). */
    open(memberId: string): Promise<Session | null> {
      return first<Session>(q, sql`SELECT * FROM "StudySession" WHERE "openFor" = ${memberId}`);
    },

    /** The member's sessions that took an answer most recently, latest first. */
    recentlyAnswered(memberId: string, take: number): Promise<Session[]> {
      return rows<Session>(
        q,
        sql`SELECT * FROM "StudySession" WHERE "memberId" = ${memberId} AND "lastFeedback" IS NOT NULL
             ORDER BY "updatedAt" DESC, "id" DESC LIMIT ${take}`,
      );
    },

    create(s: NewSession): Promise<Session> {
      return only<Session>(
        q,
        sql`INSERT INTO "StudySession" ("memberId", "topic", "mode", "queue", "newIds", "seed", "openFor", "shownAt", "createdAt", "updatedAt")
            VALUES (${s.memberId}, ${s.topic}, ${s.mode}, ${s.queue}, ${s.newIds}, ${s.seed}, ${s.memberId}, ${s.now}, ${s.now}, ${s.now})
            RETURNING *`,
      );
    },

    closeOpen(memberId: string, now: Date): Promise<number> {
      return exec(
        q,
        sql`UPDATE "StudySession" SET "finishedAt" = ${now}, "openFor" = NULL, "updatedAt" = ${now}
             WHERE "memberId" = ${memberId} AND "finishedAt" IS NULL`,
      );
    },

    /** Advances a session only if nobody else advanced it first (the step is the version). */
    async advance(id: number, step: number, patch: SessionPatch): Promise<boolean> {
      const sets = PATCHABLE.filter((k) => k in patch).map(
        (k) => sql`${Prisma.raw(`"${k}"`)} = ${patch[k] ?? null}`,
      );
      const changed = await exec(
        q,
        sql`UPDATE "StudySession" SET ${join(sets, ', ')} WHERE "id" = ${id} AND "step" = ${step}`,
      );
      return changed === 1;
    },
  };
}

export type Sessions = ReturnType<typeof sessionsOf>;
