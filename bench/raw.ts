import type { Database, Statement } from 'better-sqlite3';
import type { BankIndex } from '../src/core/context.ts';
import type { Leaderboard, Period } from '../src/core/leaderboard.ts';
import { periodRange, rankBoard } from '../src/core/leaderboard.ts';
import { type Progress, summarizeProgress } from '../src/core/progress.ts';
import { contentHash } from '../src/core/sync-bank.ts';
import { addDays, calendarDate, dayStart, dueInstant, studyDay } from '../src/domain/day.ts';
import { type Answer, gradeAnswer } from '../src/domain/grading.ts';
import { advanceStreak, dayCounts, reviewPoints, streakBonus } from '../src/domain/progress.ts';
import { correctAnswerText, type Question } from '../src/domain/question.ts';
import { nextReminderAfter } from '../src/domain/reminder.ts';
import { type Grade, needsReask, review } from '../src/domain/sm2.ts';

/**
 * The same operations as the core use cases, written by hand as prepared better-sqlite3
 * statements on a second connection to the same file: the floor Prisma is compared with.
 * Same rules, same rows, same DateTime format (epoch ms); results are shaped like the core's
 * so the runner can check both give the same answer.
 */

export type RawMember = {
  id: string;
  displayName: string;
  timezone: string;
  reminderMinute: number;
  remindersEnabled: number;
  dmsClosed: number;
  dmChannelId: string | null;
  newPerDay: number;
  nextReminderAt: number | null;
  currentStreak: number;
  longestStreak: number;
  lastStreakDay: string | null;
};

type RawSession = {
  id: number;
  memberId: string;
  topic: string | null;
  mode: string;
  queue: string;
  newIds: string;
  step: number;
  shownAt: number | null;
  answered: number;
  correct: number;
  lastFeedback: string | null;
  finishedAt: number | null;
};

type RawCard = {
  id: number;
  easiness: number;
  intervalDays: number;
  repetitions: number;
  lapses: number;
  reviewCount: number;
  dueAt: number;
};

type RawStat = { reviews: number; correct: number; points: number; newCards: number; clearedDue: number };
type QueueItem = { q: string; reask?: true };

export type RawPresented = {
  sessionId: number;
  step: number;
  question: Question;
  reask: boolean;
  isNew: boolean;
};
export type RawStart =
  | { kind: 'question'; resumed: boolean; question: RawPresented; dueCount: number; newCount: number }
  | { kind: 'nothing-due' };
export type RawAnswer = { status: 'recorded' | 'stale'; next: RawPresented | null; points: number };

export class RawCore {
  private readonly s: Record<string, Statement>;

  constructor(
    readonly db: Database,
    readonly bank: BankIndex,
    readonly clock: () => number,
    readonly sessionSize = 10,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      member: p('SELECT * FROM "Member" WHERE id = ?'),
      openSession: p(
        'SELECT * FROM "StudySession" WHERE memberId = ? AND finishedAt IS NULL ORDER BY id DESC LIMIT 1',
      ),
      dueCards: p(
        `SELECT c.questionId FROM "Card" c JOIN "Question" q ON q.id = c.questionId
          WHERE c.memberId = ? AND c.dueAt <= ? AND c.suspendedAt IS NULL AND q.retired = 0
          ORDER BY c.dueAt, c.id LIMIT ?`,
      ),
      upcoming: p(
        `SELECT c.questionId, c.dueAt FROM "Card" c JOIN "Question" q ON q.id = c.questionId
          WHERE c.memberId = ? AND c.dueAt > ? AND c.suspendedAt IS NULL AND q.retired = 0
          ORDER BY c.dueAt, c.id LIMIT ?`,
      ),
      seen: p('SELECT questionId FROM "Card" WHERE memberId = ?'),
      stat: p('SELECT * FROM "DailyStat" WHERE memberId = ? AND day = ?'),
      closeOpen: p(
        'UPDATE "StudySession" SET finishedAt = ?, updatedAt = ? WHERE memberId = ? AND finishedAt IS NULL',
      ),
      createSession: p(
        `INSERT INTO "StudySession" (memberId, topic, mode, queue, newIds, step, shownAt, answered, correct,
           createdAt, updatedAt) VALUES (?, NULL, 'review', ?, ?, 0, ?, 0, 0, ?, ?) RETURNING *`,
      ),
      session: p('SELECT * FROM "StudySession" WHERE id = ?'),
      card: p('SELECT * FROM "Card" WHERE memberId = ? AND questionId = ?'),
      createCard: p(
        `INSERT INTO "Card" (memberId, questionId, easiness, intervalDays, repetitions, lapses, reviewCount, dueAt,
           createdAt) VALUES (?, ?, 2.5, 0, 0, 0, 0, ?, ?) RETURNING *`,
      ),
      updateCardIf: p(
        `UPDATE "Card" SET easiness = ?, intervalDays = ?, repetitions = ?, lapses = ?, reviewCount = ?, dueAt = ?,
           lastReviewedAt = ? WHERE id = ? AND reviewCount = ?`,
      ),
      insertLog: p(
        `INSERT INTO "ReviewLog" (memberId, cardId, questionId, seq, grade, correct, answer, answeredAt, day,
           responseMs, easinessBefore, intervalBefore, repetitionsBefore, dueBefore, easinessAfter, intervalAfter,
           repetitionsAfter, dueAfter) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      ),
      addStat: p(
        `INSERT INTO "DailyStat" (memberId, day, reviews, correct, points, newCards, clearedDue)
         VALUES (?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT (memberId, day) DO UPDATE SET reviews = reviews + excluded.reviews,
           correct = correct + excluded.correct, points = points + excluded.points,
           newCards = newCards + excluded.newCards
         RETURNING *`,
      ),
      countDue: p(
        `SELECT count(*) AS n FROM "Card" c JOIN "Question" q ON q.id = c.questionId
          WHERE c.memberId = ? AND c.dueAt <= ? AND c.suspendedAt IS NULL AND q.retired = 0`,
      ),
      setCleared: p('UPDATE "DailyStat" SET clearedDue = 1 WHERE memberId = ? AND day = ? RETURNING *'),
      streak: p(
        'UPDATE "Member" SET currentStreak = ?, longestStreak = ?, lastStreakDay = ?, updatedAt = ? WHERE id = ?',
      ),
      advance: p(
        `UPDATE "StudySession" SET step = ?, queue = ?, answered = ?, correct = ?, shownAt = ?, lastFeedback = ?,
           finishedAt = ?, updatedAt = ? WHERE id = ? AND step = ?`,
      ),
      memberCards: p(
        `SELECT c.questionId, c.intervalDays, c.dueAt, c.repetitions, c.suspendedAt FROM "Card" c
           JOIN "Question" q ON q.id = c.questionId WHERE c.memberId = ? AND q.retired = 0`,
      ),
      leeches: p(
        `SELECT c.questionId FROM "Card" c JOIN "Question" q ON q.id = c.questionId
          WHERE c.memberId = ? AND c.suspendedAt IS NOT NULL AND q.retired = 0 ORDER BY c.suspendedAt, c.id`,
      ),
      statsSince: p('SELECT * FROM "DailyStat" WHERE memberId = ? AND day >= ? ORDER BY day'),
      countReviews: p('SELECT count(*) AS n FROM "ReviewLog" WHERE memberId = ? AND undoneAt IS NULL'),
      // One statement where Prisma needs two: the member's streak fields come with the totals.
      board: p(
        `SELECT d.memberId AS memberId, m.displayName AS displayName, m.timezone AS timezone,
                m.currentStreak AS currentStreak, m.longestStreak AS longestStreak,
                m.lastStreakDay AS lastStreakDay,
                SUM(d.points) AS points, SUM(d.reviews) AS reviews, SUM(d.correct) AS correct
           FROM "Membership" ms
           JOIN "DailyStat" d ON d.memberId = ms.memberId AND d.day >= ? AND d.day <= ?
           JOIN "Member" m ON m.id = ms.memberId
          WHERE ms.groupId = ?
          GROUP BY d.memberId`,
      ),
      reminderDue: p(
        `SELECT * FROM "Member" WHERE nextReminderAt <= ? AND remindersEnabled = 1 AND dmsClosed = 0
          ORDER BY nextReminderAt LIMIT ?`,
      ),
      setNextReminder: p('UPDATE "Member" SET nextReminderAt = ?, updatedAt = ? WHERE id = ?'),
      claim: p(
        `INSERT INTO "ReminderDelivery" (memberId, day, status, attempts, nextTryAt, createdAt)
         VALUES (?, ?, 'sending', 1, ?, ?) ON CONFLICT (memberId, day) DO NOTHING`,
      ),
      settle: p('UPDATE "ReminderDelivery" SET status = ?, lastError = ? WHERE memberId = ? AND day = ?'),
      retries: p(
        `SELECT d.memberId, d.day, d.attempts FROM "ReminderDelivery" d
          WHERE d.status = 'retry' AND d.nextTryAt <= ? ORDER BY d.nextTryAt`,
      ),
      questions: p('SELECT id, contentHash, retired FROM "Question"'),
      insertQuestion: p(
        `INSERT INTO "Question" (id, topic, kind, contentHash, retired, createdAt, updatedAt)
         VALUES (?, ?, ?, ?, 0, ?, ?)`,
      ),
      updateQuestion: p(
        'UPDATE "Question" SET topic = ?, kind = ?, contentHash = ?, retired = 0, updatedAt = ? WHERE id = ?',
      ),
      retireQuestion: p('UPDATE "Question" SET retired = 1, updatedAt = ? WHERE id = ?'),
    };
  }

  private get(name: string, ...args: unknown[]): unknown {
    return (this.s[name] as Statement).get(...args);
  }
  private all(name: string, ...args: unknown[]): unknown[] {
    return (this.s[name] as Statement).all(...args);
  }
  private run(name: string, ...args: unknown[]): number {
    return (this.s[name] as Statement).run(...args).changes;
  }

  private present(s: RawSession, queue: QueueItem[], newIds: Set<string>): RawPresented | null {
    for (const item of queue) {
      const question = this.bank.question(item.q);
      if (question === undefined) continue;
      return {
        sessionId: s.id,
        step: s.step,
        question,
        reask: item.reask === true,
        isNew: newIds.has(item.q),
      };
    }
    return null;
  }

  private newQuestionIds(memberId: string, take: number): string[] {
    if (take <= 0) return [];
    const seen = new Set((this.all('seen', memberId) as { questionId: string }[]).map((c) => c.questionId));
    return this.bank.questions
      .filter((q) => !seen.has(q.id))
      .sort((a, b) => this.bank.order(a.id) - this.bank.order(b.id))
      .slice(0, take)
      .map((q) => q.id);
  }

  /** startSession(ctx, memberId) in review mode, all topics. */
  startSession(memberId: string): RawStart {
    const member = this.get('member', memberId) as RawMember | undefined;
    if (member === undefined) throw new Error('unknown member');
    const now = this.clock();
    const today = studyDay(now, member.timezone);
    const open = this.get('openSession', memberId) as RawSession | undefined;
    if (open !== undefined) {
      const q = this.present(
        open,
        JSON.parse(open.queue) as QueueItem[],
        new Set(JSON.parse(open.newIds) as string[]),
      );
      if (q !== null) return { kind: 'question', resumed: true, question: q, dueCount: 0, newCount: 0 };
    }
    let ids = (this.all('dueCards', memberId, now, this.sessionSize) as { questionId: string }[]).map(
      (c) => c.questionId,
    );
    const dueCount = ids.length;
    const stat = this.get('stat', memberId, today) as RawStat | undefined;
    const allowance = Math.max(0, member.newPerDay - (stat?.newCards ?? 0));
    const newIds = this.newQuestionIds(memberId, Math.min(allowance, this.sessionSize - ids.length));
    ids = ids.concat(newIds);
    if (ids.length === 0) {
      this.all('upcoming', memberId, now, 1);
      this.newQuestionIds(memberId, Number.MAX_SAFE_INTEGER);
      return { kind: 'nothing-due' };
    }
    const session = this.db.transaction(() => {
      this.run('closeOpen', now, now, memberId);
      return this.get(
        'createSession',
        memberId,
        JSON.stringify(ids.map((q) => ({ q }))),
        JSON.stringify(newIds),
        now,
        now,
        now,
      ) as RawSession;
    })();
    const q = this.present(session, JSON.parse(session.queue) as QueueItem[], new Set(newIds));
    if (q === null) throw new Error('a new session has no question');
    return { kind: 'question', resumed: false, question: q, dueCount, newCount: newIds.length };
  }

  /** answerQuestion: grade, card, log, day stats, streak, session; returns the next question. */
  answer(input: { memberId: string; sessionId: number; step: number; answer: Answer }): RawAnswer {
    const now = this.clock();
    return this.db.transaction((): RawAnswer => {
      const s = this.get('session', input.sessionId) as RawSession | undefined;
      if (s === undefined || s.memberId !== input.memberId || input.step !== s.step || s.finishedAt !== null)
        return { status: 'stale', next: null, points: 0 };
      const queue = JSON.parse(s.queue) as QueueItem[];
      const newIds = new Set(JSON.parse(s.newIds) as string[]);
      const item = queue[0];
      const question = item === undefined ? undefined : this.bank.question(item.q);
      if (item === undefined || question === undefined || question.kind !== input.answer.kind)
        return { status: 'stale', next: null, points: 0 };
      const rest = queue.slice(1);
      const responseMs = s.shownAt === null ? undefined : Math.max(0, now - s.shownAt);
      const verdict = gradeAnswer(question, input.answer, responseMs);
      const scheduled = s.mode !== 'practice' && item.reask !== true;
      const recorded = scheduled
        ? this.recordReview(
            s.memberId,
            question,
            verdict.grade,
            verdict.correct,
            input.answer,
            responseMs,
            now,
          )
        : null;
      const reaskLater = needsReask(verdict.grade);
      const newQueue = reaskLater ? [...rest, { q: question.id, reask: true as const }] : rest;
      const feedback = {
        questionId: question.id,
        correct: verdict.correct,
        partly: verdict.partly,
        grade: verdict.grade,
        quick: verdict.quick,
        correctAnswer: correctAnswerText(question),
        explanation: question.explanation,
        docs: question.docs,
        correctsNote: question.correctsNote,
        schedule: recorded?.schedule ?? null,
        reaskLater,
        reviewId: recorded?.reviewId ?? null,
        canMarkGuessed: recorded !== null && question.kind !== 'flashcard' && verdict.correct,
        points: recorded?.points ?? 0,
      };
      const finished = newQueue.length === 0;
      const answered = s.answered + 1;
      const correct = s.correct + (verdict.correct ? 1 : 0);
      const summary = finished ? { answered, correct, mode: s.mode } : null;
      const ok = this.run(
        'advance',
        s.step + 1,
        JSON.stringify(newQueue),
        answered,
        correct,
        now,
        JSON.stringify({ feedback, summary }),
        finished ? now : null,
        now,
        s.id,
        s.step,
      );
      if (ok !== 1) throw new Error('session advanced concurrently');
      const advanced: RawSession = { ...s, step: s.step + 1, answered, correct };
      return {
        status: 'recorded',
        next: finished ? null : this.present(advanced, newQueue, newIds),
        points: feedback.points,
      };
    })();
  }

  private recordReview(
    memberId: string,
    question: Question,
    grade: Grade,
    correct: boolean,
    answer: Answer,
    responseMs: number | undefined,
    now: number,
  ) {
    const member = this.get('member', memberId) as RawMember | undefined;
    if (member === undefined) return null;
    const tz = member.timezone;
    const day = studyDay(now, tz);
    let card = this.get('card', memberId, question.id) as RawCard | undefined;
    const isNew = card === undefined;
    card ??= this.get('createCard', memberId, question.id, now, now) as RawCard;
    const after = review(
      { easiness: card.easiness, intervalDays: card.intervalDays, repetitions: card.repetitions },
      grade,
    );
    const dueAt = dueInstant(now, after.intervalDays, tz);
    const lapsed = grade < 3 && card.reviewCount > 0;
    const moved = this.run(
      'updateCardIf',
      after.easiness,
      after.intervalDays,
      after.repetitions,
      card.lapses + (lapsed ? 1 : 0),
      card.reviewCount + 1,
      dueAt,
      now,
      card.id,
      card.reviewCount,
    );
    if (moved !== 1) return null;
    const log = this.get(
      'insertLog',
      memberId,
      card.id,
      question.id,
      card.reviewCount + 1,
      grade,
      correct ? 1 : 0,
      describeAnswer(answer).slice(0, 500),
      now,
      day,
      responseMs ?? null,
      card.easiness,
      card.intervalDays,
      card.repetitions,
      card.dueAt,
      after.easiness,
      after.intervalDays,
      after.repetitions,
      dueAt,
    ) as { id: number };
    let points = reviewPoints(grade, correct);
    let stat = this.get('addStat', memberId, day, 1, correct ? 1 : 0, points, isNew ? 1 : 0) as RawStat;
    if (stat.clearedDue === 0) {
      const endOfDay = dayStart(addDays(day, 1), tz);
      const remaining = (this.get('countDue', memberId, Math.min(now, endOfDay - 1)) as { n: number }).n;
      if (remaining === 0) stat = this.get('setCleared', memberId, day) as RawStat;
    }
    if (dayCounts({ reviews: stat.reviews, clearedDue: stat.clearedDue === 1 })) {
      const advanced = advanceStreak(
        { current: member.currentStreak, longest: member.longestStreak, lastDay: member.lastStreakDay },
        day,
      );
      if (advanced !== null) {
        this.run('streak', advanced.current, advanced.longest, advanced.lastDay, now, memberId);
        const bonus = streakBonus(advanced.current);
        this.get('addStat', memberId, day, 0, 0, bonus, 0);
        points += bonus;
      }
    }
    return {
      reviewId: log.id,
      schedule: { intervalDays: after.intervalDays, dueAt, dueDay: addDays(day, after.intervalDays) },
      points,
    };
  }

  /** getProgress(ctx, memberId) but readiness: the same rows by raw SQL, the same pure summary. */
  progress(memberId: string): Omit<Progress, 'readiness'> {
    const member = this.get('member', memberId) as RawMember | undefined;
    if (member === undefined) throw new Error('unknown member');
    const now = this.clock();
    const today = studyDay(now, member.timezone);
    const cards = (
      this.all('memberCards', memberId) as {
        questionId: string;
        intervalDays: number;
        dueAt: number;
        suspendedAt: number | null;
      }[]
    ).map((c) => ({
      ...c,
      dueAt: new Date(c.dueAt),
      suspendedAt: c.suspendedAt === null ? null : new Date(c.suspendedAt),
    }));
    const leechPrompts = (this.all('leeches', memberId) as { questionId: string }[]).flatMap(
      (l) => this.bank.question(l.questionId)?.prompt ?? [],
    );
    const stats = this.all('statsSince', memberId, addDays(today, -182)) as (RawStat & { day: string })[];
    const reviewsTotal = (this.get('countReviews', memberId) as { n: number }).n;
    return summarizeProgress(this.bank, { member, cards, stats, reviewsTotal, leechPrompts }, now);
  }

  /** getLeaderboard(ctx, groupId, period, memberId): the rows by raw SQL, the same ranking. */
  leaderboard(groupId: string, period: Period, memberId?: string): Leaderboard {
    const now = this.clock();
    const { from, to } = periodRange(period, now);
    const rows = this.all('board', from ?? '', to ?? '9999-12-31', groupId) as (Omit<RawMember, 'id'> & {
      memberId: string;
      points: number;
      reviews: number;
      correct: number;
    })[];
    const entries = rankBoard(rows, now);
    return { groupId, period, from, entries, me: entries.find((e) => e.memberId === memberId) ?? null };
  }

  /** store.membersWithReminderDue(now, take). */
  membersWithReminderDue(now: number, take: number): RawMember[] {
    return this.all('reminderDue', now, take) as RawMember[];
  }

  /**
   * claimDueReminders(ctx): selection in batches until nobody due is left, claim (one delivery
   * per member and local date), session.
   */
  claimDueReminders(batch = 500): { memberId: string; day: string; due: number }[] {
    const now = this.clock();
    const jobs: { memberId: string; day: string; due: number }[] = [];
    for (;;) {
      const members = this.membersWithReminderDue(now, batch);
      if (members.length === 0) break;
      for (const member of members) this.claimOne(member, now, jobs);
    }
    // Retries due (none in the benchmark, but the query runs as in the core).
    this.all('retries', now);
    return jobs;
  }

  private claimOne(
    member: RawMember,
    now: number,
    jobs: { memberId: string; day: string; due: number }[],
  ): void {
    const day = calendarDate(now, member.timezone);
    const next = nextReminderAfter(now, member.timezone, member.reminderMinute);
    const claimed = this.db.transaction(() => {
      this.run('setNextReminder', next, now, member.id);
      return this.run('claim', member.id, day, now, now) === 1;
    })();
    if (!claimed) return;
    const start = this.startSession(member.id);
    if (start.kind !== 'question') {
      this.run('settle', 'skipped', 'nothing due or new', member.id, day);
      return;
    }
    const due = (this.get('countDue', member.id, now) as { n: number }).n;
    jobs.push({ memberId: member.id, day, due });
  }

  /** store.syncQuestions(bank.questions). */
  syncQuestions(questions: Question[]): { added: number; updated: number; retired: number; revived: number } {
    const rows = this.all('questions') as { id: string; contentHash: string; retired: number }[];
    const existing = new Map(rows.map((r) => [r.id, r]));
    const inBank = new Set(questions.map((q) => q.id));
    const result = { added: 0, updated: 0, retired: 0, revived: 0 };
    const creates: Question[] = [];
    const updates: { q: Question; hash: string }[] = [];
    const hashes = new Map<string, string>();
    for (const q of questions) {
      const hash = contentHash(q);
      hashes.set(q.id, hash);
      const row = existing.get(q.id);
      if (row === undefined) {
        creates.push(q);
        result.added++;
      } else if (row.contentHash !== hash || row.retired === 1) {
        if (row.retired === 1) result.revived++;
        else result.updated++;
        updates.push({ q, hash });
      }
    }
    const retire = rows.filter((r) => r.retired === 0 && !inBank.has(r.id)).map((r) => r.id);
    result.retired = retire.length;
    if (creates.length + updates.length + retire.length === 0) return result;
    const now = Date.now();
    this.db.transaction(() => {
      for (const q of creates) this.run('insertQuestion', q.id, q.topic, q.kind, hashes.get(q.id), now, now);
      for (const u of updates) this.run('updateQuestion', u.q.topic, u.q.kind, u.hash, now, u.q.id);
      for (const id of retire) this.run('retireQuestion', now, id);
    })();
    return result;
  }
}

function describeAnswer(answer: Answer): string {
  switch (answer.kind) {
    case 'choice':
      return answer.picks.map((i) => 'ABCDE'[i] ?? '?').join(',');
    case 'truefalse':
      return String(answer.value);
    case 'text':
      return answer.text;
    case 'flashcard':
      return `self-graded ${answer.grade}`;
  }
}
