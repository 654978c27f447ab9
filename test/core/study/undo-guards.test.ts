import { describe, expect, it } from 'vitest';
import { indexBank } from '../../../src/core/context.ts';
import { updateSettings } from '../../../src/core/settings.ts';
import { type PresentedQuestion, undoReview } from '../../../src/core/study/index.ts';
import { syncBank } from '../../../src/core/sync-bank.ts';
import { useCore } from '../../support/core.ts';
import { answerShown, firstQuestion as firstQuestionOf, join } from '../../support/study.ts';

/** What an undo refuses: an older Undo button, a card answered since, a question gone from the bank. */
const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const HOUR = 3_600_000;
const env = useCore(T0);

const firstQuestion = () => firstQuestionOf(env.ctx);
const answer = (q: PresentedQuestion, right = true) => answerShown(env.ctx, env.clock, q, right);

const undoneRows = () => env.db.prisma.reviewLog.count({ where: { undoneAt: { not: null } } });

/** The bank without `questionId`, synced: the question retired, as after a bank update. */
async function withoutQuestion(questionId: string) {
  const questions = env.ctx.bank.questions.filter((q) => q.id !== questionId);
  await syncBank(env.db.store, questions, new Date(env.clock.now));
  return { ...env.ctx, bank: indexBank({ ...env.ctx.bank, questions }) };
}

describe('undo: an older Undo button', () => {
  it('GIVEN two answers WHEN the Undo button of the first is clicked THEN it is refused and nothing moves; the Undo of the second still works', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    const q1 = await firstQuestion();
    const r1 = await answer(q1, true);
    const q2 = r1.next as PresentedQuestion;
    const r2 = await answer(q2, true);
    const cards = await db.prisma.card.findMany({ orderBy: { id: 'asc' } });
    const session = await db.prisma.studySession.findUniqueOrThrow({ where: { id: q1.sessionId } });

    expect(await undoReview(ctx, 'm1', r1.feedback.reviewId ?? 0)).toEqual({
      status: 'refused',
      reason: 'not-latest',
    });
    expect(await undoneRows()).toBe(0);
    expect(await db.prisma.card.findMany({ orderBy: { id: 'asc' } })).toEqual(cards);
    expect(await db.prisma.studySession.findUniqueOrThrow({ where: { id: q1.sessionId } })).toEqual(session);

    const undone = await undoReview(ctx, 'm1', r2.feedback.reviewId ?? 0);
    expect(undone).toMatchObject({ status: 'undone', question: { question: { id: q2.question.id } } });
  });
});

describe('undo: a card answered again since, on another study day', () => {
  it("GIVEN the member moved timezones and answered the card again on their next study day WHEN they undo in the earlier day's timezone THEN the earlier review is refused: the card has moved on", async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { timezone: 'Pacific/Kiritimati', newPerDay: 1 }); // UTC+14
    clock.now = Date.parse('2026-03-02T15:00:00Z'); // 05:00 on 3 March there
    const q = await firstQuestion();
    const r1 = await answer(q, false);
    await answer(r1.next as PresentedQuestion, true); // the re-ask: nothing recorded
    // Due at the start of 4 March there (14:00 UTC); answered again on that study day.
    clock.now = Date.parse('2026-03-03T16:00:00Z');
    const again = await firstQuestion();
    expect(again.question.id).toBe(q.question.id);
    await answer(again, true);
    const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    expect(card.reviewCount).toBe(2);

    // UTC-12: it is 04:00 on 3 March, the study day of the first review, still its latest.
    await updateSettings(ctx, 'm1', { timezone: 'Etc/GMT+12' });
    expect(await undoReview(ctx, 'm1')).toEqual({ status: 'refused', reason: 'not-latest' });
    expect(await undoReview(ctx, 'm1', r1.feedback.reviewId ?? 0)).toEqual({
      status: 'refused',
      reason: 'not-latest',
    });
    expect(await undoneRows()).toBe(0);
    expect(await db.prisma.card.findFirstOrThrow({ where: { id: card.id } })).toEqual(card);
    expect((await db.prisma.reviewLog.findMany({ where: { cardId: card.id } })).map((l) => l.day)).toEqual([
      '2026-03-03',
      '2026-03-04',
    ]);
  });
});

describe('undo: a question gone from the bank', () => {
  it('GIVEN the latest review is of a question since removed from the bank THEN the undo is refused as removed and nothing changes', async () => {
    const { clock, db } = env;
    await join(env.ctx, 'm1');
    const q = await firstQuestion();
    await answer(q, false);
    const card = await db.prisma.card.findFirstOrThrow({ where: { questionId: q.question.id } });
    clock.advance(HOUR);
    const smaller = await withoutQuestion(q.question.id);

    expect(await undoReview(smaller, 'm1')).toEqual({ status: 'refused', reason: 'removed' });
    expect(await undoneRows()).toBe(0);
    expect(await db.prisma.card.findFirstOrThrow({ where: { id: card.id } })).toEqual(card);
    expect(await db.prisma.dailyStat.findFirstOrThrow({ where: { memberId: 'm1' } })).toMatchObject({
      reviews: 1,
    });
  });

  it('GIVEN the latest review already undone, then its question removed WHEN undo is asked again THEN it is refused as not the latest, not as removed', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    const q = await firstQuestion();
    const r = await answer(q, true);
    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    clock.advance(HOUR);
    const smaller = await withoutQuestion(q.question.id);

    expect(await undoReview(smaller, 'm1')).toEqual({ status: 'refused', reason: 'not-latest' });
    expect(await undoReview(smaller, 'm1', r.feedback.reviewId ?? 0)).toEqual({
      status: 'refused',
      reason: 'not-latest',
    });
    expect(await undoneRows()).toBe(1);
  });
});
