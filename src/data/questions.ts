import { exec, join, type Queryable, rows, sql } from './sql.ts';

export type QuestionRow = { id: string; topic: string; kind: string; contentHash: string };

/** The bank's questions mirrored in the database, so cards and logs can refer to them. */
export function questionsOf(q: Queryable) {
  return {
    all(): Promise<{ id: string; contentHash: string; retired: boolean }[]> {
      return rows(q, sql`SELECT "id", "contentHash", "retired" FROM "Question"`);
    },

    async insert(questions: QuestionRow[], now: Date): Promise<void> {
      // Multi-row INSERTs: one row per statement costs ~250 ms on a first start.
      for (let i = 0; i < questions.length; i += 100) {
        const values = questions
          .slice(i, i + 100)
          .map((x) => sql`(${x.id}, ${x.topic}, ${x.kind}, ${x.contentHash}, ${false}, ${now}, ${now})`);
        await exec(
          q,
          sql`INSERT INTO "Question" ("id", "topic", "kind", "contentHash", "retired", "createdAt", "updatedAt")
              VALUES ${join(values, ', ')}`,
        );
      }
    },

    /** New content for a question, live again if it had been retired. */
    async update(x: QuestionRow, now: Date): Promise<void> {
      await exec(
        q,
        sql`UPDATE "Question" SET "topic" = ${x.topic}, "kind" = ${x.kind}, "contentHash" = ${x.contentHash},
              "retired" = ${false}, "updatedAt" = ${now} WHERE "id" = ${x.id}`,
      );
    },

    async retire(ids: string[], now: Date): Promise<void> {
      for (let i = 0; i < ids.length; i += 500) {
        await exec(
          q,
          sql`UPDATE "Question" SET "retired" = ${true}, "updatedAt" = ${now} WHERE "id" IN (${join(ids.slice(i, i + 500))})`,
        );
      }
    },
  };
}

export type Questions = ReturnType<typeof questionsOf>;
