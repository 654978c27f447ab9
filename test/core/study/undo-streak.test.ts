import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../../src/bank/load.ts';
import { indexBank } from '../../../src/core/context.ts';
import { updateSettings } from '../../../src/core/settings.ts';
import { answerQuestion, startSession, undoReview } from '../../../src/core/study/index.ts';
import { reviewPoints } from '../../../src/domain/progress.ts';
import { useCore } from '../../support/core.ts';
import { answerAll, join, rightAnswer } from '../../support/study.ts';

/** On the real bank: what an undo leaves of the streak, on a day that counts and on one that does not. */
const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0, {
  bank: indexBank(loadBank(path.resolve(import.meta.dirname, '../../../questions'))),
  sessionSize: 12,
});

describe('undo on a day that still counts', () => {
  it('GIVEN 12 answers today WHEN one is undone THEN the day still counts: the streak and its bonus stay, the review and its points go', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 12 });
    await answerAll(ctx, clock, 'm1');
    const day = { memberId_day: { memberId: 'm1', day: '2026-03-02' } };
    const before = await db.prisma.dailyStat.findUniqueOrThrow({ where: day });
    expect(before.reviews).toBeGreaterThanOrEqual(12);
    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    const after = await db.prisma.dailyStat.findUniqueOrThrow({ where: day });
    const standing = await db.prisma.reviewLog.findMany({ where: { memberId: 'm1', undoneAt: null } });
    expect(after.reviews).toBe(before.reviews - 1);
    expect(after.clearedDue).toBe(false);
    // The first streak day's bonus (2) stays: 11 reviews still count on their own.
    expect(after.points).toBe(standing.reduce((n, l) => n + reviewPoints(l.grade as 1, l.correct), 0) + 2);
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toMatchObject({
      currentStreak: 1,
      lastStreakDay: '2026-03-02',
    });
  });

  it("GIVEN a day that has not counted yet WHEN its only review is undone THEN the member's streak row is left as it was", async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 3 });
    await answerAll(ctx, clock, 'm1');
    clock.now = T0 + 86_400_000;
    const start = await startSession(ctx, 'm1');
    if (start.kind !== 'question') throw new Error('expected a question');
    expect(start.dueCount).toBe(3);
    clock.advance(2_000);
    const q = start.question;
    await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: q.sessionId,
      step: q.step,
      answer: rightAnswer(q),
    });
    const day = { memberId_day: { memberId: 'm1', day: '2026-03-03' } };
    expect(await db.prisma.dailyStat.findUniqueOrThrow({ where: day })).toMatchObject({
      reviews: 1,
      clearedDue: false,
    });
    const member = await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
    expect(member).toMatchObject({ currentStreak: 1, lastStreakDay: '2026-03-02' });

    clock.advance(60_000);
    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    expect(await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).toEqual(member);
    expect(await db.prisma.dailyStat.findUniqueOrThrow({ where: day })).toMatchObject({
      reviews: 0,
      points: 0,
    });
  });
});
