import { createHash } from 'node:crypto';
import type { Question } from '../domain/question.ts';
import type { Db } from './db.ts';
import type { Card, DailyStat, Member, Prisma, ReminderDelivery, StudySession } from './generated/client.ts';

export type { Card, DailyStat, Member, ReminderDelivery, StudySession } from './generated/client.ts';
export type Tx = Prisma.TransactionClient;
type Queryable = Tx | Db;

/** One row of the review log. */
export type ReviewInsert = {
  memberId: string;
  cardId: number;
  questionId: string;
  seq: number;
  grade: number;
  correct: boolean;
  answer: string;
  answeredAt: Date;
  day: string;
  responseMs: number | null;
  easinessBefore: number;
  intervalBefore: number;
  repetitionsBefore: number;
  dueBefore: Date;
  easinessAfter: number;
  intervalAfter: number;
  repetitionsAfter: number;
  dueAfter: Date;
};

/** The SM-2 fields an answer writes to a card. */
export type CardUpdate = {
  easiness: number;
  intervalDays: number;
  repetitions: number;
  lapses: number;
  reviewCount: number;
  dueAt: Date;
  lastReviewedAt: Date;
};

/** The fields an answer may move on a session. */
export type SessionUpdate = Partial<{
  step: number;
  queue: string;
  answered: number;
  correct: number;
  shownAt: Date | null;
  lastFeedback: string | null;
  finishedAt: Date | null;
  updatedAt: Date;
}>;
const SESSION_COLUMNS = [
  'step',
  'queue',
  'answered',
  'correct',
  'shownAt',
  'lastFeedback',
  'finishedAt',
  'updatedAt',
] as const;

async function one<T>(db: Queryable, sql: string, ...args: unknown[]): Promise<T | null> {
  const rows = await db.$queryRawUnsafe<T[]>(sql, ...args);
  return rows[0] ?? null;
}

async function required<T>(db: Queryable, sql: string, ...args: unknown[]): Promise<T> {
  const row = await one<T>(db, sql, ...args);
  if (row === null) throw new Error(`no row returned by: ${sql.split('\n')[0]}`);
  return row;
}

/**
 * Every query the use cases need, and nothing Prisma-shaped leaks past this file. Writes go
 * through `write`, which serialises them: one PrismaClient is one SQLite connection, and
 * queries issued while an interactive transaction is open would run inside it.
 * The study hot path (start a session, answer) is constant SQL with bound parameters through
 * $queryRawUnsafe: a model query costs ~180 us in Prisma's query compiler against ~50 us, and the
 * benchmark (bench/results.md) showed the answer path at 12x raw SQL with model queries.
 */
export class Store {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly db: Db) {}

  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.db.$transaction((tx) => fn(tx), { timeout: 20_000 }));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Waits for writes in flight; used at shutdown. */
  async drain(): Promise<void> {
    await this.queue;
  }

  // ---- bank ---------------------------------------------------------------------------------

  /** Mirrors the bank into Question rows: adds, updates changed, retires removed, revives returned. */
  async syncQuestions(
    questions: Question[],
  ): Promise<{ added: number; updated: number; retired: number; revived: number }> {
    const rows = await this.db.question.findMany({ select: { id: true, contentHash: true, retired: true } });
    const existing = new Map(rows.map((r) => [r.id, r]));
    const inBank = new Set(questions.map((q) => q.id));
    const result = { added: 0, updated: 0, retired: 0, revived: 0 };
    const creates: Prisma.QuestionCreateManyInput[] = [];
    const updates: { id: string; data: Prisma.QuestionUpdateInput }[] = [];
    for (const q of questions) {
      const hash = contentHash(q);
      const row = existing.get(q.id);
      if (row === undefined) {
        creates.push({ id: q.id, topic: q.topic, kind: q.kind, contentHash: hash });
        result.added++;
      } else if (row.contentHash !== hash || row.retired) {
        if (row.retired) result.revived++;
        else result.updated++;
        updates.push({ id: q.id, data: { topic: q.topic, kind: q.kind, contentHash: hash, retired: false } });
      }
    }
    const retire = rows.filter((r) => !r.retired && !inBank.has(r.id)).map((r) => r.id);
    result.retired = retire.length;
    if (creates.length + updates.length + retire.length === 0) return result;
    await this.write(async (tx) => {
      // Multi-row INSERTs: createMany costs ~250 ms in a fresh process (first start).
      const now = new Date();
      for (let i = 0; i < creates.length; i += 100) {
        const chunk = creates.slice(i, i + 100);
        await tx.$executeRawUnsafe(
          `INSERT INTO "Question" ("id", "topic", "kind", "contentHash", "retired", "createdAt", "updatedAt")
           VALUES ${chunk.map(() => '(?, ?, ?, ?, 0, ?, ?)').join(', ')}`,
          ...chunk.flatMap((c) => [c.id, c.topic, c.kind, c.contentHash, now, now]),
        );
      }
      for (const u of updates) await tx.question.update({ where: { id: u.id }, data: u.data });
      if (retire.length > 0)
        await tx.question.updateMany({ where: { id: { in: retire } }, data: { retired: true } });
    });
    return result;
  }

  // ---- members and groups -------------------------------------------------------------------

  findMember(id: string, tx: Queryable = this.db): Promise<Member | null> {
    return one<Member>(tx, 'SELECT * FROM "Member" WHERE "id" = ?', id);
  }

  upsertMember(
    tx: Tx,
    id: string,
    displayName: string,
    create: Omit<Prisma.MemberCreateInput, 'id' | 'displayName'>,
  ) {
    return tx.member.upsert({
      where: { id },
      create: { id, displayName, ...create },
      update: { displayName },
    });
  }

  updateMember(tx: Tx, id: string, data: Prisma.MemberUpdateInput): Promise<Member> {
    return tx.member.update({ where: { id }, data });
  }

  /** A null name (unknown to the transport) keeps the stored one. */
  async joinGroup(
    tx: Tx,
    groupId: string,
    groupName: string | null,
    memberId: string,
    now: Date,
  ): Promise<void> {
    await tx.group.upsert({
      where: { id: groupId },
      create: { id: groupId, name: groupName ?? `Server ${groupId}`, createdAt: now },
      update: groupName === null ? {} : { name: groupName },
    });
    await tx.membership.upsert({
      where: { groupId_memberId: { groupId, memberId } },
      create: { groupId, memberId, joinedAt: now },
      update: {},
    });
  }

  findGroup(id: string) {
    return this.db.group.findUnique({ where: { id } });
  }

  groupsWithBoardChannel() {
    return this.db.group.findMany({ where: { leaderboardChannelId: { not: null } } });
  }

  setGroupChannel(tx: Tx, groupId: string, groupName: string | null, channelId: string, now: Date) {
    return tx.group.upsert({
      where: { id: groupId },
      create: {
        id: groupId,
        name: groupName ?? `Server ${groupId}`,
        leaderboardChannelId: channelId,
        createdAt: now,
      },
      update: { leaderboardChannelId: channelId, ...(groupName === null ? {} : { name: groupName }) },
    });
  }

  markBoardPosted(tx: Tx, groupId: string, period: string) {
    return tx.group.update({ where: { id: groupId }, data: { lastBoardPostedFor: period } });
  }

  deleteMember(tx: Tx, id: string) {
    return tx.member.deleteMany({ where: { id } });
  }

  // ---- cards --------------------------------------------------------------------------------

  dueCards(
    memberId: string,
    now: Date,
    topic: string | undefined,
    take: number,
  ): Promise<{ questionId: string }[]> {
    return this.db.$queryRawUnsafe(
      `SELECT c."questionId" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
        WHERE c."memberId" = ? AND c."dueAt" <= ? AND q."retired" = 0 AND (? IS NULL OR q."topic" = ?)
        ORDER BY c."dueAt", c."id" LIMIT ?`,
      memberId,
      now,
      topic ?? null,
      topic ?? null,
      take,
    );
  }

  upcomingCards(memberId: string, after: Date, topic: string | undefined, take: number) {
    return this.db.card.findMany({
      where: {
        memberId,
        dueAt: { gt: after },
        question: { retired: false, ...(topic === undefined ? {} : { topic }) },
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      take,
      select: { questionId: true, dueAt: true },
    });
  }

  async countDue(db: Queryable, memberId: string, before: Date): Promise<number> {
    const row = await one<{ n: number | bigint }>(
      db,
      `SELECT count(*) AS n FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
        WHERE c."memberId" = ? AND c."dueAt" <= ? AND q."retired" = 0`,
      memberId,
      before,
    );
    return Number(row?.n ?? 0);
  }

  seenQuestionIds(memberId: string): Promise<{ questionId: string }[]> {
    return this.db.$queryRawUnsafe('SELECT "questionId" FROM "Card" WHERE "memberId" = ?', memberId);
  }

  memberCards(memberId: string) {
    return this.db.card.findMany({
      where: { memberId, question: { retired: false } },
      select: { questionId: true, intervalDays: true, dueAt: true, repetitions: true },
    });
  }

  findCard(tx: Tx, memberId: string, questionId: string): Promise<Card | null> {
    return one<Card>(
      tx,
      'SELECT * FROM "Card" WHERE "memberId" = ? AND "questionId" = ?',
      memberId,
      questionId,
    );
  }

  createCard(tx: Tx, memberId: string, questionId: string, now: Date): Promise<Card> {
    return required<Card>(
      tx,
      'INSERT INTO "Card" ("memberId", "questionId", "dueAt", "createdAt") VALUES (?, ?, ?, ?) RETURNING *',
      memberId,
      questionId,
      now,
      now,
    );
  }

  /** Compare-and-set on reviewCount: a second writer of the same review changes nothing. */
  async updateCardIf(tx: Tx, card: Card, data: CardUpdate): Promise<boolean> {
    const count = await tx.$executeRawUnsafe(
      `UPDATE "Card" SET "easiness" = ?, "intervalDays" = ?, "repetitions" = ?, "lapses" = ?, "reviewCount" = ?,
         "dueAt" = ?, "lastReviewedAt" = ? WHERE "id" = ? AND "reviewCount" = ?`,
      data.easiness,
      data.intervalDays,
      data.repetitions,
      data.lapses,
      data.reviewCount,
      data.dueAt,
      data.lastReviewedAt,
      card.id,
      card.reviewCount,
    );
    return count === 1;
  }

  restoreCard(tx: Tx, cardId: number, data: Prisma.CardUpdateManyMutationInput) {
    return tx.card.update({ where: { id: cardId }, data });
  }

  // ---- review log and daily stats -----------------------------------------------------------

  insertReview(tx: Tx, d: ReviewInsert): Promise<{ id: number }> {
    return required<{ id: number }>(
      tx,
      `INSERT INTO "ReviewLog" ("memberId", "cardId", "questionId", "seq", "grade", "correct", "answer",
         "answeredAt", "day", "responseMs", "easinessBefore", "intervalBefore", "repetitionsBefore", "dueBefore",
         "easinessAfter", "intervalAfter", "repetitionsAfter", "dueAfter")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING "id"`,
      d.memberId,
      d.cardId,
      d.questionId,
      d.seq,
      d.grade,
      d.correct,
      d.answer,
      d.answeredAt,
      d.day,
      d.responseMs,
      d.easinessBefore,
      d.intervalBefore,
      d.repetitionsBefore,
      d.dueBefore,
      d.easinessAfter,
      d.intervalAfter,
      d.repetitionsAfter,
      d.dueAfter,
    );
  }

  findReview(tx: Tx, id: number) {
    return tx.reviewLog.findUnique({ where: { id }, include: { card: true } });
  }

  updateReview(tx: Tx, id: number, data: Prisma.ReviewLogUpdateInput) {
    return tx.reviewLog.update({ where: { id }, data });
  }

  countReviews(memberId: string) {
    return this.db.reviewLog.count({ where: { memberId } });
  }

  addDailyStat(
    tx: Tx,
    memberId: string,
    day: string,
    add: { reviews?: number; correct?: number; points?: number; newCards?: number },
  ): Promise<DailyStat> {
    return required<DailyStat>(
      tx,
      `INSERT INTO "DailyStat" ("memberId", "day", "reviews", "correct", "points", "newCards", "clearedDue")
       VALUES (?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT ("memberId", "day") DO UPDATE SET "reviews" = "reviews" + excluded."reviews",
         "correct" = "correct" + excluded."correct", "points" = "points" + excluded."points",
         "newCards" = "newCards" + excluded."newCards"
       RETURNING *`,
      memberId,
      day,
      add.reviews ?? 0,
      add.correct ?? 0,
      add.points ?? 0,
      add.newCards ?? 0,
    );
  }

  setClearedDue(tx: Tx, memberId: string, day: string): Promise<DailyStat> {
    return required<DailyStat>(
      tx,
      'UPDATE "DailyStat" SET "clearedDue" = 1 WHERE "memberId" = ? AND "day" = ? RETURNING *',
      memberId,
      day,
    );
  }

  dailyStat(memberId: string, day: string): Promise<DailyStat | null> {
    return one<DailyStat>(
      this.db,
      'SELECT * FROM "DailyStat" WHERE "memberId" = ? AND "day" = ?',
      memberId,
      day,
    );
  }

  dailyStatsSince(memberId: string, fromDay: string) {
    return this.db.dailyStat.findMany({
      where: { memberId, day: { gte: fromDay } },
      orderBy: { day: 'asc' },
    });
  }

  /** A group's totals for a period, read from the per-day aggregates (never the review log). */
  async leaderboardRows(groupId: string, fromDay: string | null, toDay: string | null) {
    const rows = await this.db.$queryRaw<
      {
        memberId: string;
        displayName: string;
        points: bigint | number;
        reviews: bigint | number;
        correct: bigint | number;
        timezone: string;
        currentStreak: bigint | number;
        longestStreak: bigint | number;
        lastStreakDay: string | null;
      }[]
    >`SELECT d."memberId" AS memberId, m."displayName" AS displayName,
             SUM(d."points") AS points, SUM(d."reviews") AS reviews, SUM(d."correct") AS correct,
             m."timezone" AS timezone, m."currentStreak" AS currentStreak,
             m."longestStreak" AS longestStreak, m."lastStreakDay" AS lastStreakDay
        FROM "Membership" ms
        JOIN "DailyStat" d ON d."memberId" = ms."memberId"
             AND d."day" >= ${fromDay ?? ''} AND d."day" <= ${toDay ?? '9999-12-31'}
        JOIN "Member" m ON m."id" = ms."memberId"
       WHERE ms."groupId" = ${groupId}
       GROUP BY d."memberId"`;
    return rows.map((r) => ({
      memberId: r.memberId,
      displayName: r.displayName,
      points: Number(r.points),
      reviews: Number(r.reviews),
      correct: Number(r.correct),
      // The streak fields travel with the totals so the board needs no second query.
      timezone: r.timezone,
      currentStreak: Number(r.currentStreak),
      longestStreak: Number(r.longestStreak),
      lastStreakDay: r.lastStreakDay,
    }));
  }

  // ---- sessions -----------------------------------------------------------------------------

  openSession(memberId: string): Promise<StudySession | null> {
    return one<StudySession>(
      this.db,
      'SELECT * FROM "StudySession" WHERE "memberId" = ? AND "finishedAt" IS NULL ORDER BY "id" DESC LIMIT 1',
      memberId,
    );
  }

  findSession(tx: Queryable, id: number): Promise<StudySession | null> {
    return one<StudySession>(tx, 'SELECT * FROM "StudySession" WHERE "id" = ?', id);
  }

  createSession(
    tx: Tx,
    d: {
      memberId: string;
      topic: string | null;
      mode: string;
      queue: string;
      newIds: string;
      shownAt: Date;
      createdAt: Date;
      updatedAt: Date;
    },
  ): Promise<StudySession> {
    return required<StudySession>(
      tx,
      `INSERT INTO "StudySession" ("memberId", "topic", "mode", "queue", "newIds", "shownAt", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      d.memberId,
      d.topic,
      d.mode,
      d.queue,
      d.newIds,
      d.shownAt,
      d.createdAt,
      d.updatedAt,
    );
  }

  closeOpenSessions(tx: Tx, memberId: string, now: Date): Promise<number> {
    return tx.$executeRawUnsafe(
      'UPDATE "StudySession" SET "finishedAt" = ?, "updatedAt" = ? WHERE "memberId" = ? AND "finishedAt" IS NULL',
      now,
      now,
      memberId,
    );
  }

  /** Advances a session only if nobody else advanced it first (the step is the version). */
  async advanceSession(tx: Tx, id: number, step: number, data: SessionUpdate): Promise<boolean> {
    const keys = SESSION_COLUMNS.filter((k) => k in data);
    const count = await tx.$executeRawUnsafe(
      `UPDATE "StudySession" SET ${keys.map((k) => `"${k}" = ?`).join(', ')} WHERE "id" = ? AND "step" = ?`,
      ...keys.map((k) => data[k] ?? null),
      id,
      step,
    );
    return count === 1;
  }

  // ---- reminders ----------------------------------------------------------------------------

  membersWithReminderDue(now: Date, take: number) {
    return this.db.member.findMany({
      where: { nextReminderAt: { lte: now }, remindersEnabled: true, dmsClosed: false },
      orderBy: { nextReminderAt: 'asc' },
      take,
    });
  }

  retriesDue(now: Date) {
    return this.db.reminderDelivery.findMany({
      where: { status: 'retry', nextTryAt: { lte: now } },
      include: { member: true },
      orderBy: { nextTryAt: 'asc' },
    });
  }

  /** Inserts the delivery row; false when one exists already (unique member x day). */
  async claimDelivery(tx: Tx, memberId: string, day: string, now: Date): Promise<boolean> {
    const existing = await tx.reminderDelivery.findUnique({ where: { memberId_day: { memberId, day } } });
    if (existing !== null) return false;
    await tx.reminderDelivery.create({
      data: { memberId, day, status: 'sending', attempts: 1, nextTryAt: now, createdAt: now },
    });
    return true;
  }

  async reclaimRetry(tx: Tx, memberId: string, day: string, attempts: number): Promise<boolean> {
    const { count } = await tx.reminderDelivery.updateMany({
      where: { memberId, day, status: 'retry', attempts },
      data: { status: 'sending', attempts: attempts + 1 },
    });
    return count === 1;
  }

  updateDelivery(
    tx: Tx,
    memberId: string,
    day: string,
    data: Prisma.ReminderDeliveryUpdateInput,
  ): Promise<ReminderDelivery> {
    return tx.reminderDelivery.update({ where: { memberId_day: { memberId, day } }, data });
  }

  deliveries(memberId: string) {
    return this.db.reminderDelivery.findMany({ where: { memberId }, orderBy: { day: 'asc' } });
  }
}

/** Hash of everything a member sees of a question, so any edit is noticed at sync. */
export function contentHash(q: Question): string {
  return createHash('sha256').update(JSON.stringify(q)).digest('hex').slice(0, 32);
}
