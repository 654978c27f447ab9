import { describe, expect, it } from 'vitest';
import { getLeaderboard } from '../../../src/core/leaderboard.ts';
import { getProgress } from '../../../src/core/progress.ts';
import { updateSettings } from '../../../src/core/settings.ts';
import {
  answerQuestion,
  markGuessed,
  type PresentedQuestion,
  startSession,
  undoReview,
} from '../../../src/core/study/index.ts';
import { reviewPoints } from '../../../src/domain/progress.ts';
import { useCore } from '../../support/core.ts';
import {
  answerAll,
  answerShown,
  firstQuestion as firstQuestionOf,
  join,
  rightAnswer,
} from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
const env = useCore(T0);

const firstQuestion = (memberId = 'm1') => firstQuestionOf(env.ctx, memberId);
const answer = (q: PresentedQuestion, right = true, memberId = 'm1') =>
  answerShown(env.ctx, env.clock, q, right, memberId);

/** The day's points as the log's standing reviews make them. */
async function logPoints(memberId: string, day: string): Promise<number> {
  const logs = await env.db.prisma.reviewLog.findMany({ where: { memberId, day, undoneAt: null } });
  return logs.reduce((sum, l) => sum + reviewPoints(l.grade as 1, l.correct), 0);
}

describe('undo: the card, the log and the day', () => {
  it('GIVEN a lapse undone THEN the card is back as before, the log row is kept and flagged, and the day no longer counts it', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 1 });
    await answerAll(ctx, clock, 'm1');
    clock.now = T0 + DAY;
    const q = await firstQuestion();
    const cardBefore = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    const r = await answer(q, false);
    const lapsed = await db.prisma.card.findFirstOrThrow({ where: { id: cardBefore.id } });
    expect(lapsed).toMatchObject({ lapses: 1, reviewCount: 2, intervalDays: 1 });

    const undone = await undoReview(ctx, 'm1');
    expect(undone).toMatchObject({ status: 'undone', question: { question: { id: q.question.id } } });
    const card = await db.prisma.card.findFirstOrThrow({ where: { id: cardBefore.id } });
    // Back as it was, except the sequence number: the undone row keeps its seq.
    expect(card).toEqual({ ...cardBefore, reviewCount: 2 });
    const log = await db.prisma.reviewLog.findUniqueOrThrow({ where: { id: r.feedback.reviewId ?? 0 } });
    expect(log.undoneAt?.getTime()).toBe(clock.now);
    const stat = await db.prisma.dailyStat.findUniqueOrThrow({
      where: { memberId_day: { memberId: 'm1', day: '2026-03-03' } },
    });
    expect(stat).toMatchObject({ reviews: 0, correct: 0, points: 0, clearedDue: false });
    expect((await getProgress(ctx, 'm1')).reviewsTotal).toBe(1);

    // Answered again: the next review takes the next seq, and it is a lapse again.
    const again = undone.status === 'undone' ? undone.question : q;
    await answer(again, false);
    const rows = await db.prisma.reviewLog.findMany({ where: { cardId: card.id }, orderBy: { seq: 'asc' } });
    expect(rows.map((x) => [x.seq, x.undoneAt === null])).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
    expect(await db.prisma.card.findFirstOrThrow({ where: { id: card.id } })).toMatchObject({
      lapses: 1,
      reviewCount: 3,
    });
  });

  it('GIVEN the only review of a new card undone THEN the card counts as never reviewed, newCards stays, and answering it again introduces nothing new', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    await answer(q, true);
    await undoReview(ctx, 'm1');
    const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    expect(card).toMatchObject({ lastReviewedAt: null, repetitions: 0, lapses: 0, reviewCount: 1 });
    const day = { memberId_day: { memberId: 'm1', day: '2026-03-02' } };
    expect(await db.prisma.dailyStat.findUniqueOrThrow({ where: day })).toMatchObject({
      reviews: 0,
      newCards: 1,
      points: 0,
    });
    const again = await firstQuestion();
    expect(again).toMatchObject({ isNew: true, question: { id: q.question.id } });
    // Failing it now is no lapse: it was never reviewed.
    await answer(again, false);
    expect(await db.prisma.card.findFirstOrThrow({ where: { id: card.id } })).toMatchObject({ lapses: 0 });
    // 1 for the wrong answer, 2 for the first streak day: nothing else is due, so the day is cleared.
    expect(await db.prisma.dailyStat.findUniqueOrThrow({ where: day })).toMatchObject({
      reviews: 1,
      newCards: 1,
      points: 1 + 2,
      clearedDue: true,
    });
  });

  it('GIVEN the day counted for the streak WHEN its review is undone and the day no longer counts THEN the streak and its bonus go back', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 3 });
    await answerAll(ctx, clock, 'm1');
    clock.now = T0 + DAY;
    await answerAll(ctx, clock, 'm1');
    const day = { memberId_day: { memberId: 'm1', day: '2026-03-03' } };
    const counted = await db.prisma.dailyStat.findUniqueOrThrow({ where: day });
    expect(counted).toMatchObject({ reviews: 6, clearedDue: true });
    expect(counted.points).toBe((await logPoints('m1', '2026-03-03')) + 4);
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({
      currentStreak: 2,
      longestStreak: 2,
      lastStreakDay: '2026-03-03',
    });

    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    const after = await db.prisma.dailyStat.findUniqueOrThrow({ where: day });
    // A card due again today un-clears the day; 5 reviews do not count on their own.
    expect(after).toMatchObject({ reviews: 5, clearedDue: false, newCards: 3 });
    expect(after.points).toBe(await logPoints('m1', '2026-03-03'));
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({
      currentStreak: 1,
      longestStreak: 1,
      lastStreakDay: '2026-03-02',
    });
    const board = await getLeaderboard(ctx, 'g1', 'all', 'm1');
    expect(board.me?.points).toBe((await logPoints('m1', '2026-03-02')) + 2 + after.points);
    expect(board.me?.reviews).toBe(8);

    // Answering it again clears the day: the streak and its bonus come back.
    const again = await startSession(ctx, 'm1');
    if (again.kind !== 'question') throw new Error('expected the question again');
    await answer(again.question, true);
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({
      currentStreak: 2,
      lastStreakDay: '2026-03-03',
    });
    expect((await db.prisma.dailyStat.findUniqueOrThrow({ where: day })).points).toBe(
      (await logPoints('m1', '2026-03-03')) + 4,
    );
  });

  it('GIVEN "I guessed" then undo THEN the state before the review comes back; "I guessed" on an undone review is refused', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r = await answer(q, true);
    const reviewId = r.feedback.reviewId ?? 0;
    expect(await markGuessed(ctx, 'm1', reviewId)).not.toBeNull();
    expect((await undoReview(ctx, 'm1', reviewId)).status).toBe('undone');
    const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    expect(card).toMatchObject({ easiness: 2.5, intervalDays: 0, repetitions: 0, lastReviewedAt: null });
    expect(await markGuessed(ctx, 'm1', reviewId)).toBeNull();
    expect((await db.prisma.reviewLog.findUniqueOrThrow({ where: { id: reviewId } })).grade).toBe(3);
  });

  it('GIVEN a correct answer undone THEN "I guessed" on it is refused and changes nothing', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r = await answer(q, true);
    const reviewId = r.feedback.reviewId ?? 0;
    expect((await undoReview(ctx, 'm1', reviewId)).status).toBe('undone');
    expect(await markGuessed(ctx, 'm1', reviewId)).toBeNull();
    expect((await db.prisma.reviewLog.findUniqueOrThrow({ where: { id: reviewId } })).grade).toBe(
      r.feedback.grade,
    );
    const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    expect(card).toMatchObject({ easiness: 2.5, intervalDays: 0, repetitions: 0 });
    const stat = await db.prisma.dailyStat.findFirstOrThrow({ where: { memberId: 'm1' } });
    expect(stat.points).toBe(0);
  });
});

describe('undo: only the latest review of today, once', () => {
  it('GIVEN two undos in a row THEN the second is refused: only the latest review can be undone', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r1 = await answer(q, true);
    await answer(r1.next as PresentedQuestion, true);
    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    expect(await undoReview(ctx, 'm1')).toEqual({ status: 'refused', reason: 'not-latest' });
    expect(await undoReview(ctx, 'm1', r1.feedback.reviewId ?? 0)).toEqual({
      status: 'refused',
      reason: 'not-latest',
    });
    expect(await db.prisma.reviewLog.count({ where: { undoneAt: { not: null } } })).toBe(1);
  });

  it('GIVEN the same Undo clicked three times at once THEN the review is undone once', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r = await answer(q, false);
    const id = r.feedback.reviewId ?? 0;
    const results = await Promise.all([
      undoReview(ctx, 'm1', id),
      undoReview(ctx, 'm1', id),
      undoReview(ctx, 'm1'),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual(['refused', 'refused', 'undone']);
    expect(await db.prisma.reviewLog.count({ where: { undoneAt: { not: null } } })).toBe(1);
    const session = await db.prisma.studySession.findUniqueOrThrow({ where: { id: q.sessionId } });
    // One undo: the question once at the front, the step moved once.
    expect(session.step).toBe(2);
    expect(JSON.parse(session.queue).filter((i: { q: string }) => i.q === q.question.id)).toHaveLength(1);
  });

  it("GIVEN nothing answered today THEN /undo says so, and yesterday's answer cannot be undone", async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    expect(await undoReview(ctx, 'm1')).toEqual({ status: 'refused', reason: 'nothing' });
    const r = await answer(await firstQuestion(), true);
    clock.now = T0 + DAY;
    expect(await undoReview(ctx, 'm1')).toEqual({ status: 'refused', reason: 'nothing' });
    expect(await undoReview(ctx, 'm1', r.feedback.reviewId ?? 0)).toEqual({
      status: 'refused',
      reason: 'not-latest',
    });
    expect(await undoReview(ctx, 'someone-else')).toEqual({ status: 'refused', reason: 'nothing' });
  });
});

describe('undo: the question is asked again', () => {
  it('GIVEN a wrong answer undone in an open session THEN the question is first again as a scheduled item, its re-ask gone, the counters and step corrected', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r = await answer(q, false);
    const next = r.next as PresentedQuestion;
    expect(next.total).toBe(11); // 10 + the re-ask
    const undone = await undoReview(ctx, 'm1', r.feedback.reviewId ?? 0);
    if (undone.status !== 'undone') throw new Error('expected undone');
    expect(undone.question).toMatchObject({
      sessionId: q.sessionId,
      step: 2,
      position: 1,
      total: 10,
      reask: false,
      isNew: true,
      question: { id: q.question.id },
    });
    const session = await db.prisma.studySession.findUniqueOrThrow({ where: { id: q.sessionId } });
    expect(session).toMatchObject({ answered: 0, correct: 0, lastFeedback: null });
    // The next question's buttons, shown before the undo, are stale now: nothing replays.
    const old = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: next.sessionId,
      step: next.step,
      answer: rightAnswer(next),
    });
    expect(old).toMatchObject({
      status: 'stale',
      reason: 'answered',
      next: { question: { id: q.question.id } },
    });
    const again = await answer(undone.question, true);
    expect(again.feedback.schedule).not.toBeNull();
    expect(again.next?.question.id).toBe(next.question.id);
  });

  it('GIVEN the answer that ended a session undone THEN the session is reopened with that question', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    const { asked } = await answerAll(ctx, clock, 'm1');
    const last = asked.at(-1);
    const undone = await undoReview(ctx, 'm1');
    if (undone.status !== 'undone') throw new Error('expected undone');
    expect(undone.question).toMatchObject({ position: 10, total: 10, question: { id: last } });
    const session = await db.prisma.studySession.findUniqueOrThrow({
      where: { id: undone.question.sessionId },
    });
    expect(session).toMatchObject({ openFor: 'm1', finishedAt: null, answered: 9 });
    expect(await db.prisma.studySession.count()).toBe(1);
  });

  it('GIVEN a practice session open since THEN a new review session asks the question and practice makes way', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    const { asked } = await answerAll(ctx, clock, 'm1');
    const practice = await startSession(ctx, 'm1', { mode: 'practice' });
    if (practice.kind !== 'question') throw new Error('expected practice');
    const undone = await undoReview(ctx, 'm1');
    if (undone.status !== 'undone') throw new Error('expected undone');
    expect(undone.question).toMatchObject({
      mode: 'review',
      position: 1,
      total: 1,
      question: { id: asked.at(-1) },
    });
    expect(undone.question.sessionId).not.toBe(practice.question.sessionId);
    const closed = await db.prisma.studySession.findUniqueOrThrow({
      where: { id: practice.question.sessionId },
    });
    expect(closed.openFor).toBeNull();
  });
});
