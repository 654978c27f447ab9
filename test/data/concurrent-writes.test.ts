import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { ensureMember } from '../../src/core/members.ts';
import { answerQuestion, startSession } from '../../src/core/study/index.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import type { Database } from '../../src/data/db.ts';
import { Store } from '../../src/data/store.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { eachProvider } from '../support/providers.ts';
import { GROUP, rightAnswer } from '../support/study.ts';

/**
 * Writes racing each other, as several bot processes (or one busy process) make them. Each
 * test runs the race through two stores on two connections (pools), like two processes. On
 * SQLite they take turns at the write lock; on PostgreSQL they run side by side as SERIALIZABLE
 * transactions and the loser of a conflict is rolled back and run again: either way each use
 * case's read-then-write logic sees no other write in between, so a race records once.
 */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const RACERS = 20;

eachProvider((provider) => {
  let t: TestDb;
  let other: Database;
  let ctxs: CoreContext[];
  beforeEach(async () => {
    t = await createTestDb(provider);
    other = await t.open();
    const clock = new TestClock(T0);
    ctxs = [makeContext(t.store, clock), makeContext(new Store(other), clock)];
    await syncBank(t.store, ctxs[0]?.bank.questions ?? [], new Date(T0));
  });
  afterEach(async () => {
    await Promise.all(ctxs.map((c) => c.store.drain()));
    await other.close();
    await t.close();
  });

  /** The i-th racer's context: alternating between the two "processes". */
  const ctx = (i: number) => ctxs[i % 2] as CoreContext;
  const racers = <T>(fn: (c: CoreContext, i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: RACERS }, (_, i) => fn(ctx(i), i)));

  describe('writes racing on one member', () => {
    it(`GIVEN ${RACERS} read-modify-write increments of one member at once THEN none is lost`, async () => {
      await ensureMember(ctx(0), { memberId: 'm1', displayName: 'Ann', locale: null, group: null });
      await racers((c) =>
        c.store.write(async ({ members }) => {
          const m = await members.find('m1');
          if (m === null) throw new Error('no member');
          await members.update('m1', { currentStreak: m.currentStreak + 1 }, new Date(T0));
        }),
      );
      expect((await t.prisma.member.findUnique({ where: { id: 'm1' } }))?.currentStreak).toBe(RACERS);
    });

    it(`GIVEN ${RACERS} first interactions of a new member at once THEN one member and one membership exist`, async () => {
      const results = await racers((c) =>
        ensureMember(c, { memberId: 'm1', displayName: 'Ann', locale: 'ko', group: GROUP }),
      );
      expect(new Set(results.map((r) => r.member.id))).toEqual(new Set(['m1']));
      expect(await t.prisma.member.count()).toBe(1);
      expect(await t.prisma.membership.count({ where: { memberId: 'm1' } })).toBe(1);
    });

    it(`GIVEN ${RACERS} session starts of one member at once THEN one session is opened and every start shows its first question`, async () => {
      await ensureMember(ctx(0), { memberId: 'm1', displayName: 'Ann', locale: null, group: null });
      const starts = await racers((c) => startSession(c, 'm1'));
      const shown = starts.map((s) =>
        s.kind === 'question' ? `${s.question.sessionId}:${s.question.step}` : s.kind,
      );
      expect(new Set(shown).size).toBe(1);
      expect(starts.filter((s) => s.kind === 'question' && !s.resumed)).toHaveLength(1);
      expect(await t.prisma.studySession.count({ where: { memberId: 'm1' } })).toBe(1);
    });

    it(`GIVEN ${RACERS} answers to the same step at once THEN one review is recorded and the others replay its feedback`, async () => {
      await ensureMember(ctx(0), { memberId: 'm1', displayName: 'Ann', locale: null, group: null });
      const start = await startSession(ctx(0), 'm1');
      if (start.kind !== 'question') throw new Error('expected a question');
      const q = start.question;
      const input = { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer: rightAnswer(q) };
      const results = await racers((c) => answerQuestion(c, input));
      const recorded = results.filter((r) => r.status === 'recorded');
      expect(recorded).toHaveLength(1);
      expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(RACERS - 1);
      const feedback = (r: (typeof results)[number]) => ('feedback' in r ? r.feedback : null);
      for (const r of results) expect(feedback(r)).toEqual(feedback(recorded[0] ?? r));
      expect(await t.prisma.reviewLog.count()).toBe(1);
      expect(await t.prisma.card.findMany({ select: { reviewCount: true } })).toEqual([{ reviewCount: 1 }]);
      expect(await t.prisma.dailyStat.findMany({ select: { reviews: true, newCards: true } })).toEqual([
        { reviews: 1, newCards: 1 },
      ]);
      const session = await t.prisma.studySession.findUnique({ where: { id: q.sessionId } });
      expect(session).toMatchObject({ step: q.step + 1, answered: 1 });
    });
  });

  describe('writes racing on different members', () => {
    it(`GIVEN ${RACERS} members each answering a whole session at once THEN every review and day total is recorded`, async () => {
      const ids = Array.from({ length: RACERS }, (_, i) => `m${i}`);
      await racers((c, i) =>
        ensureMember(c, { memberId: ids[i] ?? '', displayName: `M${i}`, locale: null, group: GROUP }),
      );
      const answered = await racers(async (c, i) => {
        const memberId = ids[i] ?? '';
        const start = await startSession(c, memberId);
        let q = start.kind === 'question' ? start.question : null;
        let n = 0;
        while (q !== null) {
          const r = await answerQuestion(c, {
            memberId,
            sessionId: q.sessionId,
            step: q.step,
            answer: rightAnswer(q),
          });
          if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
          n++;
          q = r.next;
        }
        return n;
      });
      const perMember = ctx(0).bank.questions.length;
      expect(answered).toEqual(ids.map(() => perMember));
      expect(await t.prisma.reviewLog.count()).toBe(RACERS * perMember);
      const stats = await t.prisma.dailyStat.findMany();
      expect(stats).toHaveLength(RACERS);
      for (const s of stats) expect(s).toMatchObject({ reviews: perMember, correct: perMember });
    });
  });
});
