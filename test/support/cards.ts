import type { TestDb } from './db.ts';

const HOUR = 3_600_000;

/** A card of `questionId` reviewed once a day before, due at `dueAt`, created long before `t0`. */
export async function seedDueCard(
  db: TestDb,
  t0: number,
  memberId: string,
  questionId: string,
  dueAt: number,
) {
  await db.prisma.card.create({
    data: {
      memberId,
      questionId,
      easiness: 2.5,
      intervalDays: 1,
      repetitions: 1,
      reviewCount: 1,
      dueAt: new Date(dueAt),
      lastReviewedAt: new Date(dueAt - 24 * HOUR),
      createdAt: new Date(t0 - 30 * 24 * HOUR),
    },
  });
}
