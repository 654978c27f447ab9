import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../../src/core/settings.ts';
import { type PresentedQuestion, type SessionMode, undoReview } from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { answerAll, answerShown, firstQuestion as firstQuestionOf, join } from '../../support/study.ts';

/** Where an undone answer's question is asked again, and what that session's counters say. */
const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
const env = useCore(T0);

const start = (options: { topic?: string; mode?: SessionMode } = {}) =>
  firstQuestionOf(env.ctx, 'm1', options);
const answer = (q: PresentedQuestion, right = true) => answerShown(env.ctx, env.clock, q, right);

/** Answers right until the session ends; returns the questions asked. */
async function finish(first: PresentedQuestion): Promise<string[]> {
  const asked: string[] = [];
  let q: PresentedQuestion | null = first;
  while (q !== null) {
    asked.push(q.question.id);
    q = (await answer(q, true)).next;
  }
  return asked;
}

async function undone(): Promise<PresentedQuestion> {
  const r = await undoReview(env.ctx, 'm1');
  if (r.status !== 'undone') throw new Error(`expected undone, got ${r.reason}`);
  return r.question;
}

const session = (id: number) => env.db.prisma.studySession.findUniqueOrThrow({ where: { id } });

describe('ask again: in the session that took the answer', () => {
  it('GIVEN two right answers WHEN the second is undone THEN it is asked next, the rest of the queue stays, answered and correct each go back by one', async () => {
    await join(env.ctx, 'm1');
    const q1 = await start();
    const r1 = await answer(q1, true);
    const q2 = r1.next as PresentedQuestion;
    await answer(q2, true);
    expect(await session(q1.sessionId)).toMatchObject({ answered: 2, correct: 2 });

    const again = await undone();
    expect(again).toMatchObject({
      sessionId: q1.sessionId,
      position: 2,
      total: 10,
      reask: false,
      isNew: true,
      question: { id: q2.question.id },
    });
    const row = await session(q1.sessionId);
    expect(row).toMatchObject({ answered: 1, correct: 1, finishedAt: null, openFor: 'm1' });
    const queue = JSON.parse(row.queue) as { q: string }[];
    expect(queue).toHaveLength(9);
    expect(queue[0]).toEqual({ q: q2.question.id });
  });

  it('GIVEN a reviewed card answered wrong after a right answer WHEN it is undone THEN it is asked again, not as new; the right answer stays counted and its re-ask is gone', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 3 });
    await answerAll(ctx, clock, 'm1');
    clock.now = T0 + DAY;
    const q1 = await start();
    expect(q1).toMatchObject({ total: 6, isNew: false });
    const r1 = await answer(q1, true);
    const q2 = r1.next as PresentedQuestion;
    const r2 = await answer(q2, false);
    expect(r2.next?.total).toBe(7); // the re-ask queued

    const again = await undone();
    expect(again).toMatchObject({
      sessionId: q1.sessionId,
      position: 2,
      total: 6,
      reask: false,
      isNew: false,
      question: { id: q2.question.id },
    });
    const row = await session(q1.sessionId);
    expect(row).toMatchObject({ answered: 1, correct: 1 });
    expect(JSON.parse(row.queue).filter((i: { q: string }) => i.q === q2.question.id)).toEqual([
      { q: q2.question.id },
    ]);
  });
});

describe('ask again: elsewhere when the session that took the answer has ended', () => {
  it.each(['review', 'extra-new'] as const)(
    'GIVEN the answer ended its session and a %s session opened since WHEN it is undone THEN it is asked first in that open session, as new, its counters untouched; the ended session stays ended',
    async (mode) => {
      await join(env.ctx, 'm1');
      await updateSettings(env.ctx, 'm1', { newPerDay: 20 });
      const first = await start({ topic: 'alpha' });
      const asked = await finish(first);
      const open = await start({ topic: 'beta', mode });
      expect(open).toMatchObject({ mode, position: 1 });

      const again = await undone();
      expect(again).toMatchObject({
        sessionId: open.sessionId,
        mode,
        position: 1,
        total: open.total + 1,
        reask: false,
        isNew: true,
        question: { id: asked.at(-1) },
      });
      expect(await session(open.sessionId)).toMatchObject({ answered: 0, correct: 0, openFor: 'm1' });
      const ended = await session(first.sessionId);
      expect(ended.openFor).toBeNull();
      expect(ended.finishedAt).not.toBeNull();
      expect(ended).toMatchObject({ answered: asked.length, correct: asked.length });
      expect(await env.db.prisma.studySession.count()).toBe(2);
    },
  );

  it('GIVEN practice answered since, still open WHEN the review before it is undone THEN practice makes way for a new review session asking it as new', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    const { asked } = await answerAll(ctx, clock, 'm1');
    const practice = await start({ mode: 'practice' });
    const p = await answer(practice, true);
    expect(p.feedback.reviewId).toBeNull();
    expect(p.next).not.toBeNull();

    const again = await undone();
    expect(again).toMatchObject({
      mode: 'review',
      position: 1,
      total: 1,
      isNew: true,
      question: { id: asked.at(-1) },
    });
    expect(again.sessionId).not.toBe(practice.sessionId);
    expect(await session(again.sessionId)).toMatchObject({ mode: 'review', openFor: 'm1', finishedAt: null });
    const closed = await session(practice.sessionId);
    expect(closed.openFor).toBeNull();
    expect(closed.finishedAt).not.toBeNull();
    expect(await db.prisma.studySession.count({ where: { finishedAt: null } })).toBe(1);
  });

  it('GIVEN a reviewed card answered last, practice open since WHEN it is undone THEN the new review session asks it, not as new', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 1 });
    await answerAll(ctx, clock, 'm1');
    await updateSettings(ctx, 'm1', { newPerDay: 0 });
    clock.now = T0 + DAY;
    const asked = await finish(await start());
    expect(asked).toHaveLength(1);
    await start({ mode: 'practice' });

    const again = await undone();
    expect(again).toMatchObject({ mode: 'review', total: 1, isNew: false, question: { id: asked[0] } });
  });

  it('GIVEN more practice sessions answered since than the undo looks back over, none open WHEN the review is undone THEN it is still asked again, as new, in a review session', async () => {
    await join(env.ctx, 'm1');
    await updateSettings(env.ctx, 'm1', { newPerDay: 1 });
    const [asked] = await finish(await start());
    for (let i = 0; i < 5; i++) {
      const practice = await start({ mode: 'practice' });
      expect(await finish(practice)).toEqual([asked]);
    }
    expect(await env.db.prisma.studySession.count({ where: { finishedAt: null } })).toBe(0);

    const again = await undone();
    expect(again).toMatchObject({ mode: 'review', reask: false, isNew: true, question: { id: asked } });
    expect(await session(again.sessionId)).toMatchObject({ mode: 'review', openFor: 'm1' });
  });
});

describe('undo after a re-ask', () => {
  it('GIVEN a re-ask answered after the latest scheduled answer WHEN that answer is undone THEN its session takes the question back once: re-ask gone, answered back by one', async () => {
    await join(env.ctx, 'm1');
    await updateSettings(env.ctx, 'm1', { newPerDay: 2 });
    const a = await start();
    const b = (await answer(a, false)).next; // queue [B, A*]
    if (b === null) throw new Error('expected B');
    const aAgain = (await answer(b, false)).next; // [A*, B*]
    expect(aAgain).toMatchObject({ reask: true, question: { id: a.question.id } });
    if (aAgain === null) throw new Error('expected the re-ask of A');
    await answer(aAgain, true); // [B*]: the re-ask records no review
    const back = await undone();
    expect(back).toMatchObject({ sessionId: a.sessionId, reask: false, question: { id: b.question.id } });
    const row = await env.db.prisma.studySession.findUniqueOrThrow({ where: { id: a.sessionId } });
    expect(JSON.parse(row.queue)).toEqual([{ q: b.question.id }]);
    expect(row).toMatchObject({ answered: 2, correct: 1 });
    // Answered right, the question is not asked a third time: the session ends.
    expect(await finish(back)).toEqual([b.question.id]);
  });
});
