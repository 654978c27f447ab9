import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { indexBank } from '../../src/core/context.ts';
import { ensureMember } from '../../src/core/members.ts';
import { answerQuestion, startSession } from '../../src/core/study/index.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import { Store } from '../../src/data/store.ts';
import type { Question } from '../../src/domain/question.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { eachProvider } from '../support/providers.ts';

const T0 = Date.parse('2026-05-04T09:00:00Z');
eachProvider((provider) => {
  let t: TestDb;
  let clock: TestClock;
  let ctx: CoreContext;

  beforeEach(async () => {
    t = await createTestDb(provider);
    clock = new TestClock(T0);
    ctx = makeContext(t.store, clock);
  });
  afterEach(async () => {
    await t.close();
  });

  const sync = (questions: Question[]) => syncBank(t.store, questions, new Date(clock.now));

  describe('syncing the bank into the database', () => {
    it('GIVEN a first start THEN every question is added, and a second sync changes nothing', async () => {
      expect(await sync(ctx.bank.questions)).toEqual({
        added: ctx.bank.questions.length,
        updated: 0,
        retired: 0,
        revived: 0,
      });
      expect(await sync(ctx.bank.questions)).toEqual({
        added: 0,
        updated: 0,
        retired: 0,
        revived: 0,
      });
    });

    it('GIVEN a reviewed question whose wording changes THEN it is updated and its history is kept', async () => {
      await sync(ctx.bank.questions);
      await ensureMember(ctx, { memberId: 'm1', displayName: 'M', locale: null, group: null });
      const s = await startSession(ctx, 'm1', { topic: 'beta' });
      if (s.kind !== 'question' || s.question.question.kind !== 'truefalse')
        throw new Error('expected beta-one first');
      await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: s.question.sessionId,
        step: 0,
        answer: { kind: 'truefalse', value: true },
      });
      const reworded: Question[] = ctx.bank.questions.map((q) =>
        q.id === 'beta-one' ? { ...q, prompt: 'Strongly consistent reads cost twice as much.' } : q,
      );
      expect(await sync(reworded)).toMatchObject({ updated: 1, added: 0, retired: 0 });
      expect(await t.prisma.reviewLog.count({ where: { questionId: 'beta-one' } })).toBe(1);
      expect(await t.prisma.card.count({ where: { questionId: 'beta-one' } })).toBe(1);
    });

    it('GIVEN a question removed from the bank THEN it is retired, never deleted, and its card is no longer scheduled', async () => {
      await sync(ctx.bank.questions);
      await ensureMember(ctx, { memberId: 'm1', displayName: 'M', locale: null, group: null });
      let q = await startSession(ctx, 'm1', { topic: 'beta' });
      // Answer both beta questions so both have cards due tomorrow.
      while (q.kind === 'question') {
        const question = q.question.question;
        const answer =
          question.kind === 'truefalse'
            ? { kind: 'truefalse' as const, value: question.answer }
            : { kind: 'choice' as const, picks: question.kind === 'choice' ? question.answer : [] };
        const r = await answerQuestion(ctx, {
          memberId: 'm1',
          sessionId: q.question.sessionId,
          step: q.question.step,
          answer,
        });
        if (r.status !== 'recorded' || r.next === null) break;
        q = { ...q, question: r.next };
      }
      const remaining = ctx.bank.questions.filter((x) => x.id !== 'beta-one');
      expect(await sync(remaining)).toMatchObject({ retired: 1 });
      expect(await t.prisma.question.findUnique({ where: { id: 'beta-one' } })).toMatchObject({
        retired: true,
      });
      const smaller = { ...ctx, bank: indexBank({ ...ctx.bank, questions: remaining }) };
      clock.now = T0 + 2 * 86_400_000;
      const next = await startSession(smaller, 'm1', { topic: 'beta' });
      if (next.kind !== 'question') throw new Error('beta-two should be due');
      expect(next.question.question.id).toBe('beta-two');
      expect(next.dueCount).toBe(1);
      expect(await sync(ctx.bank.questions)).toMatchObject({ revived: 1 });
    });

    it('GIVEN two starts at once on a new database (two connections) THEN both sync without error and every question is there once', async () => {
      const other = await t.open();
      try {
        const results = await Promise.all([
          sync(ctx.bank.questions),
          syncBank(new Store(other), ctx.bank.questions, new Date(T0)),
        ]);
        expect(results.map((r) => r.added).sort()).toEqual([0, ctx.bank.questions.length]);
        expect(await t.prisma.question.count()).toBe(ctx.bank.questions.length);
      } finally {
        await other.close();
      }
    });
  });
});
