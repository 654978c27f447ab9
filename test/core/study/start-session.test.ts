import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../../src/core/settings.ts';
import {
  answerQuestion,
  currentQuestion,
  type StartResult,
  startSession,
} from '../../../src/core/study/index.ts';
import { seedDueCard } from '../../support/cards.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  describe('starting a session', () => {
    it('GIVEN a new member WHEN they start THEN new cards up to the session size come in curriculum order', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const start = await startSession(ctx, 'm1');
      expect(start.kind).toBe('question');
      if (start.kind !== 'question') return;
      expect(start.newCount).toBe(ctx.bank.questions.length);
      expect(start.question.isNew).toBe(true);
      // Curriculum order interleaves topics (1st of each topic, then 2nd...), written before generated.
      const { asked } = await answerAll(ctx, clock, 'm1');
      expect(asked).toEqual([
        'alpha-choice',
        'beta-one',
        'alpha-multi',
        'beta-two',
        'alpha-tf',
        'alpha-text',
        'alpha-card',
        'a-vs-b.speed.1',
        'a-vs-b.speed.2',
        'a-vs-b.speed.3',
      ]);
    });

    it('GIVEN a daily limit of 2 new cards THEN a session offers 2 and then says nothing is due, offering more', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 2 });
      const { answered, after } = await answerAll(ctx, clock, 'm1');
      expect(answered).toBe(2);
      expect(after).toMatchObject({ kind: 'nothing-due', newLeftToday: 0 });
      if (after.kind === 'nothing-due') expect(after.unseen).toBe(ctx.bank.questions.length - 2);
    });

    it('GIVEN a topic filter THEN only that topic is asked, and an unknown topic is refused with the list', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const s = await startSession(ctx, 'm1', { topic: 'beta' });
      if (s.kind !== 'question') throw new Error();
      expect(s.question.question.topic).toBe('beta');
      expect(s.question.topicTitle).toEqual({ en: 'Beta topic' });
      await expect(startSession(ctx, 'm1', { topic: 'gamma' })).rejects.toMatchObject({
        code: 'unknown-topic',
        params: { topic: 'gamma' },
        suggestions: ['alpha', 'beta'],
      });
    });

    it('GIVEN an open practice session WHEN the member asks for a review THEN a review session starts instead of resuming practice', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      clock.now = T0 + 3_600_000;
      const practice = await startSession(ctx, 'm1', { mode: 'practice' });
      expect(practice.kind).toBe('question');
      const review = await startSession(ctx, 'm1');
      expect(review.kind).toBe('nothing-due');
    });
  });

  const HOUR = 3_600_000;

  /** A card of `questionId` reviewed before, due at `dueAt`. */
  const dueCard = (memberId: string, questionId: string, dueAt: number) =>
    seedDueCard(env.db, T0, memberId, questionId, dueAt);

  function question(start: StartResult) {
    if (start.kind !== 'question') throw new Error(`expected a question, got ${start.kind}`);
    return start;
  }

  describe('what a review session asks', () => {
    it('GIVEN due cards THEN the most overdue come first, due exactly now included, then new cards in curriculum order', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 2 });
      await dueCard('m1', 'alpha-tf', T0 - HOUR);
      await dueCard('m1', 'beta-two', T0 - 5 * HOUR);
      await dueCard('m1', 'alpha-text', T0);
      await dueCard('m1', 'alpha-card', T0 + 1);
      const start = question(await startSession(ctx, 'm1'));
      expect(start).toMatchObject({ resumed: false, dueCount: 3, newCount: 2 });
      expect(start.question).toMatchObject({ position: 1, total: 5, isNew: false, mode: 'review' });
      const { asked } = await answerAll(ctx, clock, 'm1');
      expect(asked).toEqual(['beta-two', 'alpha-tf', 'alpha-text', 'alpha-choice', 'beta-one']);
    });

    it('GIVEN more due cards than the session holds THEN only the most overdue, and no new card', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const ids = ['alpha-choice', 'alpha-multi', 'alpha-tf', 'alpha-text'];
      for (const [i, id] of ids.entries()) await dueCard('m1', id, T0 - (i + 1) * HOUR);
      const start = question(await startSession({ ...ctx, sessionSize: 3 }, 'm1'));
      expect(start).toMatchObject({ dueCount: 3, newCount: 0 });
      expect(start.question.question.id).toBe('alpha-text');
      expect(start.question.total).toBe(3);
    });

    it('GIVEN due cards and room left THEN new cards fill the session up to its size', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await dueCard('m1', 'alpha-tf', T0 - HOUR);
      const start = question(await startSession({ ...ctx, sessionSize: 3 }, 'm1'));
      expect(start).toMatchObject({ dueCount: 1, newCount: 2 });
    });

    it('GIVEN new cards already introduced today THEN only the rest of the daily limit is offered', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 3 });
      await answerAll(ctx, clock, 'm1'); // introduces 3
      await updateSettings(ctx, 'm1', { newPerDay: 5 });
      const start = question(await startSession(ctx, 'm1'));
      expect(start).toMatchObject({ dueCount: 0, newCount: 2 });
    });

    it('GIVEN a daily limit used up THEN "more new cards" still introduces a session of new cards, in curriculum order', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 0 });
      expect(await startSession(ctx, 'm1')).toMatchObject({
        kind: 'nothing-due',
        newLeftToday: 0,
        unseen: 10,
      });
      const extra = question(await startSession({ ...ctx, sessionSize: 4 }, 'm1', { mode: 'extra-new' }));
      expect(extra).toMatchObject({ dueCount: 0, newCount: 4 });
      expect(extra.question).toMatchObject({ mode: 'extra-new', isNew: true, total: 4 });
      expect(extra.question.question.id).toBe('alpha-choice');
    });

    it('GIVEN a card due WHEN more new cards are asked for THEN the session holds only new cards', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await dueCard('m1', 'beta-two', T0 - HOUR);
      const extra = question(await startSession({ ...ctx, sessionSize: 3 }, 'm1', { mode: 'extra-new' }));
      expect(extra).toMatchObject({ dueCount: 0, newCount: 3 });
      expect(extra.question).toMatchObject({ isNew: true, total: 3, question: { id: 'alpha-choice' } });
    });

    it('GIVEN a weak card THEN a drill asks it without counting it as due or new', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1', (p) =>
        p.question.id === 'beta-one' ? wrongAnswer(p) : rightAnswer(p),
      );
      const drill = question(await startSession(ctx, 'm1', { mode: 'drill' }));
      expect(drill).toMatchObject({ dueCount: 0, newCount: 0 });
      expect(drill.question).toMatchObject({
        mode: 'drill',
        isNew: false,
        total: 1,
        question: { id: 'beta-one' },
      });
    });

    it('GIVEN nothing due THEN practice asks the soonest upcoming cards without counting them as due or new', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await dueCard('m1', 'alpha-tf', T0 + 48 * HOUR);
      await dueCard('m1', 'beta-two', T0 + 24 * HOUR);
      const practice = question(await startSession(ctx, 'm1', { mode: 'practice' }));
      expect(practice).toMatchObject({ dueCount: 0, newCount: 0 });
      expect(practice.question).toMatchObject({ mode: 'practice', total: 2 });
      expect(practice.question.question.id).toBe('beta-two');
    });
  });

  describe('when nothing is due', () => {
    it('GIVEN cards coming due later THEN it says when the next is due, how many new cards are left today and unseen, and that practice is possible', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 0 });
      await dueCard('m1', 'alpha-tf', T0 + 48 * HOUR);
      await dueCard('m1', 'beta-two', T0 + 24 * HOUR);
      expect(await startSession(ctx, 'm1')).toEqual({
        kind: 'nothing-due',
        nextDueAt: T0 + 24 * HOUR,
        newLeftToday: 0,
        unseen: 8,
        canPracticeAhead: true,
        topic: undefined,
      });
      expect(await startSession(ctx, 'm1', { topic: 'beta' })).toEqual({
        kind: 'nothing-due',
        nextDueAt: T0 + 24 * HOUR,
        newLeftToday: 0,
        unseen: 1,
        canPracticeAhead: true,
        topic: 'beta',
      });
    });

    it('GIVEN no cards at all THEN there is no next due date and nothing to practise', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 0 });
      expect(await startSession(ctx, 'm1')).toMatchObject({
        kind: 'nothing-due',
        nextDueAt: null,
        canPracticeAhead: false,
        unseen: 10,
      });
      expect(await startSession(ctx, 'm1', { mode: 'practice' })).toMatchObject({ kind: 'nothing-due' });
    });

    it('GIVEN someone unknown THEN the start is refused', async () => {
      await expect(startSession(env.ctx, 'nobody')).rejects.toMatchObject({ code: 'unknown-member' });
    });
  });

  describe('resuming', () => {
    it('GIVEN an open review session THEN starting again resumes it at its question, without counting due or new again', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const first = question(await startSession(ctx, 'm1'));
      const again = question(await startSession(ctx, 'm1'));
      expect(again).toMatchObject({ resumed: true, dueCount: 0, newCount: 0 });
      expect(again.question).toEqual(first.question);
      // Any topic resumes it too when no topic is asked for, and so does the topic it was opened for.
      const beta = question(await startSession(ctx, 'm1', { topic: 'beta' }));
      expect(beta.resumed).toBe(false);
      expect(question(await startSession(ctx, 'm1')).question.sessionId).toBe(beta.question.sessionId);
      expect(question(await startSession(ctx, 'm1', { topic: 'beta' })).resumed).toBe(true);
      const alpha = question(await startSession(ctx, 'm1', { topic: 'alpha' }));
      expect(alpha.resumed).toBe(false);
      expect(alpha.question.sessionId).not.toBe(beta.question.sessionId);
    });

    it('GIVEN an open session left with only a re-ask and nothing else due or new today THEN a start resumes the re-ask', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 1 });
      const q = question(await startSession(ctx, 'm1')).question;
      await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: wrongAnswer(q),
      });
      const again = question(await startSession(ctx, 'm1'));
      expect(again).toMatchObject({ resumed: true, question: { sessionId: q.sessionId, reask: true } });
    });

    it('GIVEN an open review session WHEN practice or more new cards are asked for THEN a new session replaces it', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const review = question(await startSession(ctx, 'm1'));
      const extra = question(await startSession(ctx, 'm1', { mode: 'extra-new' }));
      expect(extra.resumed).toBe(false);
      expect(extra.question.sessionId).not.toBe(review.question.sessionId);
      expect(await currentQuestion(ctx, 'm1', review.question.sessionId)).toBeNull();
      clock.advance(1_000);
      expect(question(await startSession(ctx, 'm1', { mode: 'extra-new' })).resumed).toBe(false);
    });

    it('GIVEN five starts at once THEN one session is opened and every start shows its question', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const starts = await Promise.all(Array.from({ length: 5 }, () => startSession(ctx, 'm1')));
      const ids = new Set(starts.map((s) => question(s).question.sessionId));
      expect(ids.size).toBe(1);
      expect(starts.filter((s) => question(s).resumed)).toHaveLength(4);
      expect(await db.prisma.studySession.count()).toBe(1);
    });
  });

  describe('a stored session that cannot be read', () => {
    it('GIVEN an open session whose queue or list of new cards is not readable THEN it has no question, an answer finds it gone and a start opens a fresh one', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      for (const broken of [{ queue: 'not json' }, { newIds: '{"a":1}' }]) {
        const start = question(await startSession(ctx, 'm1'));
        const id = start.question.sessionId;
        await db.prisma.studySession.update({ where: { id }, data: broken });
        expect(await currentQuestion(ctx, 'm1', id)).toBeNull();
        const input = { memberId: 'm1', sessionId: id, step: 0, answer: rightAnswer(start.question) };
        expect(await answerQuestion(ctx, input)).toEqual({ status: 'stale', reason: 'gone', next: null });
        const fresh = question(await startSession(ctx, 'm1'));
        expect(fresh.resumed).toBe(false);
        expect(fresh.question.sessionId).not.toBe(id);
        expect((await db.prisma.studySession.findUniqueOrThrow({ where: { id } })).finishedAt).not.toBeNull();
      }
      expect(await db.prisma.reviewLog.count()).toBe(0);
    });

    it('GIVEN a session stored with a mode this version does not know THEN its question is shown as a review', async () => {
      const { ctx, db } = env;
      await join(ctx, 'm1');
      const id = question(await startSession(ctx, 'm1')).question.sessionId;
      await db.prisma.studySession.update({ where: { id }, data: { mode: 'cram' } });
      expect(await currentQuestion(ctx, 'm1', id)).toMatchObject({ mode: 'review' });
    });
  });

  describe('the current question of a session', () => {
    it('GIVEN the member’s open session THEN its question; another member’s, an unknown or a finished one THEN none', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      await updateSettings(ctx, 'm1', { newPerDay: 1 });
      const start = question(await startSession(ctx, 'm1'));
      const id = start.question.sessionId;
      expect(await currentQuestion(ctx, 'm1', id)).toEqual(start.question);
      expect(await currentQuestion(ctx, 'm2', id)).toBeNull();
      expect(await currentQuestion(ctx, 'm1', id + 100)).toBeNull();
      await answerAll(ctx, clock, 'm1');
      expect(await currentQuestion(ctx, 'm1', id)).toBeNull();
    });
  });
});
