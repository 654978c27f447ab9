import { exec, first, join, num, only, type Queryable, rows, sql } from './sql.ts';
import type { Exam, ExamItem, ExamStatus } from './types.ts';

export type NewExam = Pick<Exam, 'memberId' | 'seed' | 'minutes' | 'startedAt' | 'deadline'> & {
  questionIds: string[];
};

/** Exams that count as evidence (finished by the member or by the clock, not abandoned). */
export const SCORED = sql`e."status" IN ('submitted', 'expired')`;

/** Practice exams and their items: the answers live here, never in the review log. */
export function examsOf(q: Queryable) {
  return {
    ...examItemsOf(q),
    find(id: number): Promise<Exam | null> {
      return first<Exam>(q, sql`SELECT * FROM "Exam" WHERE "id" = ${id}`);
    },

    /** The member's open exam, if any ("openFor" is unique: at most one). */
    open(memberId: string): Promise<Exam | null> {
      return first<Exam>(q, sql`SELECT * FROM "Exam" WHERE "openFor" = ${memberId}`);
    },

    async create(e: NewExam): Promise<Exam> {
      const exam = await only<Exam>(
        q,
        sql`INSERT INTO "Exam" ("memberId", "openFor", "seed", "questions", "minutes", "startedAt", "deadline")
            VALUES (${e.memberId}, ${e.memberId}, ${e.seed}, ${e.questionIds.length}, ${e.minutes}, ${e.startedAt}, ${e.deadline})
            RETURNING *`,
      );
      const values = e.questionIds.map((id, i) => sql`(${exam.id}, ${i}, ${id}, ${false})`);
      await exec(
        q,
        sql`INSERT INTO "ExamItem" ("examId", "position", "questionId", "flagged") VALUES ${join(values, ', ')}`,
      );
      return exam;
    },

    items(examId: number): Promise<ExamItem[]> {
      return rows<ExamItem>(q, sql`SELECT * FROM "ExamItem" WHERE "examId" = ${examId} ORDER BY "position"`);
    },

    /** Ends an open exam; false when it had already ended (a second click, the clock, another process). */
    async end(
      examId: number,
      status: Exclude<ExamStatus, 'open'>,
      at: Date,
      score: number | null,
    ): Promise<boolean> {
      const changed = await exec(
        q,
        sql`UPDATE "Exam" SET "status" = ${status}, "openFor" = NULL, "endedAt" = ${at}, "score" = ${score}
             WHERE "id" = ${examId} AND "status" = 'open'`,
      );
      return changed === 1;
    },

    /** Open exams whose time ran out before `now`. */
    async expired(now: Date, take: number): Promise<Exam[]> {
      return rows<Exam>(
        q,
        sql`SELECT * FROM "Exam" WHERE "openFor" IS NOT NULL AND "deadline" <= ${now} ORDER BY "deadline" LIMIT ${take}`,
      );
    },

    /** The member's last scored exams, latest first. */
    recent(memberId: string, take: number): Promise<Exam[]> {
      return rows<Exam>(
        q,
        sql`SELECT * FROM "Exam" e WHERE e."memberId" = ${memberId} AND ${SCORED}
             ORDER BY e."endedAt" DESC, e."id" DESC LIMIT ${take}`,
      );
    },

    async count(memberId: string): Promise<number> {
      const row = await first<{ n: number | bigint }>(
        q,
        sql`SELECT COUNT(*) AS "n" FROM "Exam" e WHERE e."memberId" = ${memberId} AND ${SCORED}`,
      );
      return num(row?.n);
    },
  };
}

/** Changes to one position of an open exam: its answer, its flag, the position shown. */
function examItemsOf(q: Queryable) {
  return {
    async answer(
      examId: number,
      position: number,
      a: { answer: string; correct: boolean; at: Date },
    ): Promise<void> {
      await exec(
        q,
        sql`UPDATE "ExamItem" SET "answer" = ${a.answer}, "correct" = ${a.correct}, "answeredAt" = ${a.at}
             WHERE "examId" = ${examId} AND "position" = ${position}`,
      );
    },

    async flag(examId: number, position: number, flagged: boolean): Promise<void> {
      await exec(
        q,
        sql`UPDATE "ExamItem" SET "flagged" = ${flagged} WHERE "examId" = ${examId} AND "position" = ${position}`,
      );
    },

    async moveTo(examId: number, position: number): Promise<void> {
      await exec(
        q,
        sql`UPDATE "Exam" SET "position" = ${position} WHERE "id" = ${examId} AND "openFor" IS NOT NULL`,
      );
    },
  };
}

export type Exams = ReturnType<typeof examsOf>;
