import { describe, expect, it } from 'vitest';
import { indexBank } from '../../../src/core/context.ts';
import { updateSettings } from '../../../src/core/settings.ts';
import {
  type AnswerInput,
  answerQuestion,
  currentQuestion,
  type PresentedQuestion,
  startSession,
} from '../../../src/core/study/index.ts';
import type { Answer } from '../../../src/domain/grading.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  /** A new member whose review session holds two new cards: alpha-choice, then beta-one. */
  async function twoCardSession(): Promise<PresentedQuestion> {
    await join(env.ctx, 'm1');
    await updateSettings(env.ctx, 'm1', { newPerDay: 2 });
    const s = await startSession(env.ctx, 'm1');
    if (s.kind !== 'question') throw new Error(`expected a question, got ${s.kind}`);
    expect(s.question.question.id).toBe('alpha-choice');
    return s.question;
  }

  function send(q: PresentedQuestion, answer: Answer, extra: Partial<AnswerInput> = {}) {
    env.clock.advance(2_000);
    return answerQuestion(env.ctx, {
      memberId: 'm1',
      sessionId: q.sessionId,
      step: q.step,
      answer,
      ...extra,
    });
  }

  async function recorded(q: PresentedQuestion, answer: Answer) {
    const r = await send(q, answer);
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    return r;
  }

  const logCount = () => env.db.prisma.reviewLog.count();

  describe('the session summary', () => {
    it('GIVEN a session answered to its end THEN only the answer that ends it carries the summary (answers, right ones, mode) and the session is closed', async () => {
      const q1 = await twoCardSession();
      const r1 = await recorded(q1, rightAnswer(q1));
      expect(r1.summary).toBeNull();
      if (r1.next === null) throw new Error('expected beta-one');
      const r2 = await recorded(r1.next, wrongAnswer(r1.next));
      expect(r2.summary).toBeNull();
      expect(r2.next).toMatchObject({ reask: true, question: { id: 'beta-one' }, position: 3, total: 3 });
      if (r2.next === null) throw new Error();
      const r3 = await recorded(r2.next, rightAnswer(r2.next));
      expect(r3.next).toBeNull();
      expect(r3.summary).toEqual({ answered: 3, correct: 2, mode: 'review' });
      const row = await env.db.prisma.studySession.findUniqueOrThrow({ where: { id: q1.sessionId } });
      expect(row).toMatchObject({ answered: 3, correct: 2, step: 3, openFor: null, queue: '[]' });
      expect(row.finishedAt?.getTime()).toBe(env.clock.now);
    });
  });

  describe('a step sent again', () => {
    it('GIVEN the last answer of a session sent again THEN its feedback and summary are replayed and nothing more is logged; an older step is refused as answered', async () => {
      const q1 = await twoCardSession();
      const r1 = await recorded(q1, rightAnswer(q1));
      if (r1.next === null) throw new Error();
      const last = r1.next;
      const r2 = await recorded(last, rightAnswer(last));
      expect(r2.summary).not.toBeNull();
      expect(await send(last, rightAnswer(last))).toEqual({
        status: 'duplicate',
        feedback: r2.feedback,
        next: null,
        summary: r2.summary,
      });
      // Two steps back: no feedback of its own to replay.
      expect(await send(q1, rightAnswer(q1))).toEqual({ status: 'stale', reason: 'answered', next: null });
      expect(await logCount()).toBe(2);
    });

    it('GIVEN a step ahead of the session THEN it is refused as answered and the current question comes back', async () => {
      const q = await twoCardSession();
      const r = await send({ ...q, step: q.step + 1 }, rightAnswer(q));
      expect(r).toEqual({ status: 'stale', reason: 'answered', next: q });
      expect(await logCount()).toBe(0);
    });

    it('GIVEN a session replaced by a new one after its first answer THEN that answer sent again replays it with no next question, and its current step is refused as finished', async () => {
      const q1 = await twoCardSession();
      const r1 = await recorded(q1, rightAnswer(q1));
      if (r1.next === null) throw new Error();
      await startSession(env.ctx, 'm1', { mode: 'extra-new' });
      expect(await send(q1, rightAnswer(q1))).toEqual({
        status: 'duplicate',
        feedback: r1.feedback,
        next: null,
        summary: null,
      });
      expect(await send(r1.next, rightAnswer(r1.next))).toEqual({
        status: 'stale',
        reason: 'finished',
        next: null,
      });
      expect(await logCount()).toBe(1);
    });
  });

  describe('a question removed from the bank', () => {
    it('GIVEN the current question gone from the bank THEN the next one is shown, an answer skips the gone one without counting it, and the summary counts only what was answered', async () => {
      const q1 = await twoCardSession();
      const bank = indexBank({
        ...env.ctx.bank,
        questions: env.ctx.bank.questions.filter((x) => x.id !== 'alpha-choice'),
      });
      const ctx = { ...env.ctx, bank };
      const shown = await currentQuestion(ctx, 'm1', q1.sessionId);
      expect(shown).toMatchObject({ step: 0, question: { id: 'beta-one' } });
      if (shown === null) throw new Error();
      const input = { memberId: 'm1', sessionId: q1.sessionId, step: 0, answer: rightAnswer(shown) };
      const skipped = await answerQuestion(ctx, input);
      expect(skipped).toMatchObject({
        status: 'stale',
        reason: 'removed',
        next: { step: 1, question: { id: 'beta-one' } },
      });
      // The same step again: nothing was answered, so there is no feedback to replay.
      expect(await answerQuestion(ctx, input)).toMatchObject({ status: 'stale', reason: 'answered' });
      const r = await answerQuestion(ctx, { ...input, step: 1 });
      expect(r).toMatchObject({
        status: 'recorded',
        next: null,
        summary: { answered: 1, correct: 1, mode: 'review' },
      });
      const logs = await env.db.prisma.reviewLog.findMany();
      expect(logs.map((l) => l.questionId)).toEqual(['beta-one']);
    });
    it('GIVEN the questions after the current one gone from the bank THEN answering it ends the session with its summary', async () => {
      const q1 = await twoCardSession();
      const bank = indexBank({
        ...env.ctx.bank,
        questions: env.ctx.bank.questions.filter((x) => x.id === q1.question.id),
      });
      const ctx = { ...env.ctx, bank };
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q1.sessionId,
        step: 0,
        answer: rightAnswer(q1),
      });
      expect(r).toMatchObject({ status: 'recorded', next: null, summary: { answered: 1, correct: 1 } });
      const row = await env.db.prisma.studySession.findUniqueOrThrow({ where: { id: q1.sessionId } });
      expect(row).toMatchObject({ openFor: null, queue: '[]' });
      expect(row.finishedAt).not.toBeNull();
    });
  });

  describe('answers refused', () => {
    it('GIVEN an answer of another kind than the question THEN it is refused as the wrong kind, the question comes back and nothing is logged', async () => {
      const q = await twoCardSession();
      expect(await send(q, { kind: 'truefalse', value: true })).toEqual({
        status: 'stale',
        reason: 'wrong-kind',
        next: q,
      });
      expect(await logCount()).toBe(0);
    });

    it('GIVEN picks of which one is past the options THEN the whole answer is refused as no such option', async () => {
      const q = await twoCardSession();
      const r = await send(q, { kind: 'choice', picks: [q.order.indexOf(0), 3] });
      expect(r).toEqual({ status: 'stale', reason: 'no-such-option', next: q });
      expect(await logCount()).toBe(0);
    });

    it('GIVEN the order the question was shown in sent with the answer THEN the answer is recorded', async () => {
      const q = await twoCardSession();
      const r = await send(q, rightAnswer(q), { order: [...q.order] });
      expect(r).toMatchObject({ status: 'recorded', feedback: { correct: true } });
      expect(await logCount()).toBe(1);
    });

    it('GIVEN another member’s session or an unknown one THEN the answer finds no session and nothing is logged', async () => {
      const q = await twoCardSession();
      await join(env.ctx, 'm2');
      const input = { sessionId: q.sessionId, step: q.step, answer: rightAnswer(q) };
      expect(await answerQuestion(env.ctx, { ...input, memberId: 'm2' })).toEqual({
        status: 'stale',
        reason: 'gone',
        next: null,
      });
      expect(
        await answerQuestion(env.ctx, { ...input, memberId: 'm1', sessionId: q.sessionId + 100 }),
      ).toEqual({
        status: 'stale',
        reason: 'gone',
        next: null,
      });
      expect(await logCount()).toBe(0);
    });
  });
});
