import type { Card, StudySession, Tx } from '../data/store.ts';
import { addDays, dayStart, dueInstant, studyDay } from '../domain/day.ts';
import { type Answer, GUESSED_GRADE, gradeAnswer } from '../domain/grading.ts';
import { advanceStreak, dayCounts, reviewPoints, streakAsOf, streakBonus } from '../domain/progress.ts';
import { correctAnswerText, type Question } from '../domain/question.ts';
import { type Grade, needsReask, review } from '../domain/sm2.ts';
import { type CoreContext, UserError } from './context.ts';

/**
 * Review sessions. A session is a persisted queue of questions, so it resumes after a restart
 * and buttons can carry only (session id, step). The step is the session's version: an answer
 * counts only when it names the current step, so a double click, a retry or a second device
 * records one review.
 */

export type SessionMode = 'review' | 'extra-new' | 'practice';
type QueueItem = { q: string; reask?: true };

export type PresentedQuestion = {
  sessionId: number;
  step: number;
  /** 1-based position in the session, and the session's current length (re-asks included). */
  position: number;
  total: number;
  mode: SessionMode;
  reask: boolean;
  isNew: boolean;
  question: Question;
  topicTitle: string;
};

export type NothingDue = {
  kind: 'nothing-due';
  nextDueAt: number | null;
  newLeftToday: number;
  unseen: number;
  canPracticeAhead: boolean;
  topic: string | undefined;
};

export type StartResult =
  | { kind: 'question'; resumed: boolean; question: PresentedQuestion; dueCount: number; newCount: number }
  | NothingDue;

export type Feedback = {
  questionId: string;
  correct: boolean;
  partly: boolean;
  grade: Grade;
  quick: boolean;
  correctAnswer: string;
  explanation: string;
  docs: string | undefined;
  correctsNote: boolean;
  /** Where this answer moved the schedule; null for practice and re-asks. */
  schedule: { intervalDays: number; dueAt: number; dueDay: string } | null;
  reaskLater: boolean;
  reviewId: number | null;
  canMarkGuessed: boolean;
  points: number;
};

export type SessionSummary = { answered: number; correct: number; mode: SessionMode };

export type AnswerResult =
  | {
      status: 'recorded' | 'duplicate';
      feedback: Feedback;
      next: PresentedQuestion | null;
      summary: SessionSummary | null;
    }
  | { status: 'stale'; message: string; next: PresentedQuestion | null }
  | { status: 'retired'; message: string; next: PresentedQuestion | null };

function parseQueue(s: StudySession): QueueItem[] {
  return JSON.parse(s.queue) as QueueItem[];
}

function present(
  ctx: CoreContext,
  s: StudySession,
  queue: QueueItem[],
  newIds: Set<string>,
): PresentedQuestion | null {
  for (const item of queue) {
    const question = ctx.bank.question(item.q);
    if (question === undefined) continue;
    return {
      sessionId: s.id,
      step: s.step,
      position: s.answered + 1,
      total: s.answered + queue.length,
      mode: s.mode as SessionMode,
      reask: item.reask === true,
      isNew: newIds.has(item.q),
      question,
      topicTitle: ctx.bank.topic(question.topic)?.title ?? question.topic,
    };
  }
  return null;
}

function checkTopic(ctx: CoreContext, topic: string | undefined): void {
  if (topic !== undefined && ctx.bank.topic(topic) === undefined) {
    throw new UserError(
      'unknown-topic',
      `There is no topic "${topic}".`,
      ctx.bank.topics.map((t) => t.id),
    );
  }
}

async function newQuestionIds(
  ctx: CoreContext,
  memberId: string,
  topic: string | undefined,
  take: number,
): Promise<string[]> {
  if (take <= 0) return [];
  const seen = new Set((await ctx.store.seenQuestionIds(memberId)).map((c) => c.questionId));
  return ctx.bank.questions
    .filter((q) => !seen.has(q.id) && (topic === undefined || q.topic === topic))
    .sort((a, b) => ctx.bank.order(a.id) - ctx.bank.order(b.id))
    .slice(0, take)
    .map((q) => q.id);
}

async function newLeftToday(
  ctx: CoreContext,
  memberId: string,
  newPerDay: number,
  today: string,
): Promise<number> {
  const stat = await ctx.store.dailyStat(memberId, today);
  return Math.max(0, newPerDay - (stat?.newCards ?? 0));
}

/**
 * Starts or resumes a session. `review`: due cards (most overdue first), then new ones up to
 * the daily limit, capped at the session size. `extra-new`: new cards beyond today's limit.
 * `practice`: the soonest upcoming cards, ahead of schedule, without moving the schedule.
 */
export async function startSession(
  ctx: CoreContext,
  memberId: string,
  options: { topic?: string | undefined; mode?: SessionMode } = {},
): Promise<StartResult> {
  const { topic } = options;
  const mode = options.mode ?? 'review';
  checkTopic(ctx, topic);
  const member = await ctx.store.findMember(memberId);
  if (member === null) throw new UserError('unknown-member', 'Unknown member.');
  const now = ctx.clock();
  const today = studyDay(now, member.timezone);

  const open = await ctx.store.openSession(memberId);
  if (
    open !== null &&
    mode === 'review' &&
    open.mode === 'review' &&
    (topic === undefined || open.topic === topic)
  ) {
    const q = present(ctx, open, parseQueue(open), new Set(JSON.parse(open.newIds) as string[]));
    if (q !== null) return { kind: 'question', resumed: true, question: q, dueCount: 0, newCount: 0 };
  }

  let ids: string[] = [];
  let dueCount = 0;
  let newIds: string[] = [];
  if (mode === 'practice') {
    ids = (await ctx.store.upcomingCards(memberId, new Date(now), topic, ctx.sessionSize)).map(
      (c) => c.questionId,
    );
  } else {
    if (mode === 'review') {
      ids = (await ctx.store.dueCards(memberId, new Date(now), topic, ctx.sessionSize)).map(
        (c) => c.questionId,
      );
      dueCount = ids.length;
    }
    const allowance =
      mode === 'review' ? await newLeftToday(ctx, memberId, member.newPerDay, today) : ctx.sessionSize;
    newIds = await newQuestionIds(ctx, memberId, topic, Math.min(allowance, ctx.sessionSize - ids.length));
    ids = ids.concat(newIds);
  }
  if (ids.length === 0) {
    const upcoming = await ctx.store.upcomingCards(memberId, new Date(now), topic, 1);
    const unseen = (await newQuestionIds(ctx, memberId, topic, Number.MAX_SAFE_INTEGER)).length;
    return {
      kind: 'nothing-due',
      nextDueAt: upcoming[0]?.dueAt.getTime() ?? null,
      newLeftToday: await newLeftToday(ctx, memberId, member.newPerDay, today),
      unseen,
      canPracticeAhead: upcoming.length > 0,
      topic,
    };
  }
  const session = await ctx.store.write(async (tx) => {
    await ctx.store.closeOpenSessions(tx, memberId, new Date(now));
    return ctx.store.createSession(tx, {
      memberId,
      topic: topic ?? null,
      mode,
      queue: JSON.stringify(ids.map((q) => ({ q }))),
      newIds: JSON.stringify(newIds),
      shownAt: new Date(now),
      createdAt: new Date(now),
      updatedAt: new Date(now),
    });
  });
  const q = present(ctx, session, parseQueue(session), new Set(newIds));
  if (q === null) throw new Error('a new session has no question');
  return { kind: 'question', resumed: false, question: q, dueCount, newCount: newIds.length };
}

export async function currentQuestion(
  ctx: CoreContext,
  memberId: string,
  sessionId: number,
): Promise<PresentedQuestion | null> {
  const s = await ctx.store.findSession(ctx.store.db, sessionId);
  if (s === null || s.memberId !== memberId || s.finishedAt !== null) return null;
  return present(ctx, s, parseQueue(s), new Set(JSON.parse(s.newIds) as string[]));
}

/** Applies a scheduled review to the card, the log, the day's stats and the streak. */
async function recordReview(
  ctx: CoreContext,
  tx: Tx,
  args: {
    memberId: string;
    question: Question;
    grade: Grade;
    correct: boolean;
    answerText: string;
    responseMs: number | undefined;
    now: number;
  },
): Promise<{ reviewId: number; schedule: NonNullable<Feedback['schedule']>; points: number } | null> {
  const { memberId, question, grade, correct, now } = args;
  const member = await ctx.store.findMember(memberId, tx);
  if (member === null) return null;
  const tz = member.timezone;
  const day = studyDay(now, tz);
  let card: Card | null = await ctx.store.findCard(tx, memberId, question.id);
  const isNew = card === null;
  card ??= await ctx.store.createCard(tx, memberId, question.id, new Date(now));
  const after = review(
    { easiness: card.easiness, intervalDays: card.intervalDays, repetitions: card.repetitions },
    grade,
  );
  const dueAt = dueInstant(now, after.intervalDays, tz);
  const lapsed = grade < 3 && card.reviewCount > 0;
  const moved = await ctx.store.updateCardIf(tx, card, {
    easiness: after.easiness,
    intervalDays: after.intervalDays,
    repetitions: after.repetitions,
    lapses: card.lapses + (lapsed ? 1 : 0),
    reviewCount: card.reviewCount + 1,
    dueAt: new Date(dueAt),
    lastReviewedAt: new Date(now),
  });
  if (!moved) return null;
  const log = await ctx.store.insertReview(tx, {
    memberId,
    cardId: card.id,
    questionId: question.id,
    seq: card.reviewCount + 1,
    grade,
    correct,
    answer: args.answerText.slice(0, 500),
    answeredAt: new Date(now),
    day,
    responseMs: args.responseMs ?? null,
    easinessBefore: card.easiness,
    intervalBefore: card.intervalDays,
    repetitionsBefore: card.repetitions,
    dueBefore: card.dueAt,
    easinessAfter: after.easiness,
    intervalAfter: after.intervalDays,
    repetitionsAfter: after.repetitions,
    dueAfter: new Date(dueAt),
  });
  let points = reviewPoints(grade, correct);
  let stat = await ctx.store.addDailyStat(tx, memberId, day, {
    reviews: 1,
    correct: correct ? 1 : 0,
    points,
    newCards: isNew ? 1 : 0,
  });
  if (!stat.clearedDue) {
    const endOfDay = dayStart(addDays(day, 1), tz);
    // "Cleared" means nothing left that is due today; cards just pushed to tomorrow don't count.
    const remaining = await ctx.store.countDue(tx, memberId, new Date(Math.min(now, endOfDay - 1)));
    if (remaining === 0) stat = await ctx.store.setClearedDue(tx, memberId, day);
  }
  if (dayCounts(stat)) {
    const advanced = advanceStreak(
      { current: member.currentStreak, longest: member.longestStreak, lastDay: member.lastStreakDay },
      day,
    );
    if (advanced !== null) {
      await ctx.store.updateMember(tx, memberId, {
        currentStreak: advanced.current,
        longestStreak: advanced.longest,
        lastStreakDay: advanced.lastDay,
      });
      const bonus = streakBonus(advanced.current);
      await ctx.store.addDailyStat(tx, memberId, day, { points: bonus });
      points += bonus;
    }
  }
  return {
    reviewId: log.id,
    schedule: { intervalDays: after.intervalDays, dueAt, dueDay: addDays(day, after.intervalDays) },
    points,
  };
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

/**
 * Grades an answer to the session's current question. Scheduled items move the card (SM-2),
 * append to the review log and update the day's stats; re-asks and practice only give feedback.
 */
export async function answerQuestion(
  ctx: CoreContext,
  input: { memberId: string; sessionId: number; step: number; answer: Answer },
): Promise<AnswerResult> {
  const now = ctx.clock();
  const result = await ctx.store.write(async (tx): Promise<AnswerResult> => {
    const s = await ctx.store.findSession(tx, input.sessionId);
    if (s === null || s.memberId !== input.memberId) {
      return {
        status: 'stale',
        message: 'That quiz is no longer available. Start a new one with /quiz.',
        next: null,
      };
    }
    const queue = parseQueue(s);
    const newIds = new Set(JSON.parse(s.newIds) as string[]);
    if (input.step !== s.step) {
      const next = s.finishedAt === null ? present(ctx, s, queue, newIds) : null;
      if (input.step === s.step - 1 && s.lastFeedback !== null) {
        const last = JSON.parse(s.lastFeedback) as { feedback: Feedback; summary: SessionSummary | null };
        return { status: 'duplicate', feedback: last.feedback, next, summary: last.summary };
      }
      return { status: 'stale', message: 'You already answered that question.', next };
    }
    const item = queue[0];
    if (item === undefined || s.finishedAt !== null) {
      return { status: 'stale', message: 'This quiz is finished. Start another with /quiz.', next: null };
    }
    const question = ctx.bank.question(item.q);
    const rest = queue.slice(1);
    if (question === undefined) {
      await ctx.store.advanceSession(tx, s.id, s.step, {
        step: s.step + 1,
        queue: JSON.stringify(rest),
        shownAt: new Date(now),
        finishedAt: rest.length === 0 ? new Date(now) : null,
        updatedAt: new Date(now),
      });
      const advanced = { ...s, step: s.step + 1 };
      return {
        status: 'retired',
        message: 'That question was removed from the bank, so it was skipped.',
        next: present(ctx, advanced, rest, newIds),
      };
    }
    if (question.kind !== input.answer.kind) {
      return {
        status: 'stale',
        message: 'That answer does not fit the current question.',
        next: present(ctx, s, queue, newIds),
      };
    }
    const responseMs = s.shownAt === null ? undefined : Math.max(0, now - s.shownAt.getTime());
    const verdict = gradeAnswer(question, input.answer, responseMs);
    const scheduled = s.mode !== 'practice' && item.reask !== true;
    const recorded = scheduled
      ? await recordReview(ctx, tx, {
          memberId: s.memberId,
          question,
          grade: verdict.grade,
          correct: verdict.correct,
          answerText: describeAnswer(input.answer),
          responseMs,
          now,
        })
      : null;
    const reaskLater = needsReask(verdict.grade);
    const newQueue = reaskLater ? [...rest, { q: question.id, reask: true as const }] : rest;
    const feedback: Feedback = {
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
    const summary: SessionSummary | null = finished
      ? { answered, correct, mode: s.mode as SessionMode }
      : null;
    const ok = await ctx.store.advanceSession(tx, s.id, s.step, {
      step: s.step + 1,
      queue: JSON.stringify(newQueue),
      answered,
      correct,
      shownAt: new Date(now),
      lastFeedback: JSON.stringify({ feedback, summary }),
      finishedAt: finished ? new Date(now) : null,
      updatedAt: new Date(now),
    });
    if (!ok) throw new Error('session advanced concurrently inside the write lock');
    const advanced: StudySession = { ...s, step: s.step + 1, answered, correct };
    return {
      status: 'recorded',
      feedback,
      next: finished ? null : present(ctx, advanced, newQueue, newIds),
      summary,
    };
  });
  return result;
}

/**
 * "I guessed": turns a correct objective answer into grade 3 and recomputes the card from the
 * state before that review. Only the card's latest review can be changed.
 */
export async function markGuessed(
  ctx: CoreContext,
  memberId: string,
  reviewId: number,
): Promise<Feedback['schedule'] | null> {
  return ctx.store.write(async (tx) => {
    const log = await ctx.store.findReview(tx, reviewId);
    if (log === null || log.memberId !== memberId || !log.correct || log.grade === GUESSED_GRADE) return null;
    if (log.card.reviewCount !== log.seq) return null;
    const member = await ctx.store.findMember(memberId, tx);
    if (member === null) return null;
    const after = review(
      { easiness: log.easinessBefore, intervalDays: log.intervalBefore, repetitions: log.repetitionsBefore },
      GUESSED_GRADE,
    );
    const answeredAt = log.answeredAt.getTime();
    const dueAt = dueInstant(answeredAt, after.intervalDays, member.timezone);
    await ctx.store.restoreCard(tx, log.cardId, {
      easiness: after.easiness,
      intervalDays: after.intervalDays,
      repetitions: after.repetitions,
      dueAt: new Date(dueAt),
    });
    await ctx.store.updateReview(tx, log.id, {
      grade: GUESSED_GRADE,
      easinessAfter: after.easiness,
      intervalAfter: after.intervalDays,
      repetitionsAfter: after.repetitions,
      dueAfter: new Date(dueAt),
    });
    const pointsDelta = reviewPoints(GUESSED_GRADE, true) - reviewPoints(log.grade as Grade, true);
    await ctx.store.addDailyStat(tx, memberId, log.day, { points: pointsDelta });
    return { intervalDays: after.intervalDays, dueAt, dueDay: addDays(log.day, after.intervalDays) };
  });
}

/** Streak as shown to the member today. */
export function currentStreak(
  member: { currentStreak: number; longestStreak: number; lastStreakDay: string | null; timezone: string },
  now: number,
): number {
  return streakAsOf(
    { current: member.currentStreak, longest: member.longestStreak, lastDay: member.lastStreakDay },
    studyDay(now, member.timezone),
  );
}
